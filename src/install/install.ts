// `guard install` / `guard uninstall` as functions: plan a target's files for a scope, carry it out (or show the diff), report what happened.
import { installEdits, uninstallEdits, type FileResult } from "./apply";
import type { InstallContext } from "./install-context";
import { afterInstallNotes, fileEdits } from "./plan";
import { defaultScope, type Scope, type Integration } from "./integrations";

export interface InstallRequest {
  target: Integration;
  /** Default: --user for agents and shells, --project for git. */
  scope?: Scope;
  dryRun?: boolean;
  context: InstallContext;
}

export interface InstallReport {
  operation: "install" | "uninstall";
  target: Integration;
  scope: Scope;
  dryRun: boolean;
  files: FileResult[];
  /** Whether anything changed (or, for a dry run, would change). */
  changed: boolean;
  notes: string[];
}

export function install(request: InstallRequest): InstallReport {
  const scope = request.scope ?? defaultScope(request.target);
  const dryRun = request.dryRun ?? false;
  const files = installEdits(fileEdits(request.target, scope, request.context), { dryRun });
  const changed = files.some((f) => f.action !== "unchanged");
  return { operation: "install", target: request.target, scope, dryRun, files, changed, notes: changed ? afterInstallNotes(request.target, scope, request.context) : [] };
}

export function uninstall(request: InstallRequest): InstallReport {
  const scope = request.scope ?? defaultScope(request.target);
  const dryRun = request.dryRun ?? false;
  const files = uninstallEdits(fileEdits(request.target, scope, request.context), { dryRun, stopAt: [request.context.home, request.context.repoRoot] });
  return { operation: "uninstall", target: request.target, scope, dryRun, files, changed: files.some((f) => f.action !== "not-installed"), notes: [] };
}

function fileLine(f: FileResult, dryRun: boolean): string {
  const would = dryRun ? "would be " : "";
  switch (f.action) {
    case "created":
      return `  ${f.path}: ${would}created with ${f.what}`;
    case "updated": {
      const backup = f.backup && f.backup.action !== "kept" ? `; the original ${dryRun ? "would be" : "is"} saved as ${f.backup.path}` : f.backup ? `; the original is kept in ${f.backup.path}` : "";
      return `  ${f.path}: ${f.what} ${dryRun ? "would be " : ""}added${backup}`;
    }
    case "unchanged":
      return `  ${f.path}: ${f.what} is already there; no change`;
    case "restored":
      return `  ${f.path}: ${would}restored byte for byte from ${f.backup?.path} (nothing else had changed)${dryRun ? "" : "; backup removed"}`;
    case "cleaned": {
      const kept = f.backup ? `; other changes since install kept; the copy from before install is still in ${f.backup.path}` : "";
      return `  ${f.path}: ${f.what} ${dryRun ? "would be " : ""}removed${kept}`;
    }
    case "deleted":
      return `  ${f.path}: ${would}deleted (only guard's part was in it)`;
    case "not-installed":
      return `  ${f.path}: guard is not in it; no change`;
    default: {
      const unreachable: never = f.action;
      return unreachable;
    }
  }
}

/** What the command prints: a headline, one line per file, diffs for a dry run, then notes. */
export function formatReport(report: InstallReport): string {
  const where = `${report.target} (${report.scope} scope)`;
  let headline: string;
  if (report.operation === "install") {
    if (!report.changed) headline = `guard is already installed for ${where}: nothing changed.`;
    else headline = report.dryRun ? `dry run: installing guard for ${where} would change these files (nothing was written):` : `guard installed for ${where}:`;
  } else if (!report.changed) headline = `guard is not installed for ${where}: nothing changed.`;
  else headline = report.dryRun ? `dry run: uninstalling guard from ${where} would change these files (nothing was written):` : `guard uninstalled from ${where}:`;
  const lines = [headline, ...report.files.map((f) => fileLine(f, report.dryRun))];
  if (report.dryRun) for (const f of report.files) if (f.diff) lines.push("", f.diff.trimEnd());
  if (!report.dryRun && report.notes.length > 0) lines.push("", ...report.notes);
  return `${lines.join("\n")}\n`;
}
