// The one error a command throws to end with a message and an exit code, and how main turns any error into one.
import { EXIT, type ExitCode } from "./exit-codes";

/** A command cannot go on: guard prints the message and exits with the code (a usage mistake unless told otherwise). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.usage) {
    super(message);
  }
}

export function reportError(err: unknown): void {
  if (err instanceof CliError) {
    process.stderr.write(`guard: ${err.message}\n`);
    process.exitCode = err.exitCode;
    return;
  }
  process.stderr.write(`guard: internal error: ${(err as Error)?.stack ?? err}\n`);
  process.exitCode = EXIT.internal;
}
