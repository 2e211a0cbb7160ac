// Each agent's hook config: which file, which event, the exact entry guard adds (formats from agent-hooks.md), merged into what is there.
import { join } from "node:path";
import type { InstallContext } from "./install-context";
import { InstallError } from "./errors";
import type { FileEdit } from "./file-edit";
import { hookCommand, isGuardHookCommand } from "./hook-command";
import { deepEqual, formatJson, isJsonObject, parseJsonObject, type JsonObject } from "./json-config";
import { insertMember, member, parseTree, removeMember, type JsonMember, type JsonNode } from "./json-text";
import type { AgentIntegration, Scope } from "./integrations";

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

export const AGENT_HOOKS: Record<AgentIntegration, AgentHookSpec> = {
  "claude-code": {
    file: (scope, c) => (scope === "user" ? join(c.home, ".claude", "settings.json") : join(c.repoRoot, ".claude", "settings.json")),
    skeleton: {},
    event: "PreToolUse",
    // Bash, and Claude Code's own file tools: writes to guard's files are denied, credential reads ask.
    matcher: "Bash|Write|Edit|MultiEdit|NotebookEdit|Read",
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
    matcher: "run_shell_command|write_file|replace|read_file|read_many_files",
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
export function findGuardEntries(root: JsonObject, agent: AgentIntegration, guardBin: string, path: string): FoundEntry[] {
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

/** The entry guard adds under the event: grouped under the agent's matcher where the agent groups hooks. */
function newItem(spec: AgentHookSpec, command: string): JsonObject {
  const entry = spec.entry(command);
  return spec.matcher !== undefined ? { matcher: spec.matcher, hooks: [entry] } : entry;
}

function valueAt(text: string, node: JsonNode): unknown {
  return JSON.parse(text.slice(node.start, node.end));
}

/**
 * Removes guard's entries from the text one at a time (re-reading after each), so every other byte stays
 * as it was. A group, the event's list and `hooks` go too when guard's entry was all they held.
 */
function removeGuardEntries(text: string, agent: AgentIntegration, guardBin: string): string {
  const spec = AGENT_HOOKS[agent];
  const isGuard = (e: unknown) => isJsonObject(e) && isGuardHookCommand(e[spec.commandKey], agent, guardBin);
  for (;;) {
    const root = parseTree(text);
    const hooks = member(root, "hooks");
    const event = hooks && member(hooks.value, spec.event);
    if (!hooks || !event || event.value.kind !== "array") return text;
    const list = event.value;
    let removed: string | undefined;
    for (let i = 0; i < list.members.length && removed === undefined; i++) {
      const item = list.members[i].value;
      const value = valueAt(text, item);
      let wholeItem = isGuard(value);
      if (!wholeItem && spec.matcher !== undefined && isJsonObject(value) && Array.isArray(value.hooks)) {
        const inner = member(item, "hooks")!.value;
        const at = (value.hooks as unknown[]).findIndex(isGuard);
        if (at < 0) continue;
        if (value.hooks.length > 1) removed = removeMember(text, inner, at);
        else wholeItem = true;
      }
      if (!wholeItem) continue;
      if (list.members.length > 1) removed = removeMember(text, list, i);
      else if (hooks.value.kind === "object" && hooks.value.members.length > 1) removed = removeMember(text, hooks.value, hooks.value.members.indexOf(event));
      else removed = removeMember(text, root, (root as { members: JsonMember[] }).members.indexOf(hooks));
    }
    if (removed === undefined) return text;
    text = removed;
  }
}

/** Adds guard's entry where the agent looks for it, creating `hooks` and the event's list as needed. */
function addEntry(text: string, spec: AgentHookSpec, command: string): string {
  let root = parseTree(text);
  // Keys a new file would start with (cursor's and copilot's `version`) come first when missing.
  for (const [key, value] of Object.entries(spec.skeleton).reverse()) {
    if (member(root, key)) continue;
    text = insertMember(text, root, { key, value }, "start");
    root = parseTree(text);
  }
  const item = newItem(spec, command);
  const hooks = member(root, "hooks");
  if (!hooks) return insertMember(text, root, { key: "hooks", value: { [spec.event]: [item] } });
  const event = member(hooks.value, spec.event);
  if (!event) return insertMember(text, hooks.value, { key: spec.event, value: [item] });
  return insertMember(text, event.value, { value: item });
}

/** The file edit for one agent and scope. */
export function agentHookEdit(agent: AgentIntegration, scope: Scope, context: InstallContext): FileEdit {
  const spec = AGENT_HOOKS[agent];
  const path = spec.file(scope, context);
  const command = hookCommand(context, agent, scope);
  return {
    path,
    what: `guard's ${spec.event} hook`,
    mode: scope === "user" ? 0o600 : 0o644,
    backup: true,
    install(current) {
      if (current === undefined || current.trim() === "") return formatJson({ ...spec.skeleton, hooks: { [spec.event]: [newItem(spec, command)] } }, current);
      const root = parseJsonObject(current, path);
      const found = findGuardEntries(root, agent, context.guardBin, path);
      const exact = found.length === 1 && deepEqual(found[0].entry, spec.entry(command))
        && (spec.matcher === undefined || found[0].matcher === spec.matcher);
      if (exact) return current;
      // A stale entry (another checkout, an older format) is replaced, not duplicated.
      return addEntry(removeGuardEntries(current, agent, context.guardBin), spec, command);
    },
    uninstall(current, options) {
      parseJsonObject(current, path);
      const out = removeGuardEntries(current, agent, context.guardBin);
      const root = parseJsonObject(out, path);
      const leftover = Object.keys(root).filter((k) => !(k in spec.skeleton && deepEqual(root[k], spec.skeleton[k])));
      return options.createdByGuard && leftover.length === 0 ? undefined : out;
    },
    // A file that does not parse is an error for uninstall too: guard cannot tell whether its entry is in it.
    isInstalled: (current) => findGuardEntries(parseJsonObject(current, path), agent, context.guardBin, path).length > 0,
  };
}
