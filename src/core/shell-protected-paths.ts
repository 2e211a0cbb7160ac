// The shell side of self-protection, pure (no file reads, so evaluation stays I/O-free): guard's files, hook settings and rc files by path. The list is guard-paths.ts; the file-tool side is protected-paths.ts.
import { posix } from "node:path";
import { GUARD_DIRS, HOOK_FILES, hookSuffix, SHELL_RC_FILES, SYSTEM_GUARD_DIR } from "./guard-paths";
import { runningCopyPaths } from "./running-copy";
import { patternMayMatch, segmentsOf, type PathTemplate } from "./glob-paths";

/** Where guard's paths are: home and the XDG variables, as the process guarding the agent sees them. */
export interface ProtectedBase {
  home: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export type ProtectedKind =
  /** guard's config, rules, state (audit log, approvals, PIN, trust), cache; a project's `.guard.yaml` and `.guard/`. */
  | "guard-files"
  /** An agent's hook settings, guard's git pre-push hook, the zsh/bash startup code guard installs. */
  | "hook-files"
  /** A login or interactive shell's rc file, where guard installs BASH_ENV; appending to it is asked, not denied. */
  | "shell-rc";

/** The variables guardDirs reads, in order. */
const DIR_VARIABLES = [...GUARD_DIRS.map((d) => d.variable), "GUARD_CONFIG"];

/** The last answer of guardDirs and what it was computed from: every path a command writes asks again. */
let lastDirs: { home: string; values: (string | undefined)[]; dirs: string[] } | undefined;

/** guard's own directories under home: the defaults, and the XDG locations when they are set elsewhere. */
function guardDirs(base: ProtectedBase): string[] {
  const env = base.env ?? {};
  const values = DIR_VARIABLES.map((v) => env[v]);
  if (lastDirs && lastDirs.home === base.home && lastDirs.values.every((v, i) => v === values[i])) return lastDirs.dirs;
  const dirs = computeGuardDirs(base.home, env);
  lastDirs = { home: base.home, values, dirs };
  return dirs;
}

function computeGuardDirs(home: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const abs = (v: string | undefined) => (v && v.startsWith("/") ? posix.resolve(v) : undefined);
  const dirs = [...GUARD_DIRS.map((d) => `${home}/${d.fallback}/guard`), SYSTEM_GUARD_DIR];
  for (const d of GUARD_DIRS) {
    const root = abs(env[d.variable]);
    if (root) dirs.push(`${root}/guard`);
  }
  const own = abs(env.GUARD_CONFIG);
  if (own) dirs.push(own);
  return dirs;
}

/** Hook settings files, matched as path suffixes anywhere (user scope under home, project scope in any repository). */
const HOOK_SUFFIXES = [...new Set([...HOOK_FILES.map(hookSuffix), "/.zshenv"])];

/**
 * guard's own program, wherever it is installed: a guard launcher in any bin directory (`/usr/local/bin/guard`,
 * `~/.local/bin/guard-shell`, `node_modules/.bin/guard`), the installed package (`node_modules/agent-guard`), and this
 * running copy's launchers, bundle, code cache, rules and plugin, and the node that runs it (the hooks call them by
 * absolute path). Replacing, emptying, re-linking or chmod -x on any of them makes every hook run something else.
 */
function isGuardProgram(path: string): boolean {
  if (/\/\.?bin\/guard(?:-shell|-prefix)?$/.test(path) || /\/node_modules\/agent-guard(?:\/|$)/.test(path)) return true;
  return RUNNING_COPY.some((p) => (p.dir ? within(path, p.path) : path === p.path));
}

/** This copy's parts (see running-copy.ts). */
const RUNNING_COPY = runningCopyPaths();

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** What protects an absolute, normalised path, if anything. */
export function protectedKind(path: string, base: ProtectedBase): ProtectedKind | undefined {
  if (guardDirs(base).some((d) => within(path, d)) || isGuardProgram(path)) return "guard-files";
  const segments = path.split("/");
  // A project's `.guard.yaml` and `.guard/` (its rules and bash_env.sh) anywhere.
  if (segments.includes(".guard") && !path.endsWith("/.guard/bash_env.sh")) return "guard-files";
  if (segments.at(-1) === ".guard.yaml") return "guard-files";
  const zdotdir = base.env?.ZDOTDIR;
  if (HOOK_SUFFIXES.some((s) => path.endsWith(s)) || (zdotdir && path === posix.join(zdotdir, ".zshenv"))) return "hook-files";
  if (SHELL_RC_FILES.some((name) => path === `${base.home}/${name}`)) return "shell-rc";
  return undefined;
}

/**
 * Whether deleting or moving `path` as a whole takes a protected path with it (`rm -rf ~/.config`,
 * `mv ~/.claude /tmp`). Home and `/` are not considered here: deleting those is denied anyway.
 */
export function containsProtected(path: string, base: ProtectedBase): boolean {
  if (path === "/" || path === base.home) return false;
  return protectedRoots(base).some((r) => within(r, path));
}

/** The last list of protected roots and what it was built from. */
let lastRoots: { dirs: string[]; home: string; roots: readonly string[] } | undefined;

/** guard's directories, home's hook and rc files, this copy's parts: rebuilt only when home or guard's directories change. */
function protectedRoots(base: ProtectedBase): readonly string[] {
  const dirs = guardDirs(base);
  if (lastRoots && lastRoots.dirs === dirs && lastRoots.home === base.home) return lastRoots.roots;
  const roots = [...dirs, ...HOOK_SUFFIXES.filter((s) => !s.startsWith("/.git/") && !s.startsWith("/.guard/")).map((s) => base.home + s),
    ...SHELL_RC_FILES.map((n) => `${base.home}/${n}`), ...RUNNING_COPY.map((p) => p.path)];
  lastRoots = { dirs, home: base.home, roots };
  return roots;
}

type Template = { template: PathTemplate; kind: ProtectedKind; root?: true };

/** The last list of templates and what it was built from (guardDirs keeps its answer while its inputs stay). */
let lastTemplates: { dirs: string[]; home: string; zdotdir: string | undefined; list: readonly Template[] } | undefined;

/** Every protected path as templates, for patterns (see patternProtectedKind); `root`: counts for patternContainsProtected. */
function templates(base: ProtectedBase): readonly Template[] {
  const dirs = guardDirs(base);
  const zdotdir = base.env?.ZDOTDIR;
  // Every pattern a command writes asks: the list is rebuilt only when home, ZDOTDIR or guard's directories change.
  if (lastTemplates && lastTemplates.dirs === dirs && lastTemplates.home === base.home && lastTemplates.zdotdir === zdotdir) return lastTemplates.list;
  const list = buildTemplates(dirs, base.home, zdotdir);
  lastTemplates = { dirs, home: base.home, zdotdir, list };
  return list;
}

function buildTemplates(dirs: string[], homeDir: string, zdotdir: string | undefined): Template[] {
  const home = segmentsOf(homeDir);
  return [
    ...dirs.map((d) => ({ template: [...segmentsOf(d), "**"], kind: "guard-files" as const, root: true as const })),
    ...[["**", "bin", "guard"], ["**", ".bin", "guard"], ["**", "node_modules", "agent-guard", "**"], ["**", ".guard", "**"], ["**", ".guard.yaml"]]
      .map((template) => ({ template, kind: "guard-files" as const })),
    ...RUNNING_COPY.map((p) => ({ template: p.dir ? [...segmentsOf(p.path), "**"] : segmentsOf(p.path), kind: "guard-files" as const, root: true as const })),
    ...HOOK_SUFFIXES.map((s) => ({ template: ["**", ...segmentsOf(s)], kind: "hook-files" as const })),
    // Home's own hook files (the dot directories under it; opencode's lives under XDG_CONFIG_HOME, matched as a suffix).
    ...HOOK_SUFFIXES.filter((s) => s.startsWith("/.") && !s.startsWith("/.git/") && !s.startsWith("/.guard/")).map((s) => ({ template: [...home, ...segmentsOf(s)], kind: "hook-files" as const, root: true as const })),
    ...(zdotdir ? [{ template: [...segmentsOf(zdotdir), ".zshenv"], kind: "hook-files" as const }] : []),
    ...SHELL_RC_FILES.map((n) => ({ template: [...home, n], kind: "shell-rc" as const, root: true as const })),
  ];
}

/**
 * What a pathname pattern (`~/.cla[u]de/settings.json`, `~/.config/g*\/config.yaml`, a path under `cd ~/.conf*`) may
 * write, if it can name a protected path: bash expands it when the command runs, possibly to a file that does not exist
 * yet, so the pattern is matched against the list itself. The strictest kind wins (guard's files, then hooks, then rc files).
 * `aimed` (the default for a glob written in a command): a broad wildcard (`build/*`) that merely covers a protected
 * name found anywhere does not count; guard's other rules judge broad globs. Patterns guard builds for "any name" pass false.
 */
export function patternProtectedKind(pattern: string, base: ProtectedBase, rootedOnly = false, aimed = true): ProtectedKind | undefined {
  let found: ProtectedKind | undefined;
  for (const t of templates(base)) {
    // Rooted only: guard's directories, this copy and home's hook and rc files, not the names matched anywhere (`**\/bin/guard`).
    if (rootedOnly && !t.root) continue;
    if (!patternMayMatch(pattern, t.template, false, aimed)) continue;
    if (t.kind !== "shell-rc") return t.kind;
    found = t.kind;
  }
  return found;
}

/** Whether a pattern can name a directory that holds a protected path (`rm -rf ~/.c*`, `mv ~/.cl*de /tmp`). */
export function patternContainsProtected(pattern: string, base: ProtectedBase, aimed = true): boolean {
  return templates(base).some((t) => t.root && patternMayMatch(pattern, t.template, true, aimed));
}
