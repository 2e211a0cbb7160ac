// Target classes for loading an env file into the shell (`source .env`, `export $(grep -v '^#' .env | xargs)`): judged by what the file holds.
import { SOURCED_SECRET, type Invocation, type Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { parseShell } from "../shell/parse";
import { fileKey } from "../shell/written";
import { absolutePath } from "./zones";
import { GUARD_ENV } from "./guard-classes";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A value that is not plain text with `$X` or `${X}` in it: anything else may run code when expanded (`$(…)`,
 * backticks, `$[…]`, `${X@P}` which runs X's value as a prompt, `${X?msg}` which prints msg). A quoted or
 * escaped `$` is refused too, as guard does not follow what a later expansion makes of it.
 */
// The name after `$` is taken whole (the lookahead), so a failing value costs linear time, not one try per split of each name.
const ACTIVE_VALUE = /^(?![^=]*=(?:[^$`\\]|\$[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_])|\$\{[A-Za-z_][A-Za-z0-9_]*\})*$)/;

type Node = { type: string; name?: { text?: string; value?: string }; prefix?: Node[]; args?: Node[]; redirects?: unknown[]; text?: string; commands?: Node[]; command?: Node };

/**
 * The names a dotenv file assigns when it is nothing but comments, `NAME=value` and `export NAME=value` lines
 * whose values run nothing: sourcing it sets variables and prints nothing. Undefined for anything else (a
 * command, a redirect, `KEY = value`, which bash runs as the command KEY and reports).
 */
export function plainDotenvNames(text: string): string[] | undefined {
  const parsed = parseShell(text);
  if (!parsed.ok) return undefined;
  const names: string[] = [];
  for (const statement of (parsed.script as unknown as Node).commands ?? []) {
    const command = statement.type === "Statement" ? statement.command : statement;
    if (command?.type !== "Command" || command.redirects?.length) return undefined;
    const words = [...(command.prefix ?? []), ...(command.name ? [command.name as Node] : []), ...(command.args ?? [])];
    if (command.name && (command.name.text !== "export" || command.prefix?.length)) return undefined;
    for (const w of words) {
      if (w === command.name) continue;
      const text = w.text ?? "";
      if (text.includes("=") && ACTIVE_VALUE.test(text)) return undefined;
      const name = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(text)?.[1] ?? (command.name && NAME.test(text) ? text : undefined);
      if (name === undefined) return undefined;
      names.push(name);
    }
  }
  return names;
}

/** The text of the file `source FILE` reads, from each directory the command may run in; undefined when any is unreadable. */
function sourcedTexts(inv: Invocation, ctx: EvalContext): string[] | undefined {
  const file: Word | undefined = inv.argv[1];
  if (!file || file.dynamic) return undefined;
  // Written earlier in this command (`echo 'HOME=/x' >> .env; source .env`): what was written is what runs.
  const key = fileKey(file.value);
  if (inv.written?.has(key)) {
    const text = inv.written.get(key);
    return text === null || text === undefined ? undefined : [text];
  }
  const texts: string[] = [];
  for (const dir of inv.cwd ?? [ctx.cwd]) {
    const abs = dir === null ? undefined : absolutePath(file, dir, ctx);
    const text = abs === undefined ? undefined : ctx.readFile?.(abs);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

/** The names `source FILE` or `export $(… FILE | xargs)` would set, when guard can read them exactly. */
function loadedNames(inv: Invocation, ctx: EvalContext): string[][] | undefined {
  if (inv.program === "source" || inv.program === ".") {
    const names = sourcedTexts(inv, ctx)?.map(plainDotenvNames);
    return names?.every((n): n is string[] => n !== undefined) ? names : undefined;
  }
  // `export $(grep -v '^#' .env | xargs)`: the words were read from the file when the command was extracted.
  const fed = inv.feeds ?? inv;
  if (fed.program === "export" && fed.loadedWords) return [fed.loadedWords.map((w) => /^[^=]*/.exec(w)![0])];
  return undefined;
}

/** Builtins and programs that print variables' values: all of them, or the ones named. */
const DUMPS: Record<string, (inv: Invocation) => { all: boolean; names: string[]; exportedOnly: boolean } | undefined> = {
  env: (inv) => (inv.argv.length === 1 ? { all: true, names: [], exportedOnly: true } : undefined),
  printenv: (inv) => ({ all: inv.argv.length === 1, names: inv.argv.slice(1).map((w) => w.value), exportedOnly: true }),
  set: (inv) => (inv.argv.length === 1 ? { all: true, names: [], exportedOnly: false } : undefined),
  export: (inv) => (inv.argv.length === 1 || inv.argv[1].value === "-p" ? { all: true, names: [], exportedOnly: true } : undefined),
  declare: (inv) => declared(inv),
  typeset: (inv) => declared(inv),
};

/** `declare -p [NAME…]`, bare `declare`: the variables it prints. */
function declared(inv: Invocation): { all: boolean; names: string[]; exportedOnly: boolean } | undefined {
  const args = inv.argv.slice(1);
  const options = args.filter((w) => w.value.startsWith("-"));
  const names = args.filter((w) => !w.value.startsWith("-")).map((w) => w.value);
  if (args.length && !options.some((w) => /^-[a-zA-Z]*p/.test(w.value))) return undefined;
  if (names.some((n) => n.includes("="))) return undefined;
  return { all: names.length === 0, names, exportedOnly: false };
}

export const DOTENV_SOURCE_CLASSES = {
  /**
   * `source .env && echo "$API_KEY"`, `set -a; . ./.env; env`, `export $(grep -v '^#' .env | xargs); printenv`:
   * a value the command loaded from a file that holds credentials is printed, as a read of the file would.
   */
  "shows-loaded-secret": (_p: Word[], inv: Invocation): boolean => {
    if (inv.program === "echo" || inv.program === "printf") return inv.argv.slice(1).some((w) => w.substitutions?.includes(SOURCED_SECRET));
    const secrets = inv.sourcedSecrets;
    const dump = secrets?.length ? DUMPS[inv.program]?.(inv) : undefined;
    if (!dump || inv.argv.slice(1).some((w) => w.dynamic)) return dump !== undefined;
    return secrets!.some((s) => (!dump.exportedOnly || s.exported) && (dump.all || dump.names.includes(s.name)));
  },

  /**
   * `source .env`, `set -a; . ./.env; set +a`, `export $(grep -v '^#' .env | xargs)`: the file (as it is when the
   * command runs) holds only comments and assignments that run and print nothing, none of them to a variable guard
   * reads its configuration from. The values become variables; a later command that prints them or sends them
   * to an infrastructure call is judged on its own (they count as read from the file).
   */
  "loads-plain-dotenv": (_p: Word[], inv: Invocation, ctx: EvalContext): boolean => {
    const names = loadedNames(inv, ctx);
    return names !== undefined && names.every((list) => list.every((n) => NAME.test(n) && !GUARD_ENV.test(n)));
  },

  /** The same loads, of a file that assigns HOME, an XDG base directory, a GUARD_ variable, BASH_ENV or ZDOTDIR. */
  "loads-guard-environment": (_p: Word[], inv: Invocation, ctx: EvalContext): boolean => {
    if (inv.program !== "source" && inv.program !== ".") return false;
    return sourcedTexts(inv, ctx)?.some((text) => (plainDotenvNames(text) ?? []).some((n) => GUARD_ENV.test(n))) ?? false;
  },
};
