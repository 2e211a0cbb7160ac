// Exit codes of guard's commands: documented in the README, stable for scripts and hooks.
import type { Action } from "../core/action";

export const EXIT = {
  allow: 0,
  /** `guard test`: an example failed. */
  testFailure: 1,
  ask: 10,
  deny: 20,
  usage: 64,
  /** `guard exec` and `guard shell`: refused to run the command. */
  refused: 77,
  internal: 70,
} as const;

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
