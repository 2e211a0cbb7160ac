// The record of `guard trust`: for one repository, the digest of every project file a human trusted, kept outside the repository.
import { randomBytes } from "../core/crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readRegularFile } from "../core/read-regular";
import { ensurePrivateDir, stateDir } from "../core/user-dirs";
import { sha256Hex } from "../core/sha256";
import { signedPayload } from "../core/system-key";

export interface TrustRecord {
  v: 1;
  /** The repository root the files belong to. */
  root: string;
  /** Project file (relative to root, or absolute when outside it) → sha256 of its bytes. */
  files: Record<string, string>;
  trustedAt: string;
  /** Base64 ed25519 signature over the canonical record without `sig`, with the system key (see system-key.ts). */
  sig?: string;
}

/** Where trust records live: `$XDG_STATE_HOME/guard/trust/`, never in the repository the agent writes. */
export function trustDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), "trust");
}

export function trustFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  // The plain-JavaScript hash (the same digest as node:crypto's): a check in a project with rule files looks for this file, and need not load node:crypto to name it.
  return join(trustDir(env), `${sha256Hex(root).slice(0, 32)}.json`);
}

/** The bytes a trust record's signature covers: its fields in a fixed order, `sig` left out. */
export function trustSignedPayload(record: TrustRecord): Buffer {
  const files = Object.keys(record.files).sort().map((k) => [k, record.files[k]]);
  return signedPayload("trust", [record.root, files, record.trustedAt]);
}

function isRecord(value: unknown, root: string): value is TrustRecord {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  if (r.v !== 1 || r.root !== root || typeof r.trustedAt !== "string") return false;
  if (r.sig !== undefined && typeof r.sig !== "string") return false;
  const files = r.files as Record<string, unknown>;
  return !!files && typeof files === "object" && !Array.isArray(files) && Object.values(files).every((d) => typeof d === "string" && /^[0-9a-f]{64}$/.test(d));
}

/** The stored record for `root`; a missing, damaged or odd file (a FIFO…) is no trust at all. */
export function readTrust(root: string, env: NodeJS.ProcessEnv = process.env): TrustRecord | undefined {
  try {
    const value: unknown = JSON.parse(readRegularFile(trustFile(root, env), 1_000_000).toString("utf8"));
    return isRecord(value, root) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeTrust(record: TrustRecord, env: NodeJS.ProcessEnv = process.env): string {
  const path = trustFile(record.root, env);
  ensurePrivateDir(trustDir(env));
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  return path;
}

export function revokeTrust(root: string, env: NodeJS.ProcessEnv = process.env): void {
  rmSync(trustFile(root, env), { force: true });
}

/** Which of the current files differ from the record (changed, added or removed), by name. */
export function changedSince(record: TrustRecord, current: Record<string, string>): string[] {
  const names = new Set([...Object.keys(record.files), ...Object.keys(current)]);
  return [...names].filter((n) => record.files[n] !== current[n]).sort();
}
