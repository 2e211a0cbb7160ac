// The things guard can be installed into, and which scopes each supports.

export const AGENT_TARGETS = ["claude-code", "cursor", "gemini-cli", "codex", "copilot-cli", "windsurf"] as const;
export const TARGETS = [...AGENT_TARGETS, "opencode", "bash", "zsh", "git"] as const;

export type AgentTarget = (typeof AGENT_TARGETS)[number];
export type Target = (typeof TARGETS)[number];
export type Scope = "user" | "project";

export function isTarget(name: string): name is Target {
  return (TARGETS as readonly string[]).includes(name);
}

export function isAgentTarget(name: string): name is AgentTarget {
  return (AGENT_TARGETS as readonly string[]).includes(name);
}

/** git hooks live in a repository; everything else defaults to the whole account. */
export function defaultScope(target: Target): Scope {
  return target === "git" ? "project" : "user";
}

/** git has no per-user pre-push hook guard could own; zsh has no per-project startup file. */
export function supportedScopes(target: Target): Scope[] {
  if (target === "git") return ["project"];
  if (target === "zsh") return ["user"];
  return ["user", "project"];
}

/** Why a target has no such scope, for the error message. */
export function unsupportedScopeReason(target: Target, scope: Scope): string {
  if (target === "git") return "git hooks belong to a repository: run `guard install git` inside it (project scope)";
  if (target === "zsh") return "zsh has no per-project startup file; install it for your user (`guard install zsh`)";
  return `${target} does not support --${scope}`;
}
