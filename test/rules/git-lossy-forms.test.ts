// Less common git forms that lose work: reset --merge, checkout --pathspec-from-file, forced renames onto an unpushed branch.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import type { EvalContext } from "../../src/core/eval-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

/** `pushed` is on origin at the same commit, `local-only` has no remote copy, `behind` differs from origin's. */
function refsContext(): EvalContext {
  const refs: Record<string, string> = {
    "refs/heads/main": "1".repeat(40),
    "refs/remotes/origin/main": "1".repeat(40),
    "refs/heads/pushed": "2".repeat(40),
    "refs/remotes/origin/pushed": "2".repeat(40),
    "refs/heads/local-only": "3".repeat(40),
    "refs/heads/behind": "4".repeat(40),
    "refs/remotes/origin/behind": "5".repeat(40),
    "refs/heads/feature": "6".repeat(40),
  };
  const ctx = exampleContext();
  return { ...ctx, worktree: { ...ctx.worktree!, ref: (name) => refs[name] ?? null } };
}

function rules(command: string, ctx = refsContext()): string[] {
  return evaluate(command, ruleset, ctx).findings.map((f) => f.rule);
}

describe("git branch -M/-C onto an existing branch", () => {
  it.each([
    "git branch -M feature local-only",
    "git branch -C feature local-only",
    "git branch -M feature behind",
    "git branch -M local-only",
    "git branch --move --force feature local-only",
    "git branch -M feature \"$TARGET\"",
  ])("%s asks: the replaced branch's commits are not on a remote", (command) => {
    expect(rules(command)).toContain("git.branch-force-rename-unpushed");
  });

  it.each([
    "git branch -M feature no-such-branch",
    "git branch -M feature pushed",
    "git branch -m feature local-only",
    "git branch -M feature feature",
    "git branch -M main",
  ])("%s is left alone by this rule", (command) => {
    expect(rules(command)).not.toContain("git.branch-force-rename-unpushed");
  });

  it("asks when the refs cannot be read", () => {
    const ctx = exampleContext();
    const unreadable = { ...ctx, worktree: { ...ctx.worktree!, ref: () => undefined } };
    expect(rules("git branch -M feature other", unreadable)).toContain("git.branch-force-rename-unpushed");
  });
});

describe("staged work dropped by less common forms", () => {
  it("asks for git reset --merge, not for --keep", () => {
    expect(rules("git reset --merge")).toContain("git.reset-merge");
    expect(rules("git reset --keep HEAD")).not.toContain("git.reset-merge");
  });

  it.each(["git checkout HEAD --pathspec-from-file=paths.txt", "git checkout --pathspec-from-file paths.txt"])("asks for %s", (command) => {
    expect(rules(command)).toContain("git.restore-worktree-pathspec-file");
  });
});
