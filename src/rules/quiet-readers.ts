// Target class for searches that print nothing of the file they read: `grep -q`, `grep -c`, `grep -l`, `rg --count`.
import type { Invocation, Word } from "../shell/model";

/**
 * Options that make grep print no line of its input: nothing at all (-q), one count per file (-c), or the
 * names of the files that (do not) match (-l, -L). GNU grep lets each of them win over -o, -n, -A…
 */
const GREP_QUIET = /^(?:-q|-c|-l|-L|--quiet|--silent|--count|--files-with-matches|--files-without-match)$/;
/** Letters that may share a cluster with them and change only which lines count (or, cancelled, how they would print). */
const GREP_LETTERS = /^-[qclLivwxEFGPshHnaUzrR]+$/;
/** `-e PATTERN`, `-f FILE` (patterns read from FILE, never printed), `-m NUM`; also attached (`-eTOKEN`, `--regexp=X`). */
const GREP_VALUED = /^(?:-[efm]|--regexp|--file|--max-count)$/;
const GREP_ATTACHED = /^(?:-[efm].+|--(?:regexp|file|max-count)=.*)$/;
const GREP_LONG = /^--(?:ignore-case|invert-match|word-regexp|line-regexp|extended-regexp|fixed-strings|basic-regexp|perl-regexp|no-messages|no-filename|with-filename|line-number|text|recursive|dereference-recursive)$/;

/** ripgrep's equivalents: -q, -c, --count-matches, -l, --files-without-match. */
const RG_QUIET = /^(?:-q|-c|-l|--quiet|--count|--count-matches|--files-with-matches|--files-without-match)$/;
const RG_LETTERS = /^-[qclisSwxFnNuUHIa.]+$/;
const RG_VALUED = /^(?:-[efmgt]|--regexp|--file|--max-count|--glob|--iglob|--type)$/;
const RG_ATTACHED = /^(?:-[efmgt].+|--(?:regexp|file|max-count|glob|iglob|type)=.*)$/;
const RG_LONG = /^--(?:ignore-case|smart-case|case-sensitive|word-regexp|line-regexp|fixed-strings|line-number|no-line-number|hidden|no-ignore|text|with-filename|no-filename|multiline)$/;

interface Grammar { quiet: RegExp; letters: RegExp; valued: RegExp; attached: RegExp; long: RegExp }
const GRAMMARS: Record<string, Grammar> = {
  grep: { quiet: GREP_QUIET, letters: GREP_LETTERS, valued: GREP_VALUED, attached: GREP_ATTACHED, long: GREP_LONG },
  egrep: { quiet: GREP_QUIET, letters: GREP_LETTERS, valued: GREP_VALUED, attached: GREP_ATTACHED, long: GREP_LONG },
  fgrep: { quiet: GREP_QUIET, letters: GREP_LETTERS, valued: GREP_VALUED, attached: GREP_ATTACHED, long: GREP_LONG },
  rg: { quiet: RG_QUIET, letters: RG_LETTERS, valued: RG_VALUED, attached: RG_ATTACHED, long: RG_LONG },
};

/**
 * Whether every option is one the grammar knows and one of them keeps the file's lines out of the output.
 * An unknown option (`--json`, `--replace`, `-o` on its own, a computed word) keeps the read a read.
 */
function printsNoLine(argv: readonly Word[], g: Grammar): boolean {
  let quiet = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return false;
    const v = w.value;
    if (v === "--") break;
    if (!v.startsWith("-") || v === "-") continue;
    if (g.valued.test(v)) {
      i++;
      continue;
    }
    if (g.attached.test(v) || g.long.test(v)) continue;
    if (g.quiet.test(v) || (g.letters.test(v) && /[qclL]/.test(v.slice(1)))) quiet = true;
    else if (!g.letters.test(v)) return false;
  }
  return quiet;
}

export const QUIET_READER_CLASSES = {
  /**
   * `grep -q '^API_KEY=' .env`, `grep -c TOKEN .env`, `grep -l KEY .env config/.env.test`, `rg -q X .env`:
   * the search reads the file but prints no line of it, only an exit status, counts or file names.
   */
  "prints-no-file-content": (_p: Word[], inv: Invocation): boolean => {
    const grammar = GRAMMARS[inv.program];
    return grammar !== undefined && printsNoLine(inv.argv, grammar);
  },
};
