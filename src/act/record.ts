// Writes an audit record everywhere the config asks: the local log, a mirror the agent cannot edit, and the system log.
import { appendAudit, auditLogPath, DEFAULT_ROTATION, readAudit, type AuditEntry, type AuditInput, type AuditRecord, type Rotation } from "./audit";
import type { Settings } from "../config/settings";
import type { Decision } from "../engine/policy";
import type { Outcome } from "./outcome";

export interface RecordResult {
  ok: boolean;
  /** One line per copy that could not be written; the caller warns, nothing else changes. */
  errors: string[];
  /** The record as written to the local log (absent when it could not be written). */
  record?: AuditRecord;
}

/** `logger` speaks to syslog/journald over the datagram socket node cannot open; only used when configured. */
function toSyslog(record: AuditRecord | AuditInput, target: true | string): string | undefined {
  const args = ["-t", "guard", "-p", "auth.notice", ...(typeof target === "string" ? ["-u", target, "--socket-errors=on"] : []), "--", JSON.stringify(record)];
  // Required here, not at start-up: node:child_process costs milliseconds on every check.
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const result = spawnSync("logger", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 2000 });
  if (result.error) return `system log: ${result.error.message}`;
  if (result.status !== 0) return `system log: logger exited ${result.status}: ${String(result.stderr).trim()}`;
  return undefined;
}

/**
 * How the local log rotates: `audit: {max_size, keep_segments}`, else 10 MB and 5 segments. The
 * mirror is not rotated by guard: it belongs to whoever set it up (logrotate, an append-only file).
 */
export function auditRotation(audit: Settings["audit"] | undefined): Rotation {
  return { maxBytes: audit?.maxBytes ?? DEFAULT_ROTATION.maxBytes, keep: audit?.keepSegments ?? DEFAULT_ROTATION.keep };
}

/** Appends one verdict to the local log and to every configured copy. Never throws. */
export function recordAudit(input: AuditInput, settings?: Settings, env: Readonly<Record<string, string | undefined>> = process.env): RecordResult {
  const errors: string[] = [];
  // One time for every copy, so the same record can be recognised in each.
  const at = new Date();
  const audit = settings?.audit;
  const local = appendAudit(input, { path: auditLogPath(env as NodeJS.ProcessEnv), now: () => at, rotation: auditRotation(audit) });
  if (!local.ok) errors.push(local.error);
  if (audit?.mirror) {
    const mirror = appendAudit(input, { path: audit.mirror, now: () => at });
    if (!mirror.ok) errors.push(`mirror: ${mirror.error}`);
  }
  // A record the local log could not take (a squatted lock, a full disk) still goes to the system
  // log, configured or not: a starved log must not mean a silent one.
  const syslog = audit?.syslog ?? (local.ok ? undefined : true);
  if (syslog) {
    const error = toSyslog(local.ok ? local.record : { ...input, note: [input.note, `not in the local log: ${local.error}`].filter(Boolean).join("; ") }, syslog);
    if (error) errors.push(error);
  }
  return { ok: errors.length === 0, errors, ...(local.ok ? { record: local.record } : {}) };
}

export interface DecisionRecord {
  entry: AuditEntry;
  /** Who asked: `{agent, session, model}` from the hook payload, GUARD_AGENT/GUARD_SESSION for exec/shell. */
  source?: Record<string, string>;
  exitCode?: number;
  durationMs?: number;
  /** exec/shell: `start` before the command runs, `end` after (with the start record's seq). */
  phase?: "start" | "end";
  startSeq?: number;
}

/** The audit note for an outcome: audit mode letting a finding through, or why an ask was refused. */
function outcomeNote(outcome: Outcome | undefined): string | undefined {
  if (!outcome) return undefined;
  if (outcome.kind === "run" && outcome.unenforced) return "audit mode: not enforced";
  if (outcome.kind === "refused") return `not approved: ${outcome.why}`;
  if (outcome.kind === "needs-approval") return `needs approval: code ${outcome.code}`;
  return undefined;
}

/**
 * The one way an entry point records a decision: the local log, the mirror and the system log, with the
 * outcome (approval, audit-mode note) in the same record. Never throws.
 */
export function recordDecision(decision: Decision, outcome: Outcome | undefined, record: DecisionRecord, settings: Settings, env?: Readonly<Record<string, string | undefined>>): RecordResult {
  const note = outcomeNote(outcome);
  return recordAudit({
    entry: record.entry,
    cwd: decision.cwd,
    command: decision.command,
    decision: decision.action,
    rules: decision.findings.map((f) => f.rule),
    ...(record.source ? { source: record.source } : {}),
    ...(outcome?.kind === "run" && outcome.approval ? { approval: outcome.approval } : {}),
    ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
    ...(record.phase ? { phase: record.phase } : {}),
    ...(record.startSeq !== undefined ? { startSeq: record.startSeq } : {}),
    ...(note ? { note } : {}),
  }, settings, env);
}

/** The warning an entry point prints when a copy of the record could not be written; empty when all were. */
export function recordWarning(result: RecordResult): string {
  return result.ok ? "" : `guard: warning: could not write the audit log: ${result.errors.join("; ")}\n`;
}

/** What identifies a record across the two logs (their chains differ: each file chains its own lines). */
function fingerprint(r: AuditRecord): string {
  return JSON.stringify([r.time, r.entry, r.cwd, r.command, r.decision, r.exitCode ?? null]);
}

/**
 * Compares the local log with the mirror copy: a record the mirror has and the local log lacks was
 * removed or truncated away locally (older than what rotation kept: expected). Returns one message per problem.
 */
export function compareWithMirror(localPath: string, mirrorPath: string): string[] {
  const counts = new Map<string, number>();
  const local = readAudit(localPath);
  for (const r of local.records) counts.set(fingerprint(r), (counts.get(fingerprint(r)) ?? 0) + 1);
  // Records rotated out of the local log are only in the mirror: compare from the oldest kept one.
  const from = local.rotated && local.records.length ? Date.parse(local.records[0].time) : -Infinity;
  const missing = readAudit(mirrorPath).records.filter((r) => {
    if (Date.parse(r.time) < from) return false;
    const n = counts.get(fingerprint(r)) ?? 0;
    counts.set(fingerprint(r), n - 1);
    return n <= 0;
  });
  if (missing.length === 0) return [];
  return [`${missing.length} record(s) in the mirror ${mirrorPath} are missing from ${localPath} (truncated or removed), first: ${missing[0].time} ${missing[0].command}`];
}
