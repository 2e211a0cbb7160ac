// `guard check`: evaluate one command (or a JSON Lines batch) and report the decision.
import { Option, type Command } from "commander";
import type { CheckFlags } from "./check-command";

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
    .action(async (args: string[], flags: CheckFlags) => (await import("./check-command")).runCheck(args, flags));
}
