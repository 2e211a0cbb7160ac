// The paths guard protects from the agent: its own config, state, cache, approvals and audit log, the agents' hook settings, and the shell startup files it installed into.
//
// Shared by every writer check: the hook side (an agent's Write/Edit tool calls) and the shell side
// (redirections, cp, tee… inside a command). Writing any of these could switch guard off, forge an
// approval, erase the audit log, or remove guard's hook, so guard denies it whoever the writer is.
import { closeSync, openSync, readSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** What a protected path is, for the refusal message. */
export type ProtectedKind = "guard-config" | "guard-state" | "guard-cache" | "guard-audit" | "agent-hooks" | "shell-startup";

export interface ProtectedPath {
  /** Absolute path. */
  path: string;
  /** A directory protects everything under it. */
  dir: boolean;
  kind: ProtectedKind;
  /**
   * Only protected while the file holds guard's part (its hook entry, its startup block): an agent
   * may edit its own unrelated settings or a startup file guard never touched.
   */
  whileContains?: RegExp;
}

/** guard's own marks in files it installs into: the hook wrapper, `guard hook`, the startup block. */
const GUARD_MARK = /guard-hook|guard['"]? hook |# >>> guard >>>|GuardPlugin|bin\/guard/;

function homeOf(env: Env): string {
  // node:os only when HOME is unset or empty: loading it costs a check about a millisecond.
  return env.HOME || (require("node:os") as typeof import("node:os")).homedir();
}

/** An XDG base directory: the variable when it is absolute (the spec says to ignore relative ones), else the default under home. */
function xdg(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value && isAbsolute(value) ? value : join(homeOf(env), fallback);
}

/** Every protected path for this environment. `cwd` adds the project-scope hook files of the repository at `root`. */
export function protectedPaths(env: Env = process.env, projectRoot?: string): ProtectedPath[] {
  const home = homeOf(env);
  const guardConfig = join(xdg(env, "XDG_CONFIG_HOME", ".config"), "guard");
  const out: ProtectedPath[] = [
    { path: guardConfig, dir: true, kind: "guard-config" },
    { path: "/etc/guard", dir: true, kind: "guard-config" },
    { path: join(xdg(env, "XDG_STATE_HOME", ".local/state"), "guard"), dir: true, kind: "guard-state" },
    { path: join(xdg(env, "XDG_CACHE_HOME", ".cache"), "guard"), dir: true, kind: "guard-cache" },
  ];
  // The default locations too: a later guard run without the XDG variables reads them.
  for (const [base, kind] of [[".config", "guard-config"], [".local/state", "guard-state"], [".cache", "guard-cache"]] as const) {
    const path = join(home, base, "guard");
    if (!out.some((p) => p.path === path)) out.push({ path, dir: true, kind });
  }
  if (env.GUARD_CONFIG) out.push({ path: resolve(env.GUARD_CONFIG), dir: false, kind: "guard-config" });
  if (env.GUARD_SYSTEM_CONFIG) out.push({ path: resolve(env.GUARD_SYSTEM_CONFIG), dir: false, kind: "guard-config" });
  if (env.GUARD_AUDIT_LOG) {
    out.push({ path: resolve(env.GUARD_AUDIT_LOG), dir: false, kind: "guard-audit" }, { path: `${resolve(env.GUARD_AUDIT_LOG)}.lock`, dir: false, kind: "guard-audit" });
  }
  const hookFiles = [
    join(home, ".claude", "settings.json"), join(home, ".claude", "settings.local.json"),
    join(home, ".cursor", "hooks.json"), join(home, ".gemini", "settings.json"),
    join(env.CODEX_HOME || join(home, ".codex"), "hooks.json"), join(env.CODEX_HOME || join(home, ".codex"), "config.toml"),
    join(home, ".copilot", "hooks", "guard.json"), join(home, ".codeium", "windsurf", "hooks.json"),
    join(xdg(env, "XDG_CONFIG_HOME", ".config"), "opencode", "plugins", "guard.js"),
  ];
  if (projectRoot) {
    hookFiles.push(...[".claude/settings.json", ".claude/settings.local.json", ".cursor/hooks.json", ".gemini/settings.json", ".codex/hooks.json",
      ".github/hooks/guard.json", ".windsurf/hooks.json", ".opencode/plugins/guard.js", ".git/hooks/pre-push", ".guard/bash_env.sh"].map((p) => join(projectRoot, p)));
  }
  out.push(...hookFiles.map((path) => ({ path, dir: false, kind: "agent-hooks" as const, whileContains: GUARD_MARK })));
  const zdotdir = env.ZDOTDIR && isAbsolute(env.ZDOTDIR) ? env.ZDOTDIR : home;
  for (const rc of [".profile", ".bashrc", ".bash_profile", ".bash_login"]) out.push({ path: join(home, rc), dir: false, kind: "shell-startup", whileContains: GUARD_MARK });
  out.push({ path: join(zdotdir, ".zshenv"), dir: false, kind: "shell-startup", whileContains: GUARD_MARK });
  return out;
}

/** The first 256 KiB of a file, or "" when it cannot be read: enough to find guard's mark. */
function head(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(256 * 1024);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether `target` (absolute, normalised) is `base` or inside it. */
function within(target: string, base: string): boolean {
  return target === base || target.startsWith(base.endsWith("/") ? base : `${base}/`);
}

/**
 * The protected path a write to `target` would change, if any. `target` is resolved against `cwd`
 * (and `~` against HOME). A directory that contains a protected path counts too: replacing or
 * removing `~/.config` removes guard's config.
 */
export function protectedWriteTarget(target: string, options: { cwd: string; env?: Env; projectRoot?: string }): ProtectedPath | undefined {
  const env = options.env ?? process.env;
  const home = homeOf(env);
  const full = target === "~" || target.startsWith("~/") ? join(home, target.slice(1)) : resolve(options.cwd, target);
  for (const p of protectedPaths(env, options.projectRoot)) {
    if (!within(full, p.path) && !(within(p.path, full) && full !== "/")) continue;
    if (p.whileContains && !p.whileContains.test(head(p.path))) continue;
    return p;
  }
  return undefined;
}

export const PROTECTED_KIND_TEXT: Record<ProtectedKind, string> = {
  "guard-config": "guard's configuration",
  "guard-state": "guard's state (approvals, PIN, audit log)",
  "guard-cache": "guard's rule cache",
  "guard-audit": "guard's audit log",
  "agent-hooks": "an agent's hook settings, which hold guard's hook",
  "shell-startup": "a shell startup file that holds guard's block",
};
