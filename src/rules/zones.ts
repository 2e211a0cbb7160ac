// The filesystem zone policy: where a deleted or overwritten path lies decides how dangerous the deletion is.
import { posix } from "node:path";
import { GLOB_TEXT, globMatch } from "../core/glob";
import { patternMayMatch, segmentsOf } from "../core/glob-paths";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { pathText, type PathBase } from "../shell/cwd";

/**
 * - catastrophic: `/`, system directories, home, the repository root and their ancestors, a `.git` directory;
 * - git: inside a `.git` directory (the repository's history and refs);
 * - outside: anywhere else outside the working tree, temp and cache directories (other home folders, dotfolders, `/var/lib`, `/srv`, sibling repositories);
 * - temp: temp and cache directories, which exist to be deleted;
 * - tree: inside the working tree (the repository, or the start directory outside one);
 * - allowed: listed in `allowed_rm_paths`;
 * - unknown: guard cannot tell where the path is (`$DIR`, a relative path after `cd "$X"`).
 */
export type Zone = "catastrophic" | "git" | "outside" | "temp" | "tree" | "allowed" | "unknown";

/** Directories whose loss breaks the machine or loses everything: deleting them, or every entry in them. */
export const SYSTEM_DIRS = new Set([
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
  "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib",
  "/usr/local", "/usr/sbin", "/usr/share", "/var", "/var/lib", "/var/log", "/var/tmp", "/var/www", "/var/cache",
  "/Users", "/System", "/Library", "/Applications", "/private", "/Volumes", "/nix", "/snap", "/cores",
]);

/** Temp directories: anything under them is scratch space. */
const TEMP_ROOTS = ["/tmp", "/var/tmp", "/dev/shm", "/private/tmp", "/private/var/tmp", "/private/var/folders", "/var/folders"];

/**
 * Windows temp directories as Git Bash, MSYS, Cygwin and WSL spell them (`/c/Users/NAME/AppData/Local/Temp/x`,
 * `/mnt/c/Windows/Temp/x`), case-insensitively like the filesystem under them; only what is inside, not the directory.
 */
const WINDOWS_TEMP = /^(?:\/mnt|\/cygdrive)?\/[a-z]\/(?:users\/[^/]+\/appdata\/local\/temp|windows\/temp)\/[^/]/i;

/** A temp directory itself (`/tmp`, `$TMPDIR`): find may search it for its own scratch files. */
export function isTempRoot(path: string, ctx: EvalContext): boolean {
  return tempRoots(ctx).includes(path);
}

/** Caches under home that tools rebuild on demand (package downloads, build caches). */
const HOME_CACHES = [".cache", "Library/Caches", ".npm", ".yarn/cache", ".yarn/berry/cache", ".pnpm-store", ".local/share/pnpm/store",
  ".bun/install/cache", ".cargo/registry", ".cargo/git", ".gradle/caches", ".m2/repository", "go/pkg/mod", ".nuget/packages",
  ".cocoapods", ".expo", ".node-gyp", ".pub-cache", ".composer/cache", ".local/share/virtualenvs", ".pyenv/cache", ".rustup/tmp"];

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}

function strictlyWithin(path: string, dir: string): boolean {
  return path !== dir && within(path, dir);
}

/** The directory a command's relative paths belong to: the repository root, else the start directory, unless that is home or above. */
export function treeRoot(ctx: EvalContext): string | undefined {
  const root = ctx.repoRoot ?? ctx.cwd;
  if (within(ctx.home, root) || SYSTEM_DIRS.has(root)) return undefined;
  return root;
}

function tempRoots(ctx: EvalContext): string[] {
  const tmp = ctx.env.TMPDIR;
  const roots = tmp && tmp.startsWith("/") && posix.resolve(tmp) !== "/" ? [...TEMP_ROOTS, posix.resolve(tmp)] : TEMP_ROOTS;
  return [...roots, ...HOME_CACHES.map((c) => `${ctx.home}/${c}`)];
}

/** A path listed in the user's `allowed_rm_paths`. */
export function allowedByConfig(path: string, ctx: EvalContext): boolean {
  return (ctx.allowedRmPaths ?? []).some((glob) => {
    const full = glob === "~" || glob.startsWith("~/") ? ctx.home + glob.slice(1) : posix.resolve(ctx.cwd, glob);
    return globMatch(path, full, { dot: true });
  });
}

/** The zone of an absolute, normalised path. */
export function zoneOf(path: string, ctx: EvalContext): Zone {
  if (allowedByConfig(path, ctx)) return "allowed";
  if (SYSTEM_DIRS.has(path)) return "catastrophic";
  // Home, the start directory, the repository root, or a directory holding one of them.
  if ([ctx.home, ctx.cwd, ctx.repoRoot].some((d) => d !== undefined && within(d, path))) return "catastrophic";
  const segments = path.split("/");
  const gitAt = segments.indexOf(".git");
  const git: Zone | undefined = gitAt === segments.length - 1 ? "catastrophic" : gitAt > 0 ? "git" : undefined;
  // The working tree first (a project checked out under /tmp is still a project), then temp and caches.
  const root = treeRoot(ctx);
  if (root !== undefined && strictlyWithin(path, root)) return git ?? "tree";
  // Home wins over its prefix: with HOME under /tmp (containers, CI images) `~/.ssh` is still home, only its caches are scratch.
  const homeCaches = HOME_CACHES.map((c) => `${ctx.home}/${c}`);
  if (strictlyWithin(path, ctx.home)) return homeCaches.some((c) => strictlyWithin(path, c)) ? "temp" : git ?? "outside";
  if (tempRoots(ctx).some((t) => strictlyWithin(path, t)) || WINDOWS_TEMP.test(path)) return "temp";
  return git ?? "outside";
}

/** Glob segments that match every entry of a directory: `*`, `.*`, `?*`, `[a-z]*`, `**`, and `!(x)` (every entry but a few). */
const EVERY_ENTRY = /^(?:\*+|\.\*|\?+\*?|\[[^\]]*\]\*|\*\*|!\([^)]*\)|[@+*]\(\*\))$/;
const HAS_GLOB = GLOB_TEXT;

/** Stands in for a working directory guard cannot tell (`cd "$X"`), so `$PWD/x` is recognised as unknown. */
const UNKNOWN_DIR = "/\0unknown-cwd";

/**
 * The zone of what a path word names when run in `dir`. A glob is judged by its directory: `/*`,
 * `~/.*`, `/*\/*` reach every entry of a catastrophic directory; `*.log` reaches only some of them.
 */
function zoneOfText(text: string, glob: boolean, dir: string | null, ctx: EvalContext): Zone {
  if (!text.startsWith("/") && dir === null) return "unknown";
  const abs = text.startsWith("/") ? text : `${dir}/${text}`;
  if (!glob || !HAS_GLOB.test(abs)) return zoneOf(posix.resolve(abs), ctx);
  const segments = abs.split("/");
  const first = segments.findIndex((s) => HAS_GLOB.test(s));
  const prefix = posix.resolve(segments.slice(0, first).join("/") || "/");
  const rest = segments.slice(first).filter((s) => s !== "");
  if (rest.every((s) => EVERY_ENTRY.test(s))) return zoneOf(prefix, ctx);
  // A narrow glob that can name home, the start directory, the repository root or one of their parents (`/tmp/pro@(j)`, `/h*`).
  if ([ctx.home, ctx.cwd, ctx.repoRoot].some((d) => d !== undefined && patternMayMatch(abs, segmentsOf(d), true))) return "catastrophic";
  // `.g*` can reach `.git`; any other narrow glob reaches some children of the prefix.
  if (rest.length === 1 && globMatch(".git", rest[0], { dot: true })) return zoneOf(`${prefix}/.git`, ctx);
  if (rest.some((s) => s === "..")) return "unknown";
  return zoneOf(posix.join(prefix, "guard-glob-entry"), ctx);
}

export function pathBase(ctx: EvalContext): PathBase {
  return { cwd: ctx.cwd, home: ctx.home, env: ctx.env, repoRoot: ctx.repoRoot };
}

/**
 * The zones a path word may fall in, one per directory the command may run in (see Invocation.cwd).
 * Traversal is resolved as rm sees it (`/tmp/x/../../home` is `/home`).
 */
export function zonesOfWord(word: Word, dirs: readonly (string | null)[] | undefined, ctx: EvalContext): Zone[] {
  const base = pathBase(ctx);
  const out: Zone[] = [];
  for (const dir of dirs ?? [ctx.cwd]) {
    const text = pathText(word, dir ?? UNKNOWN_DIR, base);
    const zone = text === null || text.includes(UNKNOWN_DIR) ? "unknown" : zoneOfText(text, word.glob, dir, ctx);
    if (!out.includes(zone)) out.push(zone);
  }
  return out;
}

/** Where a path word lands from each directory the command may run in (undefined where guard cannot tell). */
export function landingPaths(word: Word, inv: Invocation, ctx: EvalContext): (string | undefined)[] {
  return (inv.cwd ?? [ctx.cwd]).map((dir) => absolutePath(word, dir, ctx));
}

/** The absolute path of a plain (non-glob) path word in one known directory; undefined when not known. */
export function absolutePath(word: Word, dir: string | null, ctx: EvalContext): string | undefined {
  const text = pathText(word, dir ?? UNKNOWN_DIR, pathBase(ctx));
  if (text === null || text.includes(UNKNOWN_DIR) || (word.glob && HAS_GLOB.test(text))) return undefined;
  if (text.startsWith("/")) return posix.resolve(text);
  return dir === null ? undefined : posix.resolve(dir, text);
}

/**
 * What a written word names in one directory: a path; a pattern bash expands when it runs (a glob in the word, or a
 * directory reached by `cd` through one, `cd ~/.conf*` then `> config.yaml`); or undefined when guard cannot tell.
 */
export function writeTarget(word: Word, dir: string | null, ctx: EvalContext): { path: string } | { pattern: string } | undefined {
  const text = pathText(word, dir ?? UNKNOWN_DIR, pathBase(ctx));
  if (text === null || text.includes(UNKNOWN_DIR)) return undefined;
  const abs = text.startsWith("/") ? text : dir === null ? undefined : `${dir}/${text}`;
  if (abs === undefined) return undefined;
  const glob = (word.glob && HAS_GLOB.test(text)) || (dir !== null && !text.startsWith("/") && HAS_GLOB.test(dir));
  return glob ? { pattern: posix.normalize(abs) } : { path: posix.resolve(abs) };
}
