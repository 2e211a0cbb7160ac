// What `guard check` does once its arguments are parsed: shared by the commander command and the start-up fast path.
import { recordDecision, recordWarning } from "../act/record";
import { checkInput } from "./command-text";
import { CliError } from "./errors";
import { formatRuleFileError } from "../rules/load";
import { openPolicy } from "../engine/policy";
import { exitCodeFor } from "./exit-codes";
import { verdictJson } from "../report/json";
import { endQuietlyOnClosedPipe, isTerminal, writeOut } from "./output";

export interface CheckFlags {
  json?: boolean;
  cwd?: string;
  batch?: boolean;
  source?: string;
  snapshot?: boolean;
}

/** Checks one command (or a batch on stdin), writes the audit record and the verdict, and sets the exit code. */
export async function runCheck(args: string[], flags: CheckFlags): Promise<void> {
  if (flags.batch) {
    if (args.length) throw new CliError("--batch reads commands from stdin; give no command arguments");
    endQuietlyOnClosedPipe();
    const { runBatch } = await import("./batch");
    process.exitCode = await runBatch(process.stdin, process.stdout, { cwd: flags.cwd });
    return;
  }
  if (args.length === 0) throw new CliError("give a command to check, e.g. guard check 'rm -rf /'");
  const policy = openPolicy({ cwd: flags.cwd });
  const decision = policy.check(checkInput(args));
  const { verdict } = decision;
  // The bash and zsh traps (--source) run the command next when it is allowed: its snapshot comes first,
  // before guard exits. Its git processes run while the audit record and the verdict are written.
  let snapshotNotes: Promise<string[]> | undefined;
  if ((flags.snapshot || flags.source) && decision.action === "allow") {
    const { takeSnapshotIfNeeded } = await import("../undo/take");
    const undo = { command: decision.command, cwd: decision.cwd, home: policy.context.home, agent: process.env.GUARD_AGENT || flags.source || "shell", settings: policy.settings.undo, asked: false };
    snapshotNotes = takeSnapshotIfNeeded(verdict.invocations, undo);
    // One turn of the event loop: the snapshot reaches its first git process before the record is written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rules = { errors: policy.rules.errors };
  const source = flags.source ? { integration: flags.source, ...(process.env.GUARD_AGENT ? { agent: process.env.GUARD_AGENT } : {}) } : undefined;
  writeOut(2, recordWarning(recordDecision(decision, undefined, { entry: "check", ...(source ? { source } : {}) }, policy.settings)));
  const notices = decision.trustNotices.map((n) => n.message);
  if (flags.json) writeOut(1, `${JSON.stringify({ ...verdictJson(verdict), ...(notices.length ? { notices } : {}) })}\n`);
  else {
    const { renderVerdict } = await import("../report/human");
    for (const e of rules.errors) writeOut(2, `guard: ${formatRuleFileError(e)}\n`);
    // One line per project file whose loosening is ignored until a human trusts it.
    for (const n of notices) writeOut(2, `guard: ${n}\n`);
    // The stream only for a terminal (colour, width): on a pipe, setting up process.stdout costs more than the check.
    writeOut(1, renderVerdict(verdict, isTerminal(1) ? process.stdout : ({ isTTY: false } as NodeJS.WriteStream)));
  }
  process.exitCode = exitCodeFor(verdict.decision);
  for (const note of (await snapshotNotes) ?? []) writeOut(2, `${note}\n`);
}
