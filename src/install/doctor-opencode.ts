// doctor for OpenCode: load the installed plugin file in a separate node, call its hook with the probe, and expect it to throw guard's refusal.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { InstallContext } from "./install-context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { opencodePluginPath, opencodeStub } from "./opencode";
import { isOwnedByGuard } from "./owned-file";
import type { Probe } from "./probe";
import type { Scope } from "./integrations";

const TIMEOUT_MS = 20_000;

/** Runs in the child: prints {refused, message} or {error}. Arguments: plugin URL, probe command, cwd. */
const LOADER = `
const [url, command, cwd] = process.argv.slice(1);
try {
  const mod = await import(url);
  const hooks = await mod.GuardPlugin({ directory: cwd });
  try {
    await hooks["tool.execute.before"]({ tool: "bash", sessionID: "guard-doctor", callID: "guard-doctor" }, { args: { command } });
    console.log(JSON.stringify({ refused: false }));
  } catch (err) {
    console.log(JSON.stringify({ refused: true, message: String(err && err.message || err) }));
  }
} catch (err) {
  console.log(JSON.stringify({ error: String(err && err.message || err) }));
}
`;

export function checkOpencode(scope: Scope, context: InstallContext, probe: Probe): ScopeCheck {
  const path = opencodePluginPath(scope, context);
  const fix = `run \`guard install opencode${scope === "project" ? " --project" : ""}\``;
  const text = readText(path);
  if (text === undefined || !isOwnedByGuard(text)) return { scope, installed: false, files: [path] };
  const r = spawnSync(context.nodePath, ["--input-type=module", "-e", LOADER, pathToFileURL(path).href, probe.payloadCommand, probe.dir], {
    cwd: probe.dir, env: probe.env, encoding: "utf8", timeout: TIMEOUT_MS,
  });
  let result: { refused?: boolean; message?: string; error?: string } = {};
  try {
    result = JSON.parse(String(r.stdout).trim().split("\n").pop() ?? "");
  } catch {
    result = { error: String(r.stderr).trim().split("\n")[0] || `exit ${r.status}` };
  }
  if (result.error) return { scope, installed: true, ok: false, files: [path], problem: `the plugin does not load (${result.error}): ${fix}` };
  if (!result.refused) return { scope, installed: true, ok: false, files: [path], problem: `the plugin let the probe through: ${fix}` };
  // A refusal that is not guard's decision is the plugin failing closed: every command is refused.
  if (!/guard blocked this command/.test(result.message ?? "")) {
    return { scope, installed: true, ok: false, files: [path], problem: `the plugin refuses every command because guard does not run properly (${(result.message ?? "").slice(0, 160)}): ${fix}` };
  }
  const current = text === opencodeStub(context);
  return { scope, installed: true, ok: true, files: [path], ...(current ? {} : { note: `the plugin file points at another guard checkout; ${fix} to update it` }) };
}
