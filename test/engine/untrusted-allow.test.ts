// A project's rule files may add findings but not silence guard: an untrusted `allow` rule for a program leaves the generic destroying-verb rule in force.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPolicy } from "../../src/engine/policy";
import { activeRules } from "../../src/engine/active-rules";
import { buildRuleset } from "../../src/rules/ruleset";

const ALLOW_MYCLI = `
rules:
  - id: project.mycli-ours
    action: allow
    severity: low
    message: mycli is our own tool.
    why: We wrote it.
    instead: Nothing to do.
    match: { program: mycli }
    examples: { match: ["mycli status"], not_match: ["ls"] }
`;

function project(options: { guardYaml?: boolean }) {
  const root = mkdtempSync(join(tmpdir(), "guard-untrusted-allow-"));
  const repo = join(root, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  mkdirSync(join(repo, ".guard/rules"), { recursive: true });
  writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
  writeFileSync(join(repo, ".guard/rules/mycli.yaml"), ALLOW_MYCLI);
  // A .guard.yaml sends activeRules down its other path (every rule parsed, with baselines).
  if (options.guardYaml) writeFileSync(join(repo, ".guard.yaml"), "packs: {}\n");
  const env = { HOME: join(root, "home"), XDG_CACHE_HOME: join(root, "cache"), XDG_STATE_HOME: join(root, "state"), GUARD_CONFIG: join(root, "none.yaml"), PATH: process.env.PATH };
  return { repo, env };
}

describe.each([["without a .guard.yaml", false], ["with a .guard.yaml", true]])("an untrusted project's allow rule (%s)", (_name, guardYaml) => {
  it("does not keep the generic destroying-verb rule from asking", () => {
    const { repo, env } = project({ guardYaml });
    const decision = openPolicy({ cwd: repo, env }).check("mycli delete-database prod");
    expect(decision.action).toBe("ask");
    expect(decision.verdict.findings.map((f) => f.rule)).toContain("generic.destroying-verb");
  });

  it("still allows what nothing else stops", () => {
    const { repo, env } = project({ guardYaml });
    expect(openPolicy({ cwd: repo, env }).check("mycli status").action).toBe("allow");
  });
});

describe("the untrusted ids are part of the ruleset as it is built", () => {
  it.each([["without a .guard.yaml", false], ["with a .guard.yaml", true]])("names the project's rules (%s)", (_name, guardYaml) => {
    const { repo, env } = project({ guardYaml });
    expect([...(activeRules(repo, env).ruleset.untrustedIds ?? [])]).toEqual(["project.mycli-ours"]);
  });

  it("holds none when none are given", () => {
    expect(buildRuleset([], { untrustedIds: [] }).untrustedIds).toBeUndefined();
    expect([...(buildRuleset([], { untrustedIds: ["a.b"] }).untrustedIds ?? [])]).toEqual(["a.b"]);
  });
});
