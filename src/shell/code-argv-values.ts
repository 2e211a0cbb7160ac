// The script arguments interpreter code reads (`sys.argv[1]`, `process.argv[1]`, `ARGV[0]`, `$ARGV[0]`), as known values when the shell words are literal.
import type { Word } from "./model";
import type { Language } from "./interpreter-code";

/** Arguments past this many are not looked at: one-liners take a few. */
const MAX_ARGS = 16;

/**
 * The expression that names each script argument, per language, by the argument's place (0 = the first word after
 * the code or the script file). `node -e CODE a` has process.argv `[node, a]`; `node x.js a` has `[node, x.js, a]`;
 * Python's sys.argv starts with `-c` or the script; Ruby's ARGV and Perl's @ARGV hold only the arguments; PHP's $argv
 * starts with the script (or `Standard input code` for `-r`).
 */
function names(language: Language, index: number, script: boolean): string[] {
  switch (language) {
    case "javascript":
      return [`process.argv[${index + (script ? 2 : 1)}]`, `Deno.args[${index}]`, `Bun.argv[${index + (script ? 2 : 1)}]`];
    case "python":
      return [`sys.argv[${index + 1}]`, `argv[${index + 1}]`];
    case "ruby":
      return [`ARGV[${index}]`];
    case "perl":
      return [`$ARGV[${index}]`];
    case "php":
      return [`$argv[${index + 1}]`];
  }
}

/** Code that reads its arguments at all: only then are they worth a lookup (and a separate cache entry). */
const READS_ARGS = /\bargv\b|\bARGV\b|\bDeno\.args\b/;

/**
 * The literal script arguments as variables of the code (`sys.argv[1]` → `DELETE`); a word the shell computes stays
 * unknown. Undefined when the code does not read its arguments, or there are none.
 */
export function argumentValues(language: Language, code: string, args: readonly Word[] | undefined, script: boolean): Map<string, string> | undefined {
  if (!args?.length || !READS_ARGS.test(code)) return undefined;
  const out = new Map<string, string>();
  args.slice(0, MAX_ARGS).forEach((word, i) => {
    if (word.dynamic || word.glob) return;
    for (const name of names(language, i, script)) out.set(name, word.value);
  });
  return out.size ? out : undefined;
}
