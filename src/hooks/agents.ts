// One adapter per agent: where its payload keeps the command, and exactly what answer it expects back.
import { object, objectOrJson, optionalString, PayloadError, string } from "./payload";

/** What guard needs from a payload. `command` undefined: a tool call guard does not guard (not a shell). */
export interface HookRequest {
  command?: string;
  cwd?: string;
  session?: string;
  model?: string;
}

/**
 * What guard tells the agent. `none` is "no opinion": the agent's own permission rules and prompts
 * apply as if guard were not installed. `allow` grants (skips the agent's prompt) and is only ever
 * sent when the user opted in with `hooks: {grant_allowed: true}` in their own config.
 */
export type HookDecision = "none" | "allow" | "ask" | "deny";

/** The answer for the agent: what goes to stdout (exactly, or nothing), stderr, and the exit code. */
export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface HookMessage {
  decision: HookDecision;
  /** The command to run instead (`guard exec -- '…'`), for agents whose hooks can rewrite it. */
  rewrite?: string;
  /** For the model: what, why, instead, and "do not try another way". */
  agent: string;
  /** For the human watching. */
  user: string;
}

export interface AgentAdapter {
  /** Whether the agent can show its own approval prompt; if not, ask is refused with a one-time code. */
  canAsk: boolean;
  /** Whether the agent has an answer that grants (skips its own prompt); where not, `allow` is answered as `none`. */
  canGrant: boolean;
  /** false where the agent has no true "no opinion" (Cursor): audit mode then asks rather than answer what reads as allow. */
  hasNoOpinion: boolean;
  parse(payload: unknown): HookRequest;
  answer(message: HookMessage): HookAnswer;
}

const json = (value: unknown): HookAnswer => ({ stdout: `${JSON.stringify(value)}\n`, stderr: "", exitCode: 0 });
/** Exit 0 with nothing on stdout: the documented "no opinion" of Claude Code, Codex, Copilot CLI and Windsurf. */
const SILENT: HookAnswer = { stdout: "", stderr: "", exitCode: 0 };

/** Claude Code and Codex share the PreToolUse shape. */
function preToolUse(payload: unknown, shellTools: string[]): HookRequest {
  const p = object(payload, "payload");
  const tool = string(p.tool_name, "tool_name");
  if (!shellTools.includes(tool)) return { cwd: optionalString(p.cwd) };
  const input = object(p.tool_input, "tool_input");
  return { command: string(input.command, "tool_input.command"), cwd: optionalString(p.cwd), session: optionalString(p.session_id), model: optionalString(p.model) };
}

function preToolUseAnswer(message: HookMessage, decision: HookDecision, rewrite = false): HookAnswer {
  const reason = decision === "allow" ? message.user : message.agent;
  const updated = rewrite && message.rewrite !== undefined && decision !== "deny" ? { updatedInput: { command: message.rewrite } } : {};
  return json({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: decision, permissionDecisionReason: reason, ...updated } });
}

export const ADAPTERS: Record<string, AgentAdapter> = {
  "claude-code": {
    hasNoOpinion: true,
    canAsk: true,
    canGrant: true,
    parse: (payload) => preToolUse(payload, ["Bash"]),
    answer: (m) => (m.decision === "none" ? SILENT : preToolUseAnswer(m, m.decision, true)),
  },
  codex: {
    // Codex rejects `ask` and then runs the command: guard refuses instead, with an approval code.
    hasNoOpinion: true,
    canAsk: false,
    // Codex's PreToolUse has no allow that skips its approval: quiet is the only non-refusal.
    canGrant: false,
    parse: (payload) => preToolUse(payload, ["Bash", "shell", "exec_command", "local_shell"]),
    answer: (m) => (m.decision === "none" || m.decision === "allow" ? SILENT : preToolUseAnswer(m, "deny")),
  },
  cursor: {
    hasNoOpinion: false,
    canAsk: true,
    canGrant: true,
    parse: (payload) => {
      const p = object(payload, "payload");
      const event = optionalString(p.hook_event_name);
      if (event && event !== "beforeShellExecution") return { cwd: optionalString(p.cwd) };
      const roots = Array.isArray(p.workspace_roots) ? p.workspace_roots.filter((r): r is string => typeof r === "string") : [];
      return { command: string(p.command, "command"), cwd: optionalString(p.cwd) ?? roots[0], session: optionalString(p.conversation_id) };
    },
    // Cursor has no "no opinion": with failClosed (which guard installs) a hook that prints nothing
    // blocks. `none` is answered as allow without a message: "guard has no objection" (docs/integrations.md).
    answer: (m) => (m.decision === "none"
      ? json({ permission: "allow" })
      : json({
        permission: m.decision, user_message: m.user, agent_message: m.agent,
        ...(m.rewrite !== undefined && m.decision !== "deny" ? { updated_input: { command: m.rewrite } } : {}),
      })),
  },
  "gemini-cli": {
    hasNoOpinion: true,
    canAsk: true,
    canGrant: true,
    parse: (payload) => {
      const p = object(payload, "payload");
      const tool = string(p.tool_name, "tool_name");
      if (tool !== "run_shell_command") return { cwd: optionalString(p.cwd) };
      const input = object(p.tool_input, "tool_input");
      return { command: string(input.command, "tool_input.command"), cwd: optionalString(input.dir_path) ?? optionalString(p.cwd), session: optionalString(p.session_id) };
    },
    // `{}`: success with no decision, so Gemini's policy engine and confirmations apply.
    answer: (m) => json(m.decision === "none" ? {} : m.decision === "allow" ? { decision: "allow" } : { decision: m.decision, reason: m.agent, systemMessage: m.user }),
  },
  "copilot-cli": {
    hasNoOpinion: true,
    canAsk: true,
    canGrant: true,
    parse: (payload) => {
      const p = object(payload, "payload");
      // camelCase when registered as preToolUse, snake_case as PreToolUse.
      const tool = string(p.toolName ?? p.tool_name, "toolName");
      if (tool !== "bash" && tool !== "shell" && tool !== "powershell") return { cwd: optionalString(p.cwd) };
      const args = objectOrJson(p.toolArgs ?? p.tool_input, "toolArgs");
      return { command: string(args.command, "toolArgs.command"), cwd: optionalString(p.cwd), session: optionalString(p.sessionId ?? p.session_id) };
    },
    answer: (m) => (m.decision === "none" ? SILENT : json({
      permissionDecision: m.decision, permissionDecisionReason: m.decision === "allow" ? m.user : m.agent,
      ...(m.rewrite !== undefined && m.decision !== "deny" ? { modifiedArgs: { command: m.rewrite } } : {}),
    })),
  },
  windsurf: {
    hasNoOpinion: true,
    canAsk: false,
    canGrant: false,
    parse: (payload) => {
      const p = object(payload, "payload");
      const action = optionalString(p.agent_action_name);
      if (action && action !== "pre_run_command") return {};
      const info = object(p.tool_info, "tool_info");
      return { command: string(info.command_line, "tool_info.command_line"), cwd: optionalString(info.cwd), session: optionalString(p.trajectory_id) };
    },
    // Only exit 2 blocks; stderr is shown.
    answer: (m) => (m.decision === "none" || m.decision === "allow" ? SILENT : { stdout: "", stderr: `${m.agent}\n`, exitCode: 2 }),
  },
  cline: {
    hasNoOpinion: true,
    canAsk: false,
    canGrant: false,
    parse: (payload) => {
      const p = object(payload, "payload");
      const pre = object(p.preToolUse, "preToolUse");
      const tool = string(pre.tool, "preToolUse.tool");
      if (tool !== "execute_command") return { cwd: optionalString(p.workspacePath) };
      const params = object(pre.parameters, "preToolUse.parameters");
      return { command: string(params.command, "preToolUse.parameters.command"), cwd: optionalString(p.workspacePath), session: optionalString(p.taskId) };
    },
    answer: (m) => json(m.decision === "none" || m.decision === "allow" ? { cancel: false } : { cancel: true, errorMessage: m.user, contextModification: m.agent }),
  },
};

export function adapterFor(agent: string): AgentAdapter {
  if (!Object.prototype.hasOwnProperty.call(ADAPTERS, agent)) throw new PayloadError(`unknown agent ${agent}`);
  return ADAPTERS[agent];
}
