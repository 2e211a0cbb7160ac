// The parsed-rule cache is input, not truth: a poisoned or odd entry is re-validated and, if wrong, parsed again from the YAML.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkedRuleFile } from "../../src/rules/cache-check";
import { diskRuleCache } from "../../src/rules/cache";
import { loadRuleFile } from "../../src/rules/load";
import { loadBuiltinIndividually } from "../helpers/rules";

const RULE = "- id: test.touch\n  action: deny\n  severity: low\n  message: m\n  why: w\n  instead: i\n  match: {program: touch}\n  examples: {match: [touch x], not_match: [ls]}\n";

describe("rule cache re-validation", () => {
  it("accepts every built-in rule file after a JSON round trip (what a fresh parse caches)", () => {
    for (const file of loadBuiltinIndividually().files) {
      const { digest: _digest, ...cached } = JSON.parse(JSON.stringify(file));
      expect(checkedRuleFile(cached, file.file), file.file).toBeDefined();
    }
  });

  it.each([
    ["an unknown action", (r: Record<string, unknown>) => { r.action = "maybe"; }],
    ["a config override baked in", (r: Record<string, unknown>) => { r.configured = { from: "deny", by: "x" }; }],
    ["a matcher of the wrong type", (r: Record<string, unknown>) => { (r.match as Record<string, unknown>).programs = "touch"; }],
  ])("refuses a poisoned entry: %s, and parses the YAML again", (_what, poison) => {
    const dir = mkdtempSync(join(tmpdir(), "guard-cache-"));
    const path = join(dir, "touch.yaml");
    writeFileSync(path, RULE);
    const cache = diskRuleCache(join(dir, "cache"));
    loadRuleFile(path, "touch.yaml", cache);
    const [entry] = readdirSync(join(dir, "cache"));
    const value = JSON.parse(JSON.stringify(loadRuleFile(path, "touch.yaml")));
    delete value.digest;
    poison(value.rules[0]);
    writeFileSync(join(dir, "cache", entry), JSON.stringify(value));
    const loaded = loadRuleFile(path, "touch.yaml", cache);
    expect(loaded.rules[0].action).toBe("deny");
    expect(loaded.rules[0].configured).toBeUndefined();
  });

  it("a FIFO in place of a cache entry is skipped, not waited on", () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-cache-"));
    const path = join(dir, "touch.yaml");
    writeFileSync(path, RULE);
    const cache = diskRuleCache(join(dir, "cache"));
    loadRuleFile(path, "touch.yaml", cache);
    const [entry] = readdirSync(join(dir, "cache"));
    execFileSync("sh", ["-c", `rm "$1" && mkfifo "$1"`, "sh", join(dir, "cache", entry)]);
    expect(loadRuleFile(path, "touch.yaml", cache).rules[0].id).toBe("test.touch");
  });
});
