// What `guard check` does once its arguments are parsed: shared by the commander command and the start-up fast path.
import { recordDecision, recordWarning } from "../act/record";
import { checkInput } from "./command-text";
import { UsageError } from "./usage-error";
import { formatRuleFileError } from "../rules/load";
import { openPolicy } from "../engine/policy";
import { exitCodeFor } from "./exit-codes";
import { verdictJson } from "../report/json";

export interface CheckFlags {
  json?: boolean;
  cwd?: string;
  batch?: boolean;
  source?: string;
}

/** Checks one command (or a batch on stdin), writes the audit record and the verdict, and sets the exit code. */
export async function runCheck(args: string[], flags: CheckFlags): Promise<void> {
  if (flags.batch) {
    if (args.length) throw new UsageError("--batch reads commands from stdin; give no command arguments");
    const { runBatch } = await import("./batch");
    process.exitCode = await runBatch(process.stdin, process.stdout, { cwd: flags.cwd });
    return;
  }
  if (args.length === 0) throw new UsageError("give a command to check, e.g. guard check 'rm -rf /'");
  const policy = openPolicy({ cwd: flags.cwd });
  const decision = policy.check(checkInput(args));
  const { verdict } = decision;
  const rules = { errors: policy.rules.errors };
  const source = flags.source ? { integration: flags.source, ...(process.env.GUARD_AGENT ? { agent: process.env.GUARD_AGENT } : {}) } : undefined;
  process.stderr.write(recordWarning(recordDecision(decision, undefined, { entry: "check", ...(source ? { source } : {}) }, policy.settings)));
  if (flags.json) process.stdout.write(`${JSON.stringify(verdictJson(verdict))}\n`);
  else {
    const { renderVerdict } = await import("../report/human");
    for (const e of rules.errors) process.stderr.write(`guard: ${formatRuleFileError(e)}\n`);
    // One line per project file whose loosening is ignored until a human trusts it.
    for (const n of decision.trustNotices) process.stderr.write(`guard: ${n.message}\n`);
    process.stdout.write(renderVerdict(verdict));
  }
  process.exitCode = exitCodeFor(verdict.decision);
}
