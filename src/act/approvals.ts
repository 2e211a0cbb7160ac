// One-time approvals: a refused `ask` leaves a code; a human approves it; the exact command may then run once.
import { randomInt, createHash } from "../core/crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, stateDir } from "../core/user-dirs";
import { signedPayload, systemKeyPresent, verifySignature } from "../core/system-key";

export interface ApprovalRecord {
  v: 1;
  code: string;
  command: string;
  cwd: string;
  requestedAt: string;
  /** Until when the code can be approved. */
  requestExpiresAt: string;
  approvedAt?: string;
  /** Until when the approved command may run (once). */
  expiresAt?: string;
  /** The rules that asked: recorded in the audit log with the decision. */
  rules?: string[];
  /** With the system key: the signature over the approval (see approvalPayload); required then. */
  sig?: string;
}

/** What an approval's signature covers: exactly this command, in this directory, approved then, until then. */
export function approvalPayload(r: ApprovalRecord): Buffer {
  return signedPayload("approval", [r.code, r.command, r.cwd, r.approvedAt ?? "", r.expiresAt ?? ""]);
}

/** Codes can be approved for an hour; an approved command may run within 10 minutes (GUARD_APPROVAL_TTL, seconds). */
export const REQUEST_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_APPROVAL_TTL_MS = 10 * 60 * 1000;

/** No 0/O, 1/I/L: codes are read aloud and typed by people. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function approvalTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.GUARD_APPROVAL_TTL);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_APPROVAL_TTL_MS;
}

export function approvalsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), "approvals");
}

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function fileFor(dir: string, code: string): string {
  return join(dir, `${createHash("sha256").update(normaliseCode(code)).digest("hex").slice(0, 32)}.json`);
}

function newCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function writeAtomic(path: string, record: ApprovalRecord): void {
  const tmp = `${path}.${process.pid}.${randomInt(1e9)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

function read(path: string): ApprovalRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, "utf8")) as ApprovalRecord;
    return record && record.v === 1 && typeof record.command === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}

function records(dir: string): { path: string; record: ApprovalRecord }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".json")).flatMap((n) => {
    const record = read(join(dir, n));
    return record ? [{ path: join(dir, n), record }] : [];
  });
}

/** Creates (or reuses, for the same command and cwd) a pending request and returns its code. */
export function requestApproval(command: string, cwd: string, options: { env?: NodeJS.ProcessEnv; now?: Date; rules?: string[] } = {}): string {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const dir = ensurePrivateDir(approvalsDir(env));
  for (const { path, record } of records(dir)) {
    const expired = Date.parse(record.requestExpiresAt) <= now.getTime();
    if (expired && !record.approvedAt) rmSync(path, { force: true });
    else if (!record.approvedAt && record.command === command && record.cwd === cwd) return record.code;
  }
  const code = newCode();
  writeAtomic(fileFor(dir, code), {
    v: 1, code, command, cwd,
    ...(options.rules ? { rules: [...options.rules] } : {}),
    requestedAt: now.toISOString(),
    requestExpiresAt: new Date(now.getTime() + REQUEST_TTL_MS).toISOString(),
  });
  return code;
}

/** The pending request for a code, if it exists and can still be approved. */
export function pendingRequest(code: string, options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): ApprovalRecord | undefined {
  const record = read(fileFor(approvalsDir(options.env ?? process.env), code));
  const now = (options.now ?? new Date()).getTime();
  if (!record || record.approvedAt || Date.parse(record.requestExpiresAt) <= now) return undefined;
  return record;
}

/** Marks a pending request approved; the command may then run once within the approval TTL. */
export function markApproved(code: string, options: { env?: NodeJS.ProcessEnv; now?: Date; sign?: (payload: Buffer) => string } = {}): ApprovalRecord | undefined {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const record = pendingRequest(code, { env, now });
  if (!record) return undefined;
  const approved: ApprovalRecord = { ...record, approvedAt: now.toISOString(), expiresAt: new Date(now.getTime() + approvalTtlMs(env)).toISOString() };
  if (options.sign) approved.sig = options.sign(approvalPayload(approved));
  writeAtomic(fileFor(approvalsDir(env), code), approved);
  return approved;
}

/**
 * Claims an approval for exactly this command in exactly this cwd. The claim is a rename, which
 * only one process can win: two concurrent runs of an approved command cannot both proceed.
 */
export function consumeApproval(command: string, cwd: string, options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): ApprovalRecord | undefined {
  const env = options.env ?? process.env;
  const dir = approvalsDir(env);
  const now = (options.now ?? new Date()).getTime();
  for (const { path, record } of records(dir)) {
    if (!record.approvedAt || !record.expiresAt || record.command !== command || record.cwd !== cwd) continue;
    // With the system key, an approval file the agent's user wrote by hand is no approval.
    if (systemKeyPresent(env) && !verifySignature(approvalPayload(record), record.sig, env)) continue;
    if (Date.parse(record.expiresAt) <= now) {
      rmSync(path, { force: true });
      continue;
    }
    const claimed = `${path}.used.${process.pid}`;
    try {
      renameSync(path, claimed);
    } catch {
      continue; // another process claimed it first
    }
    rmSync(claimed, { force: true });
    return record;
  }
  return undefined;
}
