// The one call each entry point makes before a command runs: snapshot what it may discard, or copy it to the trash.
import { readdirSync } from "node:fs";
import { pathExists, statKind } from "../core/path-kind";
import { dirname, join, relative, sep } from "node:path";
import type { Invocation } from "../shell/model";
import type { UndoSettings } from "../config/settings";
import { findRepoRoot } from "../core/repo";
import { globMatch } from "../core/glob";
import { discardPlan, emptyPlan, type DiscardPlan } from "./plan";
import type { SnapshotScope } from "./snapshot";

export interface UndoContext {
  command: string;
  cwd: string;
  home: string;
  agent: string;
  settings: UndoSettings;
  env?: Readonly<Record<string, string | undefined>>;
  /** A human approves this command (an ask): files outside any working tree are copied to the trash. */
  asked: boolean;
  /** Budget for all snapshots of one command. */
  timeoutMs?: number;
}

/** What one command needs kept: a snapshot per repository, and paths outside any working tree. */
export interface KeepPlan {
  repos: Map<string, SnapshotScope>;
  /** Repositories snapshotted only because directories in them are named (rm -rf dist): those, to skip ignored ones. */
  namedOnly: Map<string, string[]>;
  outside: string[];
  /** Outside a working tree, files guard cannot name (`rm $X` in /tmp): nothing can be copied. */
  unnamed: boolean;
}

const MAX_REPOS = 4;


/** Only a glob in the last path component is expanded: enough for `rm *.log`, and one readdir at most. */
function expandGlob(pattern: string): string[] | undefined {
  const dir = dirname(pattern);
  if (/[*?[\]{}]/.test(dir)) return undefined;
  try {
    const base = pattern.slice(dir.length + 1);
    return readdirSync(dir).filter((name) => globMatch(name, base)).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
}

function scopeFor(plan: Map<string, SnapshotScope>, root: string): SnapshotScope {
  let scope = plan.get(root);
  if (!scope) plan.set(root, (scope = { worktree: false, head: false, branches: [], stash: false }));
  return scope;
}

/** Groups what the plan discards by the repository it lives in; the rest is outside any working tree. */
export function keepPlan(plan: DiscardPlan): KeepPlan {
  const keep: KeepPlan = { repos: new Map(), namedOnly: new Map(), outside: [], unnamed: false };
  const needsAll = new Set<string>();
  for (const effect of plan.git) {
    if (effect.ifExists && !pathExists(effect.ifExists)) continue;
    const root = findRepoRoot(effect.dir);
    if (!root) continue;
    needsAll.add(root);
    const scope = scopeFor(keep.repos, root);
    scope.worktree ||= effect.worktree;
    scope.head ||= effect.head;
    scope.stash ||= effect.stash;
    if (effect.branches === "all" || scope.branches === "all") scope.branches = "all";
    else scope.branches.push(...effect.branches);
  }
  for (const target of plan.files) {
    if (!pathExists(target.path)) continue; // nothing there yet: nothing to lose
    const root = findRepoRoot(dirname(target.path));
    // A whole repository, or its .git, takes its snapshots with it: those go to the trash instead.
    const takesRepo = root !== undefined && (isInside(target.path, join(root, ".git")) || pathExists(join(target.path, ".git")));
    if (root && !takesRepo) {
      scopeFor(keep.repos, root).worktree = true;
      // Only directories are worth a check-ignore first (node_modules, dist): a file costs one snapshot at most.
      if (statKind(target.path) === "dir") keep.namedOnly.set(root, [...(keep.namedOnly.get(root) ?? []), target.path]);
      else needsAll.add(root);
    } else if (!keep.outside.includes(target.path)) keep.outside.push(target.path);
  }
  for (const dir of plan.unknownIn) {
    const root = findRepoRoot(dir);
    if (root) {
      scopeFor(keep.repos, root).worktree = true;
      needsAll.add(root);
    } else keep.unnamed = true;
  }
  for (const root of needsAll) keep.namedOnly.delete(root);
  return keep;
}

function planFor(invocations: readonly Invocation[], ctx: UndoContext): KeepPlan | undefined {
  const plan = discardPlan(invocations, { cwd: ctx.cwd, home: ctx.home, expandGlob });
  return emptyPlan(plan) ? undefined : keepPlan(plan);
}

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

/**
 * For the approval prompt, before a human says yes: whether guard can keep a copy of files outside any
 * working tree. Undefined when the command discards nothing there.
 */
export async function trashPromptNote(invocations: readonly Invocation[], ctx: UndoContext): Promise<string | undefined> {
  if (!ctx.settings.enabled) return undefined;
  const keep = planFor(invocations, ctx);
  if (!keep) return undefined;
  if (keep.outside.length === 0) return keep.unnamed ? "undo: guard cannot tell which files this removes outside a repository, so it cannot keep a copy.\n" : undefined;
  const { measure } = await import("./trash");
  const size = measure(keep.outside, ctx.settings.trashMaxBytes);
  const what = keep.outside.length === 1 ? keep.outside[0] : `${keep.outside.length} paths`;
  if (size.over) return `undo: NO copy will be kept: ${what} ${size.bytes > ctx.settings.trashMaxBytes ? `exceeds ${sizeLabel(ctx.settings.trashMaxBytes)}` : "holds too many files"} (undo.trash_max_size). What this deletes cannot be restored by guard.\n`;
  return `undo: guard copies ${what} (${sizeLabel(size.bytes)}) to the trash before this runs; \`guard undo\` puts it back.\n`;
}

/**
 * Never throws and never changes what runs: a snapshot that cannot be taken becomes a note for stderr.
 * Costs nothing (no git, no file reads beyond a few stats) for commands that discard nothing.
 */
export async function takeSnapshotIfNeeded(invocations: readonly Invocation[], ctx: UndoContext): Promise<string[]> {
  if (!ctx.settings.enabled) return [];
  const notes: string[] = [];
  try {
    const plan = discardPlan(invocations, { cwd: ctx.cwd, home: ctx.home, expandGlob });
    if (emptyPlan(plan)) return [];
    const keep = keepPlan(plan);
    if (plan.git.some((g) => g.ignored)) notes.push("undo: git clean -x/-X removes ignored files, which snapshots do not hold");
    const deadline = Date.now() + (ctx.timeoutMs ?? 10_000);
    if (keep.repos.size) {
      const { takeSnapshot } = await import("./snapshot");
      for (const [root, scope] of [...keep.repos].slice(0, MAX_REPOS)) {
        try {
          // `rm -rf node_modules dist`: ignored files are not in snapshots, so one cheap check saves the walk.
          const named = keep.namedOnly.get(root);
          if (named && (await allIgnored(root, named))) continue;
          const snap = await takeSnapshot({ dir: root, command: ctx.command, agent: ctx.agent, cwd: ctx.cwd, scope, settings: ctx.settings, timeoutMs: Math.max(1000, deadline - Date.now()) });
          for (const s of snap.meta.skipped) {
            notes.push(s.reason === "too-large"
              ? `undo: snapshot ${snap.id} leaves out ${s.path} (${sizeLabel(s.bytes ?? 0)}, over undo.max_file_size)`
              : `undo: snapshot ${snap.id} leaves out ${s.path} (a repository of its own)`);
          }
        } catch (err) {
          notes.push(`undo: no snapshot of ${root} could be taken (${(err as Error).message}); the command runs without one`);
        }
      }
      if (keep.repos.size > MAX_REPOS) notes.push(`undo: only ${MAX_REPOS} repositories are snapshotted per command`);
    }
    if (ctx.asked && keep.outside.length) notes.push(...(await trash(keep.outside, ctx)));
  } catch (err) {
    notes.push(`undo: nothing was kept (${(err as Error).message}); the command runs without a snapshot`);
  }
  return notes.map((n) => `guard: ${n}`);
}

/** True when git ignores every path (exit 0 and all listed); any doubt means false. */
async function allIgnored(root: string, paths: string[]): Promise<boolean> {
  const { git } = await import("./git");
  try {
    const out = await git(["check-ignore", "-z", "--stdin"], { cwd: root, input: `${paths.join("\0")}\0`, okCodes: [1], timeoutMs: 5000 });
    return out.split("\0").filter(Boolean).length === paths.length;
  } catch {
    return false;
  }
}

async function trash(paths: string[], ctx: UndoContext): Promise<string[]> {
  const { copyToTrash, measure } = await import("./trash");
  const size = measure(paths, ctx.settings.trashMaxBytes);
  if (size.over) return [`undo: no copy kept of ${paths.join(", ")}: over undo.trash_max_size (${sizeLabel(ctx.settings.trashMaxBytes)})`];
  try {
    copyToTrash({ paths, command: ctx.command, agent: ctx.agent, cwd: ctx.cwd, env: ctx.env });
    return [];
  } catch (err) {
    return [`undo: could not copy ${paths.join(", ")} to the trash (${(err as Error).message})`];
  }
}
