// The working-tree facts a command sees after an earlier step of the same text wrote a tracked file (`mv notes.txt README.md && git checkout README.md`).
import { posix } from "node:path";
import type { EvalContext, WorktreeFacts } from "../core/eval-context";

/**
 * guard reads the tree once, before anything runs. A file an earlier step changes by its own write (`mv other f`,
 * `cp x f`, `> f`, `sed -i`, `curl -o f`; see shell/written.ts) holds a change by the time a later step reaches it,
 * even where it is clean now: "is it modified" answers with that file when git tracks it (or may), so a discard of
 * it, of a directory holding it or of a pathspec matching it asks. Untracked files are left to the live answer.
 */
function editedWorktree(facts: WorktreeFacts, edited: readonly string[]): WorktreeFacts {
  return {
    ...facts,
    modified(path, match) {
      const hit = edited.find((abs) => {
        if (abs !== path && !abs.startsWith(path === "/" ? "/" : `${path}/`)) return false;
        if (match && !match(abs === path ? posix.basename(abs) : abs.slice(path.length + 1))) return false;
        return facts.tracked?.(abs) !== false;
      });
      return hit ?? facts.modified?.(path, match);
    },
  };
}

/** The context with the files earlier steps wrote (relative to the start directory) counted as changed, in every repository. */
export function editedContext(given: EvalContext, files: readonly string[]): EvalContext {
  const edited = files.map((f) => posix.resolve(given.cwd, f));
  const other = given.gitRepository;
  return {
    ...given,
    ...(given.worktree ? { worktree: editedWorktree(given.worktree, edited) } : {}),
    ...(other ? {
      gitRepository: (where: Parameters<typeof other>[0]) => {
        const found = other(where);
        return found && { root: found.root, worktree: editedWorktree(found.worktree, edited) };
      },
    } : {}),
  };
}
