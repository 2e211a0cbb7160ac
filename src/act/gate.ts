// Turns a verdict into go or no-go: deny refuses, ask needs a human (a prompt, or a one-time code), allow runs.
import type { Verdict } from "../engine/evaluate";
import { consumeApproval, requestApproval } from "./approvals";
import { pinIsSet, verifyPin } from "./pin";

export interface Approval {
  how: "prompt" | "code";
  at: string;
  code?: string;
}

export type GateOutcome =
  | { run: true; approval?: Approval }
  | { run: false; reason: "deny" }
  | { run: false; reason: "not-approved"; why: string; cause?: string; prompted?: boolean }
  | { run: false; reason: "needs-approval"; code: string };

export interface GateOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Renders what the human sees before typing the confirmation. */
  promptBody: (verdict: Verdict) => string;
}

/** The word a human types when the rule names no target. */
export const CONFIRM_WORD = "yes";

export function expectedAnswer(verdict: Verdict): string {
  return verdict.findings.find((f) => f.action === "ask" && f.target)?.target ?? CONFIRM_WORD;
}

export async function gate(verdict: Verdict, options: GateOptions): Promise<GateOutcome> {
  const env = options.env ?? process.env;
  switch (verdict.decision) {
    case "allow":
      return { run: true };
    case "deny":
      return { run: false, reason: "deny" };
    case "ask":
      break;
    default: {
      const unreachable: never = verdict.decision;
      return unreachable;
    }
  }
  // A human already approved exactly this command in this directory with `guard approve`.
  const approved = consumeApproval(verdict.command, options.cwd, { env });
  if (approved) return { run: true, approval: { how: "code", at: approved.approvedAt!, code: approved.code } };
  const { openTerminal } = await import("./tty");
  const { confirmOnTerminal, promptTimeoutMs } = await import("./confirm");
  const terminal = openTerminal(env);
  if (!terminal) {
    try {
      return { run: false, reason: "needs-approval", code: requestApproval(verdict.command, options.cwd, { env }) };
    } catch (err) {
      // No place to keep an approval (a read-only or full state directory): refuse, and say why.
      return { run: false, reason: "not-approved", why: `no terminal, and the approval store cannot be written: ${(err as Error).message}` };
    }
  }
  const { refusalReason } = await import("./confirm");
  const expected = expectedAnswer(verdict);
  const timeoutMs = promptTimeoutMs(env);
  const result = await confirmOnTerminal(terminal, {
    body: options.promptBody(verdict),
    expected,
    pin: pinIsSet(env) ? { verify: (pin) => verifyPin(pin, env) } : undefined,
    timeoutMs,
  });
  if (result.approved) return { run: true, approval: { how: "prompt", at: new Date().toISOString() } };
  // `why` is for people; `cause` is the stable code for the audit log.
  return { run: false, reason: "not-approved", why: refusalReason(result.reason, expected, timeoutMs), cause: result.reason, prompted: true };
}
