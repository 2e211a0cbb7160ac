// guard init: detects agents and shells under a fresh HOME, shows the plan, installs with --yes, then runs doctor.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

function freshHome(dirs: string[], files: string[] = []): string {
  const home = mkdtempSync(join(tmpdir(), "guard-init-"));
  for (const d of dirs) mkdirSync(join(home, d), { recursive: true });
  for (const f of files) writeFileSync(join(home, f), "");
  return home;
}

function init(home: string, args: string[], shell = "/bin/sh") {
  return spawnSync(process.execPath, [resolve("bin/guard"), "init", ...args], {
    cwd: home, encoding: "utf8", input: "",
    env: { ...process.env, HOME: home, SHELL: shell, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".local/state"), XDG_CACHE_HOME: join(home, ".cache"), NO_COLOR: "1" },
  });
}

describe("guard init", () => {
  it("--dry-run shows what it found and the diffs, and writes nothing", () => {
    const home = freshHome([".claude", ".gemini"]);
    const r = init(home, ["--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/claude-code +~\/\.claude exists; guard would be installed/);
    expect(r.stdout).toMatch(/gemini-cli +~\/\.gemini exists/);
    expect(r.stdout).toContain("+++ b");
    expect(existsSync(join(home, ".claude/settings.json"))).toBe(false);
  });

  it("--yes installs for the detected agents and ends with a green doctor", () => {
    const home = freshHome([".claude"], [".bashrc"]);
    const r = init(home, ["--yes"], "/bin/bash");
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(home, ".claude/settings.json"), "utf8")).hooks.PreToolUse).toHaveLength(1);
    expect(r.stdout).toMatch(/guard doctor:\nclaude-code +OK \(user/);
    // Shells are opt-in: every command of the account would be checked.
    expect(r.stdout).toMatch(/also found bash .*--shells/);
    expect(existsSync(join(home, ".config/guard/bash_env.sh"))).toBe(false);
  });

  it("refuses to install without a terminal unless --yes, as a usage error", () => {
    const home = freshHome([".claude"]);
    const r = init(home, []);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/pass --yes/);
    expect(existsSync(join(home, ".claude/settings.json"))).toBe(false);
  });

  it("says what to do next on a machine with nothing to install into", () => {
    const r = init(freshHome([]), ["--yes"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/next: guard install <agent>/);
  });
});
