// What git could restore after a recursive delete in the working tree: read from .git/index and .gitignore, without running git.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, lstatSync, type Dirent } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { createHash } from "../core/crypto";
import { compileGlob, globMatch, matchText, type GlobMatcher, type MatchText } from "../core/glob";
import type { GitState, WorktreeFacts } from "../core/eval-context";
import { refReader } from "./git-refs";
import { isDatabaseFile, isTestDatabaseFile } from "../rules/database-files";
import { readIndex, type IndexEntries, type IndexStat } from "./git-index";

/**
 * Bounds: more entries on disk or deeper trees than this make the answer "unknown",
 * which asks. `stats` caps the tracked files stat'ed per question and `hashBytes` the content hashed
 * for racily clean ones. Chosen so that answering costs a few milliseconds on ordinary projects.
 */
const LIMITS = { entries: 5000, depth: 32, stats: 5000, hashBytes: 4 * 1024 * 1024 };

const LOW32 = 0xffffffffn;

/**
 * Whether a tracked file may differ from the index, decided as git's own refresh does. A different
 * size means modified. Equal stat data (mtime, ctime, inode) with an mtime older than the index
 * itself means clean. Anything else (a touched or rewritten file of the same size, or git's "racily
 * clean" case, common right after a checkout) is settled by hashing the content as a git blob and
 * comparing it with the recorded id, within a byte budget past which the answer is unknown.
 */
function maybeModified(abs: string, recorded: IndexStat, indexMtimeNs: bigint, budget: { bytes: number }): boolean | "unknown" {
  let st;
  try {
    st = lstatSync(abs, { bigint: true, throwIfNoEntry: false });
  } catch {
    return false; // gone (a directory on the way is now a file): the delete loses nothing more
  }
  if (st === undefined) return false; // already gone: the delete loses nothing more
  const sec = (ns: bigint) => Number((ns / 1_000_000_000n) & LOW32);
  const nsec = (ns: bigint) => Number(ns % 1_000_000_000n);
  if (Number(st.size & LOW32) !== recorded.size) return true;
  const statSame = sec(st.mtimeNs) === recorded.mtimeSec && (recorded.mtimeNsec === 0 || nsec(st.mtimeNs) === recorded.mtimeNsec)
    && (recorded.ctimeSec === 0 || (sec(st.ctimeNs) === recorded.ctimeSec && (recorded.ctimeNsec === 0 || nsec(st.ctimeNs) === recorded.ctimeNsec)))
    && (recorded.ino === 0 || Number(st.ino & LOW32) === recorded.ino);
  if (statSame && st.mtimeNs < indexMtimeNs) return false;
  if (!st.isFile()) return true;
  // The bound is on all hashing one question does: past it the answer is unknown (as past the stat cap).
  if (st.size > budget.bytes) return "unknown";
  budget.bytes -= Number(st.size);
  try {
    const content = readFileSync(abs);
    return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex") !== recorded.oid;
  } catch {
    return true;
  }
}

interface IgnoreRule {
  base: string;
  pattern: string;
  negated: boolean;
  dirOnly: boolean;
  /** The pattern, and the pattern with `/**` (what lies below a matched directory), compiled once per rule: a walk asks about every entry. */
  matchers: [GlobMatcher, GlobMatcher];
}

const IGNORE_GLOB = { dot: true };

function readIgnoreFile(file: string, base: string): IgnoreRule[] {
  let text: string;
  try {
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(Math.min(statSync(file).size, 262_144));
      text = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  return text.split(/\r?\n/).flatMap((line) => {
    const trimmed = line.replace(/(?<!\\)\s+$/, "");
    if (trimmed === "" || trimmed.startsWith("#")) return [];
    const negated = trimmed.startsWith("!");
    let pattern = negated ? trimmed.slice(1) : trimmed;
    const dirOnly = pattern.endsWith("/");
    if (dirOnly) pattern = pattern.slice(0, -1);
    // A pattern with a slash (not only at the end) is anchored to its .gitignore's directory.
    if (!pattern.includes("/")) pattern = `**/${pattern}`;
    else if (pattern.startsWith("/")) pattern = pattern.slice(1);
    return [{ base, pattern, negated, dirOnly, matchers: [compileGlob(pattern, IGNORE_GLOB), compileGlob(`${pattern}/**`, IGNORE_GLOB)] }];
  });
}

/** Git's verdict for one path (relative to the repository root): the last matching rule wins. */
function ignored(rel: string, isDir: boolean, rules: readonly IgnoreRule[]): boolean {
  let result = false;
  // The text each rule sees depends only on its base: prepared once per base (most rules have the root's).
  let base: string | undefined;
  let subject: MatchText | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.base !== base) {
      base = rule.base;
      const inBase = base === "" ? rel : rel.startsWith(`${base}/`) ? rel.slice(base.length + 1) : undefined;
      subject = inBase === undefined ? undefined : matchText(inBase);
    }
    if (subject === undefined) continue;
    if (rule.matchers[0].test(subject) || rule.matchers[1].test(subject)) result = !rule.negated;
  }
  return result;
}

/** The ignore rules that apply in a directory of the working tree, each file read once. */
function ignoreRulesReader(root: string, gitDir: string): (dirRel: string) => readonly IgnoreRule[] {
  const ignoreCache = new Map<string, IgnoreRule[]>();
  const readCached = (file: string, base: string) => {
    if (!ignoreCache.has(file)) ignoreCache.set(file, readIgnoreFile(file, base));
    return ignoreCache.get(file)!;
  };
  // A directory's list is built from the files read above, so it is kept as long as they are: a walk asks once per entry.
  const listCache = new Map<string, readonly IgnoreRule[]>();
  return (dirRel) => {
    let rules = listCache.get(dirRel);
    if (rules) return rules;
    // .git/info/exclude, then each .gitignore from the root down to dirRel (deeper files override).
    const parts = dirRel === "" ? [] : dirRel.split("/");
    const list = [...readCached(join(gitDir, "info", "exclude"), "")];
    for (let i = 0; i <= parts.length; i++) {
      const base = parts.slice(0, i).join("/");
      list.push(...readCached(join(root, base, ".gitignore"), base));
    }
    if (listCache.size >= 10_000) listCache.clear();
    listCache.set(dirRel, (rules = list));
    return rules;
  };
}

/** Facts about one repository, read lazily on the first question. */
export function worktreeFacts(root: string, gitDir: string): WorktreeFacts {
  let index: IndexEntries | undefined;
  let indexKey: string | undefined;
  const rulesFor = ignoreRulesReader(root, gitDir);
  // One read of the index answers `tracked`, `state` and `modified`, for as long as the file stays the same: a
  // batch shares these facts across its lines, and `git add` between two of them writes a new index (a new file,
  // renamed into place). A stat per question tells; the index is read again only when it changed.
  const indexPaths = () => {
    const file = join(gitDir, "index");
    let key = "";
    try {
      const st = statSync(file, { bigint: true, throwIfNoEntry: false });
      if (st) key = `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch {
      // Unreadable: unknown, as readIndex would answer.
    }
    if (key !== indexKey) {
      index = key === "" ? undefined : readIndex(file);
      indexKey = key;
    }
    return index;
  };
  return {
    ref: refReader(gitDir),
    tracked(path: string): boolean | undefined {
      const paths = indexPaths();
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (!paths || rel === "" || rel.startsWith("..")) return undefined;
      return paths.has(rel);
    },
    state(path: string): GitState {
      const paths = indexPaths();
      if (!paths) return "unknown";
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (rel === "" || rel.startsWith("..")) return "unknown";
      return walk(root, rel, paths, rulesFor);
    },
    modified(path: string, match?: (name: string) => boolean): string | "unknown" | undefined {
      const stats = indexPaths();
      if (!stats) return "unknown";
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (rel.startsWith("..")) return "unknown";
      return firstModified(root, stats, rel, match);
    },
    trackedUnder(path: string, match?: (name: string) => boolean): string | "unknown" | undefined {
      const stats = indexPaths();
      const rel = relative(root, resolve(path)).split("\\").join("/");
      return !stats || rel.startsWith("..") ? "unknown" : firstTrackedUnder(stats, rel, match);
    },
    staged: (path: string) => stagedAt(indexPaths(), root, path),
    databaseUnder(path, options) {
      const paths = indexPaths();
      if (!paths) return "unknown";
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (rel.startsWith("..")) return "unknown";
      return findDatabase(root, rel, paths, options);
      },
    searchedFileUnder: (path, options) => searchedFileUnder(root, path, rulesFor, options),
    trackedFile: (wanted) => firstTracked(indexPaths(), wanted),
    databaseMatches(dir: string, pattern: string): string[] | undefined {
      return matchingEntries(dir, pattern)?.filter((path) => isDatabaseFile(path));
    },
    stateOfMatches(dir: string, pattern: string): GitState {
      const paths = matchingEntries(dir, pattern);
      if (paths === undefined) return "unknown";
      let result: GitState = "clean";
      for (const path of paths) {
        const state = this.state(path);
        if (state === "unrestorable") return state;
        if (state === "unknown") result = "unknown";
      }
      return result;
    },
  };
}

/** "none" when the index's cache tree still holds the directory at `path` (a file's is its directory's): nothing below was staged since. */
function stagedAt(index: IndexEntries | undefined, root: string, path: string): "none" | "unknown" {
  const rel = relative(root, resolve(path)).split("\\").join("/");
  if (!index || rel.startsWith("..")) return "unknown";
  const valid = index.treeValid(rel) ?? index.treeValid(posix.dirname(rel) === "." ? "" : posix.dirname(rel));
  return valid === true ? "none" : "unknown";
}

/** The first tracked file at or under `rel` (whose name passes `match`) that may differ from the index; "unknown" past the bounds. */
function firstModified(root: string, stats: IndexEntries, rel: string, match?: (name: string) => boolean): string | "unknown" | undefined {
  let checked = 0;
  const budget = { bytes: LIMITS.hashBytes };
  let unknown = false;
  for (const [name, recorded] of stats.under(rel)) {
    // The caller's filter sees the name relative to `path` (the file's own name when `path` is that file).
    if (match && !match(name === rel ? posix.basename(name) : name.slice(rel === "" ? 0 : rel.length + 1))) continue;
    // Past the bound the answer is unknown: callers ask only for recursive forced deletes then.
    if (++checked > LIMITS.stats) return "unknown";
    const answer = maybeModified(join(root, name), recorded, stats.mtimeNs, budget);
    if (answer === true) return name;
    if (answer === "unknown") unknown = true;
  }
  return unknown ? "unknown" : undefined;
}

/** The first tracked file at or under `rel` whose name (relative to `rel`) passes `match`. */
function firstTrackedUnder(index: IndexEntries, rel: string, match?: (name: string) => boolean): string | undefined {
  for (const [name] of index.under(rel)) if (!match || match(name === rel ? posix.basename(name) : name.slice(rel === "" ? 0 : rel.length + 1))) return name;
  return undefined;
}

/**
 * An untracked or ignored database file at or under `start` (`rm -r data` where data/ is ignored and holds app.db):
 * ignored directories are entered too, since that is where local databases live. Bounded like `walk`; past the
 * bounds the answer is "unknown".
 */
function findDatabase(root: string, start: string, index: IndexEntries, options: { pattern?: string; recursive: boolean; skip: (name: string) => boolean }): string | "unknown" | undefined {
  let seen = 0;
  const stack: Pending[] = [];
  if (options.pattern === undefined) stack.push({ rel: start, depth: 0 });
  else {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, start), { withFileTypes: true });
    } catch {
      return undefined;
    }
    if (entries.length > LIMITS.entries) return "unknown";
    for (const e of entries) if (globMatch(e.name, options.pattern, { dot: options.pattern.startsWith(".") })) stack.push({ rel: start === "" ? e.name : `${start}/${e.name}`, depth: 1, isDir: e.isDirectory() });
  }
  while (stack.length) {
    const { rel, depth, isDir: listed } = stack.pop()!;
    if (++seen > LIMITS.entries || depth > LIMITS.depth) return "unknown";
    const isDir = listed ?? isDirectory(join(root, rel));
    if (isDir === undefined) continue;
    if (!isDir) {
      if (isDatabaseFile(rel) && !isTestDatabaseFile(rel) && !index.has(rel)) return rel;
      continue;
    }
    // The named directory itself is always entered; below it only for a recursive delete, and never into .git or skipped names.
    if (depth > 0 && !options.recursive) continue;
    const name = posix.basename(rel);
    if (rel !== start && (name === ".git" || options.skip(name))) continue;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return "unknown";
    }
    for (const e of entries) stack.push({ rel: rel === "" ? e.name : `${rel}/${e.name}`, depth: depth + 1, isDir: e.isDirectory() });
  }
  return undefined;
}

/** searchedFile from a path that may be absolute or relative to the working tree; "unknown" outside it. */
function searchedFileUnder(root: string, path: string, rulesFor: (dir: string) => readonly IgnoreRule[], options: { hidden: boolean; ignored: boolean; wanted: (rel: string) => boolean }): string | "unknown" | undefined {
  const rel = relative(root, resolve(path)).split("\\").join("/");
  return rel.startsWith("..") ? "unknown" : searchedFile(root, rel, rulesFor, options);
}

/** The first tracked path that passes `wanted`; "unknown" when the index cannot be read. */
function firstTracked(paths: IndexEntries | undefined, wanted: (name: string) => boolean): string | "unknown" | undefined {
  if (!paths) return "unknown";
  for (const [name] of paths.under("")) if (wanted(name)) return name;
  return undefined;
}

/**
 * The first file a recursive search from `start` reads whose path passes `wanted`, as grep -r and ripgrep walk:
 * the start itself always, hidden entries below it only when asked, ignored ones only when asked (ripgrep's
 * default skips both; grep reads everything). Symbolic links are neither followed nor read. Bounded like `walk`.
 */
function searchedFile(root: string, start: string, rulesFor: (dir: string) => readonly IgnoreRule[], options: { hidden: boolean; ignored: boolean; wanted: (rel: string) => boolean }): string | "unknown" | undefined {
  let seen = 0;
  // A search named an ignored directory (`rg X node_modules/pkg`): which of its entries it skips is not known here.
  const startParent = posix.dirname(start) === "." ? "" : posix.dirname(start);
  const honourIgnores = !options.ignored && !(start !== "" && ignored(start, true, rulesFor(startParent)));
  const stack: Pending[] = [{ rel: start, depth: 0 }];
  while (stack.length) {
    const { rel, depth, isDir: listed } = stack.pop()!;
    if (++seen > LIMITS.entries || depth > LIMITS.depth) return "unknown";
    const name = posix.basename(rel);
    const parent = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    let isDir = listed;
    if (isDir === undefined) {
      try {
        const st = lstatSync(join(root, rel));
        // A link named as the start is followed by grep -r and rg alike, to wherever it points: not walked here.
        if (st.isSymbolicLink()) {
          if (depth === 0) return "unknown";
          continue;
        }
        isDir = st.isDirectory();
      } catch {
        continue;
      }
    }
    if (depth > 0) {
      if (!options.hidden && name.startsWith(".")) continue;
      // Of a repository's own directory only its config can hold a secret (a token in a remote URL); the rest is git's.
      if (name === ".git") {
        if (options.wanted(`${rel}/config`)) return `${rel}/config`;
        continue;
      }
      if (honourIgnores && ignored(rel, isDir, rulesFor(parent))) continue;
    }
    if (!isDir) {
      if (options.wanted(rel)) return rel;
      continue;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return "unknown";
    }
    // `.ignore` and `.rgignore` may un-ignore what .gitignore hides: their presence makes the ignore rules unknown.
    if (honourIgnores && entries.some((e) => e.name === ".ignore" || e.name === ".rgignore")) return "unknown";
    for (const e of entries) {
      if (e.isSymbolicLink()) continue;
      stack.push({ rel: rel === "" ? e.name : `${rel}/${e.name}`, depth: depth + 1, isDir: e.isDirectory() });
    }
  }
  return undefined;
}

/** A path still to visit in a walk; `isDir` comes from its parent's listing (node settles an unknown type with lstat itself). */
interface Pending {
  rel: string;
  depth: number;
  isDir?: boolean;
}

/** Whether `abs` is a directory (not following a symlink), or undefined when it is gone. */
function isDirectory(abs: string): boolean | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })?.isDirectory();
  } catch {
    return undefined;
  }
}

/** The entries of `dir` whose name matches the glob `pattern`, as absolute paths; undefined when unreadable or too many. */
function matchingEntries(dir: string, pattern: string): string[] | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  if (names.length > LIMITS.entries) return undefined;
  return names.filter((name) => globMatch(name, pattern, { dot: pattern.startsWith(".") })).map((name) => join(dir, name));
}

/** Everything at or under `start` is tracked or ignored ("clean"), something is not ("unrestorable"), or the bounds were hit. */
function walk(root: string, start: string, index: IndexEntries, rulesFor: (dir: string) => readonly IgnoreRule[]): GitState {
  let seen = 0;
  const stack: Pending[] = [{ rel: start, depth: 0 }];
  while (stack.length) {
    const { rel, depth, isDir: listed } = stack.pop()!;
    if (++seen > LIMITS.entries || depth > LIMITS.depth) return "unknown";
    // A tracked path is restorable whatever is there now: no need to look at it.
    if (index.has(rel)) continue;
    const abs = join(root, rel);
    const isDir = listed ?? isDirectory(abs);
    if (isDir === undefined) continue; // gone, or never there: nothing to lose
    const parent = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    // An ignored database file (`*.sqlite3` in .gitignore) is still data git cannot bring back.
    if (ignored(rel, isDir, rulesFor(parent))) {
      if (!isDir && isDatabaseFile(rel)) return "unrestorable";
      continue;
    }
    if (!isDir) return "unrestorable";
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return "unknown";
    }
    for (const e of entries) {
      if (e.name === ".git" && rel === "") continue;
      stack.push({ rel: `${rel}/${e.name}`, depth: depth + 1, isDir: e.isDirectory() });
    }
  }
  return "clean";
}

/** The facts for the repository at `root` (undefined outside a repository or for a `.git` file guard cannot follow). */
export function localWorktree(root: string | undefined): WorktreeFacts | undefined {
  if (!root) return undefined;
  let gitDir = join(root, ".git");
  try {
    if (statSync(gitDir).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, "utf8"));
      if (!m) return undefined;
      gitDir = resolve(root, m[1].trim());
    }
  } catch {
    return undefined;
  }
  return worktreeFacts(root, gitDir);
}
