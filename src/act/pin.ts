// The approval PIN: a salted scrypt hash in the user's config directory, or, with the system key, the key's passphrase.
import { randomBytes, timingSafeEqual } from "../core/crypto";
import { kdfHeader, MIN_PIN_LENGTH, PIN_KDF, pinKey, type KdfHeader } from "../core/pin-kdf";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configDir, ensurePrivateDir } from "../core/user-dirs";
import { systemKeyPresent, unlockSigner } from "../core/system-key";

interface StoredPin extends KdfHeader {
  hash: string;
}

export function pinPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "pin.json");
}

export function setPin(pin: string, env: NodeJS.ProcessEnv = process.env): void {
  if (pin.length < MIN_PIN_LENGTH) throw new Error(`the PIN must have at least ${MIN_PIN_LENGTH} characters`);
  const salt = randomBytes(16);
  const stored: StoredPin = { ...kdfHeader(salt), hash: pinKey(pin, salt, PIN_KDF).toString("base64") };
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
  // With the system key, the PIN is the key's passphrase: always required, whatever pin.json says.
  if (systemKeyPresent(env)) return true;
  try {
    readFileSync(pinPath(env));
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

export function verifyPin(pin: string, env: NodeJS.ProcessEnv = process.env): boolean {
  // A rewritten pin.json means nothing then: only the PIN that decrypts the system key verifies.
  if (systemKeyPresent(env)) return unlockSigner(pin, env) !== undefined;
  try {
    const stored = JSON.parse(readFileSync(pinPath(env), "utf8")) as StoredPin;
    if (stored.v !== 1 || stored.kdf !== "scrypt") return false;
    const expected = Buffer.from(stored.hash, "base64");
    const actual = pinKey(pin, Buffer.from(stored.salt, "base64"), { N: stored.N, r: stored.r, p: stored.p });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}

/** A signer unlocked by the PIN, captured while the PIN is checked (system-anchored mode only). */
export interface PinCheck {
  verify: (pin: string) => boolean;
  signer: () => ((payload: Buffer) => string) | undefined;
}

/** The PIN check for a prompt; with the system key it also keeps the unlocked signer for what the human approves. */
export function pinCheck(env: NodeJS.ProcessEnv = process.env): PinCheck | undefined {
  if (!pinIsSet(env)) return undefined;
  let signer: ((payload: Buffer) => string) | undefined;
  return {
    verify: (pin) => {
      if (!systemKeyPresent(env)) return verifyPin(pin, env);
      signer = unlockSigner(pin, env);
      return signer !== undefined;
    },
    signer: () => signer,
  };
}
