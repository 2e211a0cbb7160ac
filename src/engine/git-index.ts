// Reads .git/index without running git: one pass over entry lengths, then names and stat data only for the entries a question reaches.
import { readFileSync, statSync } from "node:fs";

/** A bigger index is not read: the answer becomes unknown, which asks. */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;

/** What the index recorded about a file when it last matched the index (lower 32 bits, as git stores them). */
export interface IndexStat {
  ctimeSec: number;
  ctimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  ino: number;
  size: number;
  /** The blob id git recorded (SHA-1, hex). */
  readonly oid: string;
}

/** The index's entries, in git's order (by name, bytewise), and the index file's own mtime (for git's racy-clean rule). */
export interface IndexEntries {
  mtimeNs: bigint;
  /** Whether git tracks exactly this path (relative to the root, `/`-separated). */
  has(rel: string): boolean;
  /** The entries at `rel` or under `rel/`, every entry when `rel` is "", in index order. */
  under(rel: string): Iterable<[string, IndexStat]>;
  /** Every tracked path. */
  names(): string[];
  /**
   * Whether the index's cache tree still holds a tree for directory `rel` ("" is the root): git drops it for every
   * directory on the way to an entry that `git add`, `git rm` or a merge changed since the index last matched a
   * commit, so a kept one means nothing below was staged since. Undefined when the index has no such record.
   */
  treeValid(rel: string): boolean | undefined;
}

/**
 * The paths git tracks, from the index (versions 2–4). Undefined when it cannot be read exactly.
 * Only tests need every name at once; guard asks through `has` and `under`.
 */
export function readIndexPaths(file: string): Set<string> | undefined {
  const index = readIndex(file);
  return index && new Set(index.names());
}

/**
 * The index's entries (versions 2–4), undefined when it cannot be read exactly. A check asks about a
 * few paths in an index of any size, so the read only walks entry lengths: a name is decoded, and its
 * stat data read, when a question reaches it (by binary search: git keeps entries sorted by name).
 */
export function readIndex(file: string): IndexEntries | undefined {
  let buf: Buffer;
  let mtimeNs: bigint;
  try {
    const st = statSync(file, { bigint: true });
    if (st.size > MAX_INDEX_BYTES || st.size < 12) return undefined;
    mtimeNs = st.mtimeNs;
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  const layout = scanEntries(buf);
  if (!layout) return undefined;
  const { count, starts, nameAt, nameEnd, v4Names } = layout;
  let trees: Map<string, boolean> | undefined | null = null;
  const name = (i: number) => (v4Names ? v4Names[i] : buf.toString("utf8", nameAt[i], nameEnd[i]));
  const stat = (i: number): IndexStat => new EntryStat(buf, starts[i]);
  // Entry i's name against `key`, bytewise (git's order); v4 names were decoded, so they compare as bytes too.
  const compare = (i: number, key: Buffer) => (v4Names ? Buffer.from(v4Names[i]).compare(key) : buf.compare(key, 0, key.length, nameAt[i], nameEnd[i]));
  /** The first entry whose name is not below `key`. */
  const lowerBound = (key: Buffer) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    mtimeNs,
    has(rel) {
      const key = Buffer.from(rel);
      const i = lowerBound(key);
      return i < count && compare(i, key) === 0;
    },
    *under(rel) {
      // The entry named `rel`, then the contiguous run of names starting with `rel/` (unmerged paths repeat, one per stage).
      const runs: Array<[string, (n: string) => boolean]> = rel === ""
        ? [["", () => true]]
        : [[rel, (n) => n === rel], [`${rel}/`, (n) => n.startsWith(`${rel}/`)]];
      for (const [from, within] of runs) {
        for (let i = lowerBound(Buffer.from(from)); i < count; i++) {
          const n = name(i);
          if (!within(n)) break;
          yield [n, stat(i)];
        }
      }
    },
    names() {
      return Array.from({ length: count }, (_, i) => name(i));
    },
    treeValid(rel) {
      if (trees === null) trees = cacheTree(buf, layout.extensions);
      return trees?.get(rel);
    },
  };
}

/** One entry's stat data, read from the index buffer; the blob id is decoded only when content must be hashed (rarely). */
class EntryStat implements IndexStat {
  readonly ctimeSec: number;
  readonly ctimeNsec: number;
  readonly mtimeSec: number;
  readonly mtimeNsec: number;
  readonly ino: number;
  readonly size: number;

  constructor(private readonly buf: Buffer, private readonly at: number) {
    this.ctimeSec = buf.readUInt32BE(at);
    this.ctimeNsec = buf.readUInt32BE(at + 4);
    this.mtimeSec = buf.readUInt32BE(at + 8);
    this.mtimeNsec = buf.readUInt32BE(at + 12);
    this.ino = buf.readUInt32BE(at + 20);
    this.size = buf.readUInt32BE(at + 36);
  }

  get oid(): string {
    return this.buf.toString("hex", this.at + 40, this.at + 60);
  }
}

/** The bound on cache-tree records read: past it the index's tree record is not used (unknown). */
const MAX_TREES = 100_000;

/**
 * The index's TREE extension: for each directory (pre-order, `""` first), whether its tree is still valid (an entry
 * count of -1 marks one invalidated). Undefined when there is none or it cannot be read exactly.
 */
function cacheTree(buf: Buffer, at: number): Map<string, boolean> | undefined {
  // Extensions follow the entries until the 20-byte checksum: a 4-byte signature and a 4-byte size each.
  let pos = at;
  while (pos + 8 <= buf.length - 20) {
    const size = buf.readUInt32BE(pos + 4);
    if (buf.toString("latin1", pos, pos + 4) === "TREE") return readTrees(buf, pos + 8, pos + 8 + size);
    pos += 8 + size;
  }
  return undefined;
}

function readTrees(buf: Buffer, start: number, end: number): Map<string, boolean> | undefined {
  const out = new Map<string, boolean>();
  let pos = start;
  // Each record: path NUL, entry count, space, subtree count, newline, then the tree id when the count is not -1.
  const record = (parent: string | undefined, depth = 0): boolean => {
    if (out.size >= MAX_TREES || depth > 256) return false;
    const nul = buf.indexOf(0, pos);
    const newline = nul < 0 ? -1 : buf.indexOf(10, nul);
    if (nul < 0 || newline < 0 || newline >= end) return false;
    const segment = buf.toString("utf8", pos, nul);
    const m = /^(-?\d+) (\d+)$/.exec(buf.toString("latin1", nul + 1, newline));
    if (!m) return false;
    const path = parent === undefined ? "" : parent === "" ? segment : `${parent}/${segment}`;
    const valid = Number(m[1]) >= 0;
    out.set(path, valid);
    pos = newline + 1 + (valid ? 20 : 0);
    if (pos > end) return false;
    for (let i = Number(m[2]); i > 0; i--) if (!record(path, depth + 1)) return false;
    return true;
  };
  return record(undefined) && pos === end ? out : undefined;
}

interface Layout {
  count: number;
  /** Where each entry starts, and where its name starts and ends (versions 2 and 3). */
  starts: Int32Array;
  nameAt: Int32Array;
  nameEnd: Int32Array;
  /** Version 4 compresses each name against the previous one, so its names are decoded while scanning. */
  v4Names?: string[];
  /** Where the extensions start, after the last entry. */
  extensions: number;
}

/** One pass over the entries' lengths (versions 2–4); undefined when the file is not an index git wrote whole. */
function scanEntries(buf: Buffer): Layout | undefined {
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = buf.readUInt32BE(4);
  const count = buf.readUInt32BE(8);
  if (version < 2 || version > 4) return undefined;
  const starts = new Int32Array(count);
  const nameAt = new Int32Array(count);
  const nameEnd = new Int32Array(count);
  const v4Names: string[] | undefined = version === 4 ? [] : undefined;
  let pos = 12;
  let previous = "";
  for (let i = 0; i < count; i++) {
    if (pos + 62 > buf.length) return undefined;
    const flags = (buf[pos + 60] << 8) | buf[pos + 61];
    let at = pos + 62;
    if (version >= 3 && flags & 0x4000) at += 2; // extended flags
    starts[i] = pos;
    if (v4Names) {
      // A varint of bytes to drop from the previous name, then the NUL-terminated rest.
      let byte = buf[at++];
      let drop = byte & 0x7f;
      while (byte & 0x80) {
        byte = buf[at++];
        drop = ((drop + 1) << 7) | (byte & 0x7f);
      }
      const end = buf.indexOf(0, at);
      if (end < 0 || drop > previous.length) return undefined;
      previous = previous.slice(0, previous.length - drop) + buf.toString("utf8", at, end);
      v4Names.push(previous);
      pos = end + 1;
      continue;
    }
    // The low 12 bits of the flags hold the name's length, or 0xfff when it is that long or longer.
    let end = at + (flags & 0xfff);
    if ((flags & 0xfff) === 0xfff) end = buf.indexOf(0, at);
    if (end < 0 || end >= buf.length || buf[end] !== 0) return undefined;
    nameAt[i] = at;
    nameEnd[i] = end;
    // Entries are padded with NULs to a multiple of 8 bytes from their start.
    pos += Math.ceil((end - pos + 1) / 8) * 8;
  }
  // A split index keeps some entries in another file: what this one lists is not everything.
  if (buf.indexOf(Buffer.from("link"), pos) === pos) return undefined;
  return { count, starts, nameAt, nameEnd, v4Names, extensions: pos };

}
