// Every hook `guard install` writes blocks in the agent's own blocking form when guard cannot run, and guard doctor calls it BROKEN.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AGENT_HOOKS, findGuardEntries } from "../../src/install/agent-hooks";
import { probePayload } from "../../src/install/doctor-agents";
import { install } from "../../src/install/install";
import { AGENT_INTEGRATIONS, type AgentIntegration, type Scope } from "../../src/install/integrations";
import { ensureBuilt } from "./support/build";
import { sandbox } from "./support/sandbox";

beforeAll(() => ensureBuilt(), 180_000);

/** A throwaway copy of this checkout's launcher and bundle, so a test can break it without touching dist/. */
function checkout(root: string): { guardBin: string; dist: string } {
  const dir = join(root, "checkout");
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "dist"), { recursive: true });
  copyFileSync(resolve("bin/guard"), join(dir, "bin", "guard"));
  copyFileSync(resolve("dist/guard.cjs"), join(dir, "dist", "guard.cjs"));
  // The built-in rules live beside the bundle, split by program.
  copyFileSync(resolve("dist/builtin-rules.dat"), join(dir, "dist", "builtin-rules.dat"));
  spawnSync("chmod", ["+x", join(dir, "bin", "guard")]);
  return { guardBin: join(dir, "bin", "guard"), dist: join(dir, "dist") };
}

/** A PATH holding `guard` (the copy) and sh, and node unless told otherwise: a machine without node. */
function pathWith(root: string, guardBin: string, withNode: boolean): string {
  const bin = join(root, withNode ? "bin-node" : "bin-nonode");
  mkdirSync(bin, { recursive: true });
  symlinkSync(guardBin, join(bin, "guard"));
  symlinkSync("/bin/sh", join(bin, "sh"));
  if (withNode) symlinkSync(process.execPath, join(bin, "node"));
  return bin;
}

function setup(agent: AgentIntegration, scope: Scope) {
  const box = sandbox();
  const { guardBin, dist } = checkout(box.root);
  const env = { ...box.env, PATH: pathWith(box.root, guardBin, true) };
  const context = { ...box.context, guardBin, env };
  install({ target: agent, scope, context });
  const path = AGENT_HOOKS[agent].file(scope, context);
  // guard's entry, found even after a test broke its agent name.
  const command = () => findGuardEntries(JSON.parse(readFileSync(path, "utf8")), agent, guardBin, path)[0]?.command ?? hookStrings(JSON.parse(readFileSync(path, "utf8")))[0];
  return { box, env, dist, path, command, guardBin };
}

/** Every string in a parsed config that is one of guard's wrapped hook commands. */
function hookStrings(value: unknown): string[] {
  if (typeof value === "string") return value.includes(" guard-hook ") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(hookStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(hookStrings);
  return [];
}

/** Runs the installed command the way the agent does: through a shell, the payload on stdin. */
function runAsAgent(agent: AgentIntegration, command: string, cwd: string, env: Record<string, string>, shellCommand = "ls -la") {
  const r = spawnSync("/bin/sh", ["-c", command], { cwd, env, input: JSON.stringify(probePayload(agent, shellCommand, cwd)), encoding: "utf8", timeout: 30_000 });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Whether the agent would refuse the tool call on this answer (agent-hooks.md): exit 2, or its deny answer. */
function blocks(agent: AgentIntegration, answer: { status: number | null; stdout: string }): boolean {
  if (answer.status === 2 && agent !== "copilot-cli") return true;
  if (answer.status !== 0 || agent === "windsurf" || !answer.stdout.trim()) return false;
  const out = JSON.parse(answer.stdout);
  const decision = agent === "claude-code" || agent === "codex" ? out.hookSpecificOutput?.permissionDecision
    : agent === "cursor" ? out.permission : agent === "gemini-cli" ? out.decision : out.permissionDecision;
  return decision === "deny";
}

function doctorCli(env: Record<string, string>, cwd: string) {
  const r = spawnSync(process.execPath, [resolve("bin/guard"), "doctor"], { cwd, env: { ...env, PATH: `${resolve("node_modules/.bin")}:${process.env.PATH}` }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: String(r.stdout) };
}

const BREAKS = ["dist removed", "node not on PATH", "unknown argument", "typo'd agent name"] as const;

describe.each(AGENT_INTEGRATIONS.map((a) => [a]))("%s", (agent) => {
  it.each((["user", "project"] as const).flatMap((scope) => BREAKS.map((b) => [scope, b] as const)))("%s scope, %s: the installed command blocks, and guard doctor says BROKEN (exit 1)", (scope, broken) => {
    const s = setup(agent, scope);
    // Working: a harmless command gets no block, the doctor's probe does.
    expect(blocks(agent, runAsAgent(agent, s.command(), s.box.repo, s.env)), "working hook blocked ls").toBe(false);
    let env = s.env;
    switch (broken) {
      case "dist removed":
        rmSync(s.dist, { recursive: true, force: true });
        break;
      case "node not on PATH":
        if (scope === "user") {
          // The user-scope hook names its node by absolute path: that node is gone.
          const text = readFileSync(s.path, "utf8");
          writeFileSync(s.path, text.split(JSON.stringify(process.execPath).slice(1, -1)).join(join(s.box.root, "gone", "node")));
        } else env = { ...s.env, PATH: pathWith(s.box.root, s.guardBin, false) };
        break;
      case "unknown argument":
        writeFileSync(s.path, readFileSync(s.path, "utf8").replace(`hook ${agent}`, `hook ${agent} --verbose`));
        break;
      case "typo'd agent name":
        writeFileSync(s.path, readFileSync(s.path, "utf8").replace(`hook ${agent}`, `hook ${agent.slice(0, -1)}`));
        break;
    }
    const answer = runAsAgent(agent, s.command(), s.box.repo, env);
    expect(blocks(agent, answer), `${broken}: ${JSON.stringify(answer)}`).toBe(true);
    expect(answer.stderr + answer.stdout).toMatch(/guard/);
    const doc = doctorCli(env, s.box.repo);
    expect(doc.code, doc.stdout).toBe(1);
    expect(doc.stdout).toMatch(new RegExp(`^${agent} +BROKEN: ${scope}: `, "m"));
  }, 60_000);
});

describe("opencode", () => {
  it("with dist/ removed, the plugin refuses every bash call, and guard doctor says BROKEN (exit 1)", async () => {
    const box = sandbox();
    const { guardBin, dist } = checkout(box.root);
    mkdirSync(join(box.root, "checkout", "plugins"));
    copyFileSync(resolve("plugins/opencode.mjs"), join(box.root, "checkout", "plugins", "opencode.mjs"));
    const context = { ...box.context, guardBin };
    install({ target: "opencode", context });
    rmSync(dist, { recursive: true, force: true });
    const { opencodePluginPath } = await import("../../src/install/opencode");
    const { pathToFileURL } = await import("node:url");
    const mod = await import(pathToFileURL(opencodePluginPath("user", context)).href);
    const hook = (await mod.GuardPlugin({ directory: box.repo }))["tool.execute.before"];
    await expect(hook({ tool: "bash" }, { args: { command: "ls" } })).rejects.toThrow(/guard refused this command/);
    const doc = doctorCli(box.env, box.repo);
    expect(doc.code).toBe(1);
    expect(doc.stdout).toMatch(/^opencode +BROKEN: user: the plugin refuses every command because guard does not run properly/m);
  }, 60_000);
});

// An agent can put an executable `sh`, `env` or `node` in ~/.local/bin, first on PATH: the installed hook
// must not run them. Each stand-in exits 0 with no output, which every agent reads as "go ahead".
describe("programs shadowed on PATH do not reach the hook", () => {
  function shadowedPath(root: string, rest: string): string {
    const bin = join(root, "local-bin");
    mkdirSync(bin, { recursive: true });
    for (const name of ["sh", "env", "node", "bash", "dash"]) writeFileSync(join(bin, name), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    return `${bin}:${rest}`;
  }

  it.each(AGENT_INTEGRATIONS.map((a) => [a]))("%s (user scope): rm -rf / is still refused", (agent) => {
    const s = setup(agent, "user");
    const env = { ...s.env, PATH: shadowedPath(s.box.root, s.env.PATH) };
    const answer = runAsAgent(agent, s.command(), s.box.repo, env, "rm -rf /");
    expect(blocks(agent, answer), JSON.stringify(answer)).toBe(true);
    expect(answer.stderr + answer.stdout).toMatch(/fs\.rm-recursive-catastrophic/);
  }, 60_000);

  it("NODE_OPTIONS from the agent's environment does not load code into the hook", () => {
    const s = setup("claude-code", "user");
    const evil = join(s.box.root, "evil.js");
    writeFileSync(evil, "process.exit(0);\n");
    const answer = runAsAgent("claude-code", s.command(), s.box.repo, { ...s.env, NODE_OPTIONS: `--require ${evil}` }, "rm -rf /");
    expect(blocks("claude-code", answer), JSON.stringify(answer)).toBe(true);
  }, 60_000);
});
