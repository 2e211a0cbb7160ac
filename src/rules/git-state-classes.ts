// Target classes read from the repository's state: a stash drop with no stash, a scoped `git clean` of paths holding only what git can restore or rebuild.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { stashPushedKey } from "../shell/written";
import { absolutePath } from "./zones";
import { gitPlaces } from "./git-place";

type GitStateClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

export const GIT_STATE_CLASSES: Record<string, GitStateClass> = {
  /**
   * `git stash drop`/`clear` where the repository has no stash at all (no `refs/stash`) and nothing earlier in the
   * command stashed: there is nothing to lose. A ref guard cannot read, or another repository, may hold one.
   */
  "no-stash": (_p, inv, ctx) => {
    if (inv.written?.has(stashPushedKey())) return false;
    // `git -C ../app stash drop` is judged by ../app's stash, read as the current repository's is.
    return gitPlaces(inv, ctx).every((place) => place !== null && place.worktree?.ref?.("refs/stash") === null);
  },

  /**
   * `git clean -f[dxX] -- dist build coverage`: every pathspec a literal path inside the repository (not its root) under
   * which everything is tracked or ignored, and no ignored database: what clean removes there is build output git
   * ignores, judged like `rm -rf dist` (fs.rm-untracked). A glob, `.`, the root or an unknown state asks.
   */
  "cleans-only-restorable": (positionals, inv, ctx) => {
    if (positionals.length === 0) return false;
    return gitPlaces(inv, ctx).every((place) => {
      const worktree = place?.worktree;
      const root = place?.root;
      if (!place || !worktree || root === undefined) return false;
      return positionals.every((w) => {
        if (w.dynamic || w.glob || /[*?[]/.test(w.value) || w.value.startsWith(":")) return false;
        const abs = absolutePath(w, place.dir, ctx);
        return abs !== undefined && abs.startsWith(`${root}/`) && !abs.split("/").includes(".git") && worktree.state(abs) === "clean"
          && worktree.databaseUnder?.(abs, { recursive: true, skip: () => false }) === undefined;
      });
    });
  },
};
