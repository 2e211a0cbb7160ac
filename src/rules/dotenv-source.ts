// Target classes for a file loaded into the shell (`source .env`, `export $(grep -v '^#' .env | xargs)`): a file that sets guard's variables, and the loaded values shown again.
import { SOURCED_SECRET, type Invocation, type Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { fileKey } from "../shell/written";
import { absolutePath } from "./zones";
import { GUARD_ENV } from "./guard-classes";

/**
 * Every name a line of the file assigns (`NAME=…`, `export NAME=…`), whatever else the file holds: a file that
 * sets one of guard's variables is refused even when its other lines are not plain assignments.
 */
function assignedNames(text: string): string[] {
  return [...text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)\+?=/gm)].map((m) => m[1]);
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

  /** `source FILE` of a file that assigns HOME, an XDG base directory, a GUARD_ variable, BASH_ENV or ZDOTDIR. */
  "loads-guard-environment": (_p: Word[], inv: Invocation, ctx: EvalContext): boolean => {
    if (inv.program !== "source" && inv.program !== ".") return false;
    return sourcedTexts(inv, ctx)?.some((text) => assignedNames(text).some((n) => GUARD_ENV.test(n))) ?? false;
  },
};
