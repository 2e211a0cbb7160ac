// The pre-push hook for `guard install git`: where git looks for it, and the script that hands git's input to `guard pre-push`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { quote } from "shell-quote";
import type { InstallContext } from "./install-context";
import { InstallError } from "./errors";
import type { FileEdit } from "./file-edit";
import { guardInvocation } from "./hook-command";
import { ownedFileEdit } from "./owned-file";

/** git's hooks directory for the repository: honours core.hooksPath and worktrees; `.git/hooks` when git cannot say. */
export function gitHooksDir(context: Pick<InstallContext, "repoRoot" | "env">): string {
  if (!existsSync(join(context.repoRoot, ".git"))) throw new InstallError(`${context.repoRoot} is not a git repository: run this inside the repository whose pushes guard should check`);
  const r = spawnSync("git", ["rev-parse", "--git-path", "hooks"], { cwd: context.repoRoot, env: context.env as NodeJS.ProcessEnv, encoding: "utf8" });
  const out = r.status === 0 ? String(r.stdout).trim() : "";
  return out ? resolve(context.repoRoot, out) : join(context.repoRoot, ".git", "hooks");
}

/** git's own hooks directory, the one `core.hooksPath` replaces: `hooks` in the common git directory (shared by worktrees). */
export function defaultHooksDir(context: Pick<InstallContext, "repoRoot" | "env">): string {
  const r = spawnSync("git", ["rev-parse", "--git-common-dir"], { cwd: context.repoRoot, env: context.env as NodeJS.ProcessEnv, encoding: "utf8" });
  const out = r.status === 0 ? String(r.stdout).trim() : "";
  return join(out ? resolve(context.repoRoot, out) : join(context.repoRoot, ".git"), "hooks");
}

export function prePushPath(context: Pick<InstallContext, "repoRoot" | "env">): string {
  return join(gitHooksDir(context), "pre-push");
}

export function prePushScript(context: Pick<InstallContext, "nodePath" | "guardBin">): string {
  const [node, guard] = [quote([context.nodePath]), quote([context.guardBin])];
  return [
    "#!/bin/sh",
    "# guard: refuses force pushes and deletions of protected branches. Written by `guard install git`; remove with `guard uninstall git`.",
    "# git passes the remote's name and URL as arguments and one line per ref on stdin; `guard pre-push` reads both.",
    `if [ ! -x ${node} ] || [ ! -f ${guard} ]; then`,
    `  printf 'guard: the pre-push hook cannot find %s or %s, so the push is refused. Run \`guard install git\` again.\\n' ${node} ${guard} >&2`,
    "  exit 1",
    "fi",
    `exec ${guardInvocation(context)} pre-push "$@"`,
    "",
  ].join("\n");
}

/** How to run guard from a pre-push hook the user already has: both need the same stdin. */
export function chainingAdvice(hookPath: string, context: Pick<InstallContext, "nodePath" | "guardBin">): string {
  return [
    `${hookPath} already exists and is not guard's; guard will not overwrite it.`,
    "To run both, put these lines at the top of that hook (git's ref lines arrive on stdin once, so keep a copy):",
    "",
    "    guard_input=$(cat)",
    `    printf '%s\\n' "$guard_input" | ${guardInvocation(context)} pre-push "$@" || exit 1`,
    "",
    `and feed "$guard_input" to the rest of the hook where it reads stdin (printf '%s\\n' "$guard_input" | …).`,
  ].join("\n");
}

export function prePushEdit(context: InstallContext): FileEdit {
  const path = prePushPath(context);
  return ownedFileEdit({
    path,
    content: prePushScript(context),
    what: "guard's pre-push hook",
    mode: 0o755,
    foreign: chainingAdvice(path, context),
  });
}
