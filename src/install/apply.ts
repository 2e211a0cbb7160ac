// Carries out install and uninstall over a target's files: everything is planned (and validated) before anything is written.
import { unifiedDiff } from "./diff";
import type { FileEdit } from "./file-edit";
import { backupPath, modeOf, readText, removeEmptyParents, removeFile, writeText } from "./files";

export type FileAction =
  /** install */
  | "created" | "updated" | "unchanged"
  /** uninstall */
  | "restored" | "cleaned" | "deleted" | "not-installed";

export interface FileResult {
  path: string;
  what: string;
  action: FileAction;
  /** The backup written, refreshed, removed or left in place, with what happened to it. */
  backup?: { path: string; action: "created" | "refreshed" | "kept" | "removed" };
  /** For --dry-run: the unified diff of what would change. */
  diff?: string;
}

interface Planned {
  edit: FileEdit;
  result: FileResult;
  before: string | undefined;
  after: string | undefined;
  backupText?: string;
  removeBackup?: boolean;
}

function diffOf(p: Planned): string {
  return unifiedDiff(p.before ?? "", p.after ?? "", {
    from: p.before === undefined ? "/dev/null" : `a${p.edit.path}`,
    to: p.after === undefined ? "/dev/null" : `b${p.edit.path}`,
  });
}

function carryOut(plans: Planned[], dryRun: boolean, stopAt: readonly string[] = []): FileResult[] {
  for (const p of plans) {
    if (p.result.action === "unchanged" || p.result.action === "not-installed") continue;
    if (dryRun) {
      p.result.diff = diffOf(p);
      continue;
    }
    if (p.backupText !== undefined) {
      // The backup gets the original's permissions: settings files can hold tokens.
      writeText(backupPath(p.edit.path), p.backupText, { mode: modeOf(p.edit.path) ?? 0o600 });
    }
    if (p.after === undefined) {
      removeFile(p.edit.path);
      removeEmptyParents(p.edit.path, stopAt);
    } else writeText(p.edit.path, p.after, { mode: p.edit.mode, privateDir: p.edit.privateDir });
    if (p.removeBackup) removeFile(backupPath(p.edit.path));
  }
  return plans.map((p) => p.result);
}

function planInstall(edit: FileEdit): Planned {
  const before = readText(edit.path);
  const after = edit.install(before);
  const result: FileResult = { path: edit.path, what: edit.what, action: after === before ? "unchanged" : before === undefined ? "created" : "updated" };
  const planned: Planned = { edit, result, before, after };
  // The backup is the file as it was before guard was in it: made once, refreshed only when guard is not in the file.
  if (result.action === "updated" && edit.backup && before !== undefined && !edit.isInstalled(before)) {
    const old = readText(backupPath(edit.path));
    if (old !== before) {
      planned.backupText = before;
      result.backup = { path: backupPath(edit.path), action: old === undefined ? "created" : "refreshed" };
    } else {
      result.backup = { path: backupPath(edit.path), action: "kept" };
    }
  }
  return planned;
}

function reproduces(edit: FileEdit, backup: string, current: string): boolean {
  try {
    return edit.install(backup) === current;
  } catch {
    return false;
  }
}

function planUninstall(edit: FileEdit): Planned {
  const before = readText(edit.path);
  const result: FileResult = { path: edit.path, what: edit.what, action: "not-installed" };
  if (before === undefined || !edit.isInstalled(before)) return { edit, result, before, after: before };
  const backup = edit.backup ? readText(backupPath(edit.path)) : undefined;
  if (backup !== undefined && reproduces(edit, backup, before)) {
    // Nothing but guard changed since install: the original comes back byte for byte.
    result.action = "restored";
    result.backup = { path: backupPath(edit.path), action: "removed" };
    return { edit, result, before, after: backup, removeBackup: true };
  }
  const after = edit.uninstall(before, { createdByGuard: backup === undefined });
  result.action = after === undefined ? "deleted" : "cleaned";
  if (backup !== undefined) result.backup = { path: backupPath(edit.path), action: "kept" };
  return { edit, result, before, after };
}

export function installEdits(edits: FileEdit[], options: { dryRun: boolean }): FileResult[] {
  return carryOut(edits.map(planInstall), options.dryRun);
}

/** `stopAt`: directories never removed even when uninstall leaves them empty (home, the repository root). */
export function uninstallEdits(edits: FileEdit[], options: { dryRun: boolean; stopAt?: readonly string[] }): FileResult[] {
  return carryOut(edits.map(planUninstall), options.dryRun, options.stopAt);
}
