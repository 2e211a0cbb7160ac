// guard doctor: every installed integration refuses the probe (OK), missing ones are "not installed", and broken ones say what to fix.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AGENT_HOOKS } from "../../src/install/agent-hooks";
import { doctor, formatDoctor } from "../../src/install/doctor";
import { install } from "../../src/install/install";
import { opencodePluginPath } from "../../src/install/opencode";
import { AGENT_INTEGRATIONS, INTEGRATIONS, type Integration } from "../../src/install/integrations";
import { guardWithInstall } from "./support/build";
import { sandbox } from "./support/sandbox";

const hasZsh = spawnSync("zsh", ["-f", "-c", "exit 0"]).status === 0;
let guardBin = "";

beforeAll(() => {
  guardBin = guardWithInstall().guardBin;
}, 180_000);

function box() {
  const b = sandbox({ guardBin, gitDir: false });
  // Project-scope hooks run `guard` from PATH.
  const bin = join(b.root, "path-bin");
  mkdirSync(bin);
  symlinkSync(guardBin, join(bin, "guard"));
  b.env.PATH = `${bin}:${b.env.PATH}`;
  expect(spawnSync("git", ["init", "-q", "-b", "main"], { cwd: b.repo, env: b.env }).status).toBe(0);
  return b;
}

function status(report: ReturnType<typeof doctor>, target: Integration) {
  return report.targets.find((t) => t.target === target)!;
}

describe("guard doctor", () => {
  it("says `not installed` for everything in a fresh home, and that is not a failure", () => {
    const report = doctor({ context: box().context });
    expect(report.targets.map((t) => t.status)).toEqual(INTEGRATIONS.map(() => "not-installed"));
    expect(report.ok).toBe(true);
    expect(formatDoctor(report)).toMatch(/^claude-code {2}not installed\n/);
  });

  it("probes every installed integration and finds each one refusing it", () => {
    const b = box();
    const targets = INTEGRATIONS.filter((t) => t !== "zsh" || hasZsh);
    for (const target of targets) install({ target, context: b.context });
    const report = doctor({ context: b.context });
    for (const target of targets) expect(status(report, target), target).toMatchObject({ status: "ok" });
    expect(report.ok).toBe(true);
    const text = formatDoctor(report);
    expect(text).toMatch(/^claude-code {2}OK \(user\)$/m);
    expect(text).toMatch(/^codex +OK \(user\); Codex runs the hook only once you trust it in \/hooks$/m);
    expect(text).toMatch(/^git +OK \(project\)$/m);
    // Probes never reach the user's audit log.
    expect(() => readFileSync(b.env.GUARD_AUDIT_LOG, "utf8")).toThrow();
  });

  it("checks the project scope too", () => {
    const b = box();
    install({ target: "cursor", scope: "project", context: b.context });
    expect(status(doctor({ context: b.context, targets: ["cursor"] }), "cursor")).toMatchObject({
      status: "ok", scopes: [{ scope: "user", installed: false }, { scope: "project", installed: true, ok: true }],
    });
    // Without guard on PATH the committed hook blocks every tool call: broken, and says why.
    const withoutGuard = { ...b.context, env: { ...b.env, PATH: "/usr/bin:/bin" } };
    expect(status(doctor({ context: withoutGuard, targets: ["cursor"] }), "cursor").scopes[1].problem).toMatch(/guard is not on PATH here/);
  });

  it("finds hooks whose node or guard moved", () => {
    const b = box();
    const moved = { ...b.context, nodePath: join(b.root, "gone", "node") };
    for (const agent of AGENT_INTEGRATIONS) install({ target: agent, context: moved });
    const report = doctor({ context: b.context, targets: [...AGENT_INTEGRATIONS] });
    for (const agent of AGENT_INTEGRATIONS) {
      expect(status(report, agent).status, agent).toBe("broken");
      expect(status(report, agent).scopes[0].problem, agent).toMatch(new RegExp(`cannot start.*guard install ${agent}`));
    }
    expect(report.ok).toBe(false);
    expect(formatDoctor(report)).toMatch(/^claude-code {2}BROKEN: user: the hook command cannot start/m);
  });

  it("finds a hook the agent never calls (wrong matcher)", () => {
    const b = box();
    install({ target: "claude-code", context: b.context });
    const path = AGENT_HOOKS["claude-code"].file("user", b.context);
    writeFileSync(path, readFileSync(path, "utf8").replace(`"matcher": "${AGENT_HOOKS["claude-code"].matcher}"`, '"matcher": "Edit"'));
    expect(status(doctor({ context: b.context, targets: ["claude-code"] }), "claude-code").scopes[0].problem).toMatch(/matcher "Edit", not "Bash.*never calls it/);
    // An older install that only selects Bash still guards the shell: OK, with a note.
    writeFileSync(path, readFileSync(path, "utf8").replace('"matcher": "Edit"', '"matcher": "Bash"'));
    const older = status(doctor({ context: b.context, targets: ["claude-code"] }), "claude-code");
    expect(older.status).toBe("ok");
    expect(older.scopes[0].note).toMatch(/sees only "Bash", not the agent's file tools/);
  });

  it("finds a bash setup whose startup block is gone, or whose guard cannot run", () => {
    const b = box();
    install({ target: "bash", context: b.context });
    writeFileSync(join(b.home, ".bashrc"), "");
    expect(status(doctor({ context: b.context, targets: ["bash"] }), "bash").scopes[0].problem).toMatch(/\.bashrc has no guard block/);
    const c = box();
    install({ target: "bash", context: { ...c.context, nodePath: join(c.root, "gone", "node") } });
    expect(status(doctor({ context: c.context, targets: ["bash"] }), "bash").scopes[0].problem).toMatch(/every command is refused because guard itself cannot run/);
  });

  it.skipIf(!hasZsh)("finds a zsh block that does not work", () => {
    const b = box();
    install({ target: "zsh", context: { ...b.context, nodePath: join(b.root, "gone", "node") } });
    expect(status(doctor({ context: b.context, targets: ["zsh"] }), "zsh").status).toBe("broken");
  });

  it("finds a git hook that is not executable, and an OpenCode stub that does not load", () => {
    const b = box();
    install({ target: "git", context: b.context });
    chmodSync(join(b.repo, ".git", "hooks", "pre-push"), 0o644);
    expect(status(doctor({ context: b.context, targets: ["git"] }), "git").scopes[0].problem).toMatch(/not executable/);
    install({ target: "opencode", context: { ...b.context, guardBin: join(b.root, "gone", "bin", "guard") } });
    expect(status(doctor({ context: b.context, targets: ["opencode"] }), "opencode").scopes[0].problem).toMatch(/the plugin does not load/);
  });

  it("finds guard's pre-push hook left behind when core.hooksPath sends git elsewhere, until guard install git puts it there", () => {
    const b = box();
    install({ target: "git", context: b.context });
    const git = (...args: string[]) => expect(spawnSync("git", args, { cwd: b.repo, env: b.env }).status).toBe(0);
    git("config", "core.hooksPath", ".husky");
    mkdirSync(join(b.repo, ".husky"));
    const missing = status(doctor({ context: b.context, targets: ["git"] }), "git");
    expect(missing.status).toBe("broken");
    expect(missing.scopes[0].problem).toMatch(/guard's pre-push hook is in \.git\/hooks\/pre-push, but core\.hooksPath sends git to \.husky, which has no pre-push hook, so git never runs guard's hook: run `guard install git`/);
    // husky's own pre-push hook, not guard's: still skipped, and never run by doctor.
    writeFileSync(join(b.repo, ".husky", "pre-push"), "#!/bin/sh\ntouch \"$HOME/ran\"\nexit 0\n", { mode: 0o755 });
    expect(status(doctor({ context: b.context, targets: ["git"] }), "git").scopes[0].problem).toMatch(/whose pre-push hook is not guard's/);
    expect(() => readFileSync(join(b.home, "ran"))).toThrow();
    // Installed into the configured directory, it is found and probed there.
    rmSync(join(b.repo, ".husky", "pre-push"));
    install({ target: "git", context: b.context });
    expect(status(doctor({ context: b.context, targets: ["git"] }), "git")).toMatchObject({ status: "ok", scopes: [{ files: [join(b.repo, ".husky", "pre-push")] }] });
  });

  it("leaves a repository without guard's hook anywhere as not installed, whatever core.hooksPath says", () => {
    const b = box();
    expect(spawnSync("git", ["config", "core.hooksPath", ".githooks"], { cwd: b.repo, env: b.env }).status).toBe(0);
    expect(status(doctor({ context: b.context, targets: ["git"] }), "git").status).toBe("not-installed");
  });

  it("reports a pre-push hook that is not guard's, and never runs it", () => {
    const b = box();
    writeFileSync(join(b.repo, ".git", "hooks", "pre-push"), "#!/bin/sh\ntouch \"$HOME/ran\"\nexit 0\n", { mode: 0o755 });
    const report = doctor({ context: b.context, targets: ["git"] });
    expect(status(report, "git")).toMatchObject({ status: "not-installed", scopes: [{ note: "a pre-push hook that is not guard's is installed" }] });
    expect(() => readFileSync(join(b.home, "ran"))).toThrow();
  });

  it("the opencode plugin path follows XDG_CONFIG_HOME", () => {
    const b = box();
    expect(opencodePluginPath("user", { ...b.context, env: { XDG_CONFIG_HOME: "/x/config" } })).toBe("/x/config/opencode/plugins/guard.js");
  });
});

describe("guard doctor and guard install on the command line", () => {
  function guard(args: string[], env: Record<string, string>, cwd: string) {
    const r = spawnSync(process.execPath, [guardBin, ...args], { env, cwd, encoding: "utf8", timeout: 60_000 });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  }

  it("install, --dry-run, refusals and usage errors have the documented exit codes", () => {
    const b = box();
    const dry = guard(["install", "claude-code", "--dry-run"], b.env, b.repo);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: .*\n[\s\S]*--- \/dev\/null\n\+\+\+ b.*settings\.json/);
    expect(guard(["install", "claude-code"], b.env, b.repo).code).toBe(0);
    expect(guard(["install", "claude-code"], b.env, b.repo).stdout).toMatch(/already installed/);
    expect(guard(["install", "claude-code", "--user", "--project"], b.env, b.repo).code).toBe(64);
    expect(guard(["install", "vim"], b.env, b.repo)).toMatchObject({ code: 64, stderr: expect.stringContaining("unknown target vim") });
    expect(guard(["install", "git", "--user"], b.env, b.repo)).toMatchObject({ code: 64, stderr: expect.stringContaining("belong to a repository") });
    const doc = guard(["doctor", "--json"], b.env, b.repo);
    expect(doc.code).toBe(0);
    expect(JSON.parse(doc.stdout).targets[0]).toMatchObject({ target: "claude-code", status: "ok" });
    expect(guard(["uninstall", "claude-code"], b.env, b.repo).stdout).toMatch(/deleted/);
  });

  it("refuses a config that is not JSON with exit 1, and doctor reports it broken with exit 1", () => {
    const b = box();
    const path = AGENT_HOOKS["gemini-cli"].file("user", b.context);
    guard(["install", "gemini-cli"], b.env, b.repo);
    writeFileSync(path, `${readFileSync(path, "utf8")}\n// a comment\n`);
    const r = guard(["install", "gemini-cli"], b.env, b.repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/settings\.json is not valid JSON .*guard will not overwrite it/);
    const doc = guard(["doctor"], b.env, b.repo);
    expect(doc.code).toBe(1);
    expect(doc.stdout).toMatch(/^gemini-cli +BROKEN: user: .*not valid JSON/m);
  });
});

describe("guard doctor finds what makes guard weaker than you think", () => {
  function guard(args: string[], env: Record<string, string>, cwd: string) {
    const r = spawnSync(process.execPath, [guardBin, ...args], { env, cwd, encoding: "utf8", timeout: 60_000 });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  }

  it("a malformed project rule file: listed with its line and the fix, exit 1", () => {
    const b = box();
    mkdirSync(join(b.repo, ".git"), { recursive: true });
    mkdirSync(join(b.repo, ".guard", "rules"), { recursive: true });
    writeFileSync(join(b.repo, ".guard", "rules", "bad.yaml"), "- id: ok\n  action: [deny\n");
    const r = guard(["doctor"], b.env, b.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 problem:\n {2}✖ \.guard\/rules\/bad\.yaml:3:1: YAML: .* every command is at least ask\n {4}fix: fix the rule file/);
  });

  it("a config naming a rule that does not exist: exit 1", () => {
    const b = box();
    mkdirSync(join(b.repo, ".git"), { recursive: true });
    writeFileSync(join(b.repo, ".guard.yaml"), "rules:\n  git.force-pushx: deny\n");
    const r = guard(["doctor", "--json"], b.env, b.repo);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems[0].problem).toMatch(/git\.force-pushx` names no rule/);
  });

  it("guard's pre-push hook outside the directory core.hooksPath names: BROKEN, exit 1, with what to run", () => {
    const b = box();
    expect(guard(["install", "git"], b.env, b.repo).code).toBe(0);
    expect(spawnSync("git", ["config", "core.hooksPath", ".husky"], { cwd: b.repo, env: b.env }).status).toBe(0);
    const r = guard(["doctor"], b.env, b.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^git +BROKEN: project: guard's pre-push hook is in \.git\/hooks\/pre-push, but core\.hooksPath sends git to \.husky.*run `guard install git`/m);
    expect(guard(["install", "git"], b.env, b.repo).code).toBe(0);
    expect(guard(["doctor"], b.env, b.repo).stdout).toMatch(/^git +OK \(project\)$/m);
  });

  it("nothing installed: exit 0, with what to run next", () => {
    const b = box();
    const r = guard(["doctor"], b.env, b.repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/guard is not installed anywhere yet\. next: guard init/);
  });
});
