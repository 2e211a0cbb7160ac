// `guard approve CODE`: a human, at their own terminal, lets one refused command run once.
import type { Command } from "commander";
import { recordAudit, recordWarning } from "../act/record";
import { openPolicy } from "../engine/policy";
import { approvalTtlMs, markApproved, pendingRequest } from "../act/approvals";
import { confirmOnTerminal, promptTimeoutMs, refusalReason } from "../act/confirm";
import { pinIsSet, verifyPin } from "../act/pin";
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
      const body = approvalBody(request);
      const result = await confirmOnTerminal(terminal, {
        body,
        expected: "approve",
        action: "approve it (nothing runs now)",
        pin: pinIsSet() ? { verify: (pin) => verifyPin(pin) } : undefined,
        timeoutMs: promptTimeoutMs(),
      });
      if (!result.approved) {
        process.stderr.write(`✖ Not approved (${refusalReason(result.reason, "approve", promptTimeoutMs())}): nothing changed.\n`);
        process.exitCode = EXIT.testFailure;
        return;
      }
      const approved = markApproved(code);
      if (!approved) {
        process.stderr.write("guard: the request expired or was approved elsewhere meanwhile\n");
        process.exitCode = EXIT.testFailure;
        return;
      }
      // Through the one audit writer, so approvals reach the mirror and the system log too; the rules are re-checked here.
      let settings;
      let rules: string[] = [];
      try {
        const policy = openPolicy({ cwd: request.cwd });
        settings = policy.settings;
        rules = policy.check(request.command).findings.map((f) => f.rule);
      } catch {
        settings = undefined; // a directory that is gone: the local log still gets the record
      }
      process.stderr.write(recordWarning(recordAudit({
        entry: "approve", cwd: request.cwd, command: request.command, decision: "ask", rules,
        approval: { how: "code", at: approved.approvedAt!, code: approved.code },
      }, settings)));
      process.stdout.write(`✔ Approved. Nothing ran yet: the command runs when it is run again, exactly as shown, from ${request.cwd}, once, before ${localTime(approved.expiresAt)}.\n`);
    });
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
