// The working-tree facts a command sees after an earlier step of the same text may have changed the tree (`git stash pop && …`).
import type { WorktreeFacts } from "../core/eval-context";

/**
 * guard reads the tree once, before anything runs. After `git stash pop`, `git pull`, `patch` or `git reset HEAD~1`
 * earlier in the same command (see shell/tree-changers.ts), any tracked file may hold uncommitted work by the time a
 * later step reaches it, so "is it modified" answers with that file (fail closed: the discard or delete asks).
 * What is untracked or ignored is still read live: those steps put back tracked content.
 */
export function staleWorktree(facts: WorktreeFacts): WorktreeFacts {
  return {
    ...facts,
    modified(path, match) {
      const tracked = facts.trackedUnder?.(path, match) ?? facts.modified?.(path, match);
      // Without an index guard cannot name a file; "unknown" alone asks only for recursive forced deletes, so name the path.
      return tracked === "unknown" ? path : tracked;
    },
    // The index may hold what the earlier step staged (`git stash pop --index`, `git apply --index`, `git reset --soft`).
    staged: () => "unknown",
  };
}
