// The on-disk cache of parsed rule files (project and config rule files), keyed by the file's identity and change times, read one shard at a time.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RuleCache } from "./load";
import { serialiseSource, storedSource } from "./source";

declare const __GUARD_VERSION__: string | undefined;

/** Largest cache entry read: a parse of the largest rule file guard reads is well under it. */
const MAX_ENTRY_BYTES = 16_000_000;

/**
 * Runs `read` on the entry, opened only if it is a regular file: a FIFO or device in its place is
 * refused unopened (it would hang or have effects), and checked again once open. Closed after, so a
 * long-lived host keeps no descriptor per load.
 */
function withEntry<T>(path: string, read: (fd: number, size: number) => T): T {
  if (!statSync(path).isFile()) throw new Error("not a regular file");
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_ENTRY_BYTES) throw new Error("not a regular file of a plausible size");
    return read(fd, stats.size);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, start: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, bytes, done, length - done, start + done);
    if (got === 0) throw new Error("the entry ends early");
    done += got;
  }
  return bytes;
}

/** The header line, read in chunks until its newline: a check reads the header and the shards it needs, not the whole entry. */
function readHeader(fd: number, size: number): { header: string; base: number } {
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    const chunk = readAt(fd, length, Math.min(64 * 1024, size - length));
    const at = chunk.indexOf(10);
    chunks.push(at >= 0 ? chunk.subarray(0, at) : chunk);
    if (at >= 0) return { header: Buffer.concat(chunks).toString("utf8"), base: length + at + 1 };
    length += chunk.length;
    if (length >= size) throw new Error("no header line");
  }
}

/**
 * A cache entry is a parse, by this version of guard, of the file whose stat key (load.ts
 * `statKey`) names it; a missing, stale or damaged entry just means parsing the YAML again. The
 * directory sits beside guard's state (`$XDG_CACHE_HOME/guard/rules`) and the agent's user can
 * write it, so an entry is input, not truth: see load.ts `loadRuleSource` for when one is used at
 * all, and source.ts for how each shard is re-validated before a check reads it.
 */
export function diskRuleCache(dir: string): RuleCache {
  const version = typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev";
  const fileFor = (key: string) => join(dir, `${version}-${key}.rules`);
  return {
    get(key, file, reparse) {
      const path = fileFor(key);
      try {
        const { header, base, size } = withEntry(path, (fd, size) => ({ ...readHeader(fd, size), size }));
        // Each shard is read when first asked for; an entry replaced meanwhile is re-validated like any other.
        const slice = (start: number, end: number) => withEntry(path, (fd) => readAt(fd, base + start, end - start).toString("utf8"));
        return storedSource({ header, size: size - base, slice }, file, reparse);
      } catch {
        return undefined;
      }
    },
    set(key, file) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${fileFor(key)}.${process.pid}.tmp`;
        writeFileSync(tmp, serialiseSource(file), { mode: 0o600 });
        renameSync(tmp, fileFor(key));
      } catch {
        // A read-only cache directory only costs speed.
      }
    },
  };
}
