// The audit log's hash chain: each record's hash covers the previous hash and its own canonical JSON.
import { sha256Hex } from "../core/sha256";


/** sha256 of `prev` + "\n" + the canonical JSON of the record without `hash`. */
export function recordHash(prev: string, withoutHash: object): string {
  return sha256(`${prev}\n${canonicalJson(withoutHash)}`);
}

/** JSON with object keys sorted recursively, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sha256(data: string | Buffer): string {
  return sha256Hex(data);
}

