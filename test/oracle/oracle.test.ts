// The bash oracle in CI: ≥ 50,000 seeded mutations of destructive commands; every one guard allows is run by real bash in a sandbox.
// Longer runs: `npm run oracle -- --count 400000` (see docs/threat-model.md, "The bash oracle").
import { describe, expect, it } from "vitest";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";
import { runOracle } from "./oracle";
import { bwrapAvailable, createSandbox } from "./sandbox";
import { destructive } from "./destructive";

const SEED = 20261204;
const MUTATIONS = 50_000;

describe("the bash oracle", () => {
  it("has a working sandbox: stubs record calls, and nothing reaches the host", () => {
    // CI installs bubblewrap (.ci/run); without it this fails rather than skipping silently.
    expect(bwrapAvailable(), "bubblewrap is required: apt-get install -y bubblewrap").toBe(true);
    const sandbox = createSandbox();
    try {
      const [rm, rmAbsolute, envRm, write] = sandbox.run(["rm -rf ~", "/usr/bin/rm -r /", "env -i rm -rf /etc", "echo x > /usr/oracle-probe; echo y > /work/oracle-probe"]);
      expect(rm.map((c) => c.argv)).toEqual([["rm", "-rf", "/home/user"]]);
      expect(destructive(rm[0])).toBeDefined();
      expect(destructive(rmAbsolute[0])).toBeDefined();
      expect(destructive(envRm[0])).toBeDefined();
      expect(write).toEqual([]);
    } finally {
      sandbox.dispose();
    }
  });

  it(`finds no destructive call after an allow in ${MUTATIONS} seeded mutations`, () => {
    const ruleset = buildRuleset(builtinRuleFiles().filter((f) => f.pack.enabledByDefault));
    // Every spelling the mutator knows, long-option prefixes (`rm --rec`, `git push --forc`) included.
    const report = runOracle({ seed: SEED, count: MUTATIONS, seconds: 240, ruleset });
    const failures = report.bypasses.map((b) => `${b.why}\n  minimal: ${JSON.stringify(b.minimal.command)} (${b.minimal.steps.join(" › ")})\n  found as: ${JSON.stringify(b.command)}`);
    expect(failures).toEqual([]);
    expect(report.stoppedByTime, `stopped after ${report.mutations} mutations`).toBe(false);
    expect(report.mutations).toBe(MUTATIONS);
    // The oracle must actually exercise bash: some mutations are harmless respellings guard rightly allows.
    expect(report.ranInBash).toBeGreaterThan(0);
  }, 600_000);
});
