// Project rule examples are checked when the rules load, once per content: a rule that misses its own example is a config problem that makes checks ask.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPolicy } from "../../src/engine/policy";

const RULE = (notMatch: string) => `
rules:
  - id: project.tool-wipe
    action: ask
    severity: high
    message: Wipes the tool's data.
    why: It cannot be undone.
    instead: Ask the user.
    match: { program: mytool, subcommand: [wipe] }
    examples: { match: ["mytool wipe"], not_match: [${JSON.stringify(notMatch)}] }
`;

function project(rules: string) {
  const root = mkdtempSync(join(tmpdir(), "guard-local-examples-"));
  const repo = join(root, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  mkdirSync(join(repo, ".guard/rules"), { recursive: true });
  writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
  writeFileSync(join(repo, ".guard/rules/tool.yaml"), rules);
  const env = { HOME: join(root, "home"), XDG_CACHE_HOME: join(root, "cache"), GUARD_CONFIG: join(root, "none.yaml"), PATH: process.env.PATH };
  return { repo, env, cache: join(root, "cache/guard/rules/examples") };
}

describe("project rule examples at load time", () => {
  it("reports an example the rule gets wrong, and the check asks", () => {
    const where = project(RULE("mytool wipe --all"));
    const decision = openPolicy({ cwd: where.repo, env: where.env }).check("ls");
    expect(decision.configProblems).toEqual([expect.objectContaining({ message: expect.stringContaining('project.tool-wipe: example "mytool wipe --all": expected the rule not to match') })]);
    expect(decision.action).toBe("ask");
  });

  it("passes a rule whose examples hold, and the rule applies", () => {
    const where = project(RULE("mytool list"));
    const policy = openPolicy({ cwd: where.repo, env: where.env });
    expect(policy.check("ls").configProblems).toEqual([]);
    expect(policy.check("mytool wipe").action).toBe("ask");
  });

  it("runs the examples once per content, keeping the result in the cache", () => {
    const where = project(RULE("mytool list"));
    openPolicy({ cwd: where.repo, env: where.env }).check("ls");
    expect(existsSync(where.cache)).toBe(true);
    expect(readdirSync(where.cache)).toHaveLength(1);
    openPolicy({ cwd: where.repo, env: where.env }).check("ls");
    expect(readdirSync(where.cache)).toHaveLength(1);
    // An edit is new content: checked again.
    writeFileSync(join(where.repo, ".guard/rules/tool.yaml"), RULE("mytool status"));
    openPolicy({ cwd: where.repo, env: where.env }).check("ls");
    expect(readdirSync(where.cache)).toHaveLength(2);
  });
});
