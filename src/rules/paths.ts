// Decides whether an rm/find target is catastrophic: the root, home, the working tree, system directories.
import { globMatch } from "./glob";
import { posix } from "node:path";
import type { Word } from "../shell/model";
import type { EvalContext } from "../engine/context";

const SYSTEM_DIRS = new Set([
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
  "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib",
  "/usr/local", "/usr/sbin", "/usr/share", "/var", "/var/lib", "/var/log", "/var/tmp",
  "/Users", "/System", "/Library", "/Applications", "/private", "/Volumes", "/nix", "/snap",
]);

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

/** True when `dir` is `/`, home, the working directory or one of their ancestors, or a system directory. */
function isCatastrophicDir(dir: string, ctx: EvalContext): boolean {
  if (SYSTEM_DIRS.has(dir)) return true;
  const within = (base: string) => base === dir || base.startsWith(dir === "/" ? "/" : `${dir}/`);
  return within(ctx.cwd) || within(ctx.home);
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

export function isCatastrophicPath(word: Word, ctx: EvalContext): boolean {
  if (word.dynamic) {
    const raw = tidy(word.raw.replace(/"/g, ""));
    return HOME_OR_CWD.test(raw) || BARE_VARIABLE_DIR.test(raw) || (word.candidates ?? []).some((c) => isCatastrophicPath(c, ctx));
  }
  let value = word.value;
  if (value === "") return false;
  if (word.glob) {
    // `/e?c`, `/et[c]`, `~/../*r`: a glob that matches a catastrophic directory itself.
    if (globNamesCatastrophicDir(value, ctx)) return true;
    // `*`, `/*`, `~/*`, `./.*`, `/**`, `/*/`, `/?*`, `/[a-z]*`: a last segment made only of wildcards
    // means every entry of a directory. Narrower globs (`*.log`, `/tmp/x*`) are fine.
    const m = /^(.*?)\/?(?:\*+|\.\*|\?+\*?|\[[^\]]*\]\*)\/?$/.exec(value);
    if (!m) return false;
    value = m[1] === "" ? (value.startsWith("/") ? "/" : ".") : m[1];
  }
  const path = resolve(value, ctx);
  return isCatastrophicDir(path, ctx) && !allowedByConfig(path, ctx);
}
