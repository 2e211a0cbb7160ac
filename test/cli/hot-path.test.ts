// The start-up fast path for `check` and `hook` must give exactly what the full commander CLI gives: same parsed arguments, same verdicts on the whole corpus.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fastCommand } from "../../src/cli/fast-path";
import { buildProgram } from "../../src/cli/program";
import { openPolicy } from "../../src/engine/policy";
import { verdictJson } from "../../src/report/json";
import { corpusCommands } from "../../scripts/corpus-files";

const GUARD = resolve("bin/guard");

/** What commander hands the `check` action for this argv, or "rejected" when it refuses or prints help. */
async function commanderCheck(args: string[]): Promise<{ args: string[]; flags: Record<string, unknown> } | "rejected"> {
  const program = buildProgram();
  let seen: { args: string[]; flags: Record<string, unknown> } | undefined;
  const check = program.commands.find((c) => c.name() === "check")!;
  for (const c of [program, check]) c.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  check.action((a: string[], flags: Record<string, unknown>) => {
    seen = { args: a, flags: { ...flags } };
  });
  try {
    await program.parseAsync(["node", "guard", "check", ...args]);
  } catch {
    return "rejected";
  }
  return seen ?? "rejected";
}

const ARGVS: string[][] = [
  ["git status"],
  ["rm", "-rf", "/"],
  ["--json", "rm -rf /"],
  ["--source", "bash", "--", "ls -la"],
  ["--cwd", "/tmp", "--json", "--", "-rf"],
  ["--json", "--", "--", "x"],
  ["-"],
  ["--batch"],
  ["ls", "--json"],
  ["git", "--cwd", "x"],
  [],
  ["--"],
  ["--json", "--json", "x"],
  ["--cwd"],
  ["--cwd", "--json", "x"],
  ["--cwd=/tmp", "x"],
  ["--help"],
  ["-h", "x"],
  ["--bogus", "x"],
  ["-j", "x"],
  ["--source", "zsh", "--source", "bash", "x"],
];

describe("the fast path's argument parsing", () => {
  it.each(ARGVS.map((a) => [a.join(" ") || "(none)", a]))("guard check %s: the fast path parses it as commander does, or leaves it to commander", async (_label, args) => {
    const fast = fastCommand(["node", "guard", "check", ...(args as string[])]);
    const full = await commanderCheck(args as string[]);
    if (fast === undefined) return;
    expect(fast.kind).toBe("check");
    expect(full).not.toBe("rejected");
    if (fast.kind !== "check" || full === "rejected") return;
    expect(fast.args).toEqual(full.args);
    expect(fast.flags).toEqual(full.flags);
  });

  it("takes the everyday forms, so agents get the fast start", () => {
    expect(fastCommand(["node", "guard", "check", "git status"])).toEqual({ kind: "check", args: ["git status"], flags: {} });
    expect(fastCommand(["node", "guard", "check", "--source", "bash", "--", "ls"])).toEqual({ kind: "check", args: ["ls"], flags: { source: "bash" } });
    expect(fastCommand(["node", "guard", "hook", "claude-code"])).toEqual({ kind: "hook", args: ["claude-code"] });
  });

  it("leaves every other command and shape to the full CLI", () => {
    for (const argv of [["--version"], ["hook"], ["hook", "claude-code", "--verbose"], ["hook", "--help"], ["exec", "ls"], ["checks", "x"], ["rules"], ["check", "--cwd=/tmp", "x"]]) {
      expect(fastCommand(["node", "guard", ...argv])).toBeUndefined();
    }
  });
});

function isolatedEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), "guard-hot-path-"));
  for (const d of ["config", "state", "cache"]) mkdirSync(join(home, d));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_STATE_HOME: join(home, "state"), XDG_CACHE_HOME: join(home, "cache"), NO_COLOR: "1" };
  return env;
}

describe("verdicts through the built CLI's fast path", () => {
  const commands = corpusCommands();
  const env = isolatedEnv();
  const cwd = env.HOME as string;

  it("equal the in-process policy's verdicts on every corpus command", () => {
    expect(commands.length).toBeGreaterThan(500);
    const input = commands.map((c) => `${JSON.stringify(c)}\n`).join("");
    const r = spawnSync(process.execPath, [GUARD, "check", "--batch"], { input, env, cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(commands.length);
    const differ: string[] = [];
    commands.forEach((command, i) => {
      const expected = verdictJson(openPolicy({ cwd, env, reuse: true }).check(command).verdict);
      if (JSON.stringify(JSON.parse(lines[i])) !== JSON.stringify(expected)) differ.push(command);
    });
    expect(differ).toEqual([]);
  }, 240_000);

  it("`guard check --json` prints byte for byte what the full CLI prints, with the same exit code", () => {
    // `--cwd=DIR` is commander's spelling only: it sends the same check through the full CLI.
    const sample = commands.filter((_, i) => i % Math.ceil(commands.length / 12) === 0);
    for (const command of sample) {
      const fast = spawnSync(process.execPath, [GUARD, "check", "--json", "--cwd", cwd, "--", command], { env, cwd, encoding: "utf8" });
      const full = spawnSync(process.execPath, [GUARD, "check", "--json", `--cwd=${cwd}`, "--", command], { env, cwd, encoding: "utf8" });
      expect({ command, stdout: fast.stdout, stderr: fast.stderr, status: fast.status }).toEqual({ command, stdout: full.stdout, stderr: full.stderr, status: full.status });
    }
  }, 240_000);
});

describe("the hook's stdin, read without a stream", () => {
  it("waits for a payload the agent writes in pieces, and judges all of it", async () => {
    const { spawn } = await import("node:child_process");
    const payload = JSON.stringify({ session_id: "s", cwd: tmpdir(), hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -rf /" } });
    const child = spawn(process.execPath, [GUARD, "hook", "claude-code"], { env: isolatedEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((done) => child.on("close", done));
    // The first half alone is not JSON: a reader that stopped at the first chunk would refuse "not JSON", not deny the rule.
    child.stdin.write(payload.slice(0, 40));
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.end(payload.slice(40));
    expect(await exited).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(answer.hookSpecificOutput.permissionDecisionReason).toContain("fs.rm");
  }, 60_000);
});

describe("output written straight to the descriptors", () => {
  it.each([["check 'rm -rf /'", "20"], ["check --json 'rm -rf /'", "20"], ["check 'git status'", "0"]])("guard %s into a reader that already left: no crash, the exit code is the verdict's", (args, status) => {
    // `true` exits at once, so guard's write meets a closed pipe (EPIPE).
    const script = `"${process.execPath}" "${GUARD}" ${args} | true; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { env: isolatedEnv(), encoding: "utf8" });
    expect(r.stdout.trim()).toBe(status);
    expect(r.stderr).not.toMatch(/internal error|EPIPE|Error/);
  });
});
