// What a check pays for a thousand project rules once their parse is cached: no crypto, and only the cache entry's header plus the shards of the programs the command runs (issue 14).
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { probedGuard, type Probed } from "../helpers/start-probe";

function ruleFile(n: number): string {
  const rules = Array.from({ length: n }, (_, i) => [
    `  - id: bench.rule-${i}`, "    action: ask", "    severity: medium", `    message: Deletes something with tool${i}.`, "    why: Generated.", "    instead: Ask the user.",
    "    match:", `      program: tool${i}`, "      subcommand: [[delete]]", "    examples:", `      match: ["tool${i} delete x"]`, `      not_match: ["tool${i} list"]`,
  ].join("\n"));
  return `pack:\n  name: bench\n  description: "Generated rules."\nrules:\n${rules.join("\n")}\n`;
}

describe("a check in a project with 1,000 rules", () => {
  const home = mkdtempSync(join(tmpdir(), "guard-project-cost-"));
  const repoWith = join(home, "with");
  const repoWithout = join(home, "without");

  function run(repo: string, command: string): Probed {
    return probedGuard(home, ["check", "--cwd", repo, command]);
  }

  beforeAll(async () => {
    for (const repo of [repoWith, repoWithout]) {
      mkdirSync(join(repo, ".git"), { recursive: true });
      writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
    }
    mkdirSync(join(repoWith, ".guard/rules"), { recursive: true });
    writeFileSync(join(repoWith, ".guard/rules/bench.yaml"), ruleFile(1000));
    // A rule file's parse is cached once the file has been left alone for 2 s; the first check after that writes it.
    await new Promise((done) => setTimeout(done, 2_100));
    run(repoWith, "git status");
  }, 60_000);

  it("still applies them", () => {
    expect(run(repoWith, "tool999 delete x").stdout).toContain("bench.rule-999");
  });

  it("loads no crypto module and parses the cache entry's header, not its rules", () => {
    const entry = readdirSync(join(home, "cache/guard/rules")).find((n) => n.endsWith(".rules"))!;
    const entrySize = statSync(join(home, "cache/guard/rules", entry)).size;
    const without = run(repoWithout, "git status");
    const withRules = run(repoWith, "git status");
    expect(withRules.modules.filter((m) => /^(crypto|internal\/crypto)\b/.test(m))).toEqual([]);
    // The header (ids and shard keys) is about a tenth of the entry; no shard of a program the command does not run.
    expect(withRules.parsed - without.parsed).toBeGreaterThan(0);
    expect(withRules.parsed - without.parsed).toBeLessThan(entrySize / 5);
  });
});
