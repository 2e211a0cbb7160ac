// doctor for the git pre-push hook: guard's hook is in place and executable, and it refuses a synthetic force push to a protected branch.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { activeRules } from "../engine/active-rules";
import type { InstallContext } from "./install-context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { prePushPath } from "./git-hook";
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
  if (text === undefined || !isOwnedByGuard(text)) {
    return { scope: "project", installed: false, files: [path], ...(text !== undefined ? { note: "a pre-push hook that is not guard's is installed" } : {}) };
  }
  const fix = "run `guard install git` in this repository";
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
