// `guard check`: evaluate one command (or a JSON Lines batch) and report the decision.
import { Option, type Command } from "commander";
import { recordDecision, recordWarning } from "../act/record";
import { checkInput } from "./command-text";
import { UsageError } from "./usage-error";
import { formatRuleFileError } from "../rules/load";
import { openPolicy } from "../engine/policy";
import { exitCodeFor } from "./exit-codes";
import { verdictJson } from "../report/json";


interface CheckFlags {
  json?: boolean;
  cwd?: string;
  batch?: boolean;
  source?: string;
  snapshot?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check a command: one argument is a shell string, several are an argv")
    .argument("[command...]", "the command to check (- reads one command from stdin)")
    .option("--json", "print the verdict as JSON")
    .option("--cwd <dir>", "evaluate as if run in this directory")
    .option("--batch", "read JSON Lines from stdin, print one JSON verdict per line")
    .option("--snapshot", "the command runs next if allowed: take the undo snapshot it needs first (implied by --source)")
    // Set by the bash and zsh integrations so their checks are told apart from a person's in the log.
    .addOption(new Option("--source <integration>", "the integration that asks (bash, zsh)").hideHelp())
    .passThroughOptions()
    .action(async (args: string[], flags: CheckFlags) => {
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
      // The bash and zsh traps (--source) run the command next when it is allowed: its snapshot comes first.
      if ((flags.snapshot || flags.source) && decision.action === "allow") {
        const { takeSnapshotIfNeeded } = await import("../undo/take");
        const undo = { command: decision.command, cwd: decision.cwd, home: policy.context.home, agent: process.env.GUARD_AGENT || flags.source || "shell", settings: policy.settings.undo, asked: false };
        for (const note of await takeSnapshotIfNeeded(verdict.invocations, undo)) process.stderr.write(`${note}\n`);
      }
      const rules = { errors: policy.rules.errors };
      const source = flags.source ? { integration: flags.source, ...(process.env.GUARD_AGENT ? { agent: process.env.GUARD_AGENT } : {}) } : undefined;
      process.stderr.write(recordWarning(recordDecision(decision, undefined, { entry: "check", ...(source ? { source } : {}) }, policy.settings)));
      const notices = decision.trustNotices.map((n) => n.message);
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...verdictJson(verdict), ...(notices.length ? { notices } : {}) })}\n`);
      else {
        const { renderVerdict } = await import("../report/human");
        for (const e of rules.errors) process.stderr.write(`guard: ${formatRuleFileError(e)}\n`);
        for (const n of notices) process.stderr.write(`guard: ${n}\n`);
        process.stdout.write(renderVerdict(verdict));
      }
      process.exitCode = exitCodeFor(verdict.decision);
    });
}

// Re-exported: the other commands import it from here.
export { UsageError };
