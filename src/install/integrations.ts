// The integrations guard can be installed into (agents, shells, git), and which scopes each supports.

export const AGENT_INTEGRATIONS = ["claude-code", "cursor", "gemini-cli", "codex", "copilot-cli", "windsurf"] as const;
export const INTEGRATIONS = [...AGENT_INTEGRATIONS, "opencode", "bash", "zsh", "git"] as const;

export type AgentIntegration = (typeof AGENT_INTEGRATIONS)[number];
export type Integration = (typeof INTEGRATIONS)[number];
export type Scope = "user" | "project";

export function isIntegration(name: string): name is Integration {
  return (INTEGRATIONS as readonly string[]).includes(name);
}

export function isAgentIntegration(name: string): name is AgentIntegration {
  return (AGENT_INTEGRATIONS as readonly string[]).includes(name);
}

/** git hooks live in a repository; everything else defaults to the whole account. */
export function defaultScope(integration: Integration): Scope {
  return integration === "git" ? "project" : "user";
}

/** git has no per-user pre-push hook guard could own; zsh has no per-project startup file. */
export function supportedScopes(integration: Integration): Scope[] {
  if (integration === "git") return ["project"];
  if (integration === "zsh") return ["user"];
  return ["user", "project"];
}

/** Why an integration has no such scope, for the error message. */
export function unsupportedScopeReason(integration: Integration, scope: Scope): string {
  if (integration === "git") return "git hooks belong to a repository: run `guard install git` inside it (project scope)";
  if (integration === "zsh") return "zsh has no per-project startup file; install it for your user (`guard install zsh`)";
  return `${integration} does not support --${scope}`;
}
