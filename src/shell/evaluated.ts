// Code in the places bash evaluates text as code besides the command line: trap, callbacks, prompts, BASH_ENV, array subscripts.
import type { Invocation, Word } from "./model";
import type { Span } from "../core/finding";
import { wordText } from "./words";

/** Something a command makes bash run later, or read as code. */
export type CodeSite =
  /** Shell text bash parses and runs (a trap handler, a callback, PROMPT_COMMAND). */
  | { kind: "shell"; text: string; label: string; span: Span }
  /** A file bash reads as a script (BASH_ENV). */
  | { kind: "file"; path: Word; label: string }
  /** Code whose text guard cannot know (a dynamic trap handler, `${x@P}` of an unknown x). */
  | { kind: "unknown"; detail: string; span: Span };

/**
 * `a[$(cmd)]`, `` a[`cmd`] ``: bash evaluates an array subscript as arithmetic, and arithmetic runs the
 * substitutions in it — in `let`, `declare -i`, `(( ))`, `$((x))` of a variable holding it, `[[ … -eq … ]]`,
 * `printf -v`, `read`, `test -v`. Such text is walked as shell code wherever it is handed to bash.
 */
const SUBSCRIPT_CODE = /[A-Za-z_][A-Za-z0-9_]*\[[^\]]*(?:\$\(|`)/;

/** Builtins whose operands bash may read as variable names or arithmetic. */
const NAME_OR_ARITHMETIC = new Set(["let", "declare", "typeset", "local", "export", "readonly", "printf", "read", "mapfile", "readarray", "test", "[",
  "unset", "shift", "return", "exit", "wait", "eval", "printf", "getopts", "[["]);

/** Prompt strings: bash runs the substitutions in them when it shows them (PS4 under `set -x`, `${x@P}`). */
const PROMPT_VARIABLES = new Set(["PS0", "PS1", "PS2", "PS3", "PS4"]);

export function hasSubscriptCode(text: string): boolean {
  return SUBSCRIPT_CODE.test(text);
}

/** Shell text that runs the substitutions of `text` (a subscript or prompt): `: TEXT`. */
export function substitutionsOf(text: string): string {
  return `: ${text}`;
}

/**
 * A prompt string as bash decodes it before expanding it (`\\` is one backslash, `\n` a newline, `\NNN`
 * octal, `\$` a dollar sign), so `$(\\rm …)` runs rm; a backslash before any other character stays.
 */
export function promptSubstitutions(text: string): string {
  const decoded = text.replace(/\\(\\|[0-7]{1,3}|[nrae$\[\]]|.)/gs, (_, ch: string) => {
    if (ch === "\\") return "\\";
    if (/^[0-7]+$/.test(ch)) return String.fromCharCode(parseInt(ch, 8) & 0xff);
    const known: Record<string, string> = { n: "\n", r: "\r", a: "\x07", e: "\x1b", $: "$", "[": "", "]": "" };
    if (ch in known) return known[ch];
    // Host facts (user, host, directory, time, counters): some text guard cannot know.
    if ("uhHwWdtT@AsvVjl!#".includes(ch)) return "x";
    return `\\${ch}`; // not an escape: bash keeps the backslash (`$(\\git …)` runs git)
  });
  return substitutionsOf(decoded);
}

function literalOption(argv: Word[], names: string[]): { word: Word; index: number } | undefined {
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.value === "--") return undefined;
    for (const name of names) {
      if (w.value === name && argv[i + 1]) return { word: argv[i + 1], index: i + 1 };
      // clustered or attached: `-C'cmd'`, `-c1 -C cmd` handled above
      if (w.value.startsWith(name) && w.value.length > name.length && !w.value.startsWith("--")) return { word: { ...w, value: w.value.slice(name.length) }, index: i };
    }
  }
  return undefined;
}

function codeWord(word: Word, label: string): CodeSite {
  if (word.dynamic) return { kind: "unknown", detail: `${label} runs \`${word.raw}\`, which is only known at run time`, span: word.span };
  return { kind: "shell", text: word.value, label, span: word.span };
}

/** `trap 'cmd' EXIT`: the handler is code (not `trap - SIG`, `trap -p`, `trap -l`, or `trap SIG` alone). */
function trapCode(argv: Word[]): CodeSite[] {
  let i = 1;
  if (argv[i]?.value === "--") i++;
  const handler = argv[i];
  if (!handler || argv.length - i < 2) return [];
  if (!handler.dynamic && (handler.value === "-" || handler.value === "" || /^-[lp]$/.test(handler.value))) return [];
  return [codeWord(handler, "trap")];
}

/** The code sites a builtin's own arguments carry: trap handlers, `mapfile -C`, `complete -C`, `bind -x`. */
function builtinCode(invocation: Invocation): CodeSite[] {
  const argv = invocation.argv;
  switch (invocation.program) {
    case "trap":
      return trapCode(argv);
    case "mapfile":
    case "readarray": {
      const callback = literalOption(argv, ["-C"]);
      return callback ? [codeWord(callback.word, `${invocation.program} -C`)] : [];
    }
    case "complete":
    case "compgen": {
      const command = literalOption(argv, ["-C"]);
      return command ? [codeWord(command.word, `${invocation.program} -C`)] : [];
    }
    case "bind": {
      const binding = literalOption(argv, ["-x"]);
      if (!binding) return [];
      if (binding.word.dynamic) return [codeWord(binding.word, "bind -x")];
      const colon = binding.word.value.indexOf(":");
      return [{ kind: "shell", text: binding.word.value.slice(colon + 1).trim().replace(/^"(.*)"$/s, "$1"), label: "bind -x", span: binding.word.span }];
    }
    default:
      return [];
  }
}

/** `PROMPT_COMMAND=…`, `PS4=…`, `BASH_ENV=…`: variables whose value bash runs or reads as code. */
function assignmentCode(name: string, value: Word, shellRuns: boolean): CodeSite[] {
  if (name === "PROMPT_COMMAND") return [codeWord(value, "PROMPT_COMMAND")];
  if (PROMPT_VARIABLES.has(name) && (value.dynamic || /\$\(|`/.test(value.value))) {
    return [value.dynamic ? codeWord(value, name) : { kind: "shell", text: promptSubstitutions(value.value), label: name, span: value.span }];
  }
  // BASH_ENV is read by every non-interactive bash; ENV by sh and interactive shells (only worth reading for one).
  if (name === "BASH_ENV" || (name === "ENV" && shellRuns)) return [{ kind: "file", path: value, label: name }];
  if (!value.dynamic && hasSubscriptCode(value.value)) return [{ kind: "shell", text: substitutionsOf(value.value), label: "arithmetic subscript", span: value.span }];
  return [];
}

/** A `NAME=value` argument word (`export PS4='…'`, `env BASH_ENV=f …`) split into name and value. */
function assignmentArg(word: Word): { name: string; value: Word } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?\+?=/.exec(wordText(word));
  if (!m) return undefined;
  const text = wordText(word);
  return { name: m[1], value: { ...word, value: text.slice(m[0].length) } };
}

/**
 * Every place `invocation` makes bash evaluate text as code, other than its command line: builtin
 * callbacks, code-bearing variables it assigns (inline or through export/declare/env), and array
 * subscripts with substitutions in the operands of builtins that read names or arithmetic.
 */
export function evaluatedCode(invocation: Invocation, isShell: boolean): CodeSite[] {
  const sites = builtinCode(invocation);
  for (const e of invocation.env) {
    const value: Word = { value: e.value, raw: e.value, dynamic: e.dynamic, glob: false, span: e.span };
    sites.push(...assignmentCode(e.name, value, isShell));
  }
  const program = invocation.program;
  if (["export", "declare", "typeset", "local", "readonly", "env"].includes(program)) {
    for (const word of invocation.argv.slice(1)) {
      const a = assignmentArg(word);
      if (a) sites.push(...assignmentCode(a.name, a.value, false));
    }
  }
  if (NAME_OR_ARITHMETIC.has(program)) {
    for (const word of invocation.argv.slice(1)) {
      const text = wordText(word);
      if (hasSubscriptCode(text)) sites.push({ kind: "shell", text: substitutionsOf(text), label: "arithmetic subscript", span: word.span });
    }
  }
  return sites;
}

/** Variables bash sets itself or that a login environment always has: never "unset" in a trap handler. */
const SHELL_SET = /^(?:BASH\w*|HOME|PWD|OLDPWD|TMPDIR|USER|LOGNAME|PATH|SHELL|IFS|UID|EUID|PPID|GROUPS|HOSTNAME|HOSTTYPE|OSTYPE|MACHTYPE|RANDOM|SRANDOM|SECONDS|EPOCH\w+|LINENO|OPTIND|OPTARG|PIPESTATUS|FUNCNAME|SHLVL|SHELLOPTS|DIRSTACK|REPLY|PS[0-4]|COLUMNS|LINES|HIST\w*)$/;

/**
 * The variables a trap handler sees if it runs right where the trap is set: those assigned so far, and the
 * names it uses that are neither assigned yet nor in the environment, which are empty then
 * (`trap 'rm -rf "$T"' EXIT; T=$(mktemp -d)`: before the assignment `$T` is empty). The handler is walked
 * again with the variables as they are when the shell ends, where a name never assigned stays unknown.
 */
export function trapTimeVariables(handler: string, vars: ReadonlyMap<string, string | null> | undefined, env: Readonly<Record<string, string | undefined>> | undefined): Map<string, string | null> {
  const out = new Map(vars ?? []);
  for (const m of handler.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1];
    if (!out.has(name) && env?.[name] === undefined && !SHELL_SET.test(name)) out.set(name, "");
  }
  return out;
}
