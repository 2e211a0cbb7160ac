// The one list of guard's own paths that an agent must not write: guard's directories, the agents' hook settings and the shell startup files guard installs into.
//
// Two views read it: protected-paths.ts for an agent's file tools (resolves each path, reads the file
// for guard's mark) and shell-protected-paths.ts for commands (pure: matches paths by suffix, reads
// nothing). Where the views differ, the row says so and why.

export type Env = Readonly<Record<string, string | undefined>>;

/** guard's directories: `<XDG variable or fallback under home>/guard`. */
export const GUARD_DIRS: readonly { variable: string; fallback: string; kind: "guard-config" | "guard-state" | "guard-cache" | "guard-data"; files: boolean }[] = [
  { variable: "XDG_CONFIG_HOME", fallback: ".config", kind: "guard-config", files: true },
  { variable: "XDG_STATE_HOME", fallback: ".local/state", kind: "guard-state", files: true },
  { variable: "XDG_CACHE_HOME", fallback: ".cache", kind: "guard-cache", files: true },
  // The trash of `guard undo`. Checked on the shell side; the file tools' view does not list it yet.
  { variable: "XDG_DATA_HOME", fallback: ".local/share", kind: "guard-data", files: false },
];

/** The system policy and key. */
export const SYSTEM_GUARD_DIR = "/etc/guard";

/** Where a user-scope hook file lives: under home, under CODEX_HOME (default ~/.codex), or under XDG_CONFIG_HOME (default ~/.config). */
export type HookBase = "home" | "codex" | "xdg-config";

/**
 * Agents' hook settings that hold guard's hook, and the agents' other settings files. `user`: relative to
 * its base; `project`: relative to a repository's root. The command side matches each by path; the
 * file-tool side reads the file for guard's mark. `settings` rows are read by the agent for more than hooks: they can switch
 * every hook off (`disableAllHooks`), replace them, or set the environment the hook runs in (`env`,
 * Gemini's `.env`: NODE_OPTIONS, GUARD_CONFIG, XDG_CONFIG_HOME), so a write to one asks even when guard's
 * entry is not in it (agent-hooks.md lists each agent's scopes).
 */
export const HOOK_FILES: readonly { scope: "user" | "project"; base?: HookBase; path: string; settings?: true }[] = [
  ...[".claude/settings.json", ".claude/settings.local.json", ".cursor/hooks.json", ".gemini/settings.json"].flatMap((path) => [
    { scope: "user" as const, base: "home" as const, path, settings: true as const },
    { scope: "project" as const, path, settings: true as const },
  ]),
  // Settings that never hold guard's hook but can switch it off or set the hook's environment.
  ...[".gemini/.env", ".cursor/cli-config.json"].map((path) => ({ scope: "user" as const, base: "home" as const, path, settings: true as const })),
  ...[".gemini/.env", ".cursor/cli.json", ".codex/config.toml", "opencode.json", ".opencode/opencode.json"].map((path) => ({ scope: "project" as const, path, settings: true as const })),
  { scope: "user", base: "home", path: ".copilot/config.json", settings: true },
  { scope: "user", base: "xdg-config", path: "opencode/opencode.json", settings: true },
  { scope: "user", base: "codex", path: "hooks.json", settings: true },
  // Matched by path on the command side too: it can switch Codex's hooks off, whatever else it holds.
  { scope: "user", base: "codex", path: "config.toml", settings: true },
  { scope: "project", path: ".codex/hooks.json", settings: true },
  { scope: "user", base: "home", path: ".copilot/hooks/guard.json" },
  { scope: "project", path: ".github/hooks/guard.json" },
  { scope: "user", base: "home", path: ".codeium/windsurf/hooks.json", settings: true },
  { scope: "project", path: ".windsurf/hooks.json", settings: true },
  { scope: "user", base: "xdg-config", path: "opencode/plugins/guard.js" },
  { scope: "project", path: ".opencode/plugins/guard.js" },
  { scope: "project", path: ".git/hooks/pre-push" },
  { scope: "project", path: ".guard/bash_env.sh" },
];

/** The rc files guard's bash integration writes its BASH_ENV block into (under home); zsh's is ZDOTDIR's .zshenv. */
export const SHELL_RC_FILES: readonly string[] = [".profile", ".bashrc", ".bash_profile", ".bash_login"];

/** A hook file's path as a suffix that matches it wherever its base is (the shell view knows no CODEX_HOME). */
export function hookSuffix(file: (typeof HOOK_FILES)[number]): string {
  return `/${file.base === "codex" ? ".codex/" : ""}${file.path}`;
}
