// The error a command throws for a usage mistake: main prints its message and exits 64.
import { EXIT } from "./exit-codes";

export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}
