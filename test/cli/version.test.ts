// The version users paste into bug reports: --version, doctor and every audit record carry package.json's version.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const GUARD = resolve("bin/guard");
const VERSION = JSON.parse(readFileSync("package.json", "utf8")).version as string;

function guard(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [GUARD, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
}

describe("guard's version", () => {
  const home = mkdtempSync(join(tmpdir(), "guard-version-"));
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".state"), XDG_CACHE_HOME: join(home, ".cache"), GUARD_AUDIT_LOG: join(home, "audit.jsonl") };

  it("is package.json's version in --version", () => {
    const r = guard(["--version"], env);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it("opens guard doctor's report, and is a field of its JSON", () => {
    expect(guard(["doctor"], env).stdout.split("\n")[0]).toMatch(new RegExp(`^guard ${VERSION.replace(/\./g, "\\.")} \\(node v`));
    expect(JSON.parse(guard(["doctor", "--json"], env).stdout).version).toBe(VERSION);
  });

  it("is written into each audit record", () => {
    const r = guard(["exec", "--", "true"], env);
    expect(r.status).toBe(0);
    const records = readFileSync(env.GUARD_AUDIT_LOG, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record.guard).toBe(VERSION);
  });
});
