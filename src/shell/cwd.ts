// The working directory as bash would have it at each command: cd, pushd, popd and `cd -` within the text.
import { posix } from "node:path";
import type { Word } from "./model";

/** One possible working directory: an absolute path, or null when guard cannot tell (`cd "$DIR"`). */
export type Dir = string | null;

/** What paths are resolved against: the start directory, home, the environment, the repository root. */
export interface PathBase {
  cwd: string;
  home: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** The repository root, for `$(git rev-parse --show-toplevel)`. */
  repoRoot?: string;
}

/**
 * The directories a command may run in. A `cd` that may fail leaves both the old and the new directory
 * possible (`cd build; rm -rf *` runs in the project if build is missing), so this is a set: paths
 * are judged against every member and the strictest answer wins.
 */
export interface DirState {
  dirs: Dir[];
  /** `$OLDPWD`, for `cd -` and `~-`. */
  old: Dir[];
  /** pushd's stack, top last. */
  stack: Dir[][];
  /** `set -e` seen at the top level: a failed cd ends the script. */
  errexit: boolean;
  /** The last cd's outcome, for `cd X && …` (only the success continues) and `cd X || exit`. */
  lastCd?: { node: unknown; success: Dir[]; failure: Dir[] };
}

/** More possibilities than this become "unknown": bounded work for `cd a; cd b; cd c…`. */
const MAX_DIRS = 8;

export function startState(base: PathBase): DirState {
  const old = base.env?.OLDPWD;
  return { dirs: [base.cwd], old: [old && old.startsWith("/") ? old : null], stack: [], errexit: false };
}

/** A copy for a subshell, pipeline element, substitution or nested shell: its cd does not leak out. */
export function cloneState(state: DirState, dirs: Dir[] = state.dirs): DirState {
  return { dirs: [...dirs], old: [...state.old], stack: state.stack.map((s) => [...s]), errexit: false };
}

export function union(...sets: Dir[][]): Dir[] {
  const out: Dir[] = [];
  for (const set of sets) for (const d of set) if (!out.includes(d)) out.push(d);
  return out.length > MAX_DIRS ? [...out.slice(0, MAX_DIRS - 1), null] : out;
}

/** `~`, `~/x`, `~+`, `~-`, `~root`, `~user/x`: the tilde prefix of an unquoted word. */
function expandTilde(text: string, dir: string, base: PathBase, old: Dir): string | null {
  const m = /^~([^/]*)(\/.*)?$/.exec(text);
  if (!m) return text;
  const rest = m[2] ?? "";
  const name = m[1];
  if (name === "") return base.home + rest;
  if (name === "+") return dir + rest;
  if (name === "-") return old === null ? null : old + rest;
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return text;
  if (name === "root") return `/root${rest}`;
  if (name === posix.basename(base.home)) return base.home + rest;
  // Another user's home: next to ours (`/home/alice`, `/Users/alice`).
  return `${posix.dirname(base.home)}/${name}${rest}`;
}

/** `${PWD%/*}` and friends: the expansions of a path word that guard can compute. */
function expansionValue(expr: string, dir: string, base: PathBase, old: Dir): string | null {
  const env = base.env ?? {};
  const tmp = env.TMPDIR && env.TMPDIR.startsWith("/") ? env.TMPDIR.replace(/\/+$/, "") || "/" : "/tmp";
  const named = (name: string): string | null => {
    switch (name) {
      case "HOME": return base.home;
      case "PWD": return dir;
      case "OLDPWD": return old;
      case "TMPDIR": return tmp;
      case "USER": case "LOGNAME": return env[name] ?? posix.basename(base.home);
      default: return null;
    }
  };
  let m = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr) ?? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(expr);
  if (m) return named(m[1]);
  // `${HOME:-x}`, `${HOME:=x}`, `${HOME:?}`, `${HOME-x}`: these variables are set, so the value is theirs.
  m = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=?][^}]*\}$/.exec(expr);
  if (m) return named(m[1]);
  // `${PWD%/*}` is the parent; `${PWD%%/*}` is empty (every absolute path starts with `/`).
  m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(%%?)\/\*\}$/.exec(expr);
  if (m) {
    const value = named(m[1]);
    if (value === null) return null;
    return m[2] === "%%" ? "" : value.slice(0, Math.max(0, value.lastIndexOf("/")));
  }
  if (/^(?:\$\(\s*pwd(?:\s+-[LP])?\s*\)|`\s*pwd(?:\s+-[LP])?\s*`)$/.test(expr)) return dir;
  if (/^\$\(\s*git rev-parse --show-toplevel\s*\)$/.test(expr)) return base.repoRoot ?? null;
  if (/^\$\(\s*mktemp -d[^)]*\)$/.test(expr)) return `${tmp}/guard-mktemp`;
  return printedPath(expr, dir, base, old);
}

/**
 * `$(echo ~/.claude/settings.json)`, `$(dirname ~/.claude/settings.json)`, `$(realpath x)`: a substitution that only
 * prints one plain word, or its directory or name, prints what guard can compute.
 */
function printedPath(expr: string, dir: string, base: PathBase, old: Dir): string | null {
  const m = /^(?:\$\(|`)\s*(echo|printf\s+%s(?:\\n)?|dirname|basename|realpath(?:\s+-[esmLP]+)*|readlink\s+-[fem]+)\s+(?:--\s+)?("?)([^\s'"`()|;&<>]+)\2\s*(?:\)|`)$/.exec(expr);
  if (!m) return null;
  let unknown = false;
  // The operand's own `$HOME`, `$PWD` (not another substitution: the pattern above excludes those).
  const filled = m[3].replace(EXPANSION, (inner) => {
    const value = expansionValue(inner, dir, base, old);
    if (value === null) unknown = true;
    return value ?? "";
  });
  const operand = unknown ? null : m[2] ? filled : expandTilde(filled, dir, base, old);
  // `$(echo *)` prints what the glob finds, not the pattern.
  if (operand === null || /[*?[]/.test(operand)) return null;
  const program = m[1].split(/\s/)[0];
  if (program === "dirname") return posix.dirname(operand);
  if (program === "basename") return posix.basename(operand);
  if (program === "realpath" || program === "readlink") return posix.resolve(dir, operand);
  return operand;
}

const EXPANSION = /\$\{[^}]*\}|\$\([^()]*\)|`[^`]*`|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9#?@*$!-]/g;

/**
 * The text of a path word with what guard can compute filled in: tilde prefixes, `$HOME`, `$PWD`,
 * `${PWD%/*}`, `$(pwd)`, `${HOME:-x}`, `$TMPDIR`. Null when any part stays unknown (`$DIR`, brace
 * expansion) — the caller decides what an unknown path means.
 */
export function pathText(word: Word, dir: string, base: PathBase, old: Dir = null): string | null {
  if (!word.dynamic) {
    // A quoted `~` is a file named `~`; treating it as home is the stricter reading.
    return expandTilde(word.value, dir, base, old);
  }
  const text = word.shellText ?? word.raw;
  if (/\{[^}]*,[^}]*\}/.test(text.replace(/\$\{[^}]*\}/g, ""))) return null; // brace expansion: not ours to guess
  let unknown = false;
  const filled = text.replace(EXPANSION, (expr) => {
    const value = expansionValue(expr, dir, base, old);
    if (value === null) unknown = true;
    return value ?? "";
  });
  if (unknown || /[$`]/.test(filled)) return null;
  return expandTilde(filled, dir, base, old);
}

/** An absolute, normalised path for a path word run in `dir`; null when unknown. `..` is resolved textually, as rm sees it. */
export function resolvePath(word: Word, dir: Dir, base: PathBase, old: Dir = null): string | null {
  const text = pathText(word, dir ?? "/nonexistent-unknown-cwd", base, old);
  if (text === null) return null;
  if (text.startsWith("/")) return posix.resolve(text);
  if (dir === null) return null;
  return posix.resolve(dir, text);
}

/** Options of cd/pushd/popd that take no value. */
const CD_OPTIONS = /^-[LPe@]+$/;

/** The directories a cd/pushd/popd leads to from each current one; also updates the stack. */
function targets(program: string, args: Word[], state: DirState, base: PathBase): Dir[] {
  const operands = args.filter((w, i) => w.dynamic || !(CD_OPTIONS.test(w.value) || (w.value === "--" && i === args.findIndex((a) => a.value === "--"))));
  const cdpath = base.env?.CDPATH;
  const resolveAll = (word: Word): Dir[] => state.dirs.map((d) => {
    if (!word.dynamic && cdpath && !/^(?:\/|\.\.?(?:\/|$))/.test(word.value)) return null; // CDPATH may send it elsewhere
    return resolvePath(word, d, base, state.old[0] ?? null);
  });
  if (program === "popd") {
    if (operands.some((w) => w.dynamic || w.value !== "-n")) return [null];
    if (operands.length) return state.dirs; // -n: only the stack changes
    const top = state.stack.pop();
    return top ?? [null]; // a stack from before this command: unknown
  }
  if (program === "pushd") {
    if (operands.length !== 1 || operands[0].dynamic && !(operands[0].shellText ?? "").startsWith("$")) return [null];
    if (!operands[0].dynamic && /^[+-][0-9]+$/.test(operands[0].value)) return [null];
    state.stack.push([...state.dirs]);
    return resolveAll(operands[0]);
  }
  if (operands.length === 0) return [base.home];
  if (operands.length > 1) return state.dirs; // bash: "too many arguments", nothing changes
  const target = operands[0];
  if (!target.dynamic && target.value === "-") return state.old;
  return resolveAll(target);
}

export const DIR_CHANGERS = new Set(["cd", "pushd", "popd", "chdir"]);

/**
 * Applies a cd-like command: afterwards the directory is the target when cd succeeds, or unchanged when
 * it fails (a missing directory), unless `set -e` ends the script on failure.
 */
export function applyCd(state: DirState, node: unknown, program: string, args: Word[], base: PathBase, conditional: boolean): void {
  const before = [...state.dirs];
  const success = union(targets(program === "chdir" ? "cd" : program, args, state, base));
  state.lastCd = { node, success, failure: before };
  state.old = before;
  state.dirs = state.errexit && !conditional ? success : union(success, before);
}

/** `set -e`, `set -o errexit`, `set -euo pipefail`. */
export function setsErrexit(args: Word[]): boolean {
  return args.some((w, i) => !w.dynamic && ((/^-[a-zA-Z]*e[a-zA-Z]*$/.test(w.value)) || (w.value === "-o" && args[i + 1]?.value === "errexit")));
}

/** `env -C DIR cmd`, `env --chdir=DIR`, `sudo -D DIR cmd`, `sudo --chdir=DIR`: the directory the wrapped command starts in. */
export function chdirOption(program: string, argv: readonly Word[], first: Word): Word | undefined {
  const names = program === "env" ? ["-C", "--chdir"] : program === "sudo" ? ["-D", "--chdir"] : [];
  if (!names.length) return undefined;
  const end = argv.indexOf(first);
  for (let i = 1; i < (end < 0 ? argv.length : end); i++) {
    const w = argv[i];
    if (w.dynamic) continue;
    if (names.includes(w.value)) return argv[i + 1];
    const eq = names.find((n) => n.startsWith("--") && w.value.startsWith(`${n}=`));
    if (eq) return { ...w, value: w.value.slice(eq.length + 1), raw: w.raw.slice(eq.length + 1) };
    if (names[0] && w.value.startsWith(names[0]) && w.value.length > 2 && !w.value.startsWith("--")) return { ...w, value: w.value.slice(2), raw: w.raw.slice(2) };
  }
  return undefined;
}
