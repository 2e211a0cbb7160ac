// `guard pre-push REMOTE [URL]`, run by guard's git hook: reads git's ref lines, decides through the policy core, records, and answers with the exit code.
import { recordDecision, recordWarning } from "../act/record";
import { settleWithoutPrompt, type Outcome } from "../act/outcome";
import { openPolicy } from "../engine/policy";
import type { Finding } from "../core/finding";
import { approvalInstruction } from "../report/agent";
import type { Env } from "./install-context";
import { gitAncestorTest, parsePushLines, prePushRefusals, pushCommandText, PRE_PUSH_RULES, PUSH_REFUSAL_TEXT, refusalMessage, type PushRefusal } from "./pre-push";

export interface PrePushRun {
  remote: string;
  input: string;
  cwd: string;
  env: Env;
}

export interface PrePushResult {
  exitCode: number;
  stderr: string;
}

/** A refused ref update as a finding, so the push is decided, recorded and explained like any command. */
function pushFinding(refusal: PushRefusal, command: string): Finding {
  return {
    rule: PRE_PUSH_RULES[refusal.kind], action: "deny", severity: "critical",
    message: `${refusal.kind === "delete" ? "Deletes" : "Force-pushes to"} the protected branch ${refusal.branch}: ${refusal.detail}.`,
    why: PUSH_REFUSAL_TEXT[refusal.kind].why,
    instead: PUSH_REFUSAL_TEXT[refusal.kind].instead,
    span: { start: 0, end: command.length }, via: [], certain: true, target: refusal.branch,
  };
}

function message(outcome: Outcome, refusals: PushRefusal[], remote: string, problems: string[]): string {
  const problemText = problems.length ? `guard: guard's configuration has errors, so pushes need a human's approval: ${problems.join("; ")}\n` : "";
  switch (outcome.kind) {
    case "run":
      return outcome.unenforced ? `guard (audit mode, not enforced): ${refusalMessage(refusals, remote).replace(/^guard: /, "")}` : "";
    case "deny":
      return refusalMessage(refusals, remote);
    case "needs-approval":
      return `${problemText}guard: push to ${remote} refused until a human approves it. ${approvalInstruction(outcome.code, outcome.ttlMinutes)}\n`;
    case "ask":
    case "refused":
      return `${problemText}guard: push to ${remote} refused: ${outcome.kind === "refused" ? outcome.why : "it needs a human's approval"}.\n`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/** Exit 1 refuses the push (git prints our stderr); anything guard cannot read refuses it too. */
export function runPrePush(run: PrePushRun): PrePushResult {
  const { updates, errors } = parsePushLines(run.input);
  if (errors.length > 0) return { exitCode: 1, stderr: `guard: push refused: ${errors.join("; ")}\n` };
  if (updates.length === 0) return { exitCode: 0, stderr: "" };
  const policy = openPolicy({ cwd: run.cwd, env: run.env, agent: "git" });
  const refusals = prePushRefusals(updates, { protectedBranches: policy.settings.protectedBranches, isAncestor: gitAncestorTest({ cwd: run.cwd, env: run.env }) });
  const command = pushCommandText(run.remote, updates);
  const decision = policy.decideFindings(command, refusals.map((r) => pushFinding(r, command)));
  const outcome = settleWithoutPrompt(decision, "code", run.env as NodeJS.ProcessEnv);
  const logged = recordDecision(decision, outcome, { entry: "hook", source: { agent: "git", hook: "pre-push", remote: run.remote } }, policy.settings, run.env);
  const stderr = recordWarning(logged) + message(outcome, refusals, run.remote, policy.configProblems.map((p) => `${p.file}: ${p.message}`));
  return { exitCode: outcome.kind === "run" ? 0 : 1, stderr };
}
