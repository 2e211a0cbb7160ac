// Plain-text messages for agents and the humans watching them (hook answers, the OpenCode plugin): no colour, no terminal needed.
import type { Verdict } from "../engine/evaluate";
import type { Outcome } from "../act/outcome";

export const NO_WORKAROUND = "Do not try another way to do the same thing: stop and ask the user.";

function findingsText(verdict: Verdict): string {
  return verdict.findings
    .filter((f) => f.action !== "allow")
    .map((f) => `[${f.rule}] ${f.message} Why: ${f.why} Instead: ${f.instead}`)
    .join(" ");
}

/** An outcome of the policy core, or a payload guard could not read. */
export type AgentOutcome = Outcome | { kind: "unreadable"; reason: string };

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The one-time-code instruction, shared by every refusal that carries a code. */
export function approvalInstruction(code: string, ttlMinutes: number): string {
  return `Ask the user to run \`guard approve ${code}\` in their own terminal, then run exactly the same command again (valid once, within ${ttlMinutes} minutes). Do not try another way to do the same thing.`;
}

/** What the model reads. `notices` are one-line trust notices from the policy core. */
export function agentText(verdict: Verdict | undefined, outcome: AgentOutcome, notices: string[] = []): string {
  // The findings' texts are read only for an answer that shows them (an allowed command's are not).
  const found = () => (verdict ? findingsText(verdict) : "");
  const extra = notices.join(" ");
  switch (outcome.kind) {
    case "run":
      return squash(`guard: allowed. ${extra}`);
    case "ask":
      return squash(`guard: this command needs the user's approval. ${found()} ${extra}`);
    case "deny":
      return squash(`guard blocked this command. ${found()} ${extra} ${NO_WORKAROUND}`);
    case "needs-approval":
      return squash(`guard: this command needs a human's approval and was not run. ${found()} ${extra} ${approvalInstruction(outcome.code, outcome.ttlMinutes)}`);
    case "refused":
      return squash(`guard refused this command: ${outcome.why}. ${found()} ${extra} ${NO_WORKAROUND}`);
    case "unreadable":
      return `guard refused this tool call: ${outcome.reason}. guard fails closed when it cannot read what would run. ${NO_WORKAROUND}`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/**
 * What the human sees in the agent's own approval UI: the decision, each rule with what it does and
 * why (a bare rule id gives them nothing to decide on), short enough for a dialog.
 */
export function userText(verdict: Verdict | undefined, outcome: AgentOutcome): string {
  // As in agentText, the texts are read only when the answer shows them.
  const rules = (): string => {
    const seen = new Set<string>();
    return (verdict ? verdict.findings.filter((f) => f.action !== "allow") : [])
      .filter((f) => !seen.has(f.rule) && seen.add(f.rule))
      .map((f) => `${f.rule}: ${f.message} Why: ${f.why}`)
      .join(" · ");
  };
  switch (outcome.kind) {
    case "run":
      return "guard: allowed";
    case "ask":
      return `guard asks: ${rules()}`;
    case "deny":
      return `guard blocked: ${rules()}`;
    case "needs-approval":
      return `guard needs approval (${rules()}): run guard approve ${outcome.code}`;
    case "refused":
      return `guard refused (${rules()}): ${outcome.why}`;
    case "unreadable":
      return `guard refused an unreadable hook payload: ${outcome.reason}`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
