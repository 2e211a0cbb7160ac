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
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check a command: one argument is a shell string, several are an argv")
    .argument("[command...]", "the command to check (- reads one command from stdin)")
    .option("--json", "print the verdict as JSON")
    .option("--cwd <dir>", "evaluate as if run in this directory")
    .option("--batch", "read JSON Lines from stdin, print one JSON verdict per line")
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
    });
}

// Re-exported: the other commands import it from here.
export { UsageError };
