// How each program reads its options: which accept unique prefixes of long options, and which options take values per subcommand.
// The table behind docs/detection.md, "Option conventions".

export type OptionStyle =
  /** GNU getopt_long: `-abc` clusters, `--long[=value]`, unique prefixes (`--rec` is `--recursive`), options after operands. */
  | "gnu"
  /** git's parse-options: like GNU, prefixes included, with each subcommand's own valued options (`checkout -bNAME`). */
  | "git"
  /** npm's nopt: unique prefixes of long options as well (`npm unpublish --forc`). */
  | "nopt"
  /** Exact long names only: Go's pflag/cobra (kubectl, gh, docker), clap, commander, yargs, curl, ssh. */
  | "exact";

export interface Convention {
  style: OptionStyle;
  /** Options that take a value, per subcommand (`git checkout -b NAME`): added to the program's own list after that word. */
  subcommandValued?: Readonly<Record<string, readonly string[]>>;
  /**
   * Valued options after which the program reads no options of its own: `python -m MODULE ARGS`
   * hands every later word to the module, so an expansion there hides no
   * option of python's (`python -m py_compile "$f"` cannot become `python -m django`).
   */
  lastOptions?: readonly string[];
}

const GNU: Convention = { style: "gnu" };

/** Programs that accept GNU-style abbreviations (getopt_long or a parser that mimics it). Everything else is exact. */
const GNU_PROGRAMS = [
  // coreutils, findutils, util-linux and friends
  "rm", "cp", "mv", "ln", "install", "chmod", "chown", "chgrp", "mkdir", "rmdir", "shred", "truncate", "touch", "tee", "env", "timeout", "nice",
  "nohup", "stdbuf", "xargs", "sort", "split", "csplit", "tar", "sed", "grep", "egrep", "fgrep", "gawk", "awk", "wget", "sudo", "su", "runuser",
  "flock", "unshare", "nsenter", "setpriv", "systemd-run", "systemctl", "journalctl", "wipefs", "sgdisk", "blkdiscard", "mkswap", "fallocate",
  "killall", "pkill", "diff", "patch", "gzip", "xz", "bzip2", "zstd", "strace", "ltrace", "chroot", "ionice", "taskset",
  "chrt", "script", "parallel",
  // PostgreSQL and MySQL clients (getopt_long; MySQL's my_getopt also takes unambiguous prefixes)
  "psql", "pg_dump", "pg_dumpall", "pg_restore", "dropdb", "createdb", "dropuser", "createuser", "pg_ctl", "pg_basebackup", "vacuumdb", "reindexdb",
  "mysql", "mariadb", "mysqladmin", "mariadb-admin", "mysqldump", "mariadb-dump",
];

const GIT: Convention = {
  style: "git",
  subcommandValued: {
    checkout: ["-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"],
    switch: ["-c", "--create", "-C", "--force-create", "--orphan", "--conflict"],
    commit: ["-m", "--message", "-F", "--file", "-c", "--reedit-message", "-C", "--reuse-message", "--author", "--date", "-t", "--template", "--fixup", "--squash", "--cleanup", "--trailer", "--pathspec-from-file"],
    tag: ["-m", "--message", "-F", "--file", "-u", "--local-user", "--cleanup"],
    merge: ["-m", "--message", "-F", "--file", "-s", "--strategy", "-X", "--strategy-option", "--cleanup", "--into-name"],
    rebase: ["-x", "--exec", "-s", "--strategy", "-X", "--strategy-option", "--onto", "-C", "--whitespace", "--empty"],
    stash: ["-m", "--message", "--pathspec-from-file"],
    clean: ["-e", "--exclude"],
    reset: ["--pathspec-from-file"],
    restore: ["-s", "--source", "--conflict", "--pathspec-from-file"],
    branch: ["-u", "--set-upstream-to", "--sort", "--format", "--points-at", "--contains", "--no-contains", "--merged", "--no-merged"],
    clone: ["-b", "--branch", "-o", "--origin", "-u", "--upload-pack", "--depth", "--reference", "--separate-git-dir", "-c", "--config", "--template", "--filter"],
    fetch: ["--upload-pack", "--depth", "--deepen", "--shallow-since", "--shallow-exclude", "--refmap", "-j", "--jobs", "-o", "--server-option", "--negotiation-tip"],
    pull: ["--upload-pack", "--depth", "-s", "--strategy", "-X", "--strategy-option"],
    push: ["--receive-pack", "--exec", "--repo", "-o", "--push-option", "--signed"],
    worktree: ["-b", "-B", "--reason"],
    submodule: ["-b", "--branch", "--name", "--reference", "--depth"],
    "filter-branch": ["--env-filter", "--tree-filter", "--index-filter", "--parent-filter", "--msg-filter", "--commit-filter", "--tag-name-filter", "--subdirectory-filter", "--prune-empty", "-d", "--original", "--setup"],
    "update-ref": ["-m"],
    config: ["--file", "-f", "--blob", "--type", "--default", "--comment"],
  },
};

const TABLE = new Map<string, Convention>([
  ...GNU_PROGRAMS.map((name) => [name, GNU] as const),
  ["git", GIT],
  ...["python", "python3"].map((name) => [name, { style: "exact", lastOptions: ["-m"] }] as const),
  ["npm", { style: "nopt" }],
  ["npx", { style: "nopt" }],
]);

/** The convention of a program; `exact` when guard does not know it to accept abbreviations. */
export function conventionOf(program: string): Convention {
  return TABLE.get(program) ?? { style: "exact" };
}

/** Whether the program reads `--rec` as `--recursive` when no other long option starts with `--rec`. */
export function acceptsAbbreviations(program: string): boolean {
  return conventionOf(program).style !== "exact";
}

/** Rows for the docs table: style → programs. */
export function conventionTable(): { style: OptionStyle; programs: string[] }[] {
  const styles: OptionStyle[] = ["gnu", "git", "nopt"];
  return styles.map((style) => ({ style, programs: [...TABLE].filter(([, c]) => c.style === style).map(([name]) => name) }));
}
