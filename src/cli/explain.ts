// `guard explain`: how guard read a command, each command found and how the decision was reached.
import type { Command } from "commander";
import { checkInput } from "./command-text";
import { openPolicy } from "../engine/policy";
import { CliError } from "./errors";

export function registerExplain(program: Command): void {
  program
    .command("explain")
    .description("show how a command is parsed, which commands would run and which rules match")
    .argument("[command...]", "the command to explain")
    .option("--cwd <dir>", "evaluate as if run in this directory")
    .passThroughOptions()
    .action(async (args: string[], flags: { cwd?: string }) => {
      if (args.length === 0) throw new CliError("give a command to explain");
      const { verdict, trustNotices } = openPolicy({ cwd: flags.cwd }).check(checkInput(args));
      const { renderExplanation } = await import("../report/human");
      process.stdout.write(renderExplanation(verdict));
      for (const n of trustNotices) process.stdout.write(`Note: ${n.message}\n`);
    });
}
