// Each discarding command, run through guard exec and through an agent hook, then `guard undo --last --yes`: everything comes back byte for byte.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { guardNoTty } from "../helpers/guard";
import { fingerprint, fixtureRepo, sh, undoSandbox } from "./helpers";

interface Row {
  command: string;
  /** Run before the "before" fingerprint, to give the command something to discard. */
  setup?: string;
}

const ROWS: Row[] = [
  { command: "git reset --hard" },
  { command: "git reset --hard HEAD~1" },
  { command: "git checkout -- a.txt" },
  { command: "git checkout ." },
  { command: "git restore a.txt" },
  { command: "git clean -fd" },
  { command: "git stash drop" },
  { command: "git stash clear" },
  { command: "git branch -D feature" },
  // rebase needs a clean tree: the work in progress is committed first.
  { command: "git rebase feature", setup: "git add -A && git commit -qm wip" },
  { command: "git commit --amend -m rewritten" },
  { command: "git switch --discard-changes feature" },
  { command: "rm a.txt untracked.txt" },
  // A forced recursive delete of untracked work asks (the zone policy): here the directory is committed first.
  { command: "rm -rf dir", setup: "git add dir && git commit -qm dir" },
  { command: "mv untracked.txt b.txt" },
  { command: "cp b.txt a.txt" },
  { command: "sed -i s/one/ONE/ a.txt" },
  { command: "truncate -s 0 b.txt" },
  { command: "echo overwritten > a.txt" },
  { command: "find dir -name '*.md' -delete" },
];

function hookPayload(command: string, cwd: string): string {
  return JSON.stringify({ session_id: "s1", cwd, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command } });
}

/** Runs the command as the agent would once the hook has answered: bash -c in the repository. */
function runAsAgent(repo: string, command: string, env: Record<string, string>): void {
  spawnSync("bash", ["-c", command], { cwd: repo, env, encoding: "utf8" });
}

describe.each(["exec", "hook"] as const)("through %s, then guard undo --last --yes", (path) => {
  it.each(ROWS)("$command", ({ command, setup }) => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    if (setup) sh(repo, setup, env);
    const before = fingerprint(repo, env);
    if (path === "exec") {
      const r = guardNoTty(["exec", command], { cwd: repo, env });
      expect(r.stderr).not.toMatch(/no snapshot/);
      expect(r.code).not.toBe(77);
    } else {
      const r = guardNoTty(["hook", "claude-code"], { cwd: repo, env, input: hookPayload(command, repo) });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('"deny"');
      runAsAgent(repo, command, env);
    }
    // The command really discarded something, so the comparison below means something.
    expect(fingerprint(repo, env)).not.toEqual(before);
    const undo = guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env });
    expect(undo.stderr).toBe("");
    expect(undo.code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(before);
  });
});
