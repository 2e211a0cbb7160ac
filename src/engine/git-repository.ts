// The repository a git command addresses away from the start directory (`git -C ../app`, `--work-tree`, GIT_DIR), read like the current one.
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { findRepoRoot } from "../core/repo";
import type { EvalContext, WorktreeFacts } from "../core/eval-context";
import { worktreeFacts } from "./worktree";

type Where = Parameters<NonNullable<EvalContext["gitRepository"]>>[0];
type Found = { root: string; worktree: WorktreeFacts } | undefined;

/** The git directory a `.git` entry (or a `--git-dir` value) stands for: a directory, or a file naming one (`gitdir: …`). */
function followGitFile(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return path;
    const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(path, "utf8").slice(0, 64 * 1024));
    return m ? resolve(path, "..", m[1].trim()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers `EvalContext.gitRepository` from the file system, each place read once per context. As git does: the git
 * directory is the one given, else found by walking up from `dir`; the working tree is the one given, else the
 * discovered repository's root. A git directory given without a work tree makes git use `core.worktree` or the
 * current directory, which guard does not settle: unknown.
 */
export function gitRepositoryReader(): NonNullable<EvalContext["gitRepository"]> {
  const seen = new Map<string, Found>();
  return (where: Where) => {
    const key = `${where.dir}\0${where.gitDir ?? ""}\0${where.workTree ?? ""}`;
    if (!seen.has(key)) seen.set(key, read(where));
    return seen.get(key);
  };
}

function read({ dir, gitDir, workTree }: Where): Found {
  if (gitDir !== undefined && workTree === undefined) return undefined;
  const discovered = gitDir === undefined ? findRepoRoot(dir) : undefined;
  const root = workTree ?? discovered;
  const git = gitDir !== undefined ? followGitFile(gitDir) : discovered !== undefined ? followGitFile(join(discovered, ".git")) : undefined;
  if (root === undefined || git === undefined) return undefined;
  return { root, worktree: worktreeFacts(root, git) };
}
