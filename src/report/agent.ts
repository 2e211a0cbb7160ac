// Plain-text messages for agents and the humans watching them (hook answers): no colour, no terminal needed.
import type { Verdict } from "../engine/evaluate";

const NO_WORKAROUND = "Do not try another way to do the same thing: stop and ask the user.";

function findingsText(verdict: Verdict): string {
  return verdict.findings
    .filter((f) => f.action !== "allow")
    .map((f) => `[${f.rule}] ${f.message} Why: ${f.why} Instead: ${f.instead}`)
    .join(" ");
}

export type AgentOutcome =
  | { kind: "allow" }
  | { kind: "ask" }
  | { kind: "deny" }
  | { kind: "needs-approval"; code: string; ttlMinutes: number }
  | { kind: "unreadable"; reason: string };

/** What the model reads. */
export function agentText(verdict: Verdict | undefined, outcome: AgentOutcome): string {
  switch (outcome.kind) {
    case "allow":
      return "guard: allowed.";
    case "ask":
      return `guard: this command needs the user's approval. ${verdict ? findingsText(verdict) : ""}`.trim();
    case "deny":
      return `guard blocked this command. ${verdict ? findingsText(verdict) : ""} ${NO_WORKAROUND}`.replace(/\s+/g, " ").trim();
    case "needs-approval":
      return `guard: this command needs a human's approval and was not run. ${verdict ? findingsText(verdict) : ""} Ask the user to run \`guard approve ${outcome.code}\` in their own terminal, then run exactly the same command again (valid once, within ${outcome.ttlMinutes} minutes). Do not try another way to do the same thing.`.replace(/\s+/g, " ").trim();
    case "unreadable":
      return `guard refused this tool call: ${outcome.reason}. guard fails closed when it cannot read what would run. ${NO_WORKAROUND}`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/** What the human sees: the decision and the rule ids. */
export function userText(verdict: Verdict | undefined, outcome: AgentOutcome): string {
  const rules = verdict ? [...new Set(verdict.findings.filter((f) => f.action !== "allow").map((f) => f.rule))].join(", ") : "";
  switch (outcome.kind) {
    case "allow":
      return "guard: allowed";
    case "ask":
      return `guard asks: ${rules}`;
    case "deny":
      return `guard blocked: ${rules}`;
    case "needs-approval":
      return `guard needs approval (${rules}): run guard approve ${outcome.code}`;
    case "unreadable":
      return `guard refused an unreadable hook payload: ${outcome.reason}`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
