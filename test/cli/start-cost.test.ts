// What a check or hook loads at start, through the built CLI: no built-in module a verdict does not use, and only the rule shards of the programs it meets (issue 14).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { probedGuard, type Probed } from "../helpers/start-probe";

const RULES = resolve("dist/builtin-rules.dat");

function probe(args: string[], input?: string): Probed {
  return probedGuard(mkdtempSync(join(tmpdir(), "guard-start-cost-")), args, input);
}

const hookPayload = (command: string) => JSON.stringify({ session_id: "s", cwd: tmpdir(), hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command } });

describe("a check loads what its verdict needs", () => {
  const cases: [string, string[], string | undefined][] = [
    ["check 'git status'", ["check", "git status"], undefined],
    ["check 'rm -rf /'", ["check", "rm -rf /"], undefined],
    ["hook claude-code", ["hook", "claude-code"], hookPayload("rm -rf /")],
  ];

  it.each(cases)("%s loads no crypto, child_process or os module", (_name, args, input) => {
    const { modules, stdout } = probe(args, input);
    expect(stdout.length).toBeGreaterThan(0);
    expect(modules.filter((m) => /^(crypto|internal\/crypto|child_process|os)\b/.test(m))).toEqual([]);
  });

  it("a check on a pipe loads no tty, net or stream module", () => {
    const { modules } = probe(["check", "rm -rf /"]);
    expect(modules.filter((m) => /^(tty|net|stream|internal\/streams)\b/.test(m))).toEqual([]);
  });

  it("a hook reading its payload from a socket pair (as node-based agents give it) loads no tty, net or stream module", () => {
    const { modules, stdout } = probe(["hook", "claude-code"], hookPayload("rm -rf /"));
    expect(stdout).toContain('"permissionDecision":"deny"');
    expect(modules.filter((m) => /^(tty|net|stream|internal\/streams)\b/.test(m))).toEqual([]);
  });

  it("a safe check parses a small part of the built-in rules, not every shard", () => {
    const { parsed } = probe(["check", "git status"]);
    const size = statSync(RULES).size;
    expect(parsed).toBeGreaterThan(0);
    // The header, the rules every command meets and git's: a fifth of the store at most (about a tenth today).
    expect(parsed).toBeLessThan(size / 5);
  });
});

describe("the launcher's code cache", () => {
  it("is written by a per-command run, not by a batch that would fill it with everything it compiled", () => {
    // A copy of the install, so the shared dist/ and its cache are not touched while other tests run.
    const root = mkdtempSync(join(tmpdir(), "guard-code-cache-"));
    cpSync(resolve("bin"), join(root, "bin"), { recursive: true });
    cpSync(resolve("dist"), join(root, "dist"), { recursive: true, filter: (src) => !src.endsWith(".cache") });
    const caches = () => readdirSync(join(root, "dist")).filter((f) => f.endsWith(".cache"));
    const home = mkdtempSync(join(tmpdir(), "guard-code-cache-home-"));
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, "c"), XDG_STATE_HOME: join(home, "s"), XDG_CACHE_HOME: join(home, "k") };
    const guard = join(root, "bin/guard");
    const batch = spawnSync(process.execPath, [guard, "check", "--batch"], { cwd: home, env, input: '"ls"\n"rm -rf /"\n', encoding: "utf8" });
    expect(batch.stdout.trim().split("\n")).toHaveLength(2);
    expect(caches()).toEqual([]);
    const first = spawnSync(process.execPath, [guard, "check", "rm -rf /"], { cwd: home, env, encoding: "utf8" });
    expect(caches()).toHaveLength(1);
    expect(existsSync(join(root, "dist", caches()[0]))).toBe(true);
    // The run that writes the cache also compiles the paths it did not take (warm-up.ts), without a trace:
    // its verdict, exit code and audit record are those of a run that finds the cache.
    const again = spawnSync(process.execPath, [guard, "check", "rm -rf /"], { cwd: home, env, encoding: "utf8" });
    expect(first.status).toBe(20);
    expect([first.stdout, first.stderr, first.status]).toEqual([again.stdout, again.stderr, again.status]);
    const records = readFileSync(join(home, "s", "guard", "audit.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).command);
    expect(records).toEqual(["rm -rf /", "rm -rf /"]);
    rmSync(root, { recursive: true, force: true });
  });
});
