// node:crypto, loaded on first use: it costs a few milliseconds to initialise, and most checks never need a random number or a scrypt.
import type * as NodeCrypto from "node:crypto";

let loaded: typeof NodeCrypto | undefined;

function nodeCrypto(): typeof NodeCrypto {
  loaded ??= require("node:crypto") as typeof NodeCrypto;
  return loaded;
}

export function createHash(algorithm: string): NodeCrypto.Hash {
  return nodeCrypto().createHash(algorithm);
}

export function randomBytes(size: number): Buffer {
  return nodeCrypto().randomBytes(size);
}

export function randomUUID(): string {
  return nodeCrypto().randomUUID();
}

export function randomInt(max: number): number {
  return nodeCrypto().randomInt(max);
}

export function scryptSync(password: string, salt: Buffer, keylen: number, options: NodeCrypto.ScryptOptions): Buffer {
  return nodeCrypto().scryptSync(password, salt, keylen, options);
}

export function timingSafeEqual(a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean {
  return nodeCrypto().timingSafeEqual(a, b);
}

/**
 * `bytes` random bytes as hex, from /dev/urandom (the kernel source node:crypto also draws on) so that
 * naming a private temporary file does not load node:crypto; node:crypto where there is no /dev/urandom.
 */
export function randomHex(bytes: number): string {
  const { closeSync, openSync, readSync } = require("node:fs") as typeof import("node:fs");
  const buffer = Buffer.alloc(bytes);
  try {
    const fd = openSync("/dev/urandom", "r");
    try {
      if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString("hex");
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom (not Linux or macOS): the library's generator.
  }
  return randomBytes(bytes).toString("hex");
}
