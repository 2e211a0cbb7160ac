// The command an agent hook runs (`<node> <bin/guard> hook <agent>`), and how guard recognises its own entries among others.
import { quote } from "shell-quote";
import type { InstallContext } from "./context";

/** Absolute paths, so the hook works without guard (or the right node) on the agent's PATH. */
export function hookCommand(context: Pick<InstallContext, "nodePath" | "guardBin">, agent: string): string {
  return quote([context.nodePath, context.guardBin, "hook", agent]);
}

/** The same launcher for the shell traps and the git hook: `<node> <bin/guard>`, quoted for sh. */
export function guardInvocation(context: Pick<InstallContext, "nodePath" | "guardBin">): string {
  return quote([context.nodePath, context.guardBin]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * guard's entry: ` hook <agent>` as a whole word, run by this checkout's bin/guard or by anything
 * called `guard` (an older checkout, a global install), so a stale path is found and replaced.
 */
export function isGuardHookCommand(command: unknown, agent: string, guardBin: string): boolean {
  if (typeof command !== "string") return false;
  if (!new RegExp(`\\shook\\s+${escapeRegExp(agent)}(\\s|$)`).test(command)) return false;
  return command.includes(guardBin) || /guard['"]?\s+hook\s/.test(command);
}
