// The OpenCode plugin in-process: it throws guard's refusal before a destructive bash command and lets safe ones through; install writes a one-line stub.
import { mkdirSync, readFileSync, realpathSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
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

  it("turns ask into a refusal a human can lift (a one-time code when the library has approvals)", async () => {
    const hook = await hookFrom(pathToFileURL(resolve("plugins/opencode.mjs")).href);
    const lib = createRequire(import.meta.url)(resolve("dist/index.cjs")) as Record<string, unknown>;
    const attempt = hook({ tool: "bash" }, { args: { command: "git push --force origin topic" } });
    if (typeof lib.requestApproval === "function") await expect(attempt).rejects.toThrow(/\[git\.force-push\].*guard approve [2-9A-Z]{4}-[2-9A-Z]{4}/);
    else await expect(attempt).rejects.toThrow(/\[git\.force-push\].*Stop and ask the user/);
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
