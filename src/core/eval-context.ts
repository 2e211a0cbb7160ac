// What evaluation knows about the world: cwd, home, environment, git branch and a bounded file reader.

export interface EvalContext {
  cwd: string;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The current git branch; undefined when unknown (no repository, detached HEAD). */
  branch: string | undefined;
  /** Globs of branches that force pushes and deletions must not touch. */
  protectedBranches: string[];
  /** Who runs the command: the hook adapter (claude-code, codex…), GUARD_AGENT, or exec/shell. */
  agent?: string;
  /** Production markers are present (see production.ts): rules with `in_production` use that action. */
  production?: boolean;
  /** Variables (name → value glob) whose inline assignment marks production; default: NODE_ENV=prod* and friends. */
  productionVariables?: Record<string, string>;
  /** Paths rm -r / find -delete may remove even where guard would call them catastrophic (user config). */
  allowedRmPaths?: string[];
  /** Reads a file named in a command (a script, `psql -f`); undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
  /** The names in a directory (absolute path), as a glob bash expands there sees them; undefined when unknown or past the bound. */
  listDir?: (path: string) => string[] | undefined;
  /** What is at an absolute path, without reading it; undefined when unknown. */
  pathKind?: (path: string) => PathKind | undefined;
  /**
   * Where a write to an absolute path lands once existing symbolic links (and /proc's root and cwd links) are
   * followed; undefined when unknown. Self-protection judges both the path as written and this one.
   */
  realPath?: (path: string) => string | undefined;
  /** The root of the git working tree the command starts in (undefined: not in a repository, or unknown). */
  repoRoot?: string;
  /** What git could restore, for deletions inside the working tree (see engine/worktree.ts); absent: unknown. */
  worktree?: WorktreeFacts;
  /**
   * The repository git works on from directory `dir`, with `--git-dir`/`--work-tree` (or GIT_DIR/GIT_WORK_TREE) given as
   * absolute paths: its working tree's root and facts. Undefined when guard cannot tell (no repository there, a git
   * directory without a work tree, past the bounds): the caller then assumes anything may be lost.
   */
  gitRepository?(where: { dir: string; gitDir?: string; workTree?: string }): { root: string; worktree: WorktreeFacts } | undefined;
}

export type PathKind = "file" | "dir" | "missing" | "other";

/** Git's view of a path inside the working tree. */
export type GitState = "clean" | "unrestorable" | "unknown";

export interface WorktreeFacts {
  /** Whether everything at or under an absolute path is tracked, or ignored: what a recursive delete would lose. */
  state(path: string): GitState;
  /** The same for every entry of directory `dir` whose name matches the glob `pattern` (`rm -rf build/*`, `rm -rf *.log`). */
  stateOfMatches(dir: string, pattern: string): GitState;
  /** The database files among the entries of `dir` whose name matches `pattern` (`rm -f data/*`); undefined: unknown. */
  databaseMatches?(dir: string, pattern: string): string[] | undefined;
  /**
   * A tracked file at or under `path` (whose name passes `match`, when given) whose content may
   * differ from the index: its path relative to the repository root, "unknown" past the bounds or
   * without a readable index, undefined when every such file is as git recorded it.
   */
  modified?(path: string, match?: (name: string) => boolean): string | "unknown" | undefined;
  /**
   * A tracked file at or under `path` (whose name passes `match`, as for `modified`), whatever its content: its path
   * relative to the repository root; "unknown" without a readable index; undefined when git tracks nothing there.
   */
  trackedUnder?(path: string, match?: (name: string) => boolean): string | "unknown" | undefined;
  /** Whether git tracks the file at an absolute path (so `git checkout` brings it back); undefined: unknown. */
  tracked?(path: string): boolean | undefined;
  /**
   * Whether anything at or under an absolute path may be staged: "none" when the index's cache tree still holds the
   * directory's tree (nothing below was added, removed or merged since the index last matched a commit), else "unknown".
   */
  staged?(path: string): "none" | "unknown";
  /**
   * A database file git does not track (untracked or ignored) at or under `path`, among the entries matching `pattern`
   * when given, descending into directories only when `recursive`: its path relative to the repository root,
   * "unknown" past the walk's bounds, undefined when there is none. Directories `skip` names are not entered.
   */
  databaseUnder?(path: string, options: { pattern?: string; recursive: boolean; skip: (name: string) => boolean }): string | "unknown" | undefined;
  /**
   * A file a recursive search from `path` reads (`grep -r`, `rg`) whose path passes `wanted`: relative to the
   * repository root, "unknown" past the walk's bounds, undefined when there is none. Hidden entries below `path`
   * are skipped unless `hidden`, ignored ones (.gitignore, info/exclude) unless `ignored`; symbolic links are
   * not followed.
   */
  searchedFileUnder?(path: string, options: { hidden: boolean; ignored: boolean; wanted: (rel: string) => boolean }): string | "unknown" | undefined;
  /** A tracked file whose path (relative to the root) passes `wanted`; "unknown" without a readable index. */
  trackedFile?(wanted: (rel: string) => boolean): string | "unknown" | undefined;
  /** The commit a full ref (`refs/heads/x`, `refs/remotes/origin/x`) points at; null: no such ref; undefined: unknown. */
  ref?(name: string): string | null | undefined;
}

export const DEFAULT_PROTECTED_BRANCHES = ["main", "master", "release/*", "production", "prod"];
