// The audit record's shape and how one log file's lines are read and parsed (shared by appending, rotation and verifying).
import { readFileSync } from "node:fs";
import { errorCode } from "./file-lock";

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

/** A problem found in the log; `line` is 1-based within `file` (0: about the log as a whole). */
export interface LogProblem {
  line: number;
  problem: string;
  /** The file the line is in, when the log has rotated segments (absent: the live log). */
  file?: string;
}

/** The `prev` of the first record. */
export const GENESIS = "0".repeat(64);

export const NEWLINE = 0x0a;

export type ParsedLine = { record: AuditRecord } | { kind: "json" | "shape"; problem: string };

export function parseLine(raw: Buffer): ParsedLine {
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

export interface LogLine {
  line: number;
  raw: Buffer;
  parsed: ParsedLine;
}

/** One file's lines, or undefined when the file does not exist. Other read errors throw. */
export function readLines(path: string): LogLine[] | undefined {
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

export function describeError(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && ERROR_REASONS[code] ? `${ERROR_REASONS[code]} (${message})` : message;
}
