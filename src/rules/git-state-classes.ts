// Target classes read from the repository's state: a stash drop with no stash, a scoped `git clean` of paths holding only what git can restore or rebuild.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { stashPushedKey } from "../shell/written";
import { absolutePath } from "./zones";
import { addressedGitDirs, gitPlaces } from "./git-place";

type GitStateClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/** A bare repository's config says so (`bare = true`); a working tree's `.git` and a plain directory do not. */
function isBareRepository(dir: string, ctx: EvalContext): boolean {
  const config = ctx.readFile?.(`${dir.replace(/\/+$/, "")}/config`);
  return config !== undefined && /^\s*bare\s*=\s*true\s*$/im.test(config);
}

/** Short flags of one word (`-df`) or a long option's name (`--delete`). */
const given = (words: Word[], short: RegExp, long: string[]) =>
  words.some((w) => !w.dynamic && ((/^-[a-zA-Z]+$/.test(w.value) && short.test(w.value.slice(1))) || long.includes(w.value.split("=")[0])));

/** Whether a git subcommand deletes, moves or prunes refs (or the objects only they kept), rather than listing or creating them. */
function changesRefs(sub: string, words: Word[]): boolean {
  const operands = words.filter((w) => !w.value.startsWith("-"));
  switch (sub) {
    case "branch":
      return given(words, /[dDfmMC]/, ["--delete", "--force", "--move", "--copy"]);
    case "tag":
      return given(words, /[df]/, ["--delete", "--force"]);
    case "symbolic-ref":
      return operands.length > 2 || given(words, /d/, ["--delete"]);
    case "reflog":
      return ["delete", "expire"].includes(words[1]?.value ?? "");
    case "gc":
      return words.some((w) => /^--prune=(?:now|all)$/.test(w.value));
    case "replace":
      return !given(words, /l/, ["--list"]);
    case "prune":
      return !given(words, /n/, ["--dry-run"]);
    default:
      return true;
  }
}

export const GIT_STATE_CLASSES: Record<string, GitStateClass> = {
  /**
   * `git -C ../origin.git branch -D x`, `git --git-dir=../origin.git tag -d v1`, `GIT_DIR=… git update-ref …`: a
   * ref-changing subcommand run in a bare repository, which is some clone's remote. A git directory guard cannot
   * read is not judged here (the subcommand's own rules still apply).
   */
  "changes-bare-repository-refs": (_p, inv, ctx) => {
    // The subcommand: the first word after git's global options (and the values of those that take one).
    let at = 1;
    while (at < inv.argv.length && inv.argv[at].value.startsWith("-")) at += /^(?:-C|-c|--git-dir|--work-tree|--namespace)$/.test(inv.argv[at].value) ? 2 : 1;
    const words = inv.argv.slice(at);
    if (words.length === 0 || words[0].dynamic || !changesRefs(words[0].value, words)) return false;
    const dirs = addressedGitDirs(inv, ctx);
    if (dirs.some((dir) => dir !== null && isBareRepository(dir, ctx))) return true;
    // Where guard cannot read it (`ssh host 'git --git-dir=repo.git …'`, a container): `NAME.git` is how bare repositories are named.
    if (!dirs.some((dir) => dir === null || ctx.readFile?.(`${dir}/config`) === undefined)) return false;
    const named = [...inv.argv.slice(1, at).filter((w, i) => /^--git-dir=/.test(w.value) || ["-C", "--git-dir"].includes(inv.argv[i].value)), ...inv.env.filter((e) => e.name === "GIT_DIR")];
    return named.some((w) => !w.dynamic && /[^/]\.git$/.test(w.value.replace(/^--git-dir=/, "").replace(/\/+$/, "")));
  },


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
