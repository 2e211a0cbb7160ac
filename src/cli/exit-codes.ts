// Every exit code guard's commands use, in one table: documented in docs/cli.md (a test keeps the two in step), stable for scripts and hooks.
import type { Action } from "../core/action";

export const EXIT = {
  /** allowed; a command that did what was asked. */
  allow: 0,
  /** A command that could not do what was asked: a failed rule example, a refused approval, a log that does not verify, an install that needs a person. */
  failure: 1,
  /** `guard hook`: block the tool call (the one failure every hooked agent treats as a block). */
  hookBlock: 2,
  /** check: the command needs a person's approval. */
  ask: 10,
  /** check: the command is blocked. */
  deny: 20,
  /** A usage mistake: an unknown option, a bad value, a missing argument. */
  usage: 64,
  /** guard itself failed (a bug): never an allow. */
  internal: 70,
  /** `guard exec` and `guard shell`: refused to run the command. */
  refused: 77,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(decision: Action): number {
  switch (decision) {
    case "allow":
      return EXIT.allow;
    case "ask":
      return EXIT.ask;
    case "deny":
      return EXIT.deny;
    default: {
      const unreachable: never = decision;
      return unreachable;
    }
  }
}
