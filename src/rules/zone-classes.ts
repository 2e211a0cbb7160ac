// Target classes of the filesystem zone policy: `{class: destroys-outside}` and friends (see zones.ts).
import { UNTRACKED_FILES, type Invocation, type Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { CLEANERS } from "./clean-outputs";
import { destroyedPaths, isDeleter, losesContent, findDeletes, findDeletingBranch, findStarts, type DestroyedPath } from "./destroyed";
import { isDatabaseFile, isDataFile, isTestDatabaseFile } from "./database-files";
import { absolutePath, isTempRoot, treeRoot, zonesOfWord, type Zone } from "./zones";
import { pathText } from "../shell/cwd";
import { globMatch } from "../core/glob";
import { posix } from "node:path";

/** A word whose only glob is in its last segment, as that segment and the absolute directory it matches in. */
export function globParts(word: Word, dir: string | null, ctx: EvalContext): { dir: string; pattern: string } | undefined {
  const text = pathText(word, dir ?? "/nonexistent", pathBase(ctx));
  if (text === null || !word.glob) return undefined;
  const trimmed = text.replace(/\/+$/, "");
  const slash = trimmed.lastIndexOf("/");
  const head = slash >= 0 ? trimmed.slice(0, slash) : ".";
  const pattern = trimmed.slice(slash + 1);
  if (/[*?[]/.test(head) || (!head.startsWith("/") && dir === null)) return undefined;
  return { dir: posix.resolve(dir ?? "/", head === "" ? "/" : head), pattern };
}
import { pathBase } from "./zones";
import { discardsContent } from "./content-loss";
import { isConfigPath } from "./overwrite-classes";

/**
 * Directories of build output, caches and installed dependencies: deleting them loses nothing the
 * project's tools do not make again (`npm ci`, the build), so they are not "work git cannot restore"
 * even where no .gitignore lists them.
 */
/**
 * A delete of a directory (recursive) or of a directory's entries (a glob) that takes an untracked or ignored database
 * file with it (`rm -r data` where data/ is ignored and holds app.db). Build output and dependency directories are
 * neither judged nor entered; past the walk's bounds guard cannot tell, and asks. A find that picks files by name
 * (`find data -name '*.log' -delete`) is left to its filter.
 */
function holdsDatabase(e: DestroyedPath, glob: { dir: string; pattern: string } | undefined, inv: Invocation, ctx: EvalContext, dir: string | null): boolean {
  const worktree = ctx.worktree;
  if (!worktree?.databaseUnder) return false;
  if (inv.program === "find" && inv.argv.some((w) => !w.dynamic && NAME_TESTS.has(w.value))) return false;
  const skip = (name: string) => REGENERABLE_DIRS.has(name);
  const regenerable = (path: string) => path.split("/").some(skip);
  const within = (path: string) => path.slice(treeRoot(ctx)?.length ?? 0);
  if (glob !== undefined) {
    if (regenerable(within(glob.dir))) return false;
    return worktree.databaseUnder(glob.dir, { pattern: glob.pattern, recursive: e.recursive, skip }) !== undefined;
  }
  if (!e.recursive) return false;
  const abs = absolutePath(e.word, dir, ctx);
  if (abs === undefined || regenerable(within(abs)) || ctx.pathKind?.(abs) !== "dir") return false;
  return worktree.databaseUnder(abs, { recursive: true, skip }) !== undefined;
}

/** A `-name`/`-iname` test of find whose pattern is a data file's name (`*.db`, `app.sqlite3`, `*.sql`, `*.tfstate`), not a test suite's. */
function findNamesDatabase(inv: Invocation): boolean {
  return inv.argv.some((w, i) => {
    const next = inv.argv[i + 1];
    if (!/^-i?name$/.test(w.value) || next === undefined || next.dynamic) return false;
    const pattern = next.value;
    return (isDataFile(pattern) || /\.(?:db|sqlite\d?|duckdb|sql|dump|tfstate)\*?$/i.test(pattern)) && !isTestDatabaseFile(pattern);
  });
}

export const REGENERABLE_DIRS = new Set([
  "node_modules", "dist", "build", "out", "target", ".next", ".nuxt", ".svelte-kit", ".turbo", ".parcel-cache", ".cache",
  "coverage", ".nyc_output", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".venv", "venv",
  ".gradle", ".dart_tool", "bower_components", ".angular", "storybook-static", ".docusaurus", ".expo", "DerivedData",
]);

/** Compiled Python: every file these patterns match is rewritten by the interpreter on the next import. */
const BYTECODE_PATTERNS = new Set(["*.pyc", "*.pyo", "*.py[co]"]);

/**
 * A glob whose last segment is a build-output directory's literal name (`**\/__pycache__`, `*\/node_modules`) or a
 * bytecode pattern (`api/**\/*.pyc`): every path it can match is regenerable, wherever the wildcards before it reach.
 */
function regenerableGlob(word: Word, dir: string | null, ctx: EvalContext): boolean {
  if (!word.glob) return false;
  const text = pathText(word, dir ?? "/nonexistent", pathBase(ctx));
  const last = text?.replace(/\/+$/, "").split("/").pop();
  return last !== undefined && text !== null && /[*?[]/.test(text) && ((REGENERABLE_DIRS.has(last) && !/[*?[]/.test(last)) || BYTECODE_PATTERNS.has(last));
}

/**
 * The command removes whole directories with what they hold: rm -r (rimraf, `cargo clean --target-dir`), a find
 * that deletes without choosing files by name (`find notes -delete`, `find dumps -type f -delete`), or a move or
 * archive into nowhere (`mv notes /tmp/`, `tar -cf /dev/null --remove-files notes`, see content-loss.ts).
 */
function removesWholeTrees(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): boolean {
  if ((CLEANERS as readonly string[]).includes(inv.program)) return true;
  if (inv.program === "find") return findDeletes(inv) && !inv.argv.some((w) => !w.dynamic && NAME_TESTS.has(w.value));
  return isDeleter(inv.argv) || discardsContent(inv, parsed, ctx);
}

type ZoneClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** Zones of a destroyed path; a find start at or under the working tree's root is the tree itself (its filters choose what goes). */
export function zones(entry: DestroyedPath, inv: Invocation, ctx: EvalContext): Zone[] {
  if (inv.program !== "find") return zonesOfWord(entry.word, inv.cwd, ctx);
  const root = treeRoot(ctx);
  return (inv.cwd ?? [ctx.cwd]).flatMap((dir) => {
    const abs = absolutePath(entry.word, dir, ctx);
    if (abs !== undefined && root !== undefined && within(abs, root) && !abs.split("/").includes(".git")) return ["tree" as Zone];
    if (abs !== undefined && isTempRoot(abs, ctx)) return ["temp" as Zone];
    return zonesOfWord(entry.word, [dir], ctx);
  });
}

/** An mv destination is overwritten only when something other than a directory is already there. */
function overwritesExisting(entry: DestroyedPath, inv: Invocation, ctx: EvalContext): boolean {
  if (inv.program !== "mv") return true;
  if (!entry.word.dynamic && entry.word.value === "/dev/null") return true;
  // `mv tool /usr/local/bin/`: a trailing slash says the destination is a directory to move into.
  if (entry.word.value.endsWith("/")) return false;
  return (inv.cwd ?? [ctx.cwd]).some((dir) => {
    const abs = absolutePath(entry.word, dir, ctx);
    if (abs === undefined) return true;
    // Configuration that decides who logs in or what runs counts even when new (`mv x ~/.ssh/config`).
    if (isConfigPath(abs, ctx)) return true;
    const kind = ctx.pathKind?.(abs);
    return kind !== "dir" && kind !== "missing";
  });
}

function pick(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext, test: (entry: DestroyedPath, zones: Zone[]) => boolean): Word[] {
  return destroyedPaths(inv, parsed).filter((entry) => test(entry, zones(entry, inv, ctx))).map((e) => e.word);
}

/**
 * The files of a .git directory that hold the repository together: deleting one alone (`rm .git/HEAD`) breaks
 * every git command or loses refs, unlike lock files or hook samples.
 */
const GIT_CORE_FILE = /(?:^|\/)\.git\/(?:HEAD|index|packed-refs|config|refs\/.+|objects\/.+)(?<!\.lock)$/;

/** Whether find's name test `test PATTERN` selects a `.git` directory (`-name .git`, `-name '.gi*'`). */
function picksGit(test: string, pattern: string): boolean {
  const options = { dot: true, nocase: test.startsWith("-i"), nocomment: true, nonegate: true };
  if (test === "-name" || test === "-iname") return globMatch(".git", pattern, options);
  // find's `*` in a path test also matches `/`.
  const path = pattern.replace(/\*+/g, "**");
  if (["-path", "-ipath", "-wholename", "-iwholename"].includes(test)) return ["./a/.git", "./.git", "a/.git"].some((p) => globMatch(p, path, options));
  return false;
}

/** Files that only clutter (Finder and Explorer metadata, editor swap files, bytecode): deleting them anywhere loses nothing. */
const JUNK_NAMES = new Set([".DS_Store", "._*", "Thumbs.db", "desktop.ini", "*.pyc", "*.pyo", "__pycache__", "*.swp", ".*.swp", "*~", "*.orig", "*.rej"]);

/** `find ~ -name .DS_Store -delete`: every name test picks only junk, so where find searches does not matter. */
function findsOnlyJunk(inv: Invocation): boolean {
  if (inv.program !== "find") return false;
  const names = inv.argv.flatMap((w, i) => (i > 0 && ["-name", "-iname"].includes(inv.argv[i - 1].value) ? [w] : []));
  const otherSelectors = inv.argv.some((w) => ["-path", "-ipath", "-regex", "-iregex", "-wholename", "-iwholename", "-o", "-or", "-not", "!"].includes(w.value));
  return names.length > 0 && !otherSelectors && names.every((w) => !w.dynamic && JUNK_NAMES.has(w.value));
}

/** find's tests that choose files by name or emptiness: with one, `find . … -delete` is a targeted cleanup. */
const NAME_TESTS = new Set(["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-empty", "-samefile", "-inum"]);

export const ZONE_CLASSES: Record<string, ZoneClass> = {
  /** A recursive delete (or a move) of a catastrophic path by a program other than rm -r (which has its own rule). */
  "destroys-catastrophic": (_p, inv, ctx, parsed) =>
    inv.program === "find" ? false : pick(inv, parsed, ctx, (e, z) => e.recursive && !e.overwrite && z.includes("catastrophic")),

  /**
   * A path outside the working tree, temp and cache directories is deleted or overwritten: another
   * home folder, a dotfolder, `/var/lib`, `/srv`, a sibling repository. A catastrophic path deleted
   * one file at a time (`rm -f /*`) also counts here.
   */
  "destroys-outside": (_p, inv, ctx, parsed) =>
    // A glob emptying every entry of home, the project or `/` (`truncate -s0 ~/*`, `truncate -s0 *`) loses as much as `rm -f` of them.
    !findsOnlyJunk(inv) && pick(inv, parsed, ctx, (e, z) => (z.includes("outside") || (z.includes("catastrophic") && (!e.recursive || inv.program === "find") && (!e.overwrite || (e.word.glob && inv.program === "truncate")))) && (!e.overwrite || overwritesExisting(e, inv, ctx))),

  /** A recursive delete inside a `.git` directory: history, refs, objects. */
  "destroys-git-internals": (_p, inv, ctx, parsed) =>
    pick(inv, parsed, ctx, (e, z) => (e.recursive || e.overwrite || GIT_CORE_FILE.test(e.word.value)) && z.includes("git")),

  /**
   * `find . -name .git -exec rm -rf {} +`, `find . -name .git -delete`: find picks every `.git` under where it
   * starts, the repository's history with it (the same as `rm -rf .git`). `-prune -o` keeps .git out instead.
   */
  "find-deletes-git-dirs": (_p, inv) => {
    if (inv.program !== "find" || !findDeletes(inv)) return false;
    // `-name .git -prune -o … -delete` keeps .git out: only the branch after the last -o deletes. A `-prune` in the
    // deleting branch itself (`-name .git -prune -exec rm -rf {} +`) still hands every .git to rm.
    const branch = findDeletingBranch(inv.argv);
    return branch.filter((w, i) => i > 0 && !w.dynamic && picksGit(branch[i - 1].value, w.value));
  },

  /** A relative path deleted after a cd guard cannot follow (`cd "$DIR" && rm -rf build`). */
  "destroys-in-unknown-directory": (_p, inv, ctx, parsed) =>
    pick(inv, parsed, ctx, (e, z) => z.includes("unknown") && pathText(e.word, ctx.cwd, pathBase(ctx)) !== null),

  /**
   * `rm -rf DIR` inside the working tree where DIR holds files git cannot bring back: untracked and
   * not ignored (see engine/worktree.ts). Unknown (index unreadable, too many files) counts too.
   */
  "destroys-unrestorable": (_p, inv, ctx, parsed) => {
    const worktree = ctx.worktree;
    if (!worktree || !removesWholeTrees(inv, parsed, ctx)) return false;
    // Build output and installed dependencies are regenerated by the project's own tools, ignored or not.
    const regenerable = (path: string) => path.split("/").some((segment) => REGENERABLE_DIRS.has(segment));
    // `git ls-files -o | xargs rm`, `git status -s | xargs rm`: the files git lists as untracked, deleted one by one (`git clean -f`).
    const listed = losesContent(inv) ? inv.argv.filter((w) => w.unseen === UNTRACKED_FILES) : [];
    if (listed.length) return listed;
    // Whether or not -f is given: an agent's rm has no terminal to prompt on, so nothing stops it.
    return destroyedPaths(inv, parsed).filter((e) => e.recursive && (inv.cwd ?? [ctx.cwd]).some((dir) => {
      const zone = zonesOfWord(e.word, [dir], ctx);
      if (!zone.includes("tree")) return false;
      const abs = absolutePath(e.word, dir, ctx);
      // One untracked file (`rm -rf notes.md`, `mv notes.md /tmp/`) is in guard's undo snapshot; a directory of them asks.
      if (abs !== undefined) return !regenerable(abs.slice(treeRoot(ctx)?.length ?? 0)) && ctx.pathKind?.(abs) !== "file" && worktree.state(abs) !== "clean";
      // `rm -rf **/__pycache__`, `rm -rf api/**/*.pyc`: whatever the glob matches is build output or bytecode by its own name.
      if (regenerableGlob(e.word, dir, ctx)) return false;
      // `rm -rf build/*`, `rm -rf *.log`: the entries of one known directory that match the last segment.
      const glob = globParts(e.word, dir, ctx);
      if (glob !== undefined && regenerable(glob.dir.slice(treeRoot(ctx)?.length ?? 0))) return false;
      return glob === undefined || worktree.stateOfMatches(glob.dir, glob.pattern) !== "clean";
    })).map((e) => e.word);
  },

  /**
   * `rm -f prod.db`, `rm data/app.sqlite3`: a database file inside the working tree that git does not
   * track (untracked or ignored), deleted by name, so nothing brings its rows back. Globs (`rm *.db`) and
   * unknown tracking count too; a tracked database file is restored by `git checkout`.
   */
  "deletes-database-file": (_p, inv, ctx, parsed) => {
    // `mv data /tmp/`, `tar -cf /dev/null --remove-files dumps`: moved or archived where nothing keeps it counts too.
    if (!(inv.program === "find" ? findDeletes(inv) : discardsContent(inv, parsed, ctx))) return false;
    return destroyedPaths(inv, parsed).filter((e) => !e.overwrite && (inv.cwd ?? [ctx.cwd]).some((dir) => {
      // `find . -name '*.db' -delete` (or `-exec rm`, or `| xargs rm`): the name test picks database files in the
      // working tree (its root included), as `rm *.db` does.
      if (inv.program === "find" && findNamesDatabase(inv)) {
        const abs = absolutePath(e.word, dir, ctx);
        const root = ctx.repoRoot;
        if (abs !== undefined && root !== undefined && (abs === root || abs.startsWith(`${root}/`))) return true;
      }
      if (!zonesOfWord(e.word, [dir], ctx).includes("tree")) return false;
      const glob = globParts(e.word, dir, ctx);
      // `rm *.db`, `rm data/*.sqlite*`: the pattern picks database files.
      if (glob !== undefined && (isDatabaseFile(glob.pattern) || /\.(?:db|sqlite|duckdb)/i.test(glob.pattern))) return true;
      // `rm -f data/*`: a wider pattern that reaches an untracked database file in that directory.
      if (glob !== undefined && (ctx.worktree?.databaseMatches?.(glob.dir, glob.pattern) ?? []).some((abs) => !isTestDatabaseFile(abs) && ctx.worktree?.tracked?.(abs) !== true)) return true;
      // `rm -v data/*` reaching into subdirectories, `rm -r data`, `find data -delete`: judged by what the directory holds.
      if (holdsDatabase(e, glob, inv, ctx, dir)) return true;
      if (glob !== undefined) return false;
      const abs = absolutePath(e.word, dir, ctx);
      // A test suite's own database (`test.db`, `app_test.sqlite3`) is made again on its next run.
      return abs !== undefined && isDataFile(abs) && ctx.worktree?.tracked?.(abs) !== true;
    })).map((e) => e.word);
  },

  /** `find . -mtime +7 -delete`: find deletes across the whole working tree, choosing files by age or size rather than by name. */
  "find-tree-root-unfiltered": (_p, inv, ctx) => {
    if (!findDeletes(inv) || inv.argv.some((w) => !w.dynamic && NAME_TESTS.has(w.value))) return false;
    const roots = [ctx.cwd, ctx.repoRoot, treeRoot(ctx)].filter((d): d is string => d !== undefined);
    return findStarts(inv).filter((w) => (inv.cwd ?? [ctx.cwd]).some((dir) => {
      const abs = absolutePath(w, dir, ctx);
      return abs === undefined || roots.some((r) => within(r, abs));
    }));
  },
};
