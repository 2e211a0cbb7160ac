// Every entry point writes through the one audit writer: approvals and pre-push refusals reach the mirror, not only the local log.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPrePush } from "../../src/install/pre-push-command";
import { askBeforeTouch, guardInPty, guardNoTty, sandbox } from "../helpers/guard";

function mirrored(root: string) {
  const mirror = join(root, "mirror.jsonl");
  writeFileSync(join(root, "user.yaml"), `audit:\n  mirror: ${JSON.stringify(mirror)}\n`);
  return { mirror, read: () => readFileSync(mirror, "utf8").trim().split("\n").map((l) => JSON.parse(l)) };
}

describe("the audit mirror gets every entry point's records", () => {
  it("a one-time approval: the refusal, the approval and the approved run", () => {
    const { root, repo, env } = sandbox();
    askBeforeTouch(repo);
    const { read } = mirrored(root);
    const configured = { ...env, GUARD_CONFIG: join(root, "user.yaml") };
    const first = guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env: configured });
    const code = /guard approve ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(first.stderr)?.[1];
    expect(code, first.stderr).toBeDefined();
    const approval = guardInPty(["approve", code!], { cwd: repo, env: configured, steps: [{ wait: "Type", send: "approve\r" }] });
    expect(approval.exitCode).toBe(0);
    expect(guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env: configured }).code).toBe(0);
    const records = read();
    // The approved run writes a start record before the command runs and an end record after it.
    expect(records.map((r) => r.entry)).toEqual(["exec", "approve", "exec", "exec"]);
    expect(records[1]).toMatchObject({ command: "touch approved.txt", rules: ["test.touch"], approval: { how: "code", code } });
    expect(records[2]).toMatchObject({ decision: "ask", approval: { how: "code" }, phase: "start" });
    expect(records[3]).toMatchObject({ decision: "ask", approval: { how: "code" }, exitCode: 0, phase: "end" });
  });

  it("a pre-push refusal", () => {
    const { root, repo, env } = sandbox();
    const { read } = mirrored(root);
    const force = `refs/heads/main ${"a".repeat(40)} refs/heads/main ${"b".repeat(40)}\n`;
    const result = runPrePush({ remote: "origin", input: force, cwd: repo, env: { ...env, GUARD_CONFIG: join(root, "user.yaml") } });
    expect(result.exitCode).toBe(1);
    expect(read()).toEqual([expect.objectContaining({ entry: "hook", decision: "deny", rules: ["git.force-push"], source: { agent: "git", hook: "pre-push", remote: "origin" } })]);
  });
});
