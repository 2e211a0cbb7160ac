// guard's command line: commander wiring and the one place errors become exit codes.
import { Command, CommanderError } from "commander";
import { registerCheck, UsageError } from "./check";
import { registerExplain } from "./explain";
import { registerTest } from "./test";
import { EXIT } from "./exit-codes";

declare const __GUARD_VERSION__: string | undefined;

export async function main(argv: string[]): Promise<void> {
  const program = new Command("guard")
    .description("A shell-command guard for AI coding agents.")
    .version(typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev")
    .enablePositionalOptions()
    .exitOverride();
  registerCheck(program);
  registerExplain(program);
  registerTest(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`guard: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`guard: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = EXIT.internal;
  }
}

main(process.argv).catch((err) => {
  process.stderr.write(`guard: internal error: ${err}\n`);
  process.exitCode = EXIT.internal;
});
