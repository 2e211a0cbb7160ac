// doctor for the git pre-push hook: guard's hook is in place and executable, and it refuses a synthetic force push to a protected branch.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { join, relative, resolve } from "node:path";
import { activeRules } from "../engine/active-rules";
import type { InstallContext } from "./install-context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { defaultHooksDir, prePushPath } from "./git-hook";
import { isOwnedByGuard } from "./owned-file";
import type { Probe } from "./probe";

const TIMEOUT_MS = 20_000;

/** A branch name the protected globs match: the first plain name, else a glob with its wildcards filled in. */
export function protectedBranchExample(globs: readonly string[]): string {
  const plain = globs.find((g) => !/[*?[\]{}!]/.test(g));
  return plain ?? (globs[0] ?? "main").replace(/\*\*?/g, "x").replace(/\?/g, "x").replace(/[[\]{}!]/g, "");
}

export function checkGit(context: InstallContext, probe: Probe): ScopeCheck {
  let path: string;
  try {
    path = prePushPath(context);
  } catch {
    return { scope: "project", installed: false, files: [] };
  }
  const text = readText(path);
  const fix = "run `guard install git` in this repository";
  if (text === undefined || !isOwnedByGuard(text)) {
    const skipped = skippedHook(context, path, text !== undefined);
    if (skipped) return { scope: "project", installed: true, ok: false, files: [path, skipped.path], problem: `${skipped.problem}: ${fix}` };
    return { scope: "project", installed: false, files: [path], ...(text !== undefined ? { note: "a pre-push hook that is not guard's is installed" } : {}) };
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { scope: "project", installed: true, ok: false, files: [path], problem: `${path} is not executable, so git skips it: chmod +x it or ${fix}` };
  }
  const branch = protectedBranchExample(activeRules(context.repoRoot, probe.env).settings.protectedBranches);
  // Two commits nobody has: the remote one is unknown here, which the hook must treat as a force push.
  const [local, remote] = [randomBytes(20).toString("hex"), randomBytes(20).toString("hex")];
  const r = spawnSync(path, ["origin", "guard-doctor-probe"], {
    cwd: context.repoRoot, env: probe.env, input: `refs/heads/${branch} ${local} refs/heads/${branch} ${remote}\n`, encoding: "utf8", timeout: TIMEOUT_MS,
  });
  if (r.error) return { scope: "project", installed: true, ok: false, files: [path], problem: `the hook could not run (${r.error.message}): ${fix}` };
  const stderr = String(r.stderr);
  if (r.status === 0) return { scope: "project", installed: true, ok: false, files: [path], problem: `the hook let a force push to ${branch} through: ${fix}` };
  if (!stderr.includes("guard: push to")) {
    return { scope: "project", installed: true, ok: false, files: [path], problem: `the hook failed instead of deciding (${stderr.trim().split("\n")[0] || `exit ${r.status}`}): ${fix}` };
  }
  return { scope: "project", installed: true, ok: true, files: [path] };
}

/**
 * guard's pre-push hook sitting in git's own hooks directory while `core.hooksPath` (husky's `.husky`,
 * a `.githooks` folder) sends git elsewhere: guard's git integration is installed, but git never runs it.
 */
function skippedHook(context: InstallContext, configured: string, foreign: boolean): { path: string; problem: string } | undefined {
  const own = join(defaultHooksDir(context), "pre-push");
  if (resolve(own) === resolve(configured)) return undefined;
  const text = readText(own);
  if (text === undefined || !isOwnedByGuard(text)) return undefined;
  const show = (p: string) => (relative(context.repoRoot, p).startsWith("..") ? p : relative(context.repoRoot, p) || ".");
  const there = foreign ? `whose pre-push hook is not guard's` : "which has no pre-push hook";
  return {
    path: own,
    problem: `guard's pre-push hook is in ${show(own)}, but core.hooksPath sends git to ${show(resolve(configured, ".."))}, ${there}, so git never runs guard's hook`,
  };
}
