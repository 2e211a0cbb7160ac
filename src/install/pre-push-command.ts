// `guard pre-push REMOTE [URL]`, run by guard's git hook: reads git's ref lines, decides, logs, and answers with the exit code.
import { appendAudit, auditLogPath } from "../act/audit";
import { activeRules } from "../rules/active";
import type { Env } from "./context";
import { gitAncestorTest, parsePushLines, prePushRefusals, pushCommandText, PRE_PUSH_RULES, refusalMessage } from "./pre-push";

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

/** Exit 1 refuses the push (git prints our stderr); anything guard cannot read refuses it too. */
export function runPrePush(run: PrePushRun): PrePushResult {
  const { updates, errors } = parsePushLines(run.input);
  if (errors.length > 0) return { exitCode: 1, stderr: `guard: push refused: ${errors.join("; ")}\n` };
  if (updates.length === 0) return { exitCode: 0, stderr: "" };
  const { settings } = activeRules(run.cwd, run.env as NodeJS.ProcessEnv);
  const refusals = prePushRefusals(updates, { protectedBranches: settings.protectedBranches, isAncestor: gitAncestorTest({ cwd: run.cwd, env: run.env }) });
  // `mode: audit` (shadow rollout): decide and log, but let the push through, as the agent hooks do.
  const auditOnly = settings.mode === "audit" && refusals.length > 0;
  const logged = appendAudit({
    entry: "hook", cwd: run.cwd, command: pushCommandText(run.remote, updates),
    decision: refusals.length > 0 ? "deny" : "allow",
    rules: [...new Set(refusals.map((r) => PRE_PUSH_RULES[r.kind]))],
    source: { agent: "git", hook: "pre-push", remote: run.remote },
    ...(auditOnly ? { note: "audit mode: not enforced" } : {}),
  }, { path: auditLogPath(run.env as NodeJS.ProcessEnv) });
  const warning = logged.ok ? "" : `guard: warning: could not write the audit log: ${logged.error}\n`;
  if (refusals.length === 0) return { exitCode: 0, stderr: warning };
  if (auditOnly) return { exitCode: 0, stderr: `${warning}guard (audit mode, not enforced): ${refusalMessage(refusals, run.remote).replace(/^guard: /, "")}` };
  return { exitCode: 1, stderr: warning + refusalMessage(refusals, run.remote) };
}
