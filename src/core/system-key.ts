// The system-anchored signing key: public half root-owned under /etc/guard, private half encrypted with the PIN.
//
// Without it, everything that stands for a human's decision — the PIN hash, approvals, trust records,
// the user config — is a file the agent's own user can write, so a same-user agent can forge it.
// With it (`sudo guard pin set --system`), those decisions are valid only with an ed25519 signature
// that verifies against a public key the agent's user cannot replace, made with a private key it
// cannot use without the PIN (scrypt-encrypted; see docs/threat-model.md for the PIN's strength).
import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { readRegularFile } from "./read-regular";
import { kdfHeader, PIN_KDF, pinKey, type KdfHeader } from "./pin-kdf";

/** Where the key lives: /etc/guard. */
export const SYSTEM_DIR = "/etc/guard";
export const PUBLIC_KEY_FILE = "signing.pub";
export const PRIVATE_KEY_FILE = "signing.key";

/** Not something anyone else may have written: owned by root, writable by nobody else, and not a symlink. */
function rootOwned(path: string): boolean {
  try {
    const l = lstatSync(path);
    return !l.isSymbolicLink() && l.uid === 0 && (l.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * The system directory in force. /etc/guard when it holds a key; otherwise GUARD_SYSTEM_DIR, but only
 * a root-owned directory that no one else can write (tests and other layouts). An agent cannot
 * switch the key off by pointing elsewhere (the real key always wins), nor bring its own key (its
 * directory is not root's).
 */
export function systemDir(env: NodeJS.ProcessEnv = process.env): string {
  if (existsSync(join(SYSTEM_DIR, PUBLIC_KEY_FILE))) return SYSTEM_DIR;
  const override = env.GUARD_SYSTEM_DIR;
  if (override && override.startsWith("/") && rootOwned(override)) return override;
  return SYSTEM_DIR;
}

export interface EncryptedKey extends KdfHeader {
  iv: string;
  tag: string;
  /** The PKCS#8 DER private key, AES-256-GCM encrypted. */
  data: string;
}

/** Whether system-anchored mode is on: a root-owned public key exists (a key file someone else could write does not count). */
export function systemKeyPresent(env: NodeJS.ProcessEnv = process.env): boolean {
  const dir = systemDir(env);
  return existsSync(join(dir, PUBLIC_KEY_FILE));
}

/** The public key PEM, or an Error saying why it cannot be believed (then nothing verifies: fail closed). */
export function publicKeyPem(env: NodeJS.ProcessEnv = process.env): string | Error {
  const dir = systemDir(env);
  const file = join(dir, PUBLIC_KEY_FILE);
  if (!rootOwned(dir) || !rootOwned(file)) return new Error(`${file} must be owned by root and writable by no one else`);
  try {
    return readRegularFile(file, 16_384).toString("utf8");
  } catch (err) {
    return err as Error;
  }
}

/** The bytes a signature covers: a purpose tag and the fields, in a fixed order. */
export function signedPayload(purpose: "approval" | "trust" | "user-config", fields: unknown[]): Buffer {
  return Buffer.from(JSON.stringify([`guard-${purpose}-v1`, ...fields]), "utf8");
}

/** Verifies a base64 signature over `payload` with the system public key. Any problem is false. */
export function verifySignature(payload: Buffer, signature: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!signature) return false;
  const pem = publicKeyPem(env);
  if (pem instanceof Error) return false;
  try {
    // node:crypto's key objects load here, only when a signature is checked.
    const crypto = require("node:crypto") as typeof import("node:crypto");
    return crypto.verify(null, payload, crypto.createPublicKey(pem), Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** A new key pair, the private half encrypted with `pin`. */
export function createKeyPair(pin: string): { publicPem: string; encrypted: EncryptedKey } {
  const crypto = require("node:crypto") as typeof import("node:crypto");
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", pinKey(pin, salt, PIN_KDF), iv);
  const data = Buffer.concat([cipher.update(privateKey.export({ type: "pkcs8", format: "der" })), cipher.final()]);
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    encrypted: { ...kdfHeader(salt), iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") },
  };
}

/** A signer, when `pin` decrypts the system private key (and it matches the public key); undefined otherwise. */
export function unlockSigner(pin: string, env: NodeJS.ProcessEnv = process.env): ((payload: Buffer) => string) | undefined {
  const dir = systemDir(env);
  const file = join(dir, PRIVATE_KEY_FILE);
  const pem = publicKeyPem(env);
  if (pem instanceof Error || !rootOwned(file)) return undefined;
  try {
    const crypto = require("node:crypto") as typeof import("node:crypto");
    const stored = JSON.parse(readRegularFile(file, 16_384).toString("utf8")) as EncryptedKey;
    if (stored.v !== 1 || stored.kdf !== "scrypt" || stored.N > 1 << 20) return undefined;
    const decipher = crypto.createDecipheriv("aes-256-gcm", pinKey(pin, Buffer.from(stored.salt, "base64"), stored), Buffer.from(stored.iv, "base64"));
    decipher.setAuthTag(Buffer.from(stored.tag, "base64"));
    const der = Buffer.concat([decipher.update(Buffer.from(stored.data, "base64")), decipher.final()]);
    const key = crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    const sign = (payload: Buffer) => crypto.sign(null, payload, key).toString("base64");
    // The private key must belong to the public key in force, or its signatures would verify nowhere.
    const probe = Buffer.from("guard-key-check");
    if (!crypto.verify(null, probe, crypto.createPublicKey(pem), Buffer.from(sign(probe), "base64"))) return undefined;
    return sign;
  } catch {
    return undefined; // wrong PIN (the GCM tag does not verify), damaged file
  }
}

/** For `guard doctor` and messages: where the key is and whether it can be believed. */
export function systemKeyStatus(env: NodeJS.ProcessEnv = process.env): { present: boolean; dir: string; problem?: string } {
  const dir = systemDir(env);
  if (!systemKeyPresent(env)) return { present: false, dir };
  const pem = publicKeyPem(env);
  return pem instanceof Error ? { present: true, dir, problem: pem.message } : { present: true, dir };
}

