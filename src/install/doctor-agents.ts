// doctor for agent hooks: find guard's entry in the agent's config, run its command with that agent's payload, and expect that agent's refusal.
import { spawnSync } from "node:child_process";
import { AGENT_HOOKS, findGuardEntries, type FoundEntry } from "./agent-hooks";
import type { InstallContext } from "./install-context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { hookCommand, hookCommandWeakness, looksLikeGuardHook } from "./hook-command";
import { deepEqual, isJsonObject, parseJsonObject } from "./json-config";
import type { Probe } from "./probe";
import type { AgentIntegration, Scope } from "./integrations";

const TIMEOUT_MS = 20_000;

/** The payload each agent sends before a shell command (agent-hooks.md), carrying the probe. */
export function probePayload(agent: AgentIntegration, command: string, cwd: string): unknown {
  const id = "guard-doctor";
  switch (agent) {
    case "claude-code":
      return { session_id: id, transcript_path: "", cwd, permission_mode: "default", hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command, description: "guard doctor probe" }, tool_use_id: id };
    case "codex":
      return { session_id: id, turn_id: id, cwd, hook_event_name: "PreToolUse", model: id, permission_mode: "default", tool_name: "Bash", tool_input: { command }, tool_use_id: id };
    case "cursor":
      return { hook_event_name: "beforeShellExecution", conversation_id: id, generation_id: id, workspace_roots: [cwd], command, cwd };
    case "gemini-cli":
      return { session_id: id, cwd, hook_event_name: "BeforeTool", timestamp: new Date().toISOString(), tool_name: "run_shell_command", tool_input: { command, description: "guard doctor probe", dir_path: cwd } };
    case "copilot-cli":
      return { sessionId: id, timestamp: Date.now(), cwd, toolName: "bash", toolArgs: JSON.stringify({ command }) };
    case "windsurf":
      return { agent_action_name: "pre_run_command", trajectory_id: id, execution_id: id, tool_info: { command_line: command, cwd } };
    default: {
      const unreachable: never = agent;
      return unreachable;
    }
  }
}

function parseStdout(stdout: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(stdout);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The agent's decision in a JSON answer, and the reason that came with it. */
function jsonDecision(agent: AgentIntegration, out: Record<string, unknown>): { decision: unknown; reason: unknown } {
  if (agent === "claude-code" || agent === "codex") {
    const h = isJsonObject(out.hookSpecificOutput) ? out.hookSpecificOutput : {};
    return { decision: h.permissionDecision, reason: h.permissionDecisionReason };
  }
  if (agent === "cursor") return { decision: out.permission, reason: out.agent_message };
  if (agent === "gemini-cli") return { decision: out.decision, reason: out.reason };
  return { decision: out.permissionDecision, reason: out.permissionDecisionReason };
}

/** guard's own refusal of the probe reads `guard blocked this command`; a wrapper's or a failure's does not. */
const GUARD_DECIDED = /guard blocked this command/;

/**
 * Whether the hook's answer is guard's refusal of the probe, in the agent's own format. Anything else
 * is a problem: an answer that lets the probe through (the agent would run it), or a block that comes
 * from guard failing (every tool call would be blocked).
 */
export function refusalProblem(agent: AgentIntegration, answer: { status: number | null; stdout: string; stderr: string }): string | undefined {
  const firstLine = (text: string) => text.trim().split("\n")[0];
  const failing = (why: string) => `the hook blocks every tool call because guard does not run properly (${why})`;
  // Windsurf, and a failure in every agent that reads exit codes: exit 2 blocks.
  if (answer.status === 2 && agent !== "copilot-cli") {
    return GUARD_DECIDED.test(answer.stderr) ? undefined : failing(firstLine(answer.stderr) || "exit 2");
  }
  if (agent === "windsurf") return `the hook exited ${answer.status} (Windsurf blocks only on exit 2), so Windsurf would run the command`;
  if (answer.status !== 0) return `the hook exited ${answer.status}${answer.stderr.trim() ? ` (${firstLine(answer.stderr)})` : ""}, which ${agent} treats as "go ahead"`;
  const out = parseStdout(answer.stdout);
  if (!out) return `the hook printed no JSON answer (${answer.stdout.trim().slice(0, 80) || "nothing"}), which ${agent} does not treat as a refusal`;
  const { decision, reason } = jsonDecision(agent, out);
  const refused = decision === "deny" || (agent === "gemini-cli" && decision === "block");
  if (!refused) return `the hook answered ${JSON.stringify(decision ?? null)} to a destructive probe instead of deny`;
  return typeof reason === "string" && GUARD_DECIDED.test(reason) ? undefined : failing(firstLine(answer.stderr) || String(reason));
}

/** Entries under the agent's event whose command runs `guard hook` with any agent name. */
function findLooseEntries(text: string, agent: AgentIntegration, path: string): FoundEntry[] {
  const spec = AGENT_HOOKS[agent];
  const root = parseJsonObject(text, path);
  const hooks = isJsonObject(root.hooks) ? root.hooks : {};
  const list = Array.isArray(hooks[spec.event]) ? (hooks[spec.event] as unknown[]) : [];
  const found: FoundEntry[] = [];
  for (const item of list) {
    const inner = spec.matcher !== undefined && isJsonObject(item) && Array.isArray(item.hooks) ? item.hooks : [item];
    for (const h of inner) {
      if (isJsonObject(h) && looksLikeGuardHook(h[spec.commandKey])) found.push({ entry: h, command: h[spec.commandKey] as string, matcher: isJsonObject(item) ? item.matcher : undefined });
    }
  }
  return found;
}

function matcherSelects(matcher: unknown, tool: string): boolean {
  if (typeof matcher !== "string") return false;
  try {
    return new RegExp(`^(?:${matcher})$`).test(tool);
  } catch {
    return false;
  }
}

export function checkAgent(agent: AgentIntegration, scope: Scope, context: InstallContext, probe: Probe): ScopeCheck {
  const spec = AGENT_HOOKS[agent];
  const path = spec.file(scope, context);
  const fix = `run \`guard install ${agent}${scope === "project" ? " --project" : ""}\``;
  const text = readText(path);
  if (text === undefined) return { scope, installed: false, files: [path] };
  let found: FoundEntry[];
  try {
    found = findGuardEntries(parseJsonObject(text, path), agent, context.guardBin, path);
  } catch (err) {
    const mentions = text.includes(`hook ${agent}`);
    return mentions ? { scope, installed: true, ok: false, files: [path], problem: `${(err as Error).message}` } : { scope, installed: false, files: [path] };
  }
  // An entry that runs guard's hook under another name (a typo'd agent) is installed, and broken.
  if (found.length === 0) found = findLooseEntries(text, agent, path);
  if (found.length === 0) return { scope, installed: false, files: [path] };
  const entry = found[0];
  // The matcher is a regular expression over tool names: it must at least select the shell tool.
  if (spec.matcher !== undefined && !matcherSelects(entry.matcher, spec.matcher.split("|")[0])) {
    return { scope, installed: true, ok: false, files: [path], problem: `guard's hook in ${path} has matcher ${JSON.stringify(entry.matcher)}, not "${spec.matcher}", so ${agent} never calls it: ${fix}` };
  }
  const answer = spawnSync("/bin/sh", ["-c", entry.command], {
    cwd: probe.dir, env: probe.env, input: JSON.stringify(probePayload(agent, probe.payloadCommand, probe.dir)), encoding: "utf8", timeout: TIMEOUT_MS,
  });
  // EPIPE: the hook exited before reading the payload (a hook that cannot start does); its exit status still tells.
  const spawnError = answer.error && (answer.error as NodeJS.ErrnoException).code !== "EPIPE" ? answer.error : undefined;
  if (spawnError) return { scope, installed: true, ok: false, files: [path], problem: `the hook command could not run (${spawnError.message}): ${fix}` };
  // 126/127 directly, or reported by guard's wrapper (which then blocks): node or guard is not where the hook says.
  const startFailure = answer.status === 127 || answer.status === 126 || /could not run guard \(exit 12[67]\)/.test(String(answer.stderr));
  if (startFailure) {
    const where = scope === "project" ? "guard is not on PATH here (the project hook runs `guard` from PATH, and blocks every tool call without it)" : "guard or node moved";
    return { scope, installed: true, ok: false, files: [path], problem: `the hook command cannot start (${String(answer.stderr).trim().split("\n")[0] || `exit ${answer.status}`}); ${where}: ${fix}` };
  }
  const problem = refusalProblem(agent, { status: answer.status, stdout: String(answer.stdout), stderr: String(answer.stderr) });
  if (problem) return { scope, installed: true, ok: false, files: [path], problem: `${problem}: ${fix}` };
  // An entry from an older guard works, but starts `sh` (or node with the agent's NODE_OPTIONS) as PATH finds it:
  // an agent that writes ~/.local/bin/sh switches it off. Working is not enough here.
  const weakness = hookCommandWeakness(entry.command);
  if (weakness) return { scope, installed: true, ok: false, files: [path], problem: `guard's hook in ${path} can be switched off by the agent: ${weakness}: ${fix} to rewrite it` };
  const current = deepEqual(entry.entry, spec.entry(hookCommand(context, agent, scope)));
  const notes = [
    spec.matcher !== undefined && entry.matcher !== spec.matcher ? `the hook sees only ${JSON.stringify(entry.matcher)}, not the agent's file tools; ${fix} to add them` : "",
    current ? "" : `guard's entry differs from what this guard installs (another checkout or an older version); ${fix} to update it`,
    agent === "codex" ? "Codex runs the hook only once you trust it in /hooks" : "",
  ].filter(Boolean);
  return { scope, installed: true, ok: true, files: [path], ...(notes.length ? { note: notes.join("; ") } : {}) };
}
