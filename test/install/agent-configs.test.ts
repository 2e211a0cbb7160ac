// guard install/uninstall for agent hook configs: merged into real-looking files, idempotent, reversible byte for byte, dry-run, refusals.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_HOOKS, findGuardEntries } from "../../src/install/agent-hooks";
import { InstallError } from "../../src/install/errors";
import { hookCommand, hookCommandWeakness } from "../../src/install/hook-command";
import { formatReport, install, uninstall } from "../../src/install/install";
import { AGENT_INTEGRATIONS, type AgentIntegration, type Scope } from "../../src/install/integrations";
import { sandbox, writeFixture } from "./support/sandbox";

const fixture = (agent: AgentIntegration) => readFileSync(join("test/install/fixtures", `${agent}.json`), "utf8");

/** The config without guard's entry (and without what install adds around it), to compare with the original. */
function withoutGuard(agent: AgentIntegration, value: Record<string, unknown>): unknown {
  const spec = AGENT_HOOKS[agent];
  const copy = JSON.parse(JSON.stringify(value)) as { hooks: Record<string, unknown[]> };
  const list = copy.hooks[spec.event];
  copy.hooks[spec.event] = list.filter((item) => !JSON.stringify(item).includes(` hook ${agent}`));
  if (copy.hooks[spec.event].length === 0) delete copy.hooks[spec.event];
  return copy;
}

function isOneInsertion(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return prefix + suffix === before.length;
}

function setup(agent: AgentIntegration, scope: Scope = "user") {
  const box = sandbox();
  const path = AGENT_HOOKS[agent].file(scope, box.context);
  return { box, path, request: { target: agent, scope, context: box.context } };
}

describe.each(AGENT_INTEGRATIONS.map((a) => [a]))("%s", (agent) => {
  const spec = AGENT_HOOKS[agent];

  it("adds guard's hook and leaves every other entry as it was", () => {
    const { box, path, request } = setup(agent);
    writeFixture(path, fixture(agent));
    const report = install(request);
    expect(report.changed).toBe(true);
    expect(report.files[0]).toMatchObject({ path, action: "updated", backup: { path: `${path}.guard-backup`, action: "created" } });
    const after = JSON.parse(readFileSync(path, "utf8"));
    const found = findGuardEntries(after, agent, box.context.guardBin, path);
    expect(found).toHaveLength(1);
    expect(found[0].entry).toEqual(spec.entry(hookCommand(box.context, agent)));
    expect(found[0].entry[spec.commandKey]).toMatch(new RegExp(`^/bin/sh -c '.*' guard-hook /usr/bin/env -u NODE_OPTIONS ${process.execPath} ${box.context.guardBin} hook ${agent}$`));
    if (spec.matcher) expect(found[0].matcher).toBe(spec.matcher);
    expect(withoutGuard(agent, after)).toEqual(JSON.parse(fixture(agent)));
    // Unrelated entries keep their bytes, not just their meaning: the new text is the old one with one insertion.
    expect(isOneInsertion(fixture(agent), readFileSync(path, "utf8"))).toBe(true);
    expect(readFileSync(`${path}.guard-backup`, "utf8")).toBe(fixture(agent));
  });

  it("a second install changes nothing and says so", () => {
    const { path, request } = setup(agent);
    writeFixture(path, fixture(agent));
    install(request);
    const first = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    const again = install(request);
    expect(again.changed).toBe(false);
    expect(again.files[0].action).toBe("unchanged");
    expect(formatReport(again)).toMatch(/already installed.*nothing changed/);
    expect(readFileSync(path).equals(first)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it("uninstall restores the original byte for byte and removes the backup", () => {
    const { path, request } = setup(agent);
    writeFixture(path, fixture(agent));
    install(request);
    const report = uninstall(request);
    expect(report.files[0].action).toBe("restored");
    expect(readFileSync(path, "utf8")).toBe(fixture(agent));
    expect(existsSync(`${path}.guard-backup`)).toBe(false);
    expect(formatReport(uninstall(request))).toMatch(/not installed.*nothing changed/);
  });

  it("--dry-run prints a diff and writes nothing", () => {
    const { path, request } = setup(agent);
    writeFixture(path, fixture(agent));
    const report = install({ ...request, dryRun: true });
    expect(report.files[0].diff).toContain(`--- a${path}`);
    expect(report.files[0].diff).toMatch(new RegExp(`\\n\\+.*hook ${agent}`));
    expect(formatReport(report)).toMatch(/^dry run: .*nothing was written/);
    expect(readFileSync(path, "utf8")).toBe(fixture(agent));
    expect(existsSync(`${path}.guard-backup`)).toBe(false);
    install(request);
    const installed = readFileSync(path, "utf8");
    const un = uninstall({ ...request, dryRun: true });
    expect(un.files[0].diff).toMatch(new RegExp(`\\n-.*hook ${agent}`));
    expect(readFileSync(path, "utf8")).toBe(installed);
  });

  it("refuses a file that is not valid JSON and leaves it alone", () => {
    const { path, request } = setup(agent);
    const broken = `${fixture(agent).slice(0, -3)}\n`;
    writeFixture(path, broken);
    expect(() => install(request)).toThrow(InstallError);
    expect(() => install(request)).toThrow(/not valid JSON.*will not overwrite/);
    expect(readFileSync(path, "utf8")).toBe(broken);
    expect(existsSync(`${path}.guard-backup`)).toBe(false);
    expect(() => uninstall(request)).toThrow(/not valid JSON/);
  });

  it("when the user changed the file after install, uninstall removes only guard's entry", () => {
    const { box, path, request } = setup(agent);
    writeFixture(path, fixture(agent));
    install(request);
    const edited = readFileSync(path, "utf8").replace(/^\{/, '{\n  "addedLater": true,');
    writeFileSync(path, edited);
    const report = uninstall(request);
    expect(report.files[0]).toMatchObject({ action: "cleaned", backup: { action: "kept" } });
    const after = JSON.parse(readFileSync(path, "utf8"));
    expect(findGuardEntries(after, agent, box.context.guardBin, path)).toHaveLength(0);
    expect(after).toEqual({ addedLater: true, ...JSON.parse(fixture(agent)) });
  });

  it("creates the file when there is none (private in the home directory) and deletes it on uninstall", () => {
    const { path, request } = setup(agent);
    const report = install(request);
    expect(report.files[0].action).toBe("created");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ ...spec.skeleton, hooks: { [spec.event]: [spec.matcher ? { matcher: spec.matcher, hooks: [spec.entry(hookCommand(request.context, agent))] } : spec.entry(hookCommand(request.context, agent))] } });
    expect(uninstall(request).files[0].action).toBe("deleted");
    expect(existsSync(path)).toBe(false);
  });

  it("--project writes under the repository root", () => {
    const { box, path, request } = setup(agent, "project");
    expect(path.startsWith(`${box.repo}/`)).toBe(true);
    install(request);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(existsSync(AGENT_HOOKS[agent].file("user", box.context))).toBe(false);
  });

  it("replaces a stale guard entry (another checkout) instead of adding a second one", () => {
    const { box, path, request } = setup(agent);
    install({ ...request, context: { ...box.context, guardBin: "/old/checkout/bin/guard" } });
    install(request);
    const found = findGuardEntries(JSON.parse(readFileSync(path, "utf8")), agent, box.context.guardBin, path);
    expect(found.map((f) => f.command)).toEqual([hookCommand(box.context, agent)]);
  });
});

describe("paths and formats", () => {
  it("writes each agent's documented file", () => {
    const box = sandbox();
    const user = Object.fromEntries(AGENT_INTEGRATIONS.map((a) => [a, AGENT_HOOKS[a].file("user", box.context).slice(box.home.length)]));
    expect(user).toEqual({
      "claude-code": "/.claude/settings.json", cursor: "/.cursor/hooks.json", "gemini-cli": "/.gemini/settings.json",
      codex: "/.codex/hooks.json", "copilot-cli": "/.copilot/hooks/guard.json", windsurf: "/.codeium/windsurf/hooks.json",
    });
    const project = Object.fromEntries(AGENT_INTEGRATIONS.map((a) => [a, AGENT_HOOKS[a].file("project", box.context).slice(box.repo.length)]));
    expect(project).toEqual({
      "claude-code": "/.claude/settings.json", cursor: "/.cursor/hooks.json", "gemini-cli": "/.gemini/settings.json",
      codex: "/.codex/hooks.json", "copilot-cli": "/.github/hooks/guard.json", windsurf: "/.windsurf/hooks.json",
    });
  });

  it("cursor fails closed and gemini's timeout is in milliseconds", () => {
    expect(AGENT_HOOKS.cursor.entry("x")).toEqual({ command: "x", timeout: 30, failClosed: true });
    expect(AGENT_HOOKS["gemini-cli"].entry("x")).toEqual({ name: "guard", type: "command", command: "x", timeout: 30000 });
    expect(AGENT_HOOKS["copilot-cli"].entry("x")).toEqual({ type: "command", bash: "x", timeoutSec: 30 });
  });

  it("quotes paths with spaces in the hook command", () => {
    expect(hookCommand({ nodePath: "/opt/my node/node", guardBin: "/home/u/src/guard/bin/guard" }, "codex")).toMatch(/ guard-hook \/usr\/bin\/env -u NODE_OPTIONS '\/opt\/my node\/node' \/home\/u\/src\/guard\/bin\/guard hook codex$/);
  });

  // An agent can write an executable `sh` or `node` into ~/.local/bin, first on PATH: every interpreter the
  // entry starts is named by absolute path, and NODE_OPTIONS (settable from an agent's settings) is cleared.
  it.each(["user", "project"] as const)("every interpreter is an absolute path, and NODE_OPTIONS is cleared (%s scope)", (scope) => {
    const box = sandbox();
    for (const agent of AGENT_INTEGRATIONS) {
      const command = hookCommand(box.context, agent, scope);
      expect(command.startsWith("/bin/sh -c ")).toBe(true);
      expect(command).toContain(" guard-hook /usr/bin/env -u NODE_OPTIONS ");
      if (scope === "user") expect(command).toContain(` ${process.execPath} `);
      expect(hookCommandWeakness(command)).toBeUndefined();
    }
    expect(hookCommandWeakness("sh -c 'x' guard-hook /usr/bin/node /g/bin/guard hook codex")).toMatch(/`sh` found on PATH/);
    expect(hookCommandWeakness("/bin/sh -c 'x' guard-hook /usr/bin/node /g/bin/guard hook codex")).toMatch(/NODE_OPTIONS/);
  });

  it("a project-scope hook names no path of this machine: it runs guard from PATH", () => {
    const box = sandbox();
    for (const agent of AGENT_INTEGRATIONS) {
      const command = hookCommand(box.context, agent, "project");
      expect(command).toMatch(new RegExp(` guard-hook /usr/bin/env -u NODE_OPTIONS guard hook ${agent}$`));
      expect(command).not.toContain(process.execPath);
      expect(command).not.toContain(box.context.guardBin);
      expect(command).not.toContain(box.home);
    }
  });
});

describe("uninstall leaves no empty directories behind", () => {
  it.each(AGENT_INTEGRATIONS.flatMap((t) => (["user", "project"] as Scope[]).map((s) => [t, s] as const)))("%s (%s scope)", (target, scope) => {
    const box = sandbox();
    const request = { target, scope, context: box.context };
    const before = snapshotTree(box.root);
    install(request);
    uninstall(request);
    // Home and the repository stay; every directory install created is gone again.
    expect(snapshotTree(box.root)).toEqual(before);
  });

  it("keeps a directory that holds something else", () => {
    const box = sandbox();
    const request = { target: "cursor" as const, scope: "user" as Scope, context: box.context };
    install(request);
    writeFileSync(join(box.home, ".cursor", "mine.json"), "{}");
    uninstall(request);
    expect(existsSync(join(box.home, ".cursor", "mine.json"))).toBe(true);
  });
});

function snapshotTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      out.push(p.slice(dir.length));
      if (entry.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}
