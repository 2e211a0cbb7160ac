// An exclusive lock file shared by processes, holding the holder's PID: used by the audit log's appends.
//
// A writer killed while holding the lock must not make later, completed calls lose their records:
// the lock names its holder's PID, so a lock whose holder is dead is broken at once, and one held
// longer than LOCK_STALE_MS (far longer than an append takes) is broken too — both well inside a
// writer's wait. A lock that is not guard's (no PID: `while :; do touch audit.jsonl.lock; done`)
// is broken once; if it comes back, the lock is being squatted and the caller gets a
// ForeignLockError at once, so it can send the record elsewhere (syslog, the mirror) instead.
import { closeSync, linkSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from "node:fs";
import { randomHex } from "../core/crypto";
import { readRegularFile } from "../core/read-regular";

/** A live holder keeps the lock for well under a millisecond; one holding it this long is stuck. */
export const LOCK_STALE_MS = 1_000;
/** A guard writes its PID right after creating the lock; a lock with no PID after this long is not guard's. */
export const FOREIGN_LOCK_MS = 150;

export function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Something other than a guard keeps the lock file: appends cannot take it. */
export class ForeignLockError extends Error {}

export interface HeldLock {
  path: string;
  /** Our lock file's inode: release must not delete a lock someone else took after breaking ours. */
  ino: number;
}

const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(SLEEP_CELL, 0, 0, ms);
}

export function acquireLock(path: string, waitMs: number): HeldLock {
  const deadline = Date.now() + waitMs;
  const watch: ForeignWatch = { ino: -1, since: 0, broken: 0 };
  const mine = ownLockFile(path);
  try {
    for (let attempt = 0; ; attempt++) {
      const ino = tryLink(mine, path);
      if (ino !== undefined) return { path, ino };
      if (breakStaleLock(path, watch)) continue;
      if (Date.now() >= deadline) {
        throw new Error(`another process has held the lock ${path} for over ${Math.round(waitMs / 1000)} s; delete it if no guard is running`);
      }
      // Short, jittered waits: an append holds the lock for well under a millisecond. A writer that
      // has waited a while polls faster, so newcomers do not keep overtaking it.
      const waited = Date.now() - (deadline - waitMs);
      sleep((waited < 300 ? Math.min(20, 1 + attempt) : 2) * (0.5 + Math.random()));
    }
  } finally {
    removeIfThere(mine);
  }
}

/** Deletes a file that may be gone already (rmSync would load its recursive remover on every append). */
function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (errorCode(err) !== "ENOENT") throw err;
  }
}

/**
 * The lock is created with its content already in it: the PID goes into a private file that is
 * then hard-linked to the lock path (which fails if the lock exists). A guard lock is never seen
 * empty, so a lock without a PID is never a guard that is about to write one.
 */
function ownLockFile(path: string): string {
  const mine = `${path}.${process.pid}-${randomHex(4)}`;
  const fd = openSync(mine, "wx", 0o600);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return mine;
}

function tryLink(mine: string, path: string): number | undefined {
  try {
    linkSync(mine, path);
  } catch (err) {
    if (errorCode(err) === "EEXIST") return undefined;
    throw err;
  }
  return statSync(path).ino;
}

/** The PID a guard lock names, or undefined for a lock that names none (empty, junk, not a regular file). */
function holderOf(path: string): number | undefined {
  try {
    const m = /^(\d+)\n$/.exec(readRegularFile(path, 64).toString("utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === "EPERM"; // exists, owned by someone else
  }
}

/** What this writer has seen of a PID-less lock: since when (by inode), and how often it broke one. */
interface ForeignWatch {
  ino: number;
  since: number;
  broken: number;
}

/** Whether the lock at `path` may be broken now: its holder is dead or stuck, or it is not guard's. */
function isStale(path: string, stat: { ino: number; ctimeMs: number }, watch: ForeignWatch): boolean {
  const holder = holderOf(path);
  // ctime, not mtime: the link that took the lock sets it, while the PID was written earlier.
  if (holder !== undefined) return !alive(holder) || Date.now() - stat.ctimeMs >= LOCK_STALE_MS;
  // No PID: not a guard lock (guard's are created with theirs). Give a racing break a moment,
  // measured by our own clock (a squatter keeps the mtime fresh), then call it foreign.
  if (watch.ino !== stat.ino) {
    watch.ino = stat.ino;
    watch.since = Date.now();
    return false;
  }
  if (Date.now() - watch.since < FOREIGN_LOCK_MS) return false;
  if (watch.broken >= 1) throw new ForeignLockError(`the lock ${path} is kept by something that is not guard (it came back after being removed)`);
  watch.broken++;
  return true;
}

/**
 * Removes a lock whose holder died, got stuck, or is not guard. Returns true when the caller should
 * retry at once. The lock is first renamed to a private name, so of several processes that see the
 * same stale lock only one removes it; if what it renamed turns out to be a fresh lock taken
 * meanwhile, it is linked back.
 */
function breakStaleLock(path: string, watch: ForeignWatch): boolean {
  let stale: { ino: number; ctimeMs: number };
  try {
    stale = statSync(path);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return true;
    throw err;
  }
  if (!isStale(path, stale, watch)) return false;
  const grave = `${path}.stale-${process.pid}-${randomHex(4)}`;
  try {
    renameSync(path, grave);
  } catch {
    return true; // someone else broke it first
  }
  try {
    if (statSync(grave).ino !== stale.ino) linkSync(grave, path);
  } catch {
    // A live lock we could not put back: its holder finishes normally; at worst two appends overlap.
  } finally {
    rmSync(grave, { force: true });
  }
  return true;
}

export function releaseLock(lock: HeldLock): void {
  try {
    if (statSync(lock.path).ino === lock.ino) unlinkSync(lock.path);
  } catch {
    // Already gone (broken as stale): nothing to release.
  }
}
