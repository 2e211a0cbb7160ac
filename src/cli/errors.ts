// How an error thrown by a command becomes guard's exit code: a usage mistake exits 64, anything else is an internal error (70).
import { UsageError } from "./usage-error";
import { EXIT } from "./exit-codes";

export function reportError(err: unknown): void {
  if (err instanceof UsageError) {
    process.stderr.write(`guard: ${err.message}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  process.stderr.write(`guard: internal error: ${(err as Error)?.stack ?? err}\n`);
  process.exitCode = EXIT.internal;
}
