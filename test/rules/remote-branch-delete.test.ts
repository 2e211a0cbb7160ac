// Remote branch deletes ask whatever the local refs hold (the branch's pull requests close for everyone); protected branches are denied.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import type { EvalContext } from "../../src/core/eval-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

/** The example repository where `main` and `feature/x` are pushed and up to date with origin; `topic` is behind. */
function savedContext(): EvalContext {
  const refs: Record<string, string> = {
    "refs/heads/main": "1".repeat(40),
    "refs/remotes/origin/main": "1".repeat(40),
    "refs/heads/feature/x": "2".repeat(40),
    "refs/remotes/origin/feature/x": "2".repeat(40),
    "refs/heads/topic": "3".repeat(40),
    "refs/remotes/origin/topic": "4".repeat(40),
  };
  const ctx = exampleContext();
  return { ...ctx, worktree: { ...ctx.worktree!, ref: (name) => refs[name] ?? null } };
}

function check(command: string) {
  const verdict = evaluate(command, ruleset, savedContext());
  const own = verdict.findings.find((f) => f.rule === "git.delete-remote-branch");
  return { decision: verdict.decision, rules: verdict.findings.map((f) => f.rule), own: own?.action };
}

describe("git push deleting a remote branch", () => {
  it.each([
    "git push origin --delete main",
    "git push -d origin main",
    "git push origin :main",
    "git push origin :refs/heads/main",
    // A saved branch beside a protected one, and an unsaved one beside it: the protected one decides.
    "git push origin --delete feature/x main",
    "git push origin --delete topic main",
    "git push origin :topic :main",
  ])("%s: a protected branch is denied even when its tip is saved locally", (command) => {
    const result = check(command);
    expect(result.decision).toBe("deny");
    expect(result.own).toBe("deny");
  });

  it.each(["git push origin --delete topic", "git push origin :topic", "git push origin --delete feature/x topic"])(
    "%s: a branch whose remote tip is not the local one asks",
    (command) => expect(check(command)).toMatchObject({ decision: "ask", own: "ask" }),
  );

  it.each(["git push origin --delete feature/x", "git push origin :feature/x", "git push origin feature/y :feature/x", "git push -ud origin feature/x"])(
    "%s: asks even though the local branch has the remote's tip",
    (command) => expect(check(command)).toMatchObject({ decision: "ask", own: "ask" }),
  );

  it.each(["git push origin feature/x", "git push -u origin feature/new", "git push --dry-run origin --delete feature/x", "git push origin v1.3.0"])(
    "%s: a push that deletes nothing (or only pretends to) is not a delete",
    (command) => expect(check(command).rules).not.toContain("git.delete-remote-branch"),
  );
});
