// One adapter per agent: where its payload keeps the command, and exactly what answer it expects back.
import { object, objectOrJson, optionalString, PayloadError, string } from "./payload";

/** A call of the agent's own file tools: which paths it reads or writes. */
export interface FileAccess {
  tool: string;
  op: "read" | "write";
  paths: string[];
}

/** What guard needs from a payload. Neither `command` nor `file`: a tool call guard has no opinion on. */
export interface HookRequest {
  command?: string;
  file?: FileAccess;
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

/** Tool name → read or write, and the input keys that hold its path(s), per agent. */
type FileTools = Record<string, { op: "read" | "write"; keys: string[] }>;

const CLAUDE_FILE_TOOLS: FileTools = {
  Write: { op: "write", keys: ["file_path"] }, Edit: { op: "write", keys: ["file_path"] }, MultiEdit: { op: "write", keys: ["file_path"] },
  NotebookEdit: { op: "write", keys: ["notebook_path"] }, Read: { op: "read", keys: ["file_path"] },
};
const GEMINI_FILE_TOOLS: FileTools = {
  write_file: { op: "write", keys: ["file_path", "absolute_path", "path"] }, replace: { op: "write", keys: ["file_path", "absolute_path", "path"] },
  read_file: { op: "read", keys: ["absolute_path", "file_path", "path"] }, read_many_files: { op: "read", keys: ["paths"] },
};
const COPILOT_FILE_TOOLS: FileTools = {
  edit: { op: "write", keys: ["path", "file_path"] }, create: { op: "write", keys: ["path", "file_path"] }, write: { op: "write", keys: ["path", "file_path"] },
  str_replace_editor: { op: "write", keys: ["path"] }, view: { op: "read", keys: ["path", "file_path"] }, read: { op: "read", keys: ["path", "file_path"] },
};
const CURSOR_FILE_TOOLS: FileTools = {
  Write: { op: "write", keys: ["file_path", "path"] }, Edit: { op: "write", keys: ["file_path", "path"] }, StrReplace: { op: "write", keys: ["file_path", "path"] },
  TabWrite: { op: "write", keys: ["file_path", "path"] }, Delete: { op: "write", keys: ["file_path", "path"] }, Read: { op: "read", keys: ["file_path", "path"] },
};
const CLINE_FILE_TOOLS: FileTools = {
  write_to_file: { op: "write", keys: ["path"] }, replace_in_file: { op: "write", keys: ["path"] }, read_file: { op: "read", keys: ["path"] },
};

/**
 * The file access of a known file tool, or undefined for other tools. A known tool whose path is
 * missing or not a string is refused (PayloadError): guard cannot tell what it would touch.
 */
function fileAccess(tools: FileTools, tool: string, input: unknown): FileAccess | undefined {
  if (!Object.prototype.hasOwnProperty.call(tools, tool)) return undefined;
  const spec = tools[tool];
  const args = object(input, "tool input");
  const paths = spec.keys.flatMap((k) => {
    const v = args[k];
    if (typeof v === "string" && v !== "") return [v];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
  });
  if (paths.length === 0) throw new PayloadError(`${tool}: no path in its input`);
  return { tool, op: spec.op, paths };
}

/** Claude Code and Codex share the PreToolUse shape. */
function preToolUse(payload: unknown, shellTools: string[], fileTools: FileTools = {}): HookRequest {
  const p = object(payload, "payload");
  const tool = string(p.tool_name, "tool_name");
  if (!shellTools.includes(tool)) {
    const file = fileAccess(fileTools, tool, p.tool_input);
    return { cwd: optionalString(p.cwd), ...(file ? { file, session: optionalString(p.session_id) } : {}) };
  }
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
    parse: (payload) => preToolUse(payload, ["Bash"], CLAUDE_FILE_TOOLS),
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
      const roots0 = Array.isArray(p.workspace_roots) ? p.workspace_roots.filter((r): r is string => typeof r === "string") : [];
      // Cursor's own file tools: beforeReadFile, and preToolUse with Write/Edit/StrReplace… (when wired to guard).
      if (event === "beforeReadFile") return { cwd: optionalString(p.cwd) ?? roots0[0], file: { tool: "Read", op: "read", paths: [string(p.file_path, "file_path")] } };
      if (event === "preToolUse") {
        const tool = string(p.tool_name, "tool_name");
        const input = objectOrJson(p.tool_input ?? {}, "tool_input");
        if (tool === "Shell") return { command: string(input.command, "tool_input.command"), cwd: optionalString(p.cwd) ?? roots0[0], session: optionalString(p.conversation_id) };
        const file = fileAccess(CURSOR_FILE_TOOLS, tool, input);
        return { cwd: optionalString(p.cwd) ?? roots0[0], ...(file ? { file } : {}) };
      }
      // Any other event is refused: Cursor's answer for "nothing to say" is allow, so a payload guard does not
      // understand (a renamed event, another agent's shape) must not be waved through.
      if (event !== undefined && event !== "beforeShellExecution") throw new PayloadError(`unknown Cursor hook event ${JSON.stringify(event)}`);
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
      if (tool !== "run_shell_command") {
        const file = fileAccess(GEMINI_FILE_TOOLS, tool, p.tool_input);
        return { cwd: optionalString(p.cwd), ...(file ? { file, session: optionalString(p.session_id) } : {}) };
      }
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
      if (tool !== "bash" && tool !== "shell" && tool !== "powershell") {
        const file = Object.prototype.hasOwnProperty.call(COPILOT_FILE_TOOLS, tool) ? fileAccess(COPILOT_FILE_TOOLS, tool, objectOrJson(p.toolArgs ?? p.tool_input, "toolArgs")) : undefined;
        return { cwd: optionalString(p.cwd), ...(file ? { file, session: optionalString(p.sessionId ?? p.session_id) } : {}) };
      }
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
      if (action === "pre_write_code" || action === "pre_read_code") {
        const info = object(p.tool_info, "tool_info");
        return { cwd: optionalString(info.cwd), file: { tool: action, op: action === "pre_write_code" ? "write" : "read", paths: [string(info.file_path, "tool_info.file_path")] } };
      }
      // guard registers only these actions: another one is a payload guard does not understand, refused like every adapter's.
      if (action && action !== "pre_run_command") throw new PayloadError(`unknown Windsurf action ${JSON.stringify(action)}`);
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
      if (tool !== "execute_command") {
        const file = fileAccess(CLINE_FILE_TOOLS, tool, pre.parameters ?? {});
        return { cwd: optionalString(p.workspacePath), ...(file ? { file } : {}) };
      }
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
