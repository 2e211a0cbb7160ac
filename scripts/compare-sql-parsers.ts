// Measures PostgreSQL's own parser (the libpg-query WASM build) against guard's SQL lexer on the corpus's SQL:
// how much of it parses, where the two classifications differ, and what loading the WASM parser costs.
//
//   npm install --prefix /tmp/pg libpg-query      (not a dependency of guard)
//   node scripts/run-ts.mjs scripts/compare-sql-parsers.ts /tmp/pg
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { extract } from "../src/shell/extract";
import { exampleContext } from "../src/engine/example-context";
import { payloadsOf } from "../src/payloads";

interface Statement {
  program: string;
  text: string;
  guard: string;
}

function corpusStatements(): Statement[] {
  const ctx = exampleContext();
  const dirs = ["test/corpus", "test/corpus/packs"];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".yaml")).map((f) => join(d, f)));
  const out = new Map<string, Statement>();
  for (const file of files) {
    for (const row of parse(readFileSync(file, "utf8")) as { command: string }[]) {
      for (const inv of extract(row.command, { readFile: ctx.readFile }).invocations) {
        if (inv.program.startsWith("mongo")) continue;
        for (const f of payloadsOf(inv, ctx).sql ?? []) {
          if (f.statement) out.set(`${inv.program}\u0000${f.statement.text}`, { program: inv.program, text: f.statement.text, guard: f.kind });
        }
      }
    }
  }
  return [...out.values()];
}

type Node = Record<string, unknown>;

/** guard's kinds from PostgreSQL's parse tree, for the statement types the rules care about. */
function pgKind(stmt: Node): string {
  const [type, body] = Object.entries(stmt)[0] as [string, Node];
  switch (type) {
    case "DropStmt": {
      const t = String(body.removeType);
      return t === "OBJECT_TABLE" ? "drop-table" : t === "OBJECT_SCHEMA" ? "drop-schema" : t === "OBJECT_INDEX" ? "drop-index" : "drop-other";
    }
    case "DropdbStmt":
      return "drop-database";
    case "DropOwnedStmt":
      return "drop-owned";
    case "DropRoleStmt":
      return "drop-other";
    case "TruncateStmt":
      return "truncate";
    case "DeleteStmt":
      return body.whereClause ? "delete" : "delete-without-where";
    case "UpdateStmt":
      return body.whereClause ? "update" : "update-without-where";
    case "AlterTableStmt": {
      const cmds = (body.cmds as Node[] | undefined) ?? [];
      const drops = cmds.some((c) => /^AT_Drop(Column|Constraint)$/.test(String((c.AlterTableCmd as Node)?.subtype)));
      return drops ? "alter-drop" : "alter";
    }
    case "DoStmt":
    case "ExecuteStmt":
      return "dynamic";
    case "CopyStmt":
      return body.is_program ? "shell-escape" : "other";
    case "SelectStmt":
      return "select";
    case "InsertStmt":
      return "insert";
    default:
      return /^Create/.test(type) ? "create" : "other";
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: compare-sql-parsers.ts DIR-WITH-libpg-query");
  const t0 = process.hrtime.bigint();
  const pg = createRequire(join(dir, "package.json"))("libpg-query") as { loadModule(): Promise<void>; parseSync(sql: string): { stmts: { stmt: Node }[] } };
  const t1 = process.hrtime.bigint();
  await pg.loadModule();
  const t2 = process.hrtime.bigint();
  pg.parseSync("SELECT 1");
  const t3 = process.hrtime.bigint();
  const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(1);
  console.log(`libpg-query: require ${ms(t0, t1)} ms, WASM instantiate ${ms(t1, t2)} ms, first parse ${ms(t2, t3)} ms`);

  const statements = corpusStatements();
  let parsed = 0;
  let agree = 0;
  const rejected: Statement[] = [];
  const differ: string[] = [];
  for (const s of statements) {
    let kinds: string[];
    try {
      kinds = pg.parseSync(s.text).stmts.map((x) => pgKind(x.stmt));
    } catch {
      rejected.push(s);
      continue;
    }
    parsed++;
    if (kinds.includes(s.guard)) agree++;
    else differ.push(`  guard ${s.guard.padEnd(21)} pg ${kinds.join(",").padEnd(21)} ${s.program}: ${s.text.replace(/\s+/g, " ").slice(0, 80)}`);
  }
  console.log(`corpus SQL statements: ${statements.length}; PostgreSQL parses ${parsed}, rejects ${rejected.length}; kinds agree on ${agree} of ${parsed}`);
  console.log("rejected by PostgreSQL's parser (first 25):");
  for (const s of rejected.slice(0, 25)) console.log(`  [${s.guard}] ${s.program}: ${s.text.replace(/\s+/g, " ").slice(0, 90)}`);
  console.log(`classified differently (${differ.length}):`);
  for (const line of differ) console.log(line);
}

void main();
