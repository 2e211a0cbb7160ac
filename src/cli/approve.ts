// `guard approve CODE`: a human, at their own terminal, lets one refused command run once.
import type { Command } from "commander";
import type { AuditInput } from "../act/audit";
import { recordAudit } from "../act/record";
import { rulesFor } from "./session";
import { approvalTtlMs, markApproved, pendingRequest, type ApprovalRecord } from "../act/approvals";
import { confirmOnTerminal, promptTimeoutMs } from "../act/confirm";
import { pinCheck } from "../act/pin";
import { openTerminal } from "../act/tty";
import { UsageError } from "./check";
import { EXIT } from "./exit-codes";

export function registerApprove(program: Command): void {
  program
    .command("approve")
    .description("approve, at your own terminal, a command guard refused with a one-time code")
    .argument("<code>", "the code from guard's message")
    .action(async (code: string) => {
      // Only a terminal can approve: an approval must never be created by a script or an agent's pipe.
      const terminal = openTerminal();
      if (!terminal || !process.stdin.isTTY) throw new UsageError("guard approve is interactive: run it yourself in a terminal");
      const request = pendingRequest(code);
      if (!request) {
        terminal.close();
        process.stderr.write(`guard: no pending request with code ${code} (it may have expired, been approved already, or been mistyped)\n`);
        process.exitCode = EXIT.testFailure;
        return;
      }
      const minutes = Math.round(approvalTtlMs() / 60_000);
      const body = [
        "guard: approve this command?",
        "",
        `  command:   ${request.command}`,
        `  directory: ${request.cwd}`,
        `  requested: ${request.requestedAt}`,
        "",
        `If you approve, exactly this command may run once, from this directory, within ${minutes} minutes.`,
        "",
      ].join("\n");
      const pin = pinCheck();
      const result = await confirmOnTerminal(terminal, { body, expected: "approve", pin, timeoutMs: promptTimeoutMs() });
      if (!result.approved) {
        // A refusal is a decision too: who asked for what, and why it was not approved.
        auditDecision(request, { decision: "deny", note: `not approved: ${result.reason}` });
        process.stderr.write(`guard: not approved (${result.reason})\n`);
        process.exitCode = EXIT.testFailure;
        return;
      }
      // With the system key, the approval is signed with the key the PIN just unlocked.
      const approved = markApproved(code, { sign: pin?.signer() });
      if (!approved) {
        process.stderr.write("guard: the request expired or was approved elsewhere meanwhile\n");
        process.exitCode = EXIT.testFailure;
        return;
      }
      auditDecision(request, { decision: "ask", approval: { how: "code", at: approved.approvedAt!, code: approved.code } });
      process.stdout.write(`Approved: the command may run once until ${approved.expiresAt}.\n`);
    });
}

/** Through recordAudit, so approvals reach the mirror and the system log like every other record. */
function auditDecision(request: ApprovalRecord, extra: Pick<AuditInput, "decision" | "approval" | "note">): void {
  const logged = recordAudit({ entry: "approve", cwd: request.cwd, command: request.command, rules: request.rules ?? [], ...extra }, rulesFor(request.cwd).settings);
  if (!logged.ok) process.stderr.write(`guard: warning: could not write the audit log: ${logged.errors.join("; ")}\n`);
}
