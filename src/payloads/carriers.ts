// Database clients as SQL carriers: where each one takes its SQL from, and what that SQL does.
import type { Invocation, Span, Word } from "../shell/model";
import { literalStdin } from "../shell/stdin";
import { findOption, optionValues, parseArgs, type ParsedArgs } from "../rules/args";
import { acceptsAbbreviations } from "../shell/conventions";
import type { ProgramSpec } from "../rules/types";
import type { EvalContext } from "../engine/context";
import { analyzeSql, type SqlStatement } from "./sql";

/** One statement-level fact a rule can match, located in the command text. */
export interface SqlFact {
  kind: string;
  statement?: SqlStatement;
  /** Where the SQL came from: `-c`, `-f FILE`, `stdin`, a positional. */
  origin: string;
  span: Span;
}

interface SqlSource {
  text: string | undefined;
  /** Built from a word with expansions: what the client receives is partly unknown. */
  dynamic?: boolean;
  origin: string;
  span: Span;
}

interface Carrier {
  spec: ProgramSpec;
  /** Options whose value is SQL. */
  inline: string[];
  /** Options whose value is a file of SQL. */
  files: string[];
  /** Positional arguments after the database that are SQL (sqlite3, duckdb). */
  positionalSqlFrom?: number;
}

const PSQL: Carrier = {
  spec: { valued: ["-c", "--command", "-f", "--file", "-d", "--dbname", "-h", "--host", "-p", "--port", "-U", "--username", "-v", "--set", "--variable", "-o", "--output", "-L", "--log-file", "-P", "--pset", "-T", "-F", "-R"], singleDashLong: false },
  inline: ["-c", "--command"],
  files: ["-f", "--file"],
};

const MYSQL: Carrier = {
  // `-p` is not valued: `-pSECRET` attaches, a bare `-p` prompts.
  spec: { valued: ["-e", "--execute", "-u", "--user", "-h", "--host", "-P", "--port", "-D", "--database", "-S", "--socket"], singleDashLong: false },
  inline: ["-e", "--execute"],
  files: [],
};

const SQLITE: Carrier = {
  spec: { valued: ["-cmd", "-init", "-separator", "-newline", "-nullvalue", "-mmap", "-lookaside", "-pagecache", "-vfs", "-maxsize"], singleDashLong: true },
  inline: ["-cmd"],
  files: ["-init"],
  positionalSqlFrom: 1,
};

const DUCKDB: Carrier = {
  spec: { valued: ["-c", "-cmd", "-s", "-init", "-separator", "-newline", "-nullvalue"], singleDashLong: true },
  inline: ["-c", "-cmd", "-s"],
  files: ["-init"],
  positionalSqlFrom: 1,
};

const CLICKHOUSE: Carrier = {
  spec: { valued: ["-q", "--query", "-h", "--host", "--port", "-u", "--user", "-d", "--database", "--password", "--queries-file"], singleDashLong: false },
  inline: ["-q", "--query"],
  files: ["--queries-file"],
};

const SQL_CARRIERS: Record<string, Carrier> = {
  psql: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite3: SQLITE,
  sqlite: SQLITE,
  duckdb: DUCKDB,
  "clickhouse-client": CLICKHOUSE,
};

export function sqlCarrier(program: string): Carrier | undefined {
  return Object.prototype.hasOwnProperty.call(SQL_CARRIERS, program) ? SQL_CARRIERS[program] : undefined;
}

/** A dynamic word's text as the client receives it is unknown; with expansions left in place it still shows the SQL. */
function wordText(word: Word): string {
  return word.dynamic ? word.shellText ?? word.raw : word.value;
}

function sources(invocation: Invocation, carrier: Carrier, parsed: ParsedArgs, ctx: EvalContext): SqlSource[] {
  const out: SqlSource[] = [];
  for (const { value, word, attached } of optionValues(parsed, invocation, carrier.inline)) {
    // An attached value (`--command=SQL`) is already split from its option; an attached one with
    // expansions cannot be split reliably, so it is unknown SQL.
    const text = !attached ? wordText(word) : word.dynamic ? undefined : value;
    out.push({ text, dynamic: word.dynamic, origin: "inline", span: word.span });
  }
  for (const { value, word } of optionValues(parsed, invocation, carrier.files)) {
    const text = word.dynamic || !ctx.readFile ? undefined : ctx.readFile(value);
    out.push({ text, origin: `file ${word.raw}`, span: word.span });
  }
  if (carrier.positionalSqlFrom !== undefined) {
    for (const word of parsed.positionals.slice(carrier.positionalSqlFrom)) {
      out.push({ text: wordText(word), dynamic: word.dynamic, origin: "argument", span: word.span });
    }
  }
  // With no SQL in its arguments a client reads stdin: a heredoc, a here-string, a pipe or a file.
  const hasArgSql = out.length > 0 || findOption(parsed, ["-c", "--command", "-e", "--execute", "-q", "--query"]) !== undefined;
  const stdin = invocation.stdin;
  if (!hasArgSql && stdin) {
    if (stdin.kind === "file") {
      const text = stdin.path.dynamic || !ctx.readFile ? undefined : ctx.readFile(stdin.path.value);
      out.push({ text, origin: `stdin from ${stdin.path.raw}`, span: stdin.span });
    } else {
      out.push({ text: literalStdin(stdin), origin: "stdin", span: stdin.span });
    }
  }
  return out;
}

/** SQL facts for a database client invocation; undefined when the program is not a SQL carrier. */
export function sqlFacts(invocation: Invocation, ctx: EvalContext): SqlFact[] | undefined {
  const carrier = sqlCarrier(invocation.program);
  if (!carrier) return undefined;
  // `psql --comm='DROP …'`: getopt_long clients read a unique prefix as the option.
  const parsed = parseArgs(invocation, { ...carrier.spec, abbreviations: acceptsAbbreviations(invocation.program), known: [...carrier.inline, ...carrier.files] });
  const facts: SqlFact[] = [];
  for (const source of sources(invocation, carrier, parsed, ctx)) {
    if (source.text === undefined) {
      facts.push({ kind: "unknown", origin: source.origin, span: source.span });
      continue;
    }
    const analysis = analyzeSql(source.text);
    // `psql -c "$SQL"`: a statement guard cannot classify, made of expansions, is unknown SQL.
    const opaque = source.dynamic && analysis.statements.some((s) => s.kind === "other");
    if (analysis.truncated || opaque) facts.push({ kind: "unknown", origin: source.origin, span: source.span });
    for (const statement of analysis.statements) facts.push({ kind: statement.kind, statement, origin: source.origin, span: source.span });
  }
  return facts;
}
