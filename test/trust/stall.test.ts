// guard cannot be stalled: a FIFO (or other odd file) at any config or rule path, a stdin that never ends, a deleted cwd: each is a prompt refusal.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { trustFile } from "../../src/config/trust-store";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARD, guardNoTty, sandbox } from "../helpers/guard";

type Box = ReturnType<typeof sandbox>;

/** Each path guard reads before deciding; the FIFO replaces it. */
const PATHS: [string, (box: Box) => string][] = [
  ["system config", (box) => { box.env.GUARD_SYSTEM_CONFIG = join(box.root, "system.yaml"); return box.env.GUARD_SYSTEM_CONFIG; }],
  ["user config", (box) => join(box.env.XDG_CONFIG_HOME, "guard", "config.yaml")],
  ["project .guard.yaml", (box) => join(box.repo, ".guard.yaml")],
  ["project .guard/rules", (box) => join(box.repo, ".guard", "rules")],
  ["a project rule file", (box) => join(box.repo, ".guard", "rules", "x.yaml")],
  ["an extra_rules file", (box) => { writeFileSync(join(box.repo, ".guard.yaml"), "extra_rules: [extra.yaml]\n"); return join(box.repo, "extra.yaml"); }],
  ["the trust record directory's file", (box) => { writeFileSync(join(box.repo, ".guard.yaml"), "rules: {git.force-push: deny}\n"); return trustFile(box.repo, box.env); }],
  [".git/HEAD", (box) => join(box.repo, ".git", "HEAD")],
];

function withFifo(at: (box: Box) => string): Box {
  const box = sandbox();
  const path = at(box);
  mkdirSync(join(path, ".."), { recursive: true });
  execFileSync("sh", ["-c", 'rm -rf "$1" && mkfifo "$1"', "sh", path]);
  return box;
}

function timed(args: string[], box: Box, input = "") {
  const started = Date.now();
  const r = spawnSync(process.execPath, [GUARD, ...args], { cwd: box.repo, env: { ...box.env, GUARD_NO_TTY: "1" }, input, encoding: "utf8", timeout: 15_000 });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - started };
}

describe("a FIFO at a config or rule path", () => {
  it.each(PATHS)("%s: check, exec and hook answer promptly and do not allow", (_name, at) => {
    const box = withFifo(at);
    const canary = join(box.root, "canary");
    writeFileSync(canary, "alive");
    const check = timed(["check", "rm -rf /"], box);
    expect(check.ms).toBeLessThan(4_000);
    expect(check.code).toBe(20);
    const harmless = timed(["check", "ls"], box);
    expect(harmless.ms).toBeLessThan(4_000);
    if (_name !== "the trust record directory's file" && _name !== ".git/HEAD") expect(harmless.code).not.toBe(0);
    const exec = timed(["exec", "--", "rm", "-f", canary], box);
    expect(exec.ms).toBeLessThan(4_000);
    if (_name !== "the trust record directory's file" && _name !== ".git/HEAD") {
      expect(exec.code).toBe(77);
      expect(execFileSync("cat", [canary], { encoding: "utf8" })).toBe("alive");
    }
    const hook = timed(["hook", "claude-code"], box, JSON.stringify({ tool_name: "Bash", tool_input: { command: "rm -rf /" }, cwd: box.repo }));
    expect(hook.ms).toBeLessThan(4_000);
    expect(hook.stdout).toContain('"permissionDecision":"deny"');
  });
});

describe("other ways to stall or crash guard", () => {
  it("a hook payload that never ends hits the deadline and blocks", async () => {
    const box = sandbox();
    const started = Date.now();
    const child = spawn(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: { ...box.env, GUARD_DEADLINE: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    child.stdin.destroy();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(2);
    expect(stderr).toContain("deadline");
  });

  it("a deleted working directory is a clear refusal, not a crash", () => {
    const box = sandbox();
    const script = `cd "$1" && rmdir "$1" && shift && "${process.execPath}" "${GUARD}" "$@"`;
    for (const [args, code] of [[["check", "ls"], 20], [["exec", "ls"], 77]] as const) {
      const gone = mkdtempSync(join(box.root, "gone-"));
      const r = spawnSync("sh", ["-c", script, "sh", gone, ...args], { env: box.env, encoding: "utf8" });
      expect(r.status).toBe(code);
      expect(r.stderr).toContain("the working directory no longer exists");
      expect(r.stderr).not.toContain("    at ");
    }
  });

  it("HOME=\"\" and relative XDG paths never put guard's files in the working tree", () => {
    const box = sandbox();
    const env: Record<string, string> = { ...box.env, HOME: "", XDG_STATE_HOME: "state", XDG_CONFIG_HOME: "config" };
    delete env.GUARD_AUDIT_LOG;
    guardNoTty(["check", "ls"], { cwd: box.repo, env });
    const listing = execFileSync("ls", ["-A", box.repo], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(listing).toEqual([".git"]);
  });
});
