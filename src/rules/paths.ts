// Decides whether an rm/find target is catastrophic: the root, home, the working tree, system directories, `.git`.
import type { Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { pathText } from "../shell/cwd";
import { pathBase, SYSTEM_DIRS, zonesOfWord } from "./zones";
import { posix } from "node:path";
import { globMatch } from "../core/glob";

/** Variables that name the home or working directory: deleting them whole is never a cleanup. */
const HOME_OR_CWD = /^(?:\$HOME|\$\{HOME\}|\$PWD|\$\{PWD\}|\$OLDPWD|\$\{OLDPWD\}|\$\(pwd\)|`pwd`|~[+-]?)(?:\/|\/\*|\/\.\*)?$/;

/** `$HOME//`, `$HOME/./`, `~+/.`: the same directory as `$HOME`, spelled with extra slashes and dots. */
function tidy(path: string): string {
  let p = path.replace(/\/{2,}/g, "/");
  while (/\/\.\/?$/.test(p)) p = p.replace(/\/\.\/?$/, "/");
  return p.replace(/\/\.\//g, "/");
}
/** `$DIR/`, `${DIR}/*`: if DIR is empty or unset this is `/` or `/*`. `${DIR:?}/` fails instead, so it is not here. */
const BARE_VARIABLE_DIR = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|\{(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\})\/(?:\*|\.\*)?$/;

function resolve(path: string, ctx: EvalContext): string {
  let p = path;
  if (p === "~" || p.startsWith("~/")) p = ctx.home + p.slice(1);
  // `~+` is $PWD; `~-` is $OLDPWD, unknown here: taken as the home directory, the likeliest and worst case.
  else if (p === "~+" || p.startsWith("~+/")) p = ctx.cwd + p.slice(2);
  else if (p === "~-" || p.startsWith("~-/")) p = ctx.home + p.slice(2);
  // `~name` is that user's home directory.
  else if (/^~[A-Za-z_][A-Za-z0-9_.-]*\/?$/.test(p)) p = posix.join(posix.dirname(ctx.home), p.slice(1));
  return posix.resolve(ctx.cwd, p);
}

/** A path the user's config allows rm -r to remove (`allowed_rm_paths`). */
function allowedByConfig(path: string, ctx: EvalContext): boolean {
  return (ctx.allowedRmPaths ?? []).some((glob) => globMatch(path, resolve(glob, ctx), { dot: true }));
}

/** Whether a glob operand matches `/`, a system directory, home, the working tree or one of their ancestors. */
function globNamesCatastrophicDir(pattern: string, ctx: EvalContext): boolean {
  const absolute = resolve(pattern.replace(/\/+$/, "") || "/", ctx);
  const ancestors = (path: string) => path.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/") || "/");
  const dirs = new Set([...SYSTEM_DIRS, ...ancestors(ctx.home), ...ancestors(ctx.cwd)]);
  for (const dir of dirs) if (globMatch(dir, absolute, { dot: true })) return !allowedByConfig(dir, ctx);
  return false;
}

/**
 * True when the word names `/`, home, the start directory or the repository root (or an ancestor), a
 * system directory, a `.git` directory, or every entry of one of them — in any directory the command
 * may run in (`dirs`, after cd). Paths are normalised first: `$TMPDIR/../etc`, `~+`, `${PWD%/*}`.
 * A word guard cannot fully know counts when any value it may take does (`${X:-/}` → `/`), and a
 * glob when it matches such a directory itself (`/e?c`).
 */
export function isCatastrophicPath(word: Word, ctx: EvalContext, dirs?: readonly (string | null)[]): boolean {
  if (word.value === "" && !word.dynamic) return false;
  if ((word.candidates ?? []).some((c) => isCatastrophicPath(c, ctx, dirs))) return true;
  if (word.dynamic) {
    // `"$HOME"`, `$HOME//`, `~+/.`: however it is spelled, the home or working directory itself.
    const raw = tidy(word.raw.replace(/"/g, ""));
    if (HOME_OR_CWD.test(raw) || BARE_VARIABLE_DIR.test(raw)) return true;
    if (pathText(word, ctx.cwd, pathBase(ctx)) === null) return false;
  }
  if (!word.dynamic && word.glob && globNamesCatastrophicDir(word.value, ctx)) return true;
  // `~-` is $OLDPWD, unknown here: taken as the home directory, the likeliest and worst case.
  if (!word.dynamic && (word.value === "~-" || word.value.startsWith("~-/"))) return isCatastrophicPath({ ...word, value: `~${word.value.slice(2)}`, matchText: undefined }, ctx, dirs);
  return zonesOfWord(word, dirs, ctx).includes("catastrophic");
}
