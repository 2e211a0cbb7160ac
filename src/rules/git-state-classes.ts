// Target classes read from the repository's state: a stash drop with no stash, a scoped `git clean` of paths holding only what git can restore or rebuild.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { stashPushedKey } from "../shell/written";
import { absolutePath, treeRoot } from "./zones";

type GitStateClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/** Options that point git at another repository or working tree than the one guard reads. */
const ELSEWHERE = /^(?:-C|--git-dir|--work-tree|--namespace)(?:=|$)/;

/** Whether the command runs git on the repository guard read (no `-C`, `--git-dir`; every directory it may run in is inside it). */
function inThisRepository(inv: Invocation, ctx: EvalContext): string | undefined {
  const root = ctx.repoRoot;
  if (root === undefined || inv.argv.some((w) => w.dynamic || ELSEWHERE.test(w.value)) || inv.env.some((e) => /^GIT_(?:DIR|WORK_TREE)$/.test(e.name))) return undefined;
  const inside = (inv.cwd ?? [ctx.cwd]).every((dir) => dir !== null && (dir === root || dir.startsWith(`${root}/`)));
  return inside ? root : undefined;
}

export const GIT_STATE_CLASSES: Record<string, GitStateClass> = {
  /**
   * `git stash drop`/`clear` where the repository has no stash at all (no `refs/stash`) and nothing earlier in the
   * command stashed: there is nothing to lose. A ref guard cannot read, or another repository, may hold one.
   */
  "no-stash": (_p, inv, ctx) => {
    if (inThisRepository(inv, ctx) === undefined || inv.written?.has(stashPushedKey())) return false;
    return ctx.worktree?.ref?.("refs/stash") === null;
  },

  /**
   * `git clean -f[dxX] -- dist build coverage`: every pathspec a literal path inside the repository (not its root) under
   * which everything is tracked or ignored, and no ignored database: what clean removes there is build output git
   * ignores, judged like `rm -rf dist` (fs.rm-untracked). A glob, `.`, the root or an unknown state asks.
   */
  "cleans-only-restorable": (positionals, inv, ctx) => {
    const root = inThisRepository(inv, ctx);
    const state = ctx.worktree?.state.bind(ctx.worktree);
    if (root === undefined || !state || treeRoot(ctx) === undefined || positionals.length === 0) return false;
    return positionals.every((w) => !w.dynamic && !w.glob && !/[*?[]/.test(w.value) && !w.value.startsWith(":")
      && (inv.cwd ?? [ctx.cwd]).every((dir) => {
        const abs = absolutePath(w, dir, ctx);
        return abs !== undefined && abs.startsWith(`${root}/`) && !abs.split("/").includes(".git") && state(abs) === "clean"
          && ctx.worktree?.databaseUnder?.(abs, { recursive: true, skip: () => false }) === undefined;
      }));
  },
};
