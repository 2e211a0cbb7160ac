// Target class for `git push --no-verify`: whether the repository has a pre-push hook the option would skip.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";

/** Where a project's pre-push hook lives: git's own directory and the hooks directories of the usual managers (husky, .githooks). */
const PRE_PUSH_HOOKS = [".git/hooks/pre-push", ".husky/pre-push", ".husky/_/pre-push", ".githooks/pre-push"];

export const HOOK_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext) => Word[] | boolean> = {
  /**
   * The repository has a pre-push hook (the project's secret scan or tests, or guard's own), so `--no-verify` turns a
   * check off; without one the option skips nothing. Unknown (no repository root guard can see, a cd it cannot follow) counts.
   */
  "skips-pre-push-hook": (_p, inv, ctx) => {
    const root = ctx.repoRoot;
    if (root === undefined || !ctx.pathKind || (inv.cwd ?? []).some((dir) => dir === null)) return true;
    return PRE_PUSH_HOOKS.some((hook) => {
      const kind = ctx.pathKind!(posix.join(root, hook));
      return kind !== "missing" && kind !== "dir";
    });
  },
};
