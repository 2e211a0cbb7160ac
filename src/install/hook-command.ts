// The command an agent hook runs: guard wrapped so that it blocks in the agent's own blocking form when guard cannot run, and how guard recognises its entries.
import { quote } from "shell-quote";
import type { InstallContext } from "./install-context";
import type { Scope } from "./integrations";

/**
 * Agents whose hook failures never block (Copilot CLI ignores a failing hook): the wrapper prints
 * that agent's deny answer instead of exiting 2.
 */
const DENY_ON_STDOUT: Record<string, string> = {
  "copilot-cli": JSON.stringify({ permissionDecision: "deny", permissionDecisionReason: "guard could not run, so this tool call is blocked. Ask the user to run guard doctor." }),
};

/**
 * The POSIX sh wrapper around `guard hook AGENT`. Agents run a hook whose command fails (exit 1, 64,
 * 127…) as if there were no hook, so a missing node, a removed dist/, a crash or a bad argument
 * would let every command through. The wrapper keeps guard's answer when guard exits 0 (or 2, its
 * own block) and otherwise blocks in the agent's blocking form: exit 2 with a reason on stderr, or,
 * for agents that ignore failing hooks, their deny answer on stdout.
 */
function wrapperScript(agent: string): string {
  // No single quotes in the script: it is passed to sh -c inside single quotes.
  const deny = DENY_ON_STDOUT[agent];
  const block = deny !== undefined ? `printf "%s\\n" "${deny.replace(/"/g, '\\"')}"; exit 0` : "exit 2";
  return [
    'o=$("$@"); s=$?',
    'if [ "$s" -eq 0 ]; then [ -z "$o" ] || printf "%s\\n" "$o"; exit 0; fi',
    ...(DENY_ON_STDOUT[agent] === undefined ? ['if [ "$s" -eq 2 ]; then [ -z "$o" ] || printf "%s\\n" "$o"; exit 2; fi'] : []),
    'echo "guard: the hook could not run guard (exit $s), so this tool call is blocked. Run guard doctor." >&2',
    block,
  ].join("; ");
}

/**
 * The interpreters every installed command starts, by absolute path: an agent can write an executable
 * `sh`, `env` or `node` into a directory that comes first on PATH (`~/.local/bin`), and a hook that looked
 * its shell up on PATH would run that instead and answer nothing (= allow).
 */
export const SYSTEM_SH = "/bin/sh";
export const SYSTEM_ENV = "/usr/bin/env";

/**
 * The variables removed from the environment guard's hook runs in. An agent's settings can set an `env`
 * block for the processes it starts (Claude Code's `env`, Gemini's `.env`): NODE_OPTIONS would make node
 * load the agent's code (`--require`) before guard.
 */
export const SCRUBBED_VARIABLES = ["NODE_OPTIONS"];

/**
 * User scope runs this machine's node and bin/guard by absolute path (no dependence on PATH); project
 * scope, meant to be committed, runs `guard` from PATH and has no machine-specific path: on a machine
 * without guard it blocks instead of failing open. Both start sh and env by absolute path and clear
 * NODE_OPTIONS.
 */
export function hookCommand(context: Pick<InstallContext, "nodePath" | "guardBin">, agent: string, scope: Scope = "user"): string {
  const guard = scope === "user" ? [context.nodePath, context.guardBin] : ["guard"];
  const env = [SYSTEM_ENV, ...SCRUBBED_VARIABLES.flatMap((v) => ["-u", v])];
  return `${SYSTEM_SH} -c ${quote([wrapperScript(agent)])} guard-hook ${quote([...env, ...guard, "hook", agent])}`;
}

/**
 * Why an installed hook command depends on PATH or on NODE_OPTIONS, if it does (an entry written by an
 * older guard: `sh -c …` looked up on PATH): doctor tells the user to install again.
 */
export function hookCommandWeakness(command: string): string | undefined {
  const first = command.trimStart().split(/\s/)[0] ?? "";
  if (!first.startsWith("/")) return `it starts \`${first}\` found on PATH, which an agent can shadow with a file in ~/.local/bin`;
  if (!command.includes(`${SYSTEM_ENV} -u NODE_OPTIONS`)) return "it runs node with the agent's NODE_OPTIONS, which can load code before guard";
  return undefined;
}

/** The same launcher for the shell traps and the git hook: `<node> <bin/guard>`, quoted for sh (both absolute). */
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
  if (!new RegExp(`\\shook\\s+${escapeRegExp(agent)}(\\s|'|$)`).test(command)) return false;
  return command.includes(guardBin) || /guard['"]?\s+hook\s/.test(command);
}

/** Any entry that runs guard's hook, whatever agent name it gives (a typo is still guard's, and broken). */
export function looksLikeGuardHook(command: unknown): boolean {
  return typeof command === "string" && /(?:^|[\s/'"])guard['"]?\s+hook(?:\s|'|$)/.test(command);
}
