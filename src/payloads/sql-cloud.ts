// SQL run through a cloud provider's data API from its CLI (aws athena / redshift-data / rds-data / dynamodb PartiQL, gcloud spanner execute-sql): read like a client's -c.
import type { Invocation, Word } from "../shell/model";
import type { SqlFact } from "./carriers";
import { analyzeSql } from "./sql";
import { wordText } from "../shell/words";
import type { Reader } from "./carriers";

/** One CLI command that runs SQL: the path of words after the program, and the options holding the SQL. */
interface SqlCommand {
  program: string;
  path: string[];
  options: string[];
  /** The option takes several values (`--sqls A B`). */
  list?: boolean;
}

const COMMANDS: SqlCommand[] = [
  { program: "aws", path: ["athena", "start-query-execution"], options: ["--query-string"] },
  { program: "aws", path: ["redshift-data", "execute-statement"], options: ["--sql"] },
  { program: "aws", path: ["redshift-data", "batch-execute-statement"], options: ["--sqls"], list: true },
  { program: "aws", path: ["rds-data", "execute-statement"], options: ["--sql"] },
  { program: "aws", path: ["rds-data", "batch-execute-statement"], options: ["--sql"] },
  { program: "aws", path: ["dynamodb", "execute-statement"], options: ["--statement"] },
  { program: "aws", path: ["dynamodb", "execute-transaction"], options: ["--transact-statements"] },
  { program: "aws", path: ["dynamodb", "batch-execute-statement"], options: ["--statements"] },
  { program: "gcloud", path: ["spanner", "databases", "execute-sql"], options: ["--sql"] },
];

const PROGRAMS = new Set(COMMANDS.map((c) => c.program));

/** Whether the program has a subcommand that runs SQL through a data API. */
export function cloudSqlProgram(program: string): boolean {
  return PROGRAMS.has(program);
}

/** The command's path appears in order among the leading non-option words (global options may come first). */
function matches(argv: Word[], command: SqlCommand): boolean {
  const words = argv.slice(1).filter((w) => !w.dynamic && !w.value.startsWith("-")).slice(0, command.path.length + 4).map((w) => w.value);
  const at = words.indexOf(command.path[0]);
  return at >= 0 && command.path.every((p, i) => words[at + i] === p);
}

/** The option's values: the next word, `--opt=value`, or (a list option) every word up to the next option. */
function values(argv: Word[], names: string[], list: boolean): Word[] {
  const out: Word[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    const eq = w.value.indexOf("=");
    if (!w.dynamic && eq > 0 && names.includes(w.value.slice(0, eq))) out.push({ ...w, value: w.value.slice(eq + 1) });
    else if (!w.dynamic && names.includes(w.value)) {
      for (let j = i + 1; j < argv.length && (argv[j].dynamic || !argv[j].value.startsWith("--")); j++) {
        out.push(argv[j]);
        if (!list) break;
      }
    }
  }
  return out;
}

/** PartiQL statements in a JSON list (`[{"Statement": "DELETE …"}]`); undefined when it is not that. */
function partiqlList(text: string): string[] | undefined {
  if (!/^\s*\[/.test(text)) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    const out = parsed.map((item) => (item && typeof item === "object" ? (item as Record<string, unknown>).Statement : undefined));
    return out.every((s): s is string => typeof s === "string") ? out : undefined;
  } catch {
    return undefined;
  }
}

/** `Statement=DELETE …,Parameters=…` shorthand: the statement text. */
function shorthand(text: string): string[] | undefined {
  const m = /^Statement=([\s\S]*?)(?:,(?:Parameters|ConsistentRead|ReturnValuesOnConditionCheckFailure)=[\s\S]*)?$/.exec(text);
  return m ? [m[1]] : undefined;
}

/** SQL facts of an aws or gcloud command that runs SQL through a data API; empty for every other command. */
export function cloudSqlFacts(invocation: Invocation, ctx: Reader): SqlFact[] {
  if (!PROGRAMS.has(invocation.program)) return [];
  const command = COMMANDS.find((c) => c.program === invocation.program && matches(invocation.argv, c));
  if (!command) return [];
  const origin = `${invocation.program} ${command.path.join(" ")}`;
  const facts: SqlFact[] = [];
  for (const word of values(invocation.argv, command.options, command.list === true)) {
    const unknown = (): SqlFact => ({ kind: "unknown", origin, source: word.dynamic ? "variable" : "file", span: word.span });
    let text: string | undefined = word.dynamic ? wordText(word) : word.value;
    // The AWS CLI reads `file://` and `fileb://` values from the file.
    if (/^fileb?:\/\//.test(text)) text = word.dynamic ? undefined : ctx.readFile?.(text.replace(/^fileb?:\/\//, ""));
    if (text === undefined) {
      facts.push(unknown());
      continue;
    }
    for (const sql of partiqlList(text) ?? shorthand(text) ?? [text]) {
      const analysis = analyzeSql(sql);
      // A statement guard cannot classify that is made of expansions may be anything.
      if (analysis.truncated || (word.dynamic && analysis.statements.some((s) => s.kind === "other"))) facts.push(unknown());
      for (const statement of analysis.statements) facts.push({ kind: statement.kind, statement, origin, source: "inline", span: word.span });
    }
  }
  if (values(invocation.argv, command.options, false).length === 0 && invocation.argv.some((w) => w.value === "--cli-input-json" || w.value.startsWith("--cli-input-json="))) {
    facts.push({ kind: "unknown", origin, source: "file", span: invocation.span });
  }
  return facts;
}

