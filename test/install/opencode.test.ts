// The OpenCode plugin in-process: it throws guard's refusal before a destructive bash command and lets safe ones through; install writes a one-line stub.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { install, uninstall } from "../../src/install/install";
import { opencodePluginPath } from "../../src/install/opencode";
import { ensureBuilt } from "./support/build";
import { sandbox } from "./support/sandbox";

type Hook = (input: { tool: string }, output: { args: Record<string, unknown> }) => Promise<void>;
type PluginModule = { GuardPlugin: (ctx?: { directory?: string }) => Promise<Record<string, Hook>> };

let dir = "";

beforeAll(() => {
  ensureBuilt();
  // The library reads guard's state and config locations from the environment of the host process.
  const root = realpathSync(mkdtempSync(join(tmpdir(), "guard-opencode-")));
  process.env.XDG_STATE_HOME = join(root, "state");
  process.env.XDG_CONFIG_HOME = join(root, "config");
  process.env.GUARD_AUDIT_LOG = join(root, "state", "audit.jsonl");
  dir = join(root, "project");
  mkdirSync(join(dir, ".git"), { recursive: true });
}, 180_000);

async function hookFrom(url: string): Promise<Hook> {
  const mod = (await import(url)) as PluginModule;
  const hooks = await mod.GuardPlugin({ directory: dir });
  return hooks["tool.execute.before"];
}

describe("plugins/opencode.mjs", () => {
  it("refuses a destructive command by throwing what, why and instead, with the rule id", async () => {
    const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
    await expect(hook({ tool: "bash" }, { args: { command: "rm -rf ~/" } })).rejects.toThrow(/guard blocked this command\. \[fs\.rm-recursive-catastrophic\].*Why: .*Instead: .*Do not try another way/);
  });

  it("lets a safe command and other tools through", async () => {
    const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
    await expect(hook({ tool: "bash" }, { args: { command: "ls -la && git status" } })).resolves.toBeUndefined();
    await expect(hook({ tool: "read" }, { args: { filePath: "/etc/passwd" } })).resolves.toBeUndefined();
  });

  it("turns ask into a refusal a human can lift with a one-time code", async () => {
    const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
    await expect(hook({ tool: "bash" }, { args: { command: "git push --force origin topic" } })).rejects.toThrow(/\[git\.force-push\].*guard approve [2-9A-Z]{4}-[2-9A-Z]{4}/);
  });

  it("is the policy core: a `when: {agent: [opencode]}` rule and `agents: {opencode}` config apply exactly as for guard check with GUARD_AGENT=opencode", async () => {
    const project = join(dir, "..", "agent-rules");
    mkdirSync(join(project, ".git"), { recursive: true });
    mkdirSync(join(project, ".guard", "rules"), { recursive: true });
    writeFileSync(join(project, ".guard", "rules", "opencode.yaml"), [
      "- id: test.opencode-touch", "  action: deny", "  severity: low", "  message: No touching.", "  why: Test.", "  instead: Do not.",
      "  when: {agent: [opencode]}", "  match: {program: touch}", "  examples: {match: [touch x], not_match: [ls]}", "",
    ].join("\n"));
    writeFileSync(join(project, ".guard.yaml"), "agents:\n  opencode:\n    rules: {git.force-push: deny}\n");
    const mod = (await import(pathToFileURL(resolve("plugins/opencode.mjs")).href)) as PluginModule;
    const hook = (await mod.GuardPlugin({ directory: project }))["tool.execute.before"];
    const cli = (command: string, agent?: string) => spawnSync(process.execPath, [resolve("bin/guard"), "check", "--json", command], {
      cwd: project, encoding: "utf8", env: { ...process.env, ...(agent ? { GUARD_AGENT: agent } : {}) },
    });
    for (const command of ["touch x", "git push --force origin topic"]) {
      expect(JSON.parse(cli(command, "opencode").stdout).decision, command).toBe("deny");
      expect(JSON.parse(cli(command).stdout).decision, command).not.toBe("deny");
      await expect(hook({ tool: "bash" }, { args: { command } }), command).rejects.toThrow(/guard blocked this command/);
    }
    await expect(hook({ tool: "bash" }, { args: { command: "ls" } })).resolves.toBeUndefined();
  });

  it("records every verdict through the one audit writer: local log and mirror", async () => {
    const mirror = join(dir, "..", "mirror.jsonl");
    mkdirSync(join(process.env.XDG_CONFIG_HOME!, "guard"), { recursive: true });
    writeFileSync(join(process.env.XDG_CONFIG_HOME!, "guard", "config.yaml"), `audit: {mirror: ${JSON.stringify(mirror)}}\n`);
    try {
      const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
      await hook({ tool: "bash" }, { args: { command: "echo mirrored-allow" } });
      await expect(hook({ tool: "bash" }, { args: { command: "rm -rf ~/ # mirrored-deny" } })).rejects.toThrow();
      const records = readFileSync(mirror, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(records.map((r) => [r.command, r.decision, r.source.agent])).toEqual([
        ["echo mirrored-allow", "allow", "opencode"],
        ["rm -rf ~/ # mirrored-deny", "deny", "opencode"],
      ]);
    } finally {
      rmSync(join(process.env.XDG_CONFIG_HOME!, "guard", "config.yaml"));
    }
  });

  it("fails closed on a bash call without a command string", async () => {
    const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
    await expect(hook({ tool: "bash" }, { args: {} })).rejects.toThrow(/no command string/);
  });
});

describe("guard install opencode", () => {
  it("writes a one-line re-export of this checkout's plugin, which OpenCode can load", async () => {
    const box = sandbox();
    install({ target: "opencode", context: box.context });
    const path = opencodePluginPath("user", box.context);
    expect(path).toBe(join(box.home, ".config", "opencode", "plugins", "guard.js"));
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines[1]).toBe(`export { GuardPlugin } from ${JSON.stringify(pathToFileURL(resolve("plugins/opencode.mjs")).href)};`);
    const hook = await hookFrom(pathToFileURL(path).href);
    await expect(hook({ tool: "bash" }, { args: { command: "rm -rf /" } })).rejects.toThrow(/guard blocked/);
    expect(uninstall({ target: "opencode", context: box.context }).files[0].action).toBe("deleted");
  });

  it("--project writes .opencode/plugins/guard.js in the repository", () => {
    const box = sandbox();
    install({ target: "opencode", scope: "project", context: box.context });
    expect(readFileSync(join(box.repo, ".opencode", "plugins", "guard.js"), "utf8")).toContain("GuardPlugin");
  });
});
