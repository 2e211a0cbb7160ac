// Each agent's hook config: which file, which event, the exact entry guard adds (formats from agent-hooks.md), merged into what is there.
import { join } from "node:path";
import type { InstallContext } from "./context";
import { InstallError } from "./errors";
import type { FileEdit } from "./file-edit";
import { hookCommand, isGuardHookCommand } from "./hook-command";
import { deepEqual, formatJson, isJsonObject, parseJsonObject, type JsonObject } from "./json-config";
import type { AgentTarget, Scope } from "./targets";

/** Hooks have seconds to answer; a timeout lets the command run in most agents, so give guard plenty. */
const TIMEOUT_SECONDS = 30;

export interface AgentHookSpec {
  file(scope: Scope, context: InstallContext): string;
  /** Top-level keys a file guard creates starts with (and an existing file gets when it lacks them). */
  skeleton: JsonObject;
  /** The key under `hooks`. */
  event: string;
  /** Agents that group hooks under `{matcher, hooks: [...]}`. */
  matcher?: string;
  entry(command: string): JsonObject;
  /** The entry's key that holds the command. */
  commandKey: string;
}

export const AGENT_HOOKS: Record<AgentTarget, AgentHookSpec> = {
  "claude-code": {
    file: (scope, c) => (scope === "user" ? join(c.home, ".claude", "settings.json") : join(c.repoRoot, ".claude", "settings.json")),
    skeleton: {},
    event: "PreToolUse",
    matcher: "Bash",
    entry: (command) => ({ type: "command", command, timeout: TIMEOUT_SECONDS }),
    commandKey: "command",
  },
  cursor: {
    file: (scope, c) => (scope === "user" ? join(c.home, ".cursor", "hooks.json") : join(c.repoRoot, ".cursor", "hooks.json")),
    skeleton: { version: 1 },
    event: "beforeShellExecution",
    // failClosed: a crashed or slow hook blocks the command instead of letting it through.
    entry: (command) => ({ command, timeout: TIMEOUT_SECONDS, failClosed: true }),
    commandKey: "command",
  },
  "gemini-cli": {
    file: (scope, c) => (scope === "user" ? join(c.home, ".gemini", "settings.json") : join(c.repoRoot, ".gemini", "settings.json")),
    skeleton: {},
    event: "BeforeTool",
    matcher: "run_shell_command",
    // Gemini's timeout is in milliseconds.
    entry: (command) => ({ name: "guard", type: "command", command, timeout: TIMEOUT_SECONDS * 1000 }),
    commandKey: "command",
  },
  codex: {
    file: (scope, c) => (scope === "user" ? join(c.env.CODEX_HOME || join(c.home, ".codex"), "hooks.json") : join(c.repoRoot, ".codex", "hooks.json")),
    skeleton: {},
    event: "PreToolUse",
    matcher: "Bash",
    entry: (command) => ({ type: "command", command, timeout: TIMEOUT_SECONDS }),
    commandKey: "command",
  },
  "copilot-cli": {
    // Copilot reads every *.json in its hooks directory: guard gets a file of its own.
    file: (scope, c) => (scope === "user" ? join(c.home, ".copilot", "hooks", "guard.json") : join(c.repoRoot, ".github", "hooks", "guard.json")),
    skeleton: { version: 1 },
    event: "preToolUse",
    entry: (command) => ({ type: "command", bash: command, timeoutSec: TIMEOUT_SECONDS }),
    commandKey: "bash",
  },
  windsurf: {
    file: (scope, c) => (scope === "user" ? join(c.home, ".codeium", "windsurf", "hooks.json") : join(c.repoRoot, ".windsurf", "hooks.json")),
    skeleton: {},
    event: "pre_run_command",
    entry: (command) => ({ command, show_output: true }),
    commandKey: "command",
  },
};

/** One of guard's entries found in a config, with the matcher of the group it is in. */
export interface FoundEntry {
  entry: JsonObject;
  command: string;
  matcher?: unknown;
}

function hooksObject(root: JsonObject, path: string): JsonObject | undefined {
  if (root.hooks === undefined) return undefined;
  if (!isJsonObject(root.hooks)) throw new InstallError(`${path}: "hooks" is not a JSON object; guard will not rewrite it. Fix the file, then run this again.`);
  return root.hooks;
}

function eventList(root: JsonObject, spec: AgentHookSpec, path: string): unknown[] | undefined {
  const hooks = hooksObject(root, path);
  if (!hooks || hooks[spec.event] === undefined) return undefined;
  const list = hooks[spec.event];
  if (!Array.isArray(list)) throw new InstallError(`${path}: "hooks.${spec.event}" is not a list; guard will not rewrite it. Fix the file, then run this again.`);
  return list;
}

/** guard's entries in a parsed config, wherever they are under the event (any group). */
export function findGuardEntries(root: JsonObject, agent: AgentTarget, guardBin: string, path: string): FoundEntry[] {
  const spec = AGENT_HOOKS[agent];
  const found: FoundEntry[] = [];
  const isGuard = (e: unknown): e is JsonObject => isJsonObject(e) && isGuardHookCommand(e[spec.commandKey], agent, guardBin);
  for (const item of eventList(root, spec, path) ?? []) {
    if (spec.matcher !== undefined && isJsonObject(item) && Array.isArray(item.hooks)) {
      for (const h of item.hooks) if (isGuard(h)) found.push({ entry: h, command: h[spec.commandKey] as string, matcher: item.matcher });
    } else if (isGuard(item)) {
      found.push({ entry: item, command: item[spec.commandKey] as string });
    }
  }
  return found;
}

/** Removes guard's entries; groups and lists that only held them go too. Returns whether anything was removed. */
function removeGuardEntries(root: JsonObject, agent: AgentTarget, guardBin: string, path: string): boolean {
  const spec = AGENT_HOOKS[agent];
  const list = eventList(root, spec, path);
  if (!list) return false;
  const isGuard = (e: unknown) => isJsonObject(e) && isGuardHookCommand(e[spec.commandKey], agent, guardBin);
  let removed = false;
  const kept: unknown[] = [];
  for (const item of list) {
    if (isGuard(item)) {
      removed = true;
      continue;
    }
    if (spec.matcher !== undefined && isJsonObject(item) && Array.isArray(item.hooks) && item.hooks.some(isGuard)) {
      removed = true;
      const rest = item.hooks.filter((h) => !isGuard(h));
      if (rest.length > 0) kept.push({ ...item, hooks: rest });
      continue;
    }
    kept.push(item);
  }
  if (!removed) return false;
  const hooks = root.hooks as JsonObject;
  if (kept.length > 0) hooks[spec.event] = kept;
  else delete hooks[spec.event];
  if (Object.keys(hooks).length === 0) delete root.hooks;
  return true;
}

function addEntry(root: JsonObject, spec: AgentHookSpec, command: string): JsonObject {
  // Keys a new file would start with (cursor's and copilot's `version`) come first when missing.
  const missing = Object.entries(spec.skeleton).filter(([k]) => root[k] === undefined);
  const out: JsonObject = { ...Object.fromEntries(missing), ...root };
  const hooks: JsonObject = isJsonObject(out.hooks) ? out.hooks : {};
  out.hooks = hooks;
  const list = Array.isArray(hooks[spec.event]) ? (hooks[spec.event] as unknown[]) : [];
  const entry = spec.entry(command);
  list.push(spec.matcher !== undefined ? { matcher: spec.matcher, hooks: [entry] } : entry);
  hooks[spec.event] = list;
  return out;
}

/** The file edit for one agent and scope. */
export function agentHookEdit(agent: AgentTarget, scope: Scope, context: InstallContext): FileEdit {
  const spec = AGENT_HOOKS[agent];
  const path = spec.file(scope, context);
  const command = hookCommand(context, agent);
  return {
    path,
    what: `guard's ${spec.event} hook`,
    mode: scope === "user" ? 0o600 : 0o644,
    backup: true,
    install(current) {
      const root = current === undefined ? { ...spec.skeleton } : parseJsonObject(current, path);
      const found = findGuardEntries(root, agent, context.guardBin, path);
      const exact = found.length === 1 && deepEqual(found[0].entry, spec.entry(command))
        && (spec.matcher === undefined || found[0].matcher === spec.matcher);
      if (exact && current !== undefined) return current;
      // A stale entry (another checkout, an older format) is replaced, not duplicated.
      removeGuardEntries(root, agent, context.guardBin, path);
      return formatJson(addEntry(root, spec, command), current);
    },
    uninstall(current, options) {
      const root = parseJsonObject(current, path);
      if (!removeGuardEntries(root, agent, context.guardBin, path)) return current;
      const leftover = Object.keys(root).filter((k) => !(k in spec.skeleton && deepEqual(root[k], spec.skeleton[k])));
      if (options.createdByGuard && leftover.length === 0) return undefined;
      return formatJson(root, current);
    },
    isInstalled(current) {
      try {
        return findGuardEntries(parseJsonObject(current, path), agent, context.guardBin, path).length > 0;
      } catch {
        return false;
      }
    },
  };
}
