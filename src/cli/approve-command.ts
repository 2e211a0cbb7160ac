// `guard approve CODE`: a human, at their own terminal, lets one refused command run once.
import { recordAudit, recordWarning } from "../act/record";
import { openPolicy } from "../engine/policy";
import { approvalTtlMs, markApproved, pendingRequest, type ApprovalRecord } from "../act/approvals";
import type { AuditInput } from "../act/audit";
import { confirmOnTerminal, promptTimeoutMs, refusalReason } from "../act/confirm";
import { pinCheck } from "../act/pin";
import { openTerminal } from "../act/tty";
import { CliError } from "./errors";
import { EXIT } from "./exit-codes";


/**
 * Through the one audit writer, so approvals reach the mirror and the system log too. The rules are
 * those recorded when guard asked, or re-checked here for a request from before they were recorded.
 */
function auditApproval(request: ApprovalRecord, extra: Pick<AuditInput, "decision" | "approval" | "note">): void {
  let settings;
  let rules: string[] = request.rules ?? [];
  try {
    const policy = openPolicy({ cwd: request.cwd });
    settings = policy.settings;
    if (!request.rules) rules = policy.check(request.command).findings.filter((f) => f.action !== "allow").map((f) => f.rule);
  } catch {
    settings = undefined; // a directory that is gone: the local log still gets the record
  }
  process.stderr.write(recordWarning(recordAudit({ entry: "approve", cwd: request.cwd, command: request.command, rules, ...extra }, settings)));
}

/** A time as the person at the terminal reads it: their local time, to the second. */
function localTime(iso: string | undefined): string {
  if (!iso) return "(unknown)";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** What the approver sees: the command, where, when, why guard asked (re-checked now), and what approving does. */
function approvalBody(request: { command: string; cwd: string; requestedAt: string }): string {
  const minutes = Math.round(approvalTtlMs() / 60_000);
  const lines = [
    "guard: approve this command?",
    "",
    `  command:   ${request.command}`,
    `  directory: ${request.cwd}`,
    `  asked at:  ${localTime(request.requestedAt)}`,
  ];
  try {
    const decision = openPolicy({ cwd: request.cwd }).check(request.command);
    for (const f of decision.findings.filter((x) => x.action !== "allow")) {
      lines.push("", `  ${f.action.toUpperCase()}  ${f.rule}`, `    what: ${f.message}`, `    why:  ${f.why}`);
    }
  } catch {
    // The request stands on its own; the findings are context, not a condition.
  }
  lines.push(
    "",
    "Approving runs nothing now. It lets exactly this command run once, when it is run again from this",
    `directory within ${minutes} minutes; any other command, directory or a second run is asked again.`,
    "",
  );
  return lines.join("\n");
}

export async function approve(code: string) {
  // Only a terminal can approve: an approval must never be created by a script or an agent's pipe.
  const terminal = openTerminal();
  if (!terminal || !process.stdin.isTTY) throw new CliError("guard approve is interactive: run it yourself in a terminal");
  const request = pendingRequest(code);
  if (!request) {
    terminal.close();
    process.stderr.write(`guard: no pending request with code ${code} (it may have expired, been approved already, or been mistyped)\n`);
    process.exitCode = EXIT.failure;
    return;
  }
  const body = approvalBody(request);
  const pin = pinCheck();
  const result = await confirmOnTerminal(terminal, {
    body,
    expected: "approve",
    action: "approve it (nothing runs now)",
    pin,
    timeoutMs: promptTimeoutMs(),
  });
  if (!result.approved) {
    // A refusal is a decision too: which rules asked, and why it was not approved.
    auditApproval(request, { decision: "deny", note: `not approved: ${result.reason}` });
    process.stderr.write(`✖ Not approved (${refusalReason(result.reason, "approve", promptTimeoutMs())}): nothing changed.\n`);
    process.exitCode = EXIT.failure;
    return;
  }
  // With the system key, the approval is signed with the key the PIN just unlocked.
  const approved = markApproved(code, { sign: pin?.signer() });
  if (!approved) {
    process.stderr.write("guard: the request expired or was approved elsewhere meanwhile\n");
    process.exitCode = EXIT.failure;
    return;
  }
  auditApproval(request, { decision: "ask", approval: { how: "code", at: approved.approvedAt!, code: approved.code } });
  process.stdout.write(`✔ Approved. Nothing ran yet: the command runs when it is run again, exactly as shown, from ${request.cwd}, once, before ${localTime(approved.expiresAt)}.\n`);
}
