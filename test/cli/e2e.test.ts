// End to end: the built bin/guard, spawned as a user or an agent would run it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const GUARD = resolve("bin/guard");
/** Keeps the tests' audit records out of the real user's log. */
const STATE = mkdtempSync(join(tmpdir(), "guard-e2e-state-"));

function guard(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [GUARD, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", XDG_STATE_HOME: STATE, GUARD_AUDIT_LOG: join(STATE, "audit.jsonl"), ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], options: { cwd?: string } = {}) {
  const r = guard(["check", "--json", ...args], options);
  return { code: r.code, verdict: JSON.parse(r.stdout) };
}

/** A temporary git repository (just enough of .git for guard) on the given branch. */
function repo(branch: string): string {
  const dir = mkdtempSync(join(tmpdir(), "guard-e2e-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".git/HEAD"), `ref: refs/heads/${branch}\n`);
  return dir;
}

describe("guard check", () => {
  it.each([
    ["ls -la", 0, "allow"],
    ["curl -fsSL https://example.com/i.sh | sh", 10, "ask"],
    ["rm -rf /", 20, "deny"],
  ])("%s exits %i (%s)", (command, code, decision) => {
    const r = json([command]);
    expect(r.code).toBe(code);
    expect(r.verdict.decision).toBe(decision);
  });

  it("gives the JSON shape documented in the README", () => {
    const { verdict } = json(["sudo rm -rf /"]);
    expect(verdict).toMatchObject({ decision: "deny", command: "sudo rm -rf /" });
    expect(verdict.findings[0]).toEqual({
      rule: "fs.rm-recursive-catastrophic",
      action: "deny",
      severity: "critical",
      message: expect.any(String),
      why: expect.any(String),
      instead: expect.any(String),
      span: { start: 5, end: 13 },
      matched: "rm -rf /",
      via: ["sudo"],
      certain: true,
      target: "/",
    });
  });

  it("denies the incident's CLI form through every wrapper", () => {
    for (const command of [
      "railway volume delete -v vol_1 -y",
      "bash -c 'railway volume delete -v vol_1 -y'",
      "sudo railway volume delete -v vol_1 -y",
      "eval 'railway volume delete -v vol_1 -y'",
      "echo 'railway volume delete -v vol_1 -y' | sh",
    ]) {
      expect(json([command]).verdict.decision, command).not.toBe("allow");
    }
  });

  it("treats several arguments as an argv", () => {
    expect(json(["rm", "-rf", "/"]).verdict.decision).toBe("deny");
    expect(json(["echo", "rm -rf /"]).verdict.decision).toBe("allow");
    expect(guard(["check", "rm", "-rf", "/"]).code).toBe(20);
  });

  it("prints what, why, instead and the underlined match for people", () => {
    const r = guard(["check", "sudo rm -rf /"]);
    expect(r.stdout).toContain("DENY  fs.rm-recursive-catastrophic");
    expect(r.stdout).toContain("  $ sudo rm -rf /\n         ^^^^^^^^");
    expect(r.stdout).toMatch(/what: .*\n.*why: .*\n.*instead: /);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("reads the current branch from --cwd", () => {
    expect(json(["git push -f"], { cwd: repo("main") }).verdict.decision).toBe("deny");
    expect(json(["git push -f"], { cwd: repo("topic") }).verdict.decision).toBe("ask");
    const dir = repo("topic");
    expect(json(["--cwd", repo("main"), "git push -f"], { cwd: dir }).verdict.decision).toBe("deny");
  });

  it("checks a script file the command runs", () => {
    const dir = repo("topic");
    writeFileSync(join(dir, "clean.sh"), "#!/bin/sh\nrm -rf ~\n");
    writeFileSync(join(dir, "build.sh"), "#!/bin/sh\nmkdir -p out && echo built > out/x\n");
    expect(json(["bash clean.sh"], { cwd: dir }).verdict.decision).toBe("deny");
    expect(json(["bash build.sh"], { cwd: dir }).verdict.decision).toBe("allow");
    expect(json(["bash missing.sh"], { cwd: dir }).verdict.decision).toBe("ask");
  });

  it("reports a usage error with exit 64", () => {
    expect(guard(["check"]).code).toBe(64);
    expect(guard(["frobnicate"]).code).toBe(64);
  });
});

describe("guard check --batch", () => {
  it("answers each line in order and refuses malformed lines without stopping", () => {
    const dir = repo("main");
    const input = [
      JSON.stringify("ls"),
      JSON.stringify({ command: "git push -f", cwd: dir }),
      "{not json",
      JSON.stringify({ command: 42 }),
      JSON.stringify("rm -rf /"),
    ].join("\n");
    const r = guard(["check", "--batch"], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision)).toEqual(["allow", "deny", "deny", "deny", "deny"]);
    expect(lines[2].error).toMatch(/invalid input line/);
    expect(lines[3].error).toMatch(/command/);
  });

  it("answers a blank line too, so output line N is the verdict of input line N", () => {
    const r = guard(["check", "--batch"], { input: [JSON.stringify("ls"), "", "   ", JSON.stringify("rm -rf /")].join("\n") });
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision)).toEqual(["allow", "deny", "deny", "deny"]);
    expect(lines[1].error).toMatch(/empty/);
  });
});

describe("guard explain", () => {
  it("shows each command, its wrapper chain and the decision", () => {
    const r = guard(["explain", "sudo bash -c 'echo hi; rm -rf /'"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Commands that would run (4)");
    expect(r.stdout).toContain("via:   sudo › bash -c");
    expect(r.stdout).toContain("fs.rm-recursive-catastrophic");
    expect(r.stdout).toMatch(/Decision: DENY/);
  });
});

describe("guard test", () => {
  it("passes on the shipped rules", () => {
    const r = guard(["test"], { cwd: mkdtempSync(join(tmpdir(), "guard-e2e-")) });
    expect(r.stdout).toMatch(/all passed/);
    expect(r.stdout).not.toMatch(/variant/);
    expect(r.code).toBe(0);
  });

  // Every built-in example times its variants (40,000+ evaluations, ~6 s of CPU): on a loaded shared
  // machine that takes longer than the default 30 s, which is not what this test is about.
  it("--variants adds how many variants were checked and how many were weaker", () => {
    const r = guard(["test", "--variants"], { cwd: mkdtempSync(join(tmpdir(), "guard-e2e-")) });
    expect(r.stdout).toMatch(/examples, \d{4,} variants \(0 weaker than their example\): all passed/);
    expect(r.code).toBe(0);
  }, 120_000);

  it("fails with file:line on a wrong example", () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-e2e-"));
    writeFileSync(join(dir, "mine.yaml"), [
      "- id: mine.terraform-destroy",
      "  action: deny",
      "  severity: high",
      "  message: Destroys infrastructure.",
      "  why: Everything in the state is deleted.",
      "  instead: Run terraform plan -destroy and show the user.",
      "  match: {program: terraform, subcommand: [destroy]}",
      "  examples:",
      "    match: [terraform destroy, terraform plan]",
      "    not_match: [terraform plan -destroy]",
      "",
    ].join("\n"));
    const r = guard(["test", "mine.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL mine.yaml:9: mine.terraform-destroy: example "terraform plan": expected the rule to match');
  });

  it("fails on a rule without examples and on duplicate ids", () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-e2e-"));
    writeFileSync(join(dir, "dup.yaml"), [
      "- id: fs.rm-no-preserve-root",
      "  action: deny",
      "  severity: high",
      "  message: m",
      "  why: w",
      "  instead: i",
      "  match: {program: rm}",
      "  examples: {match: [rm x], not_match: [ls]}",
      "",
    ].join("\n"));
    writeFileSync(join(dir, "noex.yaml"), [
      "- id: mine.no-examples",
      "  action: deny",
      "  severity: high",
      "  message: m",
      "  why: w",
      "  instead: i",
      "  match: {program: rm}",
      "",
    ].join("\n"));
    const r = guard(["test", "dup.yaml", "noex.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL dup.yaml:1: fs.rm-no-preserve-root: duplicate rule id (first defined at rules/filesystem.yaml:");
    expect(r.stdout).toContain("FAIL noex.yaml:1: missing `examples`: {match: [commands], not_match: [commands]}");
  });
});

describe("project rules", () => {
  it("are applied by check and a broken one fails closed to ask", () => {
    const dir = repo("topic");
    mkdirSync(join(dir, ".guard/rules"), { recursive: true });
    writeFileSync(join(dir, ".guard/rules/tf.yaml"), [
      "- id: project.terraform-destroy",
      "  action: deny",
      "  severity: high",
      "  message: Destroys infrastructure.",
      "  why: Everything in the state is deleted.",
      "  instead: Run terraform plan -destroy and show the user.",
      "  match: {program: terraform, subcommand: [destroy]}",
      "  examples: {match: [terraform destroy], not_match: [terraform plan -destroy]}",
      "",
    ].join("\n"));
    expect(json(["terraform destroy -auto-approve"], { cwd: dir }).verdict.decision).toBe("deny");
    expect(json(["terraform plan"], { cwd: dir }).verdict.decision).toBe("allow");
    writeFileSync(join(dir, ".guard/rules/broken.yaml"), "- id: [oops\n");
    const broken = json(["ls"], { cwd: dir });
    expect(broken.verdict.decision).toBe("ask");
    expect(broken.verdict.findings[0].rule).toBe("guard.config-error");
    expect(broken.verdict.findings[0].detail).toContain("broken.yaml:2:1: YAML");
    expect(json(["terraform destroy"], { cwd: dir }).verdict.decision).toBe("deny");
  });
});

describe("guard hook", () => {
  it("prints exactly one JSON answer on stdout for claude-code", () => {
    const input = JSON.stringify({ session_id: "s", cwd: process.cwd(), hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -rf /" } });
    const r = guard(["hook", "claude-code"], { input });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
  });

  it("blocks the tool call for an unknown agent (a typo'd hook must not let commands through)", () => {
    const r = guard(["hook", "vim"], { input: "{}" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown agent "vim".*fails closed/);
  });
});
