// What a wrapper runs (the result of unwrapping one argv), shared by the wrapper tables.
import type { EnvAssignment, Word } from "./model";
import type { Span } from "../core/finding";
import type { Language } from "./interpreter-code";
import type { ForeignLanguage } from "./foreign-code";
import type { ScriptDialect } from "./script-dialects";

/** How xargs turns its input into arguments: split on NULs or blanks, or substituted for a replace string. */
export interface XargsInput {
  nul: boolean;
  replace?: string;
  /** `xargs -a FILE`: the items come from this file, and stdin goes to the command. */
  file?: Word;
}

/** What a wrapper runs. Adding a wrapper is one table row. */
export type Unwrapped =
  /** Runs the argv that starts at `words[0]`. */
  | { kind: "argv"; words: Word[]; env?: EnvAssignment[]; appendedArgs?: "stdin" | "find"; xargs?: XargsInput; label?: string }
  /** Several argvs (find with more than one -exec). */
  | { kind: "argvs"; list: Word[][]; appendedArgs: "find" }
  /** Parses and runs one word as shell code (`bash -c STR`). */
  | { kind: "shell-string"; word: Word; label?: string }
  /** Joins the words with spaces and runs them as shell code (`eval`, `ssh host …`, `watch`). */
  | { kind: "shell-words"; words: Word[]; label?: string }
  /** Runs a package.json script (`npm run build`); `fallbackBinary`: yarn/pnpm/bun run a binary when no script has that name. */
  | { kind: "package-script"; name: Word; extra: Word[]; label: string; fallbackBinary?: Word[] }
  /** `npm install`, `npm ci`, `yarn`: the project's own lifecycle scripts, in order, when package.json has them. */
  | { kind: "lifecycle"; scripts: string[]; label: string }
  /** Runs a task runner's recipes from its file (`just test`: justfile, `poe lint`: pyproject.toml); no tasks: the default. */
  | { kind: "task-file"; runner: "just" | "poe"; tasks: Word[]; file?: Word; dir?: Word }
  /** `ansible-playbook PLAYBOOK…`: the playbooks' tasks run on the managed hosts; `production`: the inventory, limit or vars name production. */
  | { kind: "playbook"; playbooks: Word[]; production: boolean }
  /**
   * Runs make targets' recipes (`make clean`); no targets: the first target. `evals`: `--eval TEXT` makefile text read
   * first; `vars`: command-line `NAME=VALUE` overrides; `dryRun`: -n/-q/-p read the makefiles but run no recipe.
   */
  | { kind: "make"; targets: Word[]; makefile?: Word; evals?: Word[]; vars?: Word[]; dryRun?: boolean }
  /**
   * Interpreter code (`python -c CODE`); `code` undefined: the code comes from stdin. `args`: the words after the code
   * or the script file, which the code reads as its arguments; `script`: the code is a script file's text.
   */
  | { kind: "code"; language: Language | ForeignLanguage | ScriptDialect; code?: Word; label: string; file?: Word; args?: Word[]; script?: boolean }
  /** `awk -f FILE`, `sed -f FILE`: a script read from a file (or stdin, for `-` and /dev/stdin), scanned like an inline one. */
  | { kind: "script-code"; dialect: "awk" | "sed"; file: Word; label: string }
  /** A shell that reads its script from standard input (`… | bash`, `bash <<EOF`). */
  | { kind: "shell-stdin" }
  /** A shell that runs a script file (`bash deploy.sh`, `source env.sh`). */
  | { kind: "script-file"; path: Word }
  /** Several things at once: `git -c core.pager=CMD log` runs the pager and git itself. */
  | { kind: "several"; list: Unwrapped[] }
  /** Runs code guard cannot read (`sed s/x/y/e` runs each line): at least ask. */
  | { kind: "unknown"; detail: string; span: Span }
  /** Runs nothing else (`command -v rm`, `sudo -l`, a bare `env`). */
  | { kind: "none" };

/** Unwraps one argv; `env` holds the assignments written before it (`GIT_SSH_COMMAND=… git fetch`). */
export type Unwrapper = (argv: Word[], env: readonly EnvAssignment[]) => Unwrapped;

export const NONE: Unwrapped = { kind: "none" };

export function argvFrom(argv: Word[], index: number, extra: Partial<Extract<Unwrapped, { kind: "argv" }>> = {}): Unwrapped {
  return index < argv.length ? { kind: "argv", words: argv.slice(index), ...extra } : NONE;
}

/** A shell string held in an option value: the next word (`-c CMD`) or the rest of this one (`--command=CMD`, `-cCMD`). */
export function valueWord(argv: Word[], index: number, value: string | undefined): Word | undefined {
  const carrier = argv[index];
  if (!carrier) return undefined;
  const next = argv[index + 1];
  if (next && value === next.value && !carrier.value.endsWith(value === "" ? "\0" : value)) return next;
  return value === undefined ? undefined : { ...carrier, value, dynamic: carrier.dynamic };
}

/** Several results, flattened; none when empty. */
export function several(list: Unwrapped[]): Unwrapped {
  const kept = list.filter((u) => u.kind !== "none");
  if (kept.length === 0) return NONE;
  return kept.length === 1 ? kept[0] : { kind: "several", list: kept };
}
