// The project's own command model: every command that will run, independent of the parser's AST.
import type { Span } from "../core/finding";

/** One argv word after quote removal. */
export interface Word {
  /** Quote-removed value. For dynamic words this keeps the raw expansion text (e.g. `$DIR/`). */
  value: string;
  /** Raw source text of the word, quotes included. */
  raw: string;
  /** True when the value is only known at run time: parameter, command, process, arithmetic or brace expansion. */
  dynamic: boolean;
  /** True when the word contains an unquoted glob (`*`, `?`, `[..]`, extglob). */
  glob: boolean;
  /** A pattern guard built for "any file here" (an unread patch, an unknown name): its wildcards stand for every name. */
  anyName?: boolean;
  /**
   * For dynamic words: the value with each expansion left as its source text (`rm -rf "$HOME"` for
   * the word `"rm -rf \"$HOME\""`), which is what a shell handed this word would parse, modulo the expansions.
   */
  shellText?: string;
  /** Cache for rule matching: the normalised text globs are matched against (see rules/match.ts). */
  matchText?: { raw: string; text: string; lower: string };
  /**
   * For a word guard cannot fully know: literal values it may take that guard could compute
   * (`${X:-/}` → `/` when X is unset). A rule checking targets treats each as possible.
   */
  candidates?: Word[];
  /**
   * Set on an argument filled in at run time from input guard cannot see (`ls | xargs rm -rf`):
   * it may be any path, so a rule about dangerous targets counts it, uncertainly (ask).
   */
  unseen?: string;
  /** Programs run by the word's command substitutions (`$(cat token.txt)` → cat): where its value comes from. */
  substitutions?: string[];
  span: Span;
}

export interface EnvAssignment {
  name: string;
  value: string;
  dynamic: boolean;
  /** Programs run by command substitutions in the value (`X=$(grep … .env)` → grep). */
  substitutions?: string[];
  span: Span;
}

export interface Redirect {
  operator: string;
  fd?: number;
  /** The file or fd word for `<`, `>`, `>>`, `<&`…; the string for `<<<`. */
  target?: Word;
  span: Span;
}

/** Where a command's standard input comes from, when guard can tell. */
export type StdinSource =
  | { kind: "heredoc"; text: string; quoted: boolean; span: Span }
  | { kind: "herestring"; word: Word; span: Span }
  | { kind: "file"; path: Word; span: Span }
  | { kind: "pipe"; producer: Invocation | undefined; span: Span };

/** One step of the chain a command was reached through: `sudo`, `bash -c`, `eval`, `xargs`, `$(…)`. */
export interface WrapperStep {
  wrapper: string;
  span: Span;
  /**
   * Reached through a program guard does not know, on the guess that it runs its arguments as a command
   * (`mytool run rm -rf ~`): findings say so, and text guard could not read on that path is not a problem.
   */
  guess?: true;
}

export interface Invocation {
  /** Normalised program name: basename, quotes and leading backslash removed. "" when not a literal. */
  program: string;
  /** The full argv; argv[0] is the command name word. */
  argv: Word[];
  env: EnvAssignment[];
  redirects: Redirect[];
  stdin?: StdinSource;
  /** Position inside its pipeline (size 1 when not in a pipeline). */
  pipeline: { index: number; size: number };
  /** The next command of the pipeline, which reads this one's output (`env | grep X` → grep). */
  consumer?: Invocation;
  via: WrapperStep[];
  span: Span;
  /**
   * Exported variables in scope whose values came from command substitutions (`export TOKEN=$(cat t)`):
   * the command inherits them. Names only; the programs are on the assignment.
   */
  taintedEnv?: string[];
  /**
   * Variables in scope whose values a file holding credentials gave the shell (`source .env`), and whether they
   * are exported: a command that prints them, or dumps the environment, shows the file's secrets.
   */
  sourcedSecrets?: { name: string; exported: boolean }[];
  /**
   * Names exported earlier in the same text (`export GIT_DIR=…`, `declare -x`, `set -a`): the command's environment
   * holds them, with values guard may not know. Absent when there are none.
   */
  exported?: string[];
  /**
   * An earlier step may have widened globbing (`shopt -s dotglob`/`nocaseglob`, a GLOBIGNORE assignment): a `*` may
   * then match dot files, and letters any case. Absent when nothing did.
   */
  globOptions?: "widened";
  /**
   * Set (not enumerable) when variables in scope hold values that are not literals: each one's source text, with the
   * texts of variables it was built from (`PW=$(terraform output -raw pw)` → `$(terraform output -raw pw)`).
   */
  valueTexts?: ReadonlyMap<string, string>;
  /**
   * `export $(grep -v '^#' .env | xargs)`: the words export receives from its substitutions, read from the file
   * (see shell/dotenv-export.ts); absent when any substitution is something guard cannot compute.
   */
  loadedWords?: string[];
  /** Set (not enumerable) on the commands inside a substitution in another command's arguments: that command. */
  feeds?: Invocation;
  /**
   * The directories the command may run in, after any cd earlier in the text (see shell/cwd.ts): absolute
   * paths, null for one guard cannot tell. Absent when the walk did not track directories.
   */
  cwd?: (string | null)[];
  /**
   * Absolute paths a test earlier in the list proved absent when this command runs (`[ -f .env ] || cp a .env`):
   * a write there creates the file and replaces nothing.
   */
  absent?: string[];
  /** Set for commands reached through `xargs` or `find -exec`, whose arguments are extended at run time. */
  appendedArgs?: "stdin" | "find";
  /** Files written earlier in the same command text, as they are when this command runs (null: content unknown). */
  written?: ReadonlyMap<string, string | null>;
  /**
   * A `git fetch`, `git pull` or `git remote update` runs earlier in the same command text: the remote-tracking
   * refs this command sees (what `--force-with-lease` compares against) are whatever that fetch brought.
   */
  afterFetch?: true;
  /**
   * A command that may turn clean files into uncommitted work runs earlier in the same text (`git stash pop`,
   * `git pull`, `patch`, see tree-changers.ts): what guard reads of the working tree now is not what this command meets.
   */
  afterTreeChange?: true;
}

export type ProblemKind =
  | "parse-error"
  | "dynamic-command"
  | "unknown-shell-input"
  | "dynamic-shell-string"
  | "unknown-code"
  | "too-deep"
  | "too-large"
  | "too-many-commands"
  | "fork-bomb"
  | "internal-error";

/** Something about the text itself that keeps guard from knowing what will run: always at least `ask`. */
export interface Problem {
  kind: ProblemKind;
  detail: string;
  span: Span;
}

export interface Extraction {
  invocations: Invocation[];
  problems: Problem[];
}

/** `Word.unseen` of the items `git ls-files | xargs CMD` adds: every tracked file of the working tree. */
export const TRACKED_FILES = "tracked files";
/** `Word.unseen` of the items `git ls-files -o | xargs CMD` or `git status --porcelain | xargs CMD` adds: untracked files. */
export const UNTRACKED_FILES = "untracked files";

/** The program a variable's value is attributed to when sourcing a file that holds credentials set it (`source .env`). */
export const SOURCED_SECRET = "source";
