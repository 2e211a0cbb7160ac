// doctor for agent hooks: find guard's entry in the agent's config, run its command with that agent's payload, and expect that agent's refusal.
import { spawnSync } from "node:child_process";
import { AGENT_HOOKS, findGuardEntries } from "./agent-hooks";
import type { InstallContext } from "./context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { hookCommand } from "./hook-command";
import { deepEqual, isJsonObject, parseJsonObject } from "./json-config";
import type { Probe } from "./probe";
import type { AgentTarget, Scope } from "./targets";

const TIMEOUT_MS = 20_000;

/** The payload each agent sends before a shell command (agent-hooks.md), carrying the probe. */
export function probePayload(agent: AgentTarget, command: string, cwd: string): unknown {
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

/** Whether the hook's answer is a refusal in the agent's own format; otherwise what the agent would have seen. */
export function refusalProblem(agent: AgentTarget, answer: { status: number | null; stdout: string; stderr: string }): string | undefined {
  if (agent === "windsurf") return answer.status === 2 ? undefined : `the hook exited ${answer.status} (Windsurf blocks only on exit 2), so Windsurf would run the command`;
  if (answer.status !== 0) return `the hook exited ${answer.status}${answer.stderr.trim() ? ` (${answer.stderr.trim().split("\n")[0]})` : ""}, which ${agent} treats as "go ahead"`;
  const out = parseStdout(answer.stdout);
  if (!out) return `the hook printed no JSON answer (${answer.stdout.trim().slice(0, 80) || "nothing"}), which ${agent} ignores`;
  const decision = agent === "claude-code" || agent === "codex"
    ? (isJsonObject(out.hookSpecificOutput) ? out.hookSpecificOutput.permissionDecision : undefined)
    : agent === "cursor" ? out.permission
      : agent === "gemini-cli" ? out.decision
        : out.permissionDecision;
  const refused = decision === "deny" || (agent === "gemini-cli" && decision === "block");
  return refused ? undefined : `the hook answered ${JSON.stringify(decision ?? null)} to a destructive probe instead of deny`;
}

export function checkAgent(agent: AgentTarget, scope: Scope, context: InstallContext, probe: Probe): ScopeCheck {
  const spec = AGENT_HOOKS[agent];
  const path = spec.file(scope, context);
  const fix = `run \`guard install ${agent}${scope === "project" ? " --project" : ""}\``;
  const text = readText(path);
  if (text === undefined) return { scope, installed: false, files: [path] };
  let found;
  try {
    found = findGuardEntries(parseJsonObject(text, path), agent, context.guardBin, path);
  } catch (err) {
    const mentions = text.includes(`hook ${agent}`);
    return mentions ? { scope, installed: true, ok: false, files: [path], problem: `${(err as Error).message}` } : { scope, installed: false, files: [path] };
  }
  if (found.length === 0) return { scope, installed: false, files: [path] };
  const entry = found[0];
  if (spec.matcher !== undefined && entry.matcher !== spec.matcher) {
    return { scope, installed: true, ok: false, files: [path], problem: `guard's hook in ${path} has matcher ${JSON.stringify(entry.matcher)}, not "${spec.matcher}", so ${agent} never calls it: ${fix}` };
  }
  const answer = spawnSync("/bin/sh", ["-c", entry.command], {
    cwd: probe.dir, env: probe.env, input: JSON.stringify(probePayload(agent, probe.payloadCommand, probe.dir)), encoding: "utf8", timeout: TIMEOUT_MS,
  });
  if (answer.error) return { scope, installed: true, ok: false, files: [path], problem: `the hook command could not run (${answer.error.message}): ${fix}` };
  if (answer.status === 127 || answer.status === 126) {
    return { scope, installed: true, ok: false, files: [path], problem: `the hook command cannot start (${String(answer.stderr).trim().split("\n")[0] || `exit ${answer.status}`}); guard or node moved: ${fix}` };
  }
  const problem = refusalProblem(agent, { status: answer.status, stdout: String(answer.stdout), stderr: String(answer.stderr) });
  if (problem) return { scope, installed: true, ok: false, files: [path], problem: `${problem}: ${fix}` };
  const current = deepEqual(entry.entry, spec.entry(hookCommand(context, agent)));
  const notes = [
    current ? "" : `guard's entry differs from what this guard installs (another checkout or an older version); ${fix} to update it`,
    agent === "codex" ? "Codex runs the hook only once you trust it in /hooks" : "",
  ].filter(Boolean);
  return { scope, installed: true, ok: true, files: [path], ...(notes.length ? { note: notes.join("; ") } : {}) };
}
