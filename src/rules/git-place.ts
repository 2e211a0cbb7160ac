// The repository and directory a git command works on: `-C`, `--git-dir`, `--work-tree` and GIT_DIR/GIT_WORK_TREE applied to each directory it may run in.
import { posix } from "node:path";
import type { Invocation } from "../shell/model";
import type { EvalContext, WorktreeFacts } from "../core/eval-context";
import { treeRoot } from "./zones";

/** Where one run of a git command resolves its pathspecs, and the repository whose index it compares them with. */
export interface GitPlace {
  /** The directory relative pathspecs are taken from. */
  dir: string;
  /** The working tree's root; undefined where guard does not judge the tree (home or a system directory). */
  root: string | undefined;
  worktree: WorktreeFacts | undefined;
}

/** git's global options that take the next word as their value. */
const GLOBAL_VALUED = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix"]);

/** Variables that point git at another index or repository in a way guard does not follow: any value is unknown. */
const UNFOLLOWED_ENV = new Set(["GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_NAMESPACE"]);

/** `-c core.worktree=…`, `-c core.bare=…`: the working tree moves elsewhere by configuration. */
const TREE_SETTING = /^core\.(?:worktree|bare)=?/i;

interface Addressed {
  dir: string;
  gitDir?: string;
  workTree?: string;
}

/** `-C`, `--git-dir` and `--work-tree` applied from `start`; null when a value is not literal or configuration moves the tree. */
function globals(inv: Invocation, start: string): Addressed | null {
  let dir = start;
  let gitDir: string | undefined;
  let workTree: string | undefined;
  const argv = inv.argv;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    // `git $OPTS restore .`: the expansion may be `-C ../app`.
    if (w.dynamic) return null;
    if (!w.value.startsWith("-")) break;
    const eq = w.value.indexOf("=");
    const name = w.value.startsWith("--") && eq > 0 ? w.value.slice(0, eq) : w.value;
    const inline = name !== w.value ? w.value.slice(eq + 1) : undefined;
    const valued = GLOBAL_VALUED.has(name);
    const valueWord = valued && inline === undefined ? argv[++i] : undefined;
    if (valued && inline === undefined && (valueWord === undefined || valueWord.dynamic)) return null;
    const value = inline ?? valueWord?.value;
    if (name === "-C" && value !== undefined) dir = value === "" ? dir : posix.resolve(dir, value);
    else if (name === "--git-dir") gitDir = value;
    else if (name === "--work-tree") workTree = value;
    else if (name === "--namespace" || (name === "-c" && value !== undefined && TREE_SETTING.test(value)) || name === "--config-env") return null;
  }
  return { dir, gitDir, workTree };
}

/**
 * The places one git invocation works on, one per directory it may run in; null where guard cannot tell (an unknown
 * directory, a value it cannot read, an exported or inherited GIT_DIR it does not follow, a repository it cannot read).
 * A run from the start directory with no such option is the repository guard read at start-up.
 */
export function gitPlaces(inv: Invocation, ctx: EvalContext): (GitPlace | null)[] {
  const assigned = (name: string) => inv.env.find((e) => e.name === name);
  const envOf = (name: string): string | undefined | null => {
    const a = assigned(name);
    if (a) return a.dynamic ? null : a.value;
    // Exported earlier in the text, or inherited from the agent's environment (where a later `X=…` may change it).
    return inv.exported?.includes(name) || ctx.env[name] !== undefined ? null : undefined;
  };
  const unfollowed = [...UNFOLLOWED_ENV].some((name) => assigned(name) !== undefined || envOf(name) !== undefined);
  const envGitDir = envOf("GIT_DIR");
  const envWorkTree = envOf("GIT_WORK_TREE");
  return (inv.cwd ?? [ctx.cwd]).map((start) => {
    if (start === null || unfollowed) return null;
    const options = globals(inv, start);
    if (options === null) return null;
    // Command-line options win over the environment, as in git; relative values are taken from the final directory.
    const gitDir = options.gitDir ?? envGitDir;
    const workTree = options.workTree ?? envWorkTree;
    if (gitDir === null || workTree === null) return null;
    const dir = options.dir;
    if (gitDir === undefined && workTree === undefined && dir === ctx.cwd) return { dir, root: treeRoot(ctx), worktree: ctx.worktree };
    const abs = (p: string | undefined) => (p === undefined ? undefined : posix.resolve(dir, p));
    const found = ctx.gitRepository?.({ dir, gitDir: abs(gitDir), workTree: abs(workTree) });
    if (found === undefined) {
      // Without a way to read other repositories (a context built by hand), a directory inside this one is this one.
      const root = ctx.repoRoot;
      const inside = root !== undefined && (dir === root || dir.startsWith(`${root}/`));
      return !ctx.gitRepository && gitDir === undefined && workTree === undefined && inside ? { dir, root: treeRoot(ctx), worktree: ctx.worktree } : null;
    }
    // The repository guard read at start-up keeps its facts (which know about earlier steps of the text: stale-worktree.ts).
    const same = gitDir === undefined && workTree === undefined && found.root === ctx.repoRoot;
    const base = dir === found.root || dir.startsWith(`${found.root}/`) ? dir : found.root;
    if (same) return { dir, root: treeRoot(ctx), worktree: ctx.worktree };
    // A repository at home or above it (a dotfiles checkout) is not judged file by file, as for the current one.
    const judged = !(ctx.home === found.root || ctx.home.startsWith(found.root === "/" ? "/" : `${found.root}/`));
    return { dir: base, root: judged ? found.root : undefined, worktree: found.worktree };
  });
}

/**
 * The git directories one git invocation may address, one per directory it may run in: `--git-dir`/GIT_DIR when
 * given, else the directory `-C` (or a cd) leaves it in. Null where guard cannot tell (a value it cannot read).
 */
export function addressedGitDirs(inv: Invocation, ctx: EvalContext): (string | null)[] {
  const assigned = inv.env.find((e) => e.name === "GIT_DIR");
  const envGitDir = assigned ? (assigned.dynamic ? null : assigned.value) : undefined;
  return (inv.cwd ?? [ctx.cwd]).map((start) => {
    const options = start === null ? null : globals(inv, start);
    if (options === null) return null;
    const gitDir = options.gitDir ?? envGitDir;
    if (gitDir === null) return null;
    return gitDir === undefined ? options.dir : posix.resolve(options.dir, gitDir);
  });
}
