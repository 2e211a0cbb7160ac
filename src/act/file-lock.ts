// An exclusive lock file shared by processes, with stale-lock recovery: used by the audit log's appends.
import { closeSync, fstatSync, linkSync, openSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { randomBytes } from "../core/crypto";

/** A lock older than this was left by a process that died holding it. */
export const LOCK_STALE_MS = 10_000;

export function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}


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
  for (let attempt = 0; ; attempt++) {
    const ino = tryCreateLock(path);
    if (ino !== undefined) return { path, ino };
    if (breakStaleLock(path)) continue;
    if (Date.now() >= deadline) {
      throw new Error(`another process has held the lock ${path} for over ${Math.round(waitMs / 1000)} s; delete it if no guard is running`);
    }
    // Short, jittered waits: an append holds the lock for well under a millisecond.
    sleep(Math.min(20, 1 + attempt) * (0.5 + Math.random()));
  }
}

function tryCreateLock(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (err) {
    if (errorCode(err) === "EEXIST") return undefined;
    throw err;
  }
  try {
    return fstatSync(fd).ino;
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes a lock left by a process that died holding it. Returns true when the caller should retry
 * at once (the lock is gone). The lock is first renamed to a private name, so of several processes
 * that see the same stale lock only one removes it; if what it renamed turns out to be a fresh lock
 * taken meanwhile, it is linked back.
 */
function breakStaleLock(path: string): boolean {
  let stale: { ino: number; mtimeMs: number };
  try {
    stale = statSync(path);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return true;
    throw err;
  }
  if (Date.now() - stale.mtimeMs < LOCK_STALE_MS) return false;
  const grave = `${path}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
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

