// The full command line: builds the commander tree and runs any command; loaded only when the fast path does not apply.
import { CommanderError } from "commander";
import { buildProgram } from "./program";
import { EXIT } from "./exit-codes";

export async function runFullCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    // Anything else (a usage error, guard unable to decide, a crash) is main's to map to an exit code.
    throw err;
  }
}
