// `guard explain`: how guard read a command, each command found and how the decision was reached.
// Commander wiring only: explain-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerExplain(program: Command): void {
  program
    .command("explain")
    .description("show how a command is parsed, which commands would run and which rules match")
    .argument("[command...]", "the command to explain")
    .option("--cwd <dir>", "evaluate as if run in this directory")
    .passThroughOptions()
    .action(async (args: string[], flags: { cwd?: string }) => (await import("./explain-command")).explain(args, flags));
}
