// Faults: broken config and rule files, unwritable state, missing shells, huge input, racing approvals — each fails closed and loses nothing.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { askBeforeTouch, GUARD, guardInPty, guardNoTty, sandbox } from "../helpers/guard";

function json(r: { stdout: string }) {
  return JSON.parse(r.stdout);
}

describe("config and rule files", () => {
  it.each([
    ["a rule file that is a directory", (repo: string) => mkdirSync(join(repo, ".guard/rules/broken.yaml"), { recursive: true })],
    ["a huge rule file", (repo: string) => { mkdirSync(join(repo, ".guard/rules"), { recursive: true }); writeFileSync(join(repo, ".guard/rules/huge.yaml"), `# ${"x".repeat(2_100_000)}\n`); }],
    ["a corrupt rule file", (repo: string) => { mkdirSync(join(repo, ".guard/rules"), { recursive: true }); writeFileSync(join(repo, ".guard/rules/bad.yaml"), "- id: [\u0000\n"); }],
    ["a huge project config", (repo: string) => writeFileSync(join(repo, ".guard.yaml"), `# ${"x".repeat(1_100_000)}\n`)],
    ["a project config that is a directory", (repo: string) => mkdirSync(join(repo, ".guard.yaml"))],
    ["a binary project config", (repo: string) => writeFileSync(join(repo, ".guard.yaml"), Buffer.from([0xff, 0xfe, 0, 1, 2, 3]))],
  ])("%s: every check asks, naming the problem; built-in rules still deny", (_name, breakIt) => {
    const { repo, env } = sandbox();
    breakIt(repo);
    const safe = guardNoTty(["check", "--json", "ls"], { cwd: repo, env });
    expect(safe.code).toBe(10);
    expect(json(safe).findings[0].rule).toBe("guard.config-error");
    const dangerous = guardNoTty(["check", "--json", "rm -rf /"], { cwd: repo, env });
    expect(dangerous.code).toBe(20);
    // exec refuses the ask: nothing runs until the file is fixed.
    expect(guardNoTty(["exec", "touch", "made"], { cwd: repo, env }).code).toBe(77);
    expect(existsSync(join(repo, "made"))).toBe(false);
  });

  it("an unreadable user config fails closed the same way", () => {
    const { root, repo, env } = sandbox();
    mkdirSync(join(root, "user.yaml"));
    const r = guardNoTty(["check", "--json", "ls"], { cwd: repo, env: { ...env, GUARD_CONFIG: join(root, "user.yaml") } });
    expect(r.code).toBe(10);
    expect(json(r).findings[0].detail).toMatch(/a directory, not a regular file/);
  });
});

describe("state: the audit log and the approval store", () => {
  it("a full disk (/dev/full) warns; an allowed command runs, a denied one does not", () => {
    const { root, repo, env } = sandbox();
    const broken = { ...env, GUARD_AUDIT_LOG: "/dev/full" };
    const ran = guardNoTty(["exec", "echo ran"], { cwd: repo, env: broken });
    expect(ran.stdout).toBe("ran\n");
    expect(ran.stderr).toContain("could not write the audit log");
    mkdirSync(join(root, "canary"));
    writeFileSync(join(root, "canary/c"), "alive");
    const denied = guardNoTty(["exec", 'rm -rf "$CANARY_DIR"/'], { cwd: repo, env: { ...broken, CANARY_DIR: join(root, "canary") } });
    expect(denied.code).toBe(77);
    expect(readFileSync(join(root, "canary/c"), "utf8")).toBe("alive");
  });

  it("a missing state directory is created on first use", () => {
    const { root, repo, env } = sandbox();
    const state = join(root, "deep", "missing", "state");
    const r = guardNoTty(["exec", "true"], { cwd: repo, env: { ...env, XDG_STATE_HOME: state, GUARD_AUDIT_LOG: "" } });
    expect(r.code).toBe(0);
    expect(existsSync(join(state, "guard", "audit.jsonl"))).toBe(true);
  });

  it("an approval store that cannot be written refuses the ask with a reason (no crash, nothing runs)", () => {
    const { root, repo, env } = sandbox();
    askBeforeTouch(repo);
    writeFileSync(join(root, "state-is-a-file"), "");
    const r = guardNoTty(["exec", "touch x.txt"], { cwd: repo, env: { ...env, XDG_STATE_HOME: join(root, "state-is-a-file") } });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain("approval store cannot be written");
    expect(existsSync(join(repo, "x.txt"))).toBe(false);
  });

  it("racing runs of one approved command: exactly one runs", async () => {
    const { repo, env } = sandbox();
    mkdirSync(join(repo, ".guard/rules"), { recursive: true });
    writeFileSync(join(repo, ".guard/rules/echo.yaml"), [
      "- id: test.echo", "  action: ask", "  severity: low", "  message: m.", "  why: w.", "  instead: i.",
      "  match: {program: echo}", "  examples: {match: [echo x], not_match: [ls]}", "",
    ].join("\n"));
    const command = "echo ran >> runs.log";
    const first = guardNoTty(["exec", command], { cwd: repo, env });
    const code = /guard approve ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(first.stderr)![1];
    expect(guardInPty(["approve", code], { cwd: repo, env, steps: [{ wait: "Type", send: "approve\r" }] }).exitCode).toBe(0);
    const runs = await Promise.all(Array.from({ length: 8 }, () => new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [GUARD, "exec", command], { cwd: repo, env, stdio: "ignore", detached: true });
      child.on("exit", (c) => resolve(c));
    })));
    expect(runs.filter((c) => c === 0)).toHaveLength(1);
    expect(runs.filter((c) => c === 77)).toHaveLength(7);
    expect(readFileSync(join(repo, "runs.log"), "utf8")).toBe("ran\n");
  });
});

describe("shells and input size", () => {
  it("a missing shell is exit 127 with a message", () => {
    const { repo, env } = sandbox();
    const exec = guardNoTty(["exec", "--shell", "/nonexistent/sh", "ls"], { cwd: repo, env });
    expect(exec.code).toBe(127);
    expect(exec.stderr).toContain("cannot run /nonexistent/sh");
    const shell = guardNoTty(["shell", "-c", "ls"], { cwd: repo, env: { ...env, GUARD_REAL_SHELL: "/nonexistent/bash" } });
    expect(shell.code).toBe(127);
  });

  it("a huge argv gets a verdict", () => {
    const { repo, env } = sandbox();
    const args = ["rm", "-rf", ...Array.from({ length: 100_000 }, (_, i) => `file${i}`), "/"];
    const r = guardNoTty(["check", "--json", "--", ...args], { cwd: repo, env });
    expect(r.code).toBe(20);
    expect(json(r).decision).toBe("deny");
  });
});
