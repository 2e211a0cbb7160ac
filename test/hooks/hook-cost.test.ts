// What one hook call builds: the rules in force once, and the findings' texts only for an answer that shows them.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as active from "../../src/engine/active-rules";
import { runHook } from "../../src/hooks/answer";
import { agentText, userText } from "../../src/report/agent";
import type { Verdict } from "../../src/engine/evaluate";
import type { Finding } from "../../src/core/finding";

// Counts every build of the rules in force, wherever in the hook it happens.
vi.mock("../../src/engine/active-rules", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/engine/active-rules")>();
  return { ...original, activeRules: vi.fn(original.activeRules) };
});

const RULE = "- id: project.wipe\n  action: ask\n  severity: high\n  message: Wipes the tool's data.\n  why: It cannot be undone.\n  instead: Ask the user.\n  match: {program: mytool, subcommand: [wipe]}\n  examples: {match: [mytool wipe], not_match: [mytool list]}\n";

describe("one hook call", () => {
  const root = mkdtempSync(join(tmpdir(), "guard-hook-cost-"));
  const repo = join(root, "repo");
  const saved = { ...process.env };

  beforeAll(() => {
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, ".guard/rules"), { recursive: true });
    writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
    writeFileSync(join(repo, ".guard/rules/tool.yaml"), RULE);
    Object.assign(process.env, {
      HOME: join(root, "home"), XDG_CONFIG_HOME: join(root, "config"), XDG_STATE_HOME: join(root, "state"), XDG_CACHE_HOME: join(root, "cache"),
      GUARD_AUDIT_LOG: join(root, "state", "audit.jsonl"), GUARD_CONFIG: join(root, "none.yaml"),
    });
  });
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it.each([
    ["a command a project rule asks about", "mytool wipe", "ask"],
    ["an everyday command", "git status", "none"],
    ["a destructive command", "rm -rf /", "deny"],
  ])("builds the rules in force once: %s", async (_what, command, decision) => {
    const count = vi.mocked(active.activeRules);
    count.mockClear();
    const payload = JSON.stringify({ hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command }, cwd: repo, session_id: "s" });
    const answer = await runHook("claude-code", { stdin: Readable.from([payload]) });
    expect(count).toHaveBeenCalledTimes(1);
    if (decision === "none") expect(answer.stdout).toBe("");
    else expect(answer.stdout).toContain(`"permissionDecision":"${decision}"`);
  });
});

describe("the findings' texts", () => {
  function counted(action: Finding["action"]): { verdict: Verdict; reads: () => number } {
    let reads = 0;
    const finding = { rule: "project.wipe", action, severity: "high", span: { start: 0, end: 11 }, via: [], certain: true } as unknown as Finding;
    for (const key of ["message", "why", "instead"] as const) Object.defineProperty(finding, key, { get: () => (reads++, key), enumerable: true });
    return { verdict: { decision: action, findings: [finding], command: "mytool wipe", invocations: [] }, reads: () => reads };
  }

  it("are not read for an answer that lets the command run, nor for a finding set to allow", () => {
    const asked = counted("ask");
    agentText(asked.verdict, { kind: "run" });
    userText(asked.verdict, { kind: "run" });
    expect(asked.reads()).toBe(0);
    const allowed = counted("allow");
    agentText(allowed.verdict, { kind: "ask" });
    userText(allowed.verdict, { kind: "ask" });
    expect(allowed.reads()).toBe(0);
  });

  it("are read for an answer that shows them", () => {
    const asked = counted("ask");
    expect(agentText(asked.verdict, { kind: "ask" })).toContain("[project.wipe] message Why: why Instead: instead");
    expect(userText(asked.verdict, { kind: "ask" })).toBe("guard asks: project.wipe: message Why: why");
  });
});
