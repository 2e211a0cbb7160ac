// The shared flow of `guard exec` and `guard shell`: check through the policy core, settle the outcome, then refuse or run, and audit either way.
import type { AuditEntry } from "../act/audit";
import { recordDecision, recordWarning } from "../act/record";
import { settle, type Outcome } from "../act/outcome";
import { commandEnvironment } from "../act/environment";
import { withheldNotice } from "../act/isolation";
import { openPolicy, type Decision, type Policy } from "../engine/policy";

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

function source(request: ActRequest): Record<string, string> {
  return { agent: process.env.GUARD_AGENT || request.entry, ...(process.env.GUARD_SESSION ? { session: process.env.GUARD_SESSION } : {}) };
}

function audit(policy: Policy, decision: Decision, outcome: Outcome, request: ActRequest, extra: { exitCode?: number; durationMs?: number } = {}): void {
  // The log is a record, not a gate: a denied command still does not run, an allowed one still runs.
  process.stderr.write(recordWarning(recordDecision(decision, outcome, { entry: request.entry, source: source(request), ...extra }, policy.settings)));
}

/** Returns the exit code guard should exit with. */
export async function act(request: ActRequest): Promise<number> {
  const policy = openPolicy({ cwd: request.cwd, agent: process.env.GUARD_AGENT || request.entry });
  const decision = policy.check(request.text);
  // Colours and prompts load only when a human needs to see something (start-up cost on every command).
  const human = decision.action === "allow" ? undefined : await import("../report/human");
  const outcome = await settle(decision, { channel: "terminal", promptBody: (v) => human!.renderPromptBody(v, process.stderr) });
  if (outcome.kind !== "run") {
    process.stderr.write(human!.renderRefusal(decision.verdict, outcome, EXIT_REFUSED));
    audit(policy, decision, outcome, request);
    return EXIT_REFUSED;
  }
  const started = Date.now();
  const prepared = commandEnvironment({
    env: process.env, invocations: decision.verdict.invocations, settings: policy.settings, production: decision.production, entry: request.entry,
    argv: request.argvForm ? [request.file, ...request.args] : undefined,
  });
  const notice = withheldNotice(prepared.decisions, policy.settings.isolation);
  if (notice) process.stderr.write(notice);
  const [file, ...args] = prepared.argv ?? [request.file, ...request.args];
  // Loaded here, not at start-up: node:child_process alone costs milliseconds on every check.
  const { runChild } = await import("../act/run");
  const exitCode = await runChild(file, args, { cwd: request.cwd, input: request.input, env: prepared.env });
  audit(policy, decision, outcome, request, { exitCode, durationMs: Date.now() - started });
  return exitCode;
}
