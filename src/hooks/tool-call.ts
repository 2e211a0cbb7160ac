// One agent tool call through the policy core: decide, settle, record, and the answer in guard's terms (shared by every hook adapter and the OpenCode plugin).
import { recordDecision, recordWarning } from "../act/record";
import { settle, type Outcome } from "../act/outcome";
import { openPolicy, type Decision, type Env, type Policy } from "../engine/policy";
import { agentText, userText } from "../report/agent";
import { takeSnapshotIfNeeded, trashPromptNote } from "../undo/take";
import type { HookDecision } from "./agents";

/** What an agent can do with guard's answer. */
export interface AgentAbilities {
  /** The agent can show its own approval prompt (else an ask becomes a one-time code). */
  canAsk: boolean;
  /** The agent has an answer that skips its own prompt. */
  canGrant: boolean;
  /** The agent has a true "no opinion" answer (Cursor does not). */
  hasNoOpinion: boolean;
}

export interface ToolCall {
  agent: string;
  command: string;
  cwd: string;
  /** For the audit record: session, model… (`agent` is added). */
  source?: Record<string, string>;
  env?: Env;
}

export interface ToolCallResult {
  /** The answer in guard's terms; each adapter renders it in its own protocol. */
  answer: HookDecision;
  decision: Decision;
  outcome: Outcome;
  /** For the model: what, why, instead. */
  agentMessage: string;
  /** For the human watching. */
  userMessage: string;
  /** Set when a copy of the audit record could not be written; also the undo notes (a snapshot that could not be taken). */
  warning: string;
  /** `isolation.route_hooks` is on: the caller may rewrite an allowed or asked command to run through guard exec. */
  routeThroughGuard: boolean;
}

/**
 * guard never grants on its own: nothing against a command is "no opinion" (the agent's own prompts
 * still apply); an explicit allow only with `hooks.grant_allowed` from the user or system config;
 * audit mode never answers allow.
 */
export function answerFor(outcome: Outcome, abilities: AgentAbilities, options: { enforced: boolean; grantAllowed: boolean }): HookDecision {
  switch (outcome.kind) {
    case "run":
      if (outcome.unenforced) return abilities.hasNoOpinion ? "none" : "ask";
      if (!options.enforced || outcome.approval) return "none";
      return options.grantAllowed && abilities.canGrant ? "allow" : "none";
    case "ask":
      return "ask";
    case "deny":
    case "needs-approval":
    case "refused":
      return "deny";
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

export async function checkToolCall(call: ToolCall, abilities: AgentAbilities): Promise<ToolCallResult> {
  const policy = openPolicy({ cwd: call.cwd, agent: call.agent, ...(call.env ? { env: call.env } : {}) });
  return answerDecision(policy, policy.check(call.command), call, abilities);
}

/** Settles, records and phrases a decision about one agent tool call (shell command or file access). */
export async function answerDecision(policy: Policy, decision: Decision, call: Pick<ToolCall, "agent" | "source">, abilities: AgentAbilities): Promise<ToolCallResult> {
  const outcome = await settle(decision, { channel: abilities.canAsk ? "agent" : "code", env: policy.env as NodeJS.ProcessEnv });
  const logged = recordDecision(decision, outcome, { entry: "hook", source: { agent: call.agent, ...call.source } }, policy.settings, policy.env);
  const answer = answerFor(outcome, abilities, { enforced: decision.enforced, grantAllowed: policy.settings.hooks.grantAllowed });
  // The message matches the answer: an audit-mode ask (Cursor) reads as an ask.
  const shown: Outcome = answer === "none" || answer === "allow" ? { kind: "run" } : answer === "ask" ? { kind: "ask" } : outcome;
  const notices = decision.trustNotices.map((n) => n.message);
  // A pre-tool hook runs before the command: the undo snapshot (and, for an ask, the trash copy) is
  // taken here, unless the command is rewritten to run through guard exec, which takes it itself.
  const routed = policy.settings.isolation.routeHooks === true && (answer === "allow" || answer === "ask");
  const undo = { command: decision.command, cwd: decision.cwd, home: policy.context.home, agent: call.agent, settings: policy.settings.undo, asked: answer === "ask" };
  const undoNotes = answer === "deny" || routed ? [] : await takeSnapshotIfNeeded(decision.verdict.invocations, undo);
  // Agents show either text in their approval prompt: both say whether a copy is kept.
  const trash = answer === "ask" && !routed ? await trashPromptNote(decision.verdict.invocations, undo) : undefined;
  const note = trash ? ` ${trash.trim()}` : "";
  return {
    answer, decision, outcome,
    agentMessage: agentText(decision.verdict, shown, notices) + note,
    userMessage: userText(decision.verdict, shown) + note,
    warning: recordWarning(logged) + undoNotes.map((n) => `${n}\n`).join(""),
    routeThroughGuard: policy.settings.isolation.routeHooks === true,
  };
}
