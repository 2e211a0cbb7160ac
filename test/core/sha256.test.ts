// The audit chain's plain-JavaScript SHA-256 must agree with node:crypto on every input, or `guard log --verify` breaks.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sha256Hex } from "../../src/core/sha256";

const reference = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("matches the FIPS 180-4 test vector for %j", (input, digest) => {
    expect(sha256Hex(input)).toBe(digest);
  });

  it("matches node:crypto at every length around the block and padding boundaries", () => {
    for (let n = 0; n <= 200; n++) {
      const text = "é".repeat(n % 7) + "x".repeat(n);
      expect(sha256Hex(text)).toBe(reference(text));
    }
  });

  it("matches node:crypto on arbitrary strings and bytes", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (s) => sha256Hex(s) === reference(s)));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => sha256Hex(b) === reference(b)));
  });
});
