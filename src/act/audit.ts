// The audit log: every verdict appended as one hash-chained JSON line, and the reader/verifier for it.
//
// The log is append-only JSON Lines. Each record carries the hash of the one before it, so deleting,
// reordering or editing a record breaks the chain where it happened. Many guard processes append at
// once (one per agent command), so appends take an exclusive lock file; they are synchronous because
// guard appends right before it exits.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { stateDir } from "../core/user-dirs";
import { redact } from "../core/redact";
import { acquireLock, errorCode, ForeignLockError, releaseLock } from "./file-lock";
import { remainingMs } from "../core/deadline";
import { headPath, readHead, writeHead, type ChainHead } from "./audit-head";
import { recordHash, sha256 } from "./audit-hash";
import { GUARD_VERSION } from "../core/version";

export { canonicalJson, recordHash } from "./audit-hash";

export type AuditEntry = "check" | "exec" | "shell" | "hook" | "approve" | "trust" | "pin";

export interface AuditInput {
  entry: AuditEntry;
  cwd: string;
  /** Redacted by appendAudit before it is written. */
  command: string;
  decision: "allow" | "ask" | "deny";
  /** Rule ids of the findings. */
  rules: string[];
  /** Who asked, e.g. `{agent: "claude-code", session: "abc"}`. */
  source?: Record<string, string>;
  approval?: { how: "prompt" | "code"; at: string; code?: string };
  /** For executed commands. */
  exitCode?: number;
  durationMs?: number;
  /** E.g. "audit mode". */
  note?: string;
  /**
   * `guard exec`/`shell` write two records for a command that runs: `start` before it runs (so a
   * guard killed meanwhile still leaves a trace) and `end` after, with the exit code.
   */
  phase?: "start" | "end";
  /** On an `end` record: the seq of its `start` record in the local log. */
  startSeq?: number;
}

export interface AuditRecord extends AuditInput {
  v: 1;
  /** The guard version that wrote the record (absent in records of versions before 0.2.0). */
  guard?: string;
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

/** A problem found in the log; `line` is 1-based. */
export interface LogProblem {
  line: number;
  problem: string;
}

export type AppendResult = { ok: true; record: AuditRecord } | { ok: false; error: string; squatted?: boolean };

export interface AppendOptions {
  /** Defaults to auditLogPath(). */
  path?: string;
  now?: () => Date;
  /** How long to wait for another process's lock before giving up. */
  lockWaitMs?: number;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  problems: LogProblem[];
  /** The log does not exist (yet): nothing was ever appended, which verifies. */
  missing: boolean;
}

/** The `prev` of the first record. */
export const GENESIS = "0".repeat(64);

const TAIL_BYTES = 64 * 1024;
/** Four times the stale-lock age: a dead or stuck holder is always broken before a writer gives up. */
const LOCK_WAIT_MS = 4_000;
/** A library caller with no deadline armed (many appends from one process) may wait longer. */
const LIBRARY_LOCK_WAIT_MS = 10_000;

/** How long to wait for the lock: inside the entry point's overall deadline (core/deadline.ts), with room to answer after. */
function lockWait(): number {
  const left = remainingMs();
  return left === undefined ? LIBRARY_LOCK_WAIT_MS : Math.max(200, Math.min(LOCK_WAIT_MS, left - 700));
}
const NEWLINE = 0x0a;

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
      return { ok: true, record: appendLocked(path, input, options.now ?? (() => new Date())) };
    } finally {
      releaseLock(lock);
    }
  } catch (err) {
    return { ok: false, error: `cannot write the audit log ${path || "(no path)"}: ${describeError(err)}`, ...(err instanceof ForeignLockError ? { squatted: true } : {}) };
  }
}

function appendLocked(path: string, input: AuditInput, now: () => Date): AuditRecord {
  const fd = openSync(path, "a+", 0o600);
  let record: AuditRecord;
  try {
    const tail = continueFromHead(chainTail(fd), readHead(headPath(path)));
    record = sealRecord(input, { seq: tail.seq + 1, prev: tail.hash, time: now().toISOString() });
    // A last line without its newline (a crash, a hand edit) must not swallow ours.
    const text = `${tail.needsNewline ? "\n" : ""}${JSON.stringify(record)}\n`;
    writeAll(fd, Buffer.from(text, "utf8"));
  } finally {
    closeSync(fd);
  }
  writeHead(headPath(path), { v: 1, seq: record.seq, hash: record.hash, time: record.time });
  return record;
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

interface ChainTail {
  seq: number;
  hash: string;
  needsNewline: boolean;
}

/** What the next record chains to: the last record's seq and hash, read from the end of the file only. */
function chainTail(fd: number): ChainTail {
  const size = fstatSync(fd).size;
  if (size === 0) return { seq: 0, hash: GENESIS, needsNewline: false };
  const { line, endsWithNewline } = lastLine(fd, size);
  const parsed = parseLine(line);
  if ("record" in parsed) return { seq: parsed.record.seq, hash: parsed.record.hash, needsNewline: !endsWithNewline };
  // A corrupt last line still gets a successor: chained to its raw bytes, numbered by its line,
  // exactly as verifyAudit treats it, so the only problem reported is that line itself.
  return { seq: countLines(fd, size), hash: sha256(line), needsNewline: !endsWithNewline };
}

/** The last line (without its newline), reading a growing window from the end of the file. */
function lastLine(fd: number, size: number): { line: Buffer; endsWithNewline: boolean } {
  for (let length = Math.min(TAIL_BYTES, size); ; length = Math.min(length * 2, size)) {
    const tail = readAt(fd, size - length, length);
    const endsWithNewline = tail[tail.length - 1] === NEWLINE;
    const body = endsWithNewline ? tail.subarray(0, -1) : tail;
    const start = body.lastIndexOf(NEWLINE);
    if (start >= 0 || length === size) return { line: body.subarray(start + 1), endsWithNewline };
  }
}

/** Lines in the file, counting a last line without a newline. Only needed after a corrupt last line. */
function countLines(fd: number, size: number): number {
  let lines = 0;
  let last = NEWLINE;
  for (let pos = 0; pos < size; pos += TAIL_BYTES) {
    const chunk = readAt(fd, pos, Math.min(TAIL_BYTES, size - pos));
    for (const byte of chunk) if (byte === NEWLINE) lines++;
    last = chunk[chunk.length - 1];
  }
  return last === NEWLINE ? lines : lines + 1;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
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

// ---------------------------------------------------------------------------------------------
// Reading and verifying

type ParsedLine = { record: AuditRecord } | { kind: "json" | "shape"; problem: string };

function parseLine(raw: Buffer): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch (err) {
    return { kind: "json", problem: `not valid JSON (${(err as Error).message})` };
  }
  const missing = missingField(value);
  if (missing) return { kind: "shape", problem: `not an audit record: ${missing}` };
  return { record: value as AuditRecord };
}

/** Why `value` is not an audit record, or undefined if it is one. */
function missingField(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const r = value as Record<string, unknown>;
  if (r.v !== 1) return "unknown version (v is not 1)";
  if (!Number.isInteger(r.seq)) return "no integer seq";
  for (const field of ["time", "prev", "hash", "entry", "cwd", "command", "decision"]) {
    if (typeof r[field] !== "string") return `no string ${field}`;
  }
  if (!Array.isArray(r.rules)) return "no rules array";
  return undefined;
}

interface LogLine {
  line: number;
  raw: Buffer;
  parsed: ParsedLine;
}

/** The log's lines, or undefined when the file does not exist. Other read errors throw. */
function readLines(path: string): LogLine[] | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return undefined;
    throw new Error(`cannot read the audit log ${path}: ${describeError(err)}`);
  }
  const lines: LogLine[] = [];
  for (let start = 0; start < data.length; ) {
    const nl = data.indexOf(NEWLINE, start);
    const end = nl < 0 ? data.length : nl;
    const raw = data.subarray(start, end);
    lines.push({ line: lines.length + 1, raw, parsed: parseLine(raw) });
    start = end + 1;
  }
  return lines;
}

/** Every record that parses, and a problem for each line that does not. A missing log is empty. */
export function readAudit(path: string): { records: AuditRecord[]; problems: LogProblem[] } {
  const records: AuditRecord[] = [];
  const problems: LogProblem[] = [];
  for (const { line, parsed } of readLines(path) ?? []) {
    if ("record" in parsed) records.push(parsed.record);
    else problems.push({ line, problem: `line ${line}: ${parsed.problem}` });
  }
  return { records, problems };
}

/** Recomputes every hash and checks the chain; reports the first line of each distinct problem. */
export function verifyAudit(path: string): VerifyResult {
  const lines = readLines(path);
  const head = readHead(headPath(path));
  if (!lines) {
    if (!head || head.seq === 0) return { ok: true, records: 0, problems: [], missing: true };
    return { ok: false, records: 0, missing: true, problems: [{ line: 0, problem: `the audit log was removed: its chain head (${headPath(path)}) says ${head.seq} record(s) were written, the last at ${head.time}` }] };
  }
  const problems = new FirstProblems();
  let prevHash = GENESIS;
  let prevSeq = 0;
  let records = 0;
  for (const { line, raw, parsed } of lines) {
    if (!("record" in parsed)) {
      problems.add(parsed.kind, line, `line ${line}: ${parsed.problem}`);
      // Chain on as appendAudit does after a corrupt line, so its successors are not blamed for it.
      prevHash = sha256(raw);
      prevSeq = line;
      continue;
    }
    records++;
    checkRecord(parsed.record, { line, prevHash, prevSeq }, problems);
    prevHash = parsed.record.hash;
    prevSeq = parsed.record.seq;
  }
  const found = [...problems.list(), ...headProblems(path, head, { seq: prevSeq, hash: prevHash, records })];
  return { ok: found.length === 0, records, problems: found, missing: false };
}

/** What the head kept outside the log says about the log's end: emptied, truncated, replaced, or no head at all. */
function headProblems(path: string, head: ChainHead | undefined, end: { seq: number; hash: string; records: number }): LogProblem[] {
  if (!head) {
    if (end.records === 0) return [];
    const why = existsSync(headPath(path)) ? "is damaged" : "is missing";
    return [{ line: 0, problem: `the chain head ${headPath(path)} ${why}: guard cannot tell whether records were removed from the end of the log` }];
  }
  if (end.seq < head.seq) {
    const what = end.records === 0 ? "the audit log was emptied" : "records were removed from the end of the audit log (truncated)";
    return [{ line: 0, problem: `${what}: it ends at seq ${end.seq}, but its chain head says ${head.seq} record(s) were written, the last at ${head.time}` }];
  }
  if (end.seq === head.seq && end.hash !== head.hash) {
    return [{ line: 0, problem: `the last record was replaced: its hash differs from the chain head's (seq ${head.seq}, ${head.time})` }];
  }
  return [];
}

function checkRecord(record: AuditRecord, at: { line: number; prevHash: string; prevSeq: number }, problems: FirstProblems): void {
  const { line } = at;
  const { hash, ...withoutHash } = record;
  if (recordHash(record.prev, withoutHash) !== hash) {
    problems.add("edited", line, `record edited: line ${line}'s hash does not match its content`);
  }
  if (record.prev !== at.prevHash) {
    const before = line === 1 ? "the start of the log" : `line ${line - 1}'s hash`;
    problems.add("chain", line, `chain broken: a record before it was removed, reordered or edited (line ${line}'s prev is not ${before})`);
  }
  if (record.seq !== at.prevSeq + 1) {
    problems.add("seq", line, `sequence gap/reorder: line ${line} has seq ${record.seq}, expected ${at.prevSeq + 1}`);
  }
}

/** Keeps the first occurrence of each kind of problem: one tampering usually echoes down the log. */
class FirstProblems {
  private readonly byKind = new Map<string, LogProblem>();

  add(kind: string, line: number, problem: string): void {
    if (!this.byKind.has(kind)) this.byKind.set(kind, { line, problem });
  }

  list(): LogProblem[] {
    return [...this.byKind.values()].sort((a, b) => a.line - b.line);
  }
}

// ---------------------------------------------------------------------------------------------
// Errors


const ERROR_REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a parent of the path is not a directory",
  // Only mkdir lets EEXIST escape (the lock's EEXIST is handled): a file sits where a directory should be.
  EEXIST: "a parent of the path is not a directory",
  EISDIR: "the path is a directory",
};

function describeError(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && ERROR_REASONS[code] ? `${ERROR_REASONS[code]} (${message})` : message;
}
