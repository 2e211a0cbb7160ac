// What git could restore after a recursive delete in the working tree: read from .git/index and .gitignore, without running git.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, lstatSync } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { globMatch } from "../core/glob";
import type { GitState, WorktreeFacts } from "../core/eval-context";
import { refReader } from "./git-refs";
import { isDatabaseFile } from "../rules/database-files";

/**
 * Bounds: a bigger index, more entries on disk or deeper trees than this make the answer "unknown",
 * which asks. Chosen so that answering costs a few milliseconds on ordinary projects.
 */
const LIMITS = { indexBytes: 32 * 1024 * 1024, entries: 5000, depth: 32 };

/** The paths git tracks, from the index (versions 2–4). Undefined when it cannot be read exactly. */
export function readIndexPaths(file: string): Set<string> | undefined {
  let buf: Buffer;
  try {
    const size = statSync(file).size;
    if (size > LIMITS.indexBytes || size < 12) return undefined;
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = buf.readUInt32BE(4);
  const count = buf.readUInt32BE(8);
  if (version < 2 || version > 4) return undefined;
  const paths = new Set<string>();
  let pos = 12;
  let previous = "";
  for (let i = 0; i < count; i++) {
    if (pos + 62 > buf.length) return undefined;
    const flags = buf.readUInt16BE(pos + 60);
    let at = pos + 62;
    if (version >= 3 && flags & 0x4000) at += 2; // extended flags
    let name: string;
    if (version === 4) {
      // Prefix compression: a varint of bytes to drop from the previous name, then the NUL-terminated rest.
      let drop = 0;
      let byte = buf[at++];
      drop = byte & 0x7f;
      while (byte & 0x80) {
        byte = buf[at++];
        drop = ((drop + 1) << 7) | (byte & 0x7f);
      }
      const end = buf.indexOf(0, at);
      if (end < 0 || drop > previous.length) return undefined;
      name = previous.slice(0, previous.length - drop) + buf.toString("utf8", at, end);
      pos = end + 1;
    } else {
      const end = buf.indexOf(0, at);
      if (end < 0) return undefined;
      name = buf.toString("utf8", at, end);
      // Entries are padded with NULs to a multiple of 8 bytes from their start.
      const length = end - pos + 1;
      pos += Math.ceil(length / 8) * 8;
    }
    paths.add(name);
    previous = name;
  }
  // A split index keeps some entries in another file: what this one lists is not everything.
  if (buf.indexOf(Buffer.from("link"), pos) === pos) return undefined;
  return paths;
}

interface IgnoreRule {
  base: string;
  pattern: string;
  negated: boolean;
  dirOnly: boolean;
}

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
    return [{ base, pattern, negated, dirOnly }];
  });
}

/** Git's verdict for one path (relative to the repository root): the last matching rule wins. */
function ignored(rel: string, isDir: boolean, rules: IgnoreRule[]): boolean {
  let result = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    const inBase = rule.base === "" ? rel : rel.startsWith(`${rule.base}/`) ? rel.slice(rule.base.length + 1) : undefined;
    if (inBase === undefined) continue;
    if (globMatch(inBase, rule.pattern, { dot: true }) || globMatch(inBase, `${rule.pattern}/**`, { dot: true })) result = !rule.negated;
  }
  return result;
}

/** Facts about one repository, read lazily on the first question. */
export function worktreeFacts(root: string, gitDir: string): WorktreeFacts {
  let index: Set<string> | undefined | null = null;
  const ignoreCache = new Map<string, IgnoreRule[]>();
  const rulesFor = (dirRel: string): IgnoreRule[] => {
    // .git/info/exclude, then each .gitignore from the root down to dirRel (deeper files override).
    const parts = dirRel === "" ? [] : dirRel.split("/");
    const rules = [...readCached(join(gitDir, "info", "exclude"), "")];
    for (let i = 0; i <= parts.length; i++) {
      const base = parts.slice(0, i).join("/");
      rules.push(...readCached(join(root, base, ".gitignore"), base));
    }
    return rules;
  };
  const readCached = (file: string, base: string) => {
    if (!ignoreCache.has(file)) ignoreCache.set(file, readIgnoreFile(file, base));
    return ignoreCache.get(file)!;
  };
  const readIndex = () => {
    if (index === null) index = readIndexPaths(join(gitDir, "index"));
    return index;
  };
  return {
    ref: refReader(gitDir),
    tracked(path: string): boolean | undefined {
      const paths = readIndex();
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (!paths || rel === "" || rel.startsWith("..")) return undefined;
      return paths.has(rel);
    },
    state(path: string): GitState {
      const paths = readIndex();
      if (!paths) return "unknown";
      const rel = relative(root, resolve(path)).split("\\").join("/");
      if (rel === "" || rel.startsWith("..")) return "unknown";
      return walk(root, rel, paths, rulesFor);
    },
    stateOfMatches(dir: string, pattern: string): GitState {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return "unknown";
      }
      if (names.length > LIMITS.entries) return "unknown";
      let result: GitState = "clean";
      for (const name of names) {
        if (!globMatch(name, pattern, { dot: pattern.startsWith(".") })) continue;
        const state = this.state(join(dir, name));
        if (state === "unrestorable") return state;
        if (state === "unknown") result = "unknown";
      }
      return result;
    },
  };
}

/** Everything at or under `start` is tracked or ignored ("clean"), something is not ("unrestorable"), or the bounds were hit. */
function walk(root: string, start: string, index: Set<string>, rulesFor: (dir: string) => IgnoreRule[]): GitState {
  let seen = 0;
  const stack: { rel: string; depth: number }[] = [{ rel: start, depth: 0 }];
  while (stack.length) {
    const { rel, depth } = stack.pop()!;
    if (++seen > LIMITS.entries || depth > LIMITS.depth) return "unknown";
    const abs = join(root, rel);
    let isDir: boolean;
    try {
      const st = lstatSync(abs);
      isDir = st.isDirectory();
    } catch {
      continue; // gone, or never there: nothing to lose
    }
    const parent = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    if (index.has(rel)) continue;
    // An ignored database file (`*.sqlite3` in .gitignore) is still data git cannot bring back.
    if (ignored(rel, isDir, rulesFor(parent))) {
      if (!isDir && isDatabaseFile(rel)) return "unrestorable";
      continue;
    }
    if (!isDir) return "unrestorable";
    let entries: string[];
    try {
      entries = readdirSync(abs);
    } catch {
      return "unknown";
    }
    for (const name of entries) {
      if (name === ".git" && rel === "") continue;
      stack.push({ rel: `${rel}/${name}`, depth: depth + 1 });
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
