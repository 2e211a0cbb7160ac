// The audit log: every verdict appended as one hash-chained JSON line, rotated by size (reading and verifying: audit-verify.ts).
//
// The log is append-only JSON Lines. Each record carries the hash of the one before it, so deleting,
// reordering or editing a record breaks the chain where it happened. Many guard processes append at
// once (one per agent command), so appends take an exclusive lock file; they are synchronous because
// guard appends right before it exits.
import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { stateDir } from "../core/user-dirs";
import { redact } from "../core/redact";
import { acquireLock, ForeignLockError, releaseLock } from "./file-lock";
import { remainingMs } from "../core/deadline";
import { headPath, readHead, writeHead, type ChainHead } from "./audit-head";
import { recordHash } from "./audit-hash";
import { describeError, type AuditInput, type AuditRecord } from "./audit-line";
import { chainTail, type ChainTail } from "./audit-tail";
import { planPrune, removeSegments, rotateLive, shouldRotate, type Rotation } from "./audit-segments";
import { GUARD_VERSION } from "../core/version";

export { canonicalJson, recordHash } from "./audit-hash";
export { GENESIS, type AuditEntry, type AuditInput, type AuditRecord, type LogProblem } from "./audit-line";
export { readAudit, verifyAudit, type VerifyResult } from "./audit-verify";
export { DEFAULT_ROTATION, type Rotation } from "./audit-segments";

export type AppendResult = { ok: true; record: AuditRecord } | { ok: false; error: string; squatted?: boolean };

export interface AppendOptions {
  /** Defaults to auditLogPath(). */
  path?: string;
  now?: () => Date;
  /** How long to wait for another process's lock before giving up. */
  lockWaitMs?: number;
  /** Rotate the file by size (audit-segments.ts); absent: never. */
  rotation?: Rotation;
}

/** Four times the stale-lock age: a dead or stuck holder is always broken before a writer gives up. */
const LOCK_WAIT_MS = 4_000;
/** A library caller with no deadline armed (many appends from one process) may wait longer. */
const LIBRARY_LOCK_WAIT_MS = 10_000;

/** How long to wait for the lock: inside the entry point's overall deadline (core/deadline.ts), with room to answer after. */
function lockWait(): number {
  const left = remainingMs();
  return left === undefined ? LIBRARY_LOCK_WAIT_MS : Math.max(200, Math.min(LOCK_WAIT_MS, left - 700));
}

/** `$GUARD_AUDIT_LOG`, else `$XDG_STATE_HOME/guard/audit.jsonl`, else `~/.local/state/guard/audit.jsonl`. */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GUARD_AUDIT_LOG) return resolve(env.GUARD_AUDIT_LOG);
  return join(stateDir(env), "audit.jsonl");
}

// ---------------------------------------------------------------------------------------------
// Appending

/** Appends one record. Never throws: a log that cannot be written must not crash the command. */
export function appendAudit(input: AuditInput, options: AppendOptions = {}): AppendResult {
  let path = options.path ?? "";
  try {
    path ||= auditLogPath();
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Inside the entry point's overall deadline (core/deadline.ts), whatever the default wait.
    const lock = acquireLock(`${path}.lock`, options.lockWaitMs ?? lockWait());
    try {
      return { ok: true, record: appendLocked(path, input, options.now ?? (() => new Date()), options.rotation) };
    } finally {
      releaseLock(lock);
    }
  } catch (err) {
    return { ok: false, error: `cannot write the audit log ${path || "(no path)"}: ${describeError(err)}`, ...(err instanceof ForeignLockError ? { squatted: true } : {}) };
  }
}

function appendLocked(path: string, input: AuditInput, now: () => Date, rotation: Rotation | undefined): AuditRecord {
  let fd = openSync(path, "a+", 0o600);
  let record: AuditRecord;
  let head = readHead(headPath(path));
  try {
    const tail = continueFromHead(chainTail(fd), head);
    if (shouldRotate(fstatSync(fd).size, rotation)) {
      closeSync(fd);
      fd = -1;
      try {
        head = rotate(path, head, tail, (rotation as Rotation).keep);
      } catch {
        // A log that cannot rotate (a directory the user may not rename in) still takes the record.
      }
      fd = openSync(path, "a+", 0o600);
    }
    record = sealRecord(input, { seq: tail.seq + 1, prev: tail.hash, time: now().toISOString() });
    // A last line without its newline (a crash, a hand edit) must not swallow ours.
    const text = `${tail.needsNewline ? "\n" : ""}${JSON.stringify(record)}\n`;
    writeAll(fd, Buffer.from(text, "utf8"));
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  writeHead(headPath(path), { v: 1, seq: record.seq, hash: record.hash, time: record.time, ...(head?.dropped ? { dropped: head.dropped } : {}) });
  return record;
}

/**
 * Moves the live file to the next segment and removes the oldest beyond `keep`. The head learns where
 * the kept records start before any segment is removed, so a crash in between leaves a segment too
 * many (skipped by verify, removed next time), never a gap that looks like tampering. Returns the head.
 */
function rotate(path: string, head: ChainHead | undefined, tail: ChainTail, keep: number): ChainHead | undefined {
  rotateLive(path);
  tail.needsNewline = false; // the record starts a new, empty file
  const prune = planPrune(path, keep);
  if (!prune) return head;
  const next: ChainHead = { v: 1, seq: tail.seq, hash: tail.hash, time: head?.time ?? new Date().toISOString(), dropped: { seq: prune.dropped.seq, hash: prune.dropped.hash } };
  writeHead(headPath(path), next);
  try {
    removeSegments(prune.remove);
  } catch {
    // Left for the next rotation; verify skips segments that end before the head's `dropped`.
  }
  return next;
}

/**
 * The file's tail, unless the file is behind the head kept beside it (emptied, truncated, replaced):
 * then the next record chains to the head, so the gap stays visible to `guard log --verify` for
 * good instead of a fresh, valid-looking chain starting over. A file ahead of its head (a crash
 * between the two writes) is believed.
 */
function continueFromHead(tail: ChainTail, head: ChainHead | undefined): ChainTail {
  if (!head) return tail;
  if (tail.seq < head.seq || (tail.seq === head.seq && tail.hash !== head.hash)) return { ...tail, seq: head.seq, hash: head.hash };
  return tail;
}

function writeAll(fd: number, data: Buffer): void {
  // One write in practice; the loop only covers a short write, and we hold the lock throughout.
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
}

function sealRecord(input: AuditInput, chain: { seq: number; prev: string; time: string }): AuditRecord {
  const body = {
    v: 1 as const,
    guard: GUARD_VERSION,
    seq: chain.seq,
    time: chain.time,
    ...pickInput(input),
    prev: chain.prev,
  };
  return { ...body, hash: recordHash(chain.prev, body) };
}

/** Only the declared fields, in a readable order, without undefined values; the command redacted. */
function pickInput(input: AuditInput): AuditInput {
  const out: AuditInput = {
    entry: input.entry,
    decision: input.decision,
    rules: [...input.rules],
    command: redact(input.command),
    cwd: input.cwd,
  };
  if (input.source !== undefined) out.source = { ...input.source };
  if (input.approval !== undefined) out.approval = { ...input.approval };
  if (input.exitCode !== undefined) out.exitCode = input.exitCode;
  if (input.durationMs !== undefined) out.durationMs = input.durationMs;
  if (input.note !== undefined) out.note = input.note;
  if (input.phase !== undefined) out.phase = input.phase;
  if (input.startSeq !== undefined) out.startSeq = input.startSeq;
  return out;
}
