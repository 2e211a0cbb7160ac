// The shared flow of `guard exec` and `guard shell`: check, gate, then refuse or run, and audit either way.
import type { AuditEntry } from "../act/audit";
import { recordAudit } from "../act/record";
import type { Settings } from "../config/settings";
import { approvalTtlMs } from "../act/approvals";
import { gate, type Approval } from "../act/gate";

import type { Verdict } from "../engine/evaluate";

import { check } from "./session";
import { commandEnvironment } from "../act/environment";
import { withheldNotice } from "../act/isolation";
import { isProduction } from "../engine/production";
import { takeSnapshotIfNeeded, trashPromptNote } from "../undo/take";

/** Exit code when guard refuses to run a command (deny, or an ask nobody approved). EX_NOPERM. */
export const EXIT_REFUSED = 77;

export interface ActRequest {
  entry: AuditEntry;
  /** The exact text that was checked: it is what runs. */
  text: string;
  /** How to run it once allowed: file and argv. */
  file: string;
  args: string[];
  cwd: string;
  input?: string;
  /** The command is an argv run directly (guard exec a b c): read-only flags can be inserted. */
  argvForm?: boolean;
}

function audit(request: ActRequest, verdict: Verdict, settings: Settings, extra: { approval?: Approval; exitCode?: number; durationMs?: number; note?: string }): void {
  const result = recordAudit({
    entry: request.entry,
    source: { agent: process.env.GUARD_AGENT || request.entry, ...(process.env.GUARD_SESSION ? { session: process.env.GUARD_SESSION } : {}) },
    cwd: request.cwd,
    command: request.text,
    decision: verdict.decision,
    rules: verdict.findings.map((f) => f.rule),
    ...extra,
  }, settings);
  // The log is a record, not a gate: a denied command still does not run, an allowed one still runs.
  if (!result.ok) process.stderr.write(`guard: warning: could not write the audit log: ${result.errors.join("; ")}\n`);
}

/** Returns the exit code guard should exit with. */
export async function act(request: ActRequest): Promise<number> {
  const { verdict, rules, ctx } = check(request.text, { cwd: request.cwd, agent: process.env.GUARD_AGENT || request.entry });
  // Audit mode (user config): record what would have been refused, and run it anyway.
  // Colours and prompts load only when a human needs to see something (start-up cost on every command).
  const human = verdict.decision === "allow" ? undefined : await import("../report/human");
  const undo = { command: request.text, cwd: request.cwd, home: ctx.home, agent: process.env.GUARD_AGENT || request.entry, settings: rules.settings.undo, asked: verdict.decision === "ask" };
  // Before a human approves: whether guard can keep a copy of what this deletes outside a repository.
  const undoNote = verdict.decision === "ask" ? await trashPromptNote(verdict.invocations, undo) : undefined;
  const outcome = rules.settings.mode === "audit"
    ? { run: true as const }
    : await gate(verdict, { cwd: request.cwd, promptBody: (v) => human!.renderPromptBody(v, process.stderr) + (undoNote ?? "") });
  if (!outcome.run) {
    const refusal = outcome.reason === "needs-approval"
      ? { reason: outcome.reason, code: outcome.code, ttlMinutes: Math.round(approvalTtlMs() / 60_000) }
      : outcome;
    process.stderr.write(human!.renderRefusal(verdict, refusal, EXIT_REFUSED));
    audit(request, verdict, rules.settings, outcome.reason === "not-approved" ? { note: `not approved: ${outcome.why}` } : {});
    return EXIT_REFUSED;
  }
  for (const note of await takeSnapshotIfNeeded(verdict.invocations, undo)) process.stderr.write(`${note}\n`);
  const started = Date.now();
  const production = ctx.production === true || verdict.invocations.some((inv) => isProduction(inv, ctx));
  const prepared = commandEnvironment({
    env: process.env, invocations: verdict.invocations, settings: rules.settings, production, entry: request.entry,
    argv: request.argvForm ? [request.file, ...request.args] : undefined,
  });
  const notice = withheldNotice(prepared.decisions, rules.settings.isolation);
  if (notice) process.stderr.write(notice);
  const [file, ...args] = prepared.argv ?? [request.file, ...request.args];
  // Loaded here, not at start-up: node:child_process alone costs milliseconds on every check.
  const { runChild } = await import("../act/run");
  const exitCode = await runChild(file, args, { cwd: request.cwd, input: request.input, env: prepared.env });
  audit(request, verdict, rules.settings, { approval: "approval" in outcome ? outcome.approval : undefined, exitCode, durationMs: Date.now() - started, ...(rules.settings.mode === "audit" && verdict.decision !== "allow" ? { note: "audit mode: not enforced" } : {}) });
  return exitCode;
}
