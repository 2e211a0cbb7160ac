// The code-cache warm-up (src/cli/warm-up.ts) runs in the launcher's exit handler of a real command: it must leave no trace.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { warmUp } from "../../src/cli/warm-up";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
});

describe("warmUp", () => {
  it("writes no audit record, config or state, prints nothing and leaves the exit code alone", () => {
    const home = mkdtempSync(join(tmpdir(), "guard-warm-up-"));
    for (const [k, d] of [["XDG_CONFIG_HOME", "c"], ["XDG_STATE_HOME", "s"], ["XDG_CACHE_HOME", "k"]] as const) process.env[k] = join(home, d);
    process.env.HOME = home;
    process.exitCode = 20;
    const writes: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) => writes.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => writes.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      warmUp(home);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(writes).toEqual([]);
    expect(process.exitCode).toBe(20);
    // Rule-file caches may be written under the cache directory, as any check does; nothing under state (the audit log).
    expect(readdirSync(home).filter((d) => d !== "k")).toEqual([]);
  });

  it("never throws, even where it cannot work (a directory that does not exist)", () => {
    expect(() => warmUp("/nonexistent/guard-warm-up")).not.toThrow();
  });
});
