// Turns a decision into what happens: run, refuse, ask the agent's own UI, prompt a human at the terminal, or leave a one-time code.
import type { Decision } from "../engine/policy";
import type { Verdict } from "../engine/evaluate";
import { approvalTtlMs, consumeApproval, requestApproval } from "./approvals";
import { pinIsSet, verifyPin } from "./pin";

export interface Approval {
  how: "prompt" | "code";
  at: string;
  code?: string;
}

/**
 * The one outcome of a decision. `run` with `unenforced` is audit mode letting a finding through;
 * `ask` hands the question to the agent's own approval UI; `refused` is an ask nobody approved.
 */
export type Outcome =
  | { kind: "run"; approval?: Approval; unenforced?: boolean }
  | { kind: "deny" }
  | { kind: "ask" }
  | { kind: "needs-approval"; code: string; ttlMinutes: number }
  | { kind: "refused"; why: string; cause?: string; prompted?: boolean };

/**
 * Where a human can answer an ask: `terminal` (guard exec/shell prompt, else a one-time code), `agent`
 * (the agent's own approval prompt), `code` (agents that cannot ask: a one-time code for `guard approve`).
 */
export type Channel = "terminal" | "agent" | "code";

export interface SettleOptions {
  channel: Channel;
  env?: NodeJS.ProcessEnv;
  /** Renders what the human sees before typing the confirmation (terminal channel). */
  promptBody?: (verdict: Verdict) => string;
}

/** The word a human types when the rule names no target. */
export const CONFIRM_WORD = "yes";

export function expectedAnswer(verdict: Verdict): string {
  return verdict.findings.find((f) => f.action === "ask" && f.target)?.target ?? CONFIRM_WORD;
}

/** A one-time code for `guard approve`; a store that cannot be written refuses instead. */
function codeOutcome(decision: Decision, env: NodeJS.ProcessEnv): Outcome {
  try {
    return { kind: "needs-approval", code: requestApproval(decision.command, decision.cwd, { env, rules: decision.findings.filter((f) => f.action === "ask").map((f) => f.rule) }), ttlMinutes: Math.round(approvalTtlMs(env) / 60_000) };
  } catch (err) {
    return { kind: "refused", why: `the approval store cannot be written: ${(err as Error).message}` };
  }
}

/** The outcome where no terminal prompt is involved (agent and code channels): synchronous, for hooks that must be. */
export function settleWithoutPrompt(decision: Decision, channel: "agent" | "code", env: NodeJS.ProcessEnv = process.env): Outcome {
  const early = settleCommon(decision, channel, env);
  return early ?? codeOutcome(decision, env);
}

/** Every channel alike: allow runs, audit mode runs unenforced, deny refuses, an agent asks, an approved code runs. */
function settleCommon(decision: Decision, channel: Channel, env: NodeJS.ProcessEnv): Outcome | undefined {
  if (decision.action === "allow") return { kind: "run" };
  // Audit mode (user config or system policy): recorded, not enforced.
  if (!decision.enforced) return { kind: "run", unenforced: true };
  if (decision.action === "deny") return { kind: "deny" };
  if (channel === "agent") return { kind: "ask" };
  // A human already approved exactly this command in this directory with `guard approve`.
  const approved = consumeApproval(decision.command, decision.cwd, { env });
  if (approved) return { kind: "run", approval: { how: "code", at: approved.approvedAt!, code: approved.code } };
  return undefined;
}

export async function settle(decision: Decision, options: SettleOptions): Promise<Outcome> {
  const env = options.env ?? process.env;
  if (options.channel !== "terminal") return settleWithoutPrompt(decision, options.channel, env);
  const early = settleCommon(decision, "terminal", env);
  if (early) return early;
  const { openTerminal } = await import("./tty");
  const terminal = openTerminal(env);
  if (!terminal) {
    const outcome = codeOutcome(decision, env);
    return outcome.kind === "refused" ? { kind: "refused", why: `no terminal, and ${outcome.why}` } : outcome;
  }
  const { confirmOnTerminal, promptTimeoutMs, refusalReason } = await import("./confirm");
  const expected = expectedAnswer(decision.verdict);
  const timeoutMs = promptTimeoutMs(env);
  const result = await confirmOnTerminal(terminal, {
    body: options.promptBody ? options.promptBody(decision.verdict) : "",
    expected,
    pin: pinIsSet(env) ? { verify: (pin) => verifyPin(pin, env) } : undefined,
    timeoutMs,
  });
  if (result.approved) return { kind: "run", approval: { how: "prompt", at: new Date().toISOString() } };
  // `why` is for people; `cause` is the stable code for the audit log; the person saw the findings in the prompt.
  return { kind: "refused", why: refusalReason(result.reason, expected, timeoutMs), cause: result.reason, prompted: true };
}
