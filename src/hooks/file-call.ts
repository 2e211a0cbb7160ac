// An agent's own file tools (Write, Edit, Read…) through the policy core: writes to guard's protected paths are denied, reads of credential files ask.
import { join, resolve } from "node:path";
import { quote } from "shell-quote";
import { shadowedProgram } from "../core/shadowed-programs";
import { homeOf, protectedWriteTarget, PROTECTED_KIND_TEXT } from "../core/protected-paths";
import { openPolicy, type Env } from "../engine/policy";
import type { Finding } from "../core/finding";
import { findRepoRoot } from "../core/repo";
import { answerDecision, type AgentAbilities, type ToolCallResult } from "./tool-call";

export interface FileCall {
  agent: string;
  /** The agent's tool name (Write, Edit, read_file…), for the record. */
  tool: string;
  op: "read" | "write";
  paths: string[];
  cwd: string;
  source?: Record<string, string>;
  env?: Env;
}

/** The finding for a write to a protected path: a deny no config can lower below ask (it is not a rule id). */
function selfProtectFinding(path: string, kind: keyof typeof PROTECTED_KIND_TEXT, command: string): Finding {
  return {
    rule: "guard.self-protect", action: "deny", severity: "critical",
    message: `Writes ${PROTECTED_KIND_TEXT[kind]}: ${path}.`,
    why: "An agent that can change guard's own files can switch guard off, forge an approval, erase its record or remove guard's hook.",
    instead: "Ask the user to make this change themselves, in their own editor or terminal.",
    span: { start: 0, end: command.length }, via: [], certain: true,
  };
}

/**
 * A write to an agent's settings file that does not hold guard's hook: ask. It may be an ordinary settings
 * change, and it may switch every hook off (`disableAllHooks`) or set NODE_OPTIONS or GUARD_CONFIG for them.
 */
function settingsFinding(path: string, command: string): Finding {
  return {
    rule: "guard.agent-settings", action: "ask", severity: "critical",
    message: `Writes ${path}, an agent's settings file, which can switch its hooks off or set the environment guard's hook runs in.`,
    why: "Settings such as disableAllHooks, a replaced hooks list or an env block (NODE_OPTIONS, GUARD_CONFIG, XDG_CONFIG_HOME) turn guard off without touching guard's own files.",
    instead: "Show the user the change and let them make it in their own editor.",
    span: { start: 0, end: command.length }, via: [], certain: true,
  };
}

/** The file-tool form of guard.path-shadowing: ask, as for the shell's `cp x ~/.local/bin/sh`. */
function shadowFinding(path: string, name: string, command: string): Finding {
  return {
    rule: "guard.path-shadowing", action: "ask", severity: "critical",
    message: `Writes ${path}, which comes before the system's \`${name}\` on PATH.`,
    why: `Every later program that starts \`${name}\` by name (an agent's hook, a project-scope hook, a script) would run this file instead, which can switch guard off.`,
    instead: "Ask the user; if a tool needs its own copy, install it under its own name or in the project.",
    span: { start: 0, end: command.length }, via: [], certain: true,
  };
}

/**
 * Undefined when guard has nothing to say about the call (no opinion, not recorded): a write to an
 * ordinary file, a read of one that holds no credentials.
 */
export async function checkFileCall(call: FileCall, abilities: AgentAbilities): Promise<ToolCallResult | undefined> {
  if (call.paths.length === 0) return undefined;
  const policy = openPolicy({ cwd: call.cwd, agent: call.agent, ...(call.env ? { env: call.env } : {}) });
  const source = { tool: call.tool, ...call.source };
  if (call.op === "write") {
    const command = `${call.tool} ${quote(call.paths)}`;
    const projectRoot = findRepoRoot(call.cwd);
    const home = homeOf(policy.env);
    const findings = call.paths.flatMap((path) => {
      const hit = protectedWriteTarget(path, { cwd: call.cwd, env: policy.env, projectRoot });
      if (hit?.kind === "agent-settings") return [settingsFinding(path, command)];
      if (hit) return [selfProtectFinding(path, hit.kind, command)];
      const full = path === "~" || path.startsWith("~/") ? join(home, path.slice(1)) : resolve(call.cwd, path);
      const shadowed = shadowedProgram(full, home);
      return shadowed ? [shadowFinding(path, shadowed, command)] : [];
    });
    if (findings.length === 0) return undefined;
    return answerDecision(policy, policy.decideFindings(command, findings), { agent: call.agent, source }, abilities);
  }
  // A read is checked as the shell read it amounts to, so the credentials rules, their config
  // (`packs.disable: [credentials]`, `rules: {credentials.read-secret-file: …}`) and agent overrides apply as for `cat`.
  const decision = policy.check(`cat -- ${quote(call.paths)}`);
  // Only a credential finding speaks here: a broken config asks for shell commands, not for every file the agent reads.
  if (!decision.findings.some((f) => f.action !== "allow" && f.rule !== "guard.config-error")) return undefined;
  return answerDecision(policy, decision, { agent: call.agent, source }, abilities);
}
