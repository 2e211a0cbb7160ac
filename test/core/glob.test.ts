// The cached glob matcher (with its literal pre-check) agrees with minimatch on every glob the rules use.
import fc from "fast-check";
import { Minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { compileGlob, matchText } from "../../src/core/glob";
import { builtinRuleFiles } from "../../src/rules/builtin";

const OPTIONS = { nocase: true, dot: true, nocomment: true, nonegate: true };

function ruleGlobs(): string[] {
  const globs = new Set<string>();
  for (const rule of builtinRuleFiles().flatMap((f) => f.rules)) {
    for (const p of [...rule.match.args.any, ...rule.match.args.none]) {
      if ("glob" in p) globs.add(p.glob);
      if ("first" in p) globs.add(p.first);
      if ("last" in p) globs.add(p.last);
    }
    for (const g of [...rule.match.redirectTo, ...rule.match.redirectFrom]) globs.add(g.replace(/^!/, ""));
  }
  return [...globs];
}

describe("compileGlob", () => {
  const globs = ruleGlobs();
  const texts = ["", "/", ".env", ".env.example", "./.env", "~/.ssh/id_rsa", "/home/u/.aws/credentials", "FLUSHALL", "flushdb", "s3://bucket", "s3:/bucket/x",
    "prod-db", "release/1.2", "a//b", "C:\\x", "*", ".*", "secret/db", "GUARD_CONFIG=/tmp/x", "x".repeat(300)];

  it("agrees with minimatch on every rule glob and sample argument", () => {
    expect(globs.length).toBeGreaterThan(50);
    for (const glob of globs) {
      const mm = new Minimatch(glob, OPTIONS);
      for (const text of texts) expect(compileGlob(glob, OPTIONS).test(matchText(text)), `${glob} vs ${text}`).toBe(mm.match(text));
    }
  });

  it("agrees with minimatch on generated texts", () => {
    const alphabet = fc.constantFrom("a", "E", ".", "/", "-", "_", "*", "env", "ssh", "id_", "s3:", "FLUSH", "all", "~", "x");
    fc.assert(fc.property(fc.constantFrom(...globs), fc.array(alphabet, { maxLength: 12 }).map((p) => p.join("")), (glob, text) => {
      expect(compileGlob(glob, OPTIONS).test(matchText(text))).toBe(new Minimatch(glob, OPTIONS).match(text));
    }), { seed: Number(process.env.GUARD_FC_SEED ?? 7), numRuns: Number(process.env.GUARD_FC_RUNS ?? 3000) });
  });
});
