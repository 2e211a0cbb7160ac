// How a PIN becomes a key: the one scrypt setting and derivation the PIN hash and the system key's encryption share.
import { scryptSync } from "./crypto";

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** 32 MiB of memory per guess (see docs/threat-model.md for what that buys with each PIN length). */
export const PIN_KDF: KdfParams = { N: 1 << 15, r: 8, p: 1 };

/** How a file holding a PIN-derived value (the PIN hash, the encrypted system key) starts: format, KDF, its parameters, the salt (base64). */
export interface KdfHeader extends KdfParams {
  v: 1;
  kdf: "scrypt";
  salt: string;
}

/** The header of a new file: PIN_KDF with `salt`. */
export function kdfHeader(salt: Buffer): KdfHeader {
  return { v: 1, kdf: "scrypt", ...PIN_KDF, salt: salt.toString("base64") };
}

/**
 * The approval PIN's minimum length, and the system key's: that PIN guards a key file the agent's user can read,
 * so it must resist guessing offline.
 */
export const MIN_PIN_LENGTH = 4;
export const SYSTEM_MIN_PIN_LENGTH = 8;

/** 32 bytes from the PIN (NFKC, so the same keys typed on another layout give the same PIN) and the salt. */
export function pinKey(pin: string, salt: Buffer, params: KdfParams): Buffer {
  return scryptSync(pin.normalize("NFKC"), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}
