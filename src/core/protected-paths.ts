// guard's protected paths as an agent's file tools (Write, Edit) reach them: resolved for this environment, hook files only while they hold guard's mark.
//
// The list itself is guard-paths.ts, shared with the command side (shell-protected-paths.ts). Writing
// any of these could switch guard off, forge an approval, erase the audit log, or remove guard's hook,
// so guard denies it whoever the writer is.
import { closeSync, openSync, readSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { procLinkPath, realWritePath } from "./real-path";
import { GUARD_DIRS, HOOK_FILES, SHELL_RC_FILES, SYSTEM_GUARD_DIR, type Env, type HookBase } from "./guard-paths";
import { LAUNCHER_NAMES, runningCopyPaths } from "./running-copy";
import { userBinDirs } from "./shadowed-programs";


/** What a protected path is, for the refusal message. */
export type ProtectedKind = "guard-config" | "guard-state" | "guard-cache" | "guard-audit" | "agent-hooks" | "shell-startup" | "guard-program" | "agent-settings";

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
  /** Also protects the files named after it (`audit.jsonl.lock`, `.head`, rotated `.1`, `.2`, …). */
  family?: boolean;
  /**
   * An agent's settings file: without guard's mark it is still one the agent reads hooks, `disableAllHooks`
   * or the hook's environment from, so a write asks (kind `agent-settings`) instead of passing.
   */
  settings?: boolean;
}

/** guard's own marks in files it installs into: the hook wrapper, `guard hook`, the startup block. */
const GUARD_MARK = /guard-hook|guard['"]? hook |# >>> guard >>>|GuardPlugin|bin\/guard/;

export function homeOf(env: Env): string {
  // node:os only when HOME is unset or empty: loading it costs a check about a millisecond.
  return env.HOME || (require("node:os") as typeof import("node:os")).homedir();
}

/** An XDG base directory: the variable when it is absolute (the spec says to ignore relative ones), else the default under home. */
function xdg(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value && isAbsolute(value) ? value : join(homeOf(env), fallback);
}

/** Every protected path for this environment. `projectRoot` adds the project-scope hook files of that repository. */
export function protectedPaths(env: Env = process.env, projectRoot?: string): ProtectedPath[] {
  const home = homeOf(env);
  const dirs = GUARD_DIRS.filter((d) => d.files).map((d) => ({ path: join(xdg(env, d.variable, d.fallback), "guard"), dir: true, kind: d.kind as ProtectedKind }));
  const out: ProtectedPath[] = [dirs[0], { path: SYSTEM_GUARD_DIR, dir: true, kind: "guard-config" }, ...dirs.slice(1)];
  // The default locations too: a later guard run without the XDG variables reads them.
  for (const d of GUARD_DIRS.filter((g) => g.files)) {
    const path = join(home, d.fallback, "guard");
    if (!out.some((p) => p.path === path)) out.push({ path, dir: true, kind: d.kind as ProtectedKind });
  }
  if (env.GUARD_CONFIG) out.push({ path: resolve(env.GUARD_CONFIG), dir: false, kind: "guard-config" });
  if (env.GUARD_SYSTEM_CONFIG) out.push({ path: resolve(env.GUARD_SYSTEM_CONFIG), dir: false, kind: "guard-config" });
  if (env.GUARD_AUDIT_LOG) {
    out.push({ path: resolve(env.GUARD_AUDIT_LOG), dir: false, kind: "guard-audit", family: true });
  }
  const bases: Record<HookBase, string> = { home, codex: env.CODEX_HOME || join(home, ".codex"), "xdg-config": xdg(env, "XDG_CONFIG_HOME", ".config") };
  const hookFiles = HOOK_FILES.filter((f) => f.scope === "user").map((f) => ({ path: join(bases[f.base ?? "home"], f.path), settings: f.settings === true }));
  if (projectRoot) hookFiles.push(...HOOK_FILES.filter((f) => f.scope === "project").map((f) => ({ path: join(projectRoot, f.path), settings: f.settings === true })));
  out.push(...hookFiles.map(({ path, settings }) => ({ path, dir: false, kind: "agent-hooks" as const, whileContains: GUARD_MARK, settings })));
  // guard's own program: this copy's launchers, bundle, code cache, rules and plugin, the node running it,
  // and the launchers in the user's bin directories. Writing any of them replaces what every hook runs.
  out.push(...runningCopyPaths().map((p) => ({ ...p, kind: "guard-program" as const })));
  for (const dir of userBinDirs(home)) out.push(...LAUNCHER_NAMES.map((name) => ({ path: join(dir, name), dir: false, kind: "guard-program" as const })));
  const zdotdir = env.ZDOTDIR && isAbsolute(env.ZDOTDIR) ? env.ZDOTDIR : home;
  for (const rc of SHELL_RC_FILES) out.push({ path: join(home, rc), dir: false, kind: "shell-startup", whileContains: GUARD_MARK });
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

/** Whether `target` is a file named after `base` beside it: `base.lock`, `base.head`, `base.3`. */
function inFamily(target: string, base: string): boolean {
  return target.startsWith(`${base}.`) && !target.slice(base.length + 1).includes("/");
}

/**
 * The protected path a write to `target` would change, if any. `target` is resolved against `cwd`
 * (and `~` against HOME). A directory that contains a protected path counts too: replacing or
 * removing `~/.config` removes guard's config.
 */
export function protectedWriteTarget(target: string, options: { cwd: string; env?: Env; projectRoot?: string }): ProtectedPath | undefined {
  const env = options.env ?? process.env;
  const home = homeOf(env);
  // `/proc/self/cwd/..` is read before `..` is resolved: the kernel follows the link first.
  const written = target === "~" || target.startsWith("~/") ? join(home, target.slice(1)) : resolve(options.cwd, procLinkPath(target, options.cwd));
  // The path as written, with /proc's root and cwd links read, and where it lands once symbolic links are followed
  // (a project link to ~/.claude, a link to guard's config): a write through any of them changes the same file.
  const real = realWritePath(written, options.cwd);
  const paths = [...new Set([written, procLinkPath(written, options.cwd), ...(real === undefined ? [] : [real])])];
  const list = protectedPaths(env, options.projectRoot);
  for (const full of paths) {
    for (const p of list) {
      if (!within(full, p.path) && !(within(p.path, full) && full !== "/") && !(p.family && inFamily(full, p.path))) continue;
      if (p.whileContains && !p.whileContains.test(head(p.path))) {
        if (p.settings) return { ...p, kind: "agent-settings" };
        continue;
      }
      return p;
    }
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
  "agent-settings": "an agent's settings file, which can switch its hooks off or set the environment guard's hook runs in",
  "guard-program": "guard's own program (its launcher, bundle, code cache, rules or the node that runs it)",
};
