// The approval PIN: only a salted scrypt hash is stored, in the user's config directory, mode 0600.
import { randomBytes, scryptSync, timingSafeEqual } from "../core/crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configDir, ensurePrivateDir } from "./paths";

interface StoredPin {
  v: 1;
  kdf: "scrypt";
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

const PARAMS = { N: 1 << 15, r: 8, p: 1 };
export const MIN_PIN_LENGTH = 4;

export function pinPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "pin.json");
}

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(pin.normalize("NFKC"), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
}

export function setPin(pin: string, env: NodeJS.ProcessEnv = process.env): void {
  if (pin.length < MIN_PIN_LENGTH) throw new Error(`the PIN must have at least ${MIN_PIN_LENGTH} characters`);
  const salt = randomBytes(16);
  const stored: StoredPin = { v: 1, kdf: "scrypt", ...PARAMS, salt: salt.toString("base64"), hash: derive(pin, salt, PARAMS).toString("base64") };
  const path = pinPath(env);
  ensurePrivateDir(configDir(env));
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function clearPin(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(pinPath(env), { force: true });
}

/**
 * Whether a PIN is set. A PIN file that exists but cannot be read or parsed counts as set, so a
 * damaged file can never switch the PIN requirement off (and then no PIN verifies: fail closed).
 */
export function pinIsSet(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    readFileSync(pinPath(env));
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

export function verifyPin(pin: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    const stored = JSON.parse(readFileSync(pinPath(env), "utf8")) as StoredPin;
    if (stored.v !== 1 || stored.kdf !== "scrypt") return false;
    const expected = Buffer.from(stored.hash, "base64");
    const actual = derive(pin, Buffer.from(stored.salt, "base64"), { N: stored.N, r: stored.r, p: stored.p });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}
