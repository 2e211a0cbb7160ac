// The `destroys-modified` target class: a delete in the working tree that takes tracked files with uncommitted changes.
import { posix } from "node:path";
import { TRACKED_FILES, type Invocation, type Word } from "../shell/model";
import type { EvalContext, WorktreeFacts } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { globMatch } from "../core/glob";
import { FIND_EXEC } from "../shell/wrappers";
import { destroyedPaths, findDeletingBranch } from "./destroyed";
import { discardsContent } from "./content-loss";
import { absolutePath, treeRoot } from "./zones";
import { gitPlaces, type GitPlace } from "./git-place";
import { globParts, REGENERABLE_DIRS, zones } from "./zone-classes";

/** find's selectors that make a plain `-name` filter wrong (alternatives, negation, whole-path tests): the whole tree counts. */
const FIND_COMPLEX = new Set(["-o", "-or", "-not", "!", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", ","]);

/** Which files find can delete, from its `-name`/`-iname` tests; "none" when it deletes only directories or empty files. */
function findFilter(inv: Invocation): ((rel: string) => boolean) | "none" | undefined {
  const words = findDeletingBranch(inv.argv.slice(1));
  const at = (i: number) => words[i]?.value;
  // `-exec rm -rf {} +` on directories takes everything in them; `-delete` removes only empty ones.
  const directories = words.some((_w, i) => at(i) === "-type" && at(i + 1) === "d");
  const wholeDirectories = directories && execsRecursiveDelete(words);
  // `-type d` (empty directories) and `-empty` remove nothing git has recorded content for.
  if ((directories && !wholeDirectories) || words.some((w) => w.value === "-empty")) return "none";
  if (inv.argv.some((w) => w.dynamic) || words.some((w) => FIND_COMPLEX.has(w.value))) return undefined;
  const names = words.flatMap((w, i) => (i > 0 && (at(i - 1) === "-name" || at(i - 1) === "-iname") ? [{ pattern: w.value, nocase: at(i - 1) === "-iname" }] : []));
  if (!names.length) return undefined;
  const named = (segment: string) => names.every((n) => globMatch(segment, n.pattern, { dot: true, nocase: n.nocase }));
  // `find . -type d -name src -exec rm -rf {} +`: a file goes when a directory above it has the name.
  if (wholeDirectories) return (rel) => rel.split("/").slice(0, -1).some(named);
  // `find . -name src -exec rm -rf {} +` without `-type f`: the name may be a directory's, and all it holds goes too.
  if (execsRecursiveDelete(words) && !words.some((_w, i) => at(i) === "-type" && at(i + 1) === "f")) return (rel) => rel.split("/").some(named);
  return (rel) => named(posix.basename(rel));
}

/** find -exec/-execdir runs `rm -r…` or rimraf: each directory it is handed goes with all it holds. */
function execsRecursiveDelete(words: Word[]): boolean {
  return words.some((w, i) => {
    if (!FIND_EXEC.has(w.value)) return false;
    const program = words[i + 1]?.value.replace(/^.*\//, "");
    if (program === "rimraf") return true;
    if (program !== "rm") return false;
    const end = words.findIndex((x, j) => j > i && (x.value === ";" || x.value === "+"));
    return words.slice(i + 2, end < 0 ? undefined : end).some((x) => /^-[a-zA-Z]*[rR]/.test(x.value) || x.value === "--recursive");
  });
}

const regenerable = (rel: string) => rel.split("/").some((segment) => REGENERABLE_DIRS.has(segment));

/**
 * The words `git checkout [REF] [--] PATH…`, `git restore PATH…` and `git checkout-index -f PATH…` may rewrite from
 * git, and `git rm -f PATH…` removes (the caller keeps those that name a modified path); whether the index is
 * rewritten too (`git checkout REV -- f`, `git rm -f f`), which discards what was staged there as well; and whether
 * every word is surely a path.
 */
function restoreTargets(inv: Invocation, parsed: ParsedArgs): { words: Word[]; index: boolean; paths: boolean } {
  const none = { words: [], index: false, paths: false };
  const pos = parsed.positionals;
  const sub = pos[0]?.value;
  if (inv.program !== "git" || (sub !== "checkout" && sub !== "restore" && sub !== "checkout-index" && sub !== "rm")) return none;
  const flag = (re: RegExp) => inv.argv.some((w) => !w.dynamic && re.test(w.value));
  // `git rm` refuses a file with local changes unless forced; --cached leaves the working tree, -n removes nothing.
  if (sub === "rm" && (!flag(/^(?:--force|-[a-zA-Z]*f[a-zA-Z]*)$/) || flag(/^(?:--cached|--dry-run|-[a-zA-Z]*n[a-zA-Z]*)$/))) return none;
  // checkout-index leaves existing files alone without --force, and --prefix/--temp write somewhere else; --no-create
  // only skips deleted files, so with --force it still overwrites every edited one.
  if (sub === "checkout-index" && (!flag(/^(?:-f|--force|-[a-zA-Z]*f[a-zA-Z]*)$/) || flag(/^(?:--prefix|--temp)(?:=|$)/))) return none;
  // `git restore --staged` only unstages; with --worktree too it also rewrites the files.
  if (sub === "restore" && flag(/^(?:--staged|-S)$/) && !flag(/^(?:--worktree|-W)$/)) return none;
  if (sub === "checkout" && flag(/^(?:-b|-B|--orphan)$/)) return none;
  const dashes = inv.argv.findIndex((w) => !w.dynamic && w.value === "--");
  const words = dashes >= 0 ? inv.argv.slice(dashes + 1) : pos.slice(1);
  // `git checkout REV -- f` (or `REV f`: the first word may be a revision) and `git rm -f` rewrite the index too.
  const paths = new Set(words);
  const index = sub === "rm" || (sub === "checkout" && pos.slice(1).some((w) => !paths.has(w) || (dashes < 0 && pos.length > 2)))
    || (sub === "restore" && flag(/^(?:--staged|-S)$/));
  // Without `--`, a word that names a modified path is a path to git too (git reads a branch first only when one has that name).
  // Every word is a path, except a checkout's before `--`, which may name a branch.
  return { words, index, paths: sub !== "checkout" || dashes >= 0 };
}

/** A staged change under `abs` may exist: the index's cache tree no longer holds its directory (see engine/worktree.ts). */
function mayBeStaged(abs: string, worktree: WorktreeFacts | undefined): boolean {
  return worktree?.staged?.(abs) !== "none";
}

/**
 * A git pathspec's wildcards as a matcher of paths relative to where it is given: `*` and `?` cross `/`, as in git.
 * Read loosely, so it matches at least what git does: `**\/` also matches no directory, a bracket any one character.
 */
function pathspecMatcher(spec: string): (rel: string) => boolean {
  const source = spec.replace(/\/+$/, "").replace(/\*\*\/|\*|\?|\[[^\]]*\]|[\\^$.|+(){}[\]]/g, (t) =>
    t === "**/" ? "(?:.*/)?" : t === "*" ? ".*" : t === "?" || (t.startsWith("[") && t.length > 1) ? "." : `\\${t}`);
  const re = new RegExp(`^${source}(?:/.*)?$`, "s");
  return (rel) => re.test(rel);
}

/**
 * Whether restoring the working tree at a pathspec (`git restore src/`, `git checkout -- '*.ts'`) may lose an
 * uncommitted edit: a tracked file under it differs from the index (or, when the index is rewritten too, something
 * under it may be staged), or guard cannot tell (no repository facts, a repository it cannot read,
 * a path outside the repository, magic or dynamic pathspecs, past the bounds). A clean directory loses nothing.
 */
export function mayLoseWorktreeEdits(word: Word, place: GitPlace | null, index = false): boolean {
  const root = place?.root;
  const modified = place?.worktree?.modified?.bind(place.worktree);
  if (!place || !modified || root === undefined || word.dynamic || word.value.startsWith(":")) return true;
  const dir = place.dir;
  const wild = /[*?[]/.test(word.value);
  const abs = posix.resolve(dir, wild ? "." : word.value);
  if (abs !== root && !abs.startsWith(`${root}/`)) return true;
  if (abs.split("/").includes(".git")) return true;
  const found = wild ? modified(abs, pathspecMatcher(posix.relative(dir, posix.resolve(dir, word.value)))) : modified(abs);
  // Rewriting the index too (`git checkout REV -- src`) discards what is staged there as well.
  return found !== undefined || (index && mayBeStaged(abs, place.worktree));
}

export const MODIFIED_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean> = {
  /**
   * `git checkout src/app.py`, `git restore src/app.py`, `git checkout HEAD -- src/app.py`, `git rm -f src/app.py`:
   * a named file or directory with an uncommitted change is rewritten from git or removed, and the change exists nowhere else.
   */
  "discards-modified": (_p, inv, ctx, parsed) => {
    const { words, index, paths } = restoreTargets(inv, parsed);
    if (!words.length) return [];
    const places = gitPlaces(inv, ctx);
    return words.filter((w) => places.some((place) => {
      // A word that is surely a path, or looks like one (a checkout's word may be a branch), where guard cannot see the
      // repository (`ssh host '…'`, a container, `git -C "$DIR"`, an unreadable repository): it may hold changes.
      const pathLike = paths || w.dynamic || /\.[A-Za-z0-9]+$|\/$|^\.$/.test(w.value);
      const modified = place?.worktree?.modified?.bind(place.worktree);
      if (!place || !modified || place.root === undefined) return pathLike;
      const abs = absolutePath(w, place.dir, ctx);
      const root = place.root;
      // Outside the repository git works on, git refuses the path; a word guard cannot place may be anywhere in it.
      if (abs === undefined) return pathLike;
      if (abs !== root && !abs.startsWith(`${root}/`)) return false;
      const found = modified(abs);
      return (found !== undefined && found !== "unknown") || (index && mayBeStaged(abs, place.worktree));
    }));
  },

  /**
   * A delete in the working tree reaches a tracked file whose stat differs from the index (see
   * engine/worktree.ts): its uncommitted change exists nowhere else. Past the bounds the answer is
   * unknown, which counts only for recursive forced deletes, as for untracked files.
   */
  "destroys-modified": (_p, inv, ctx, parsed) => {
    const worktree = ctx.worktree;
    const root = treeRoot(ctx);
    const modified = worktree?.modified?.bind(worktree);
    if (!modified || root === undefined || !discardsContent(inv, parsed, ctx)) return false;
    const filter = inv.program === "find" ? findFilter(inv) : undefined;
    if (filter === "none") return false;
    const hit = (found: string | undefined, recursive: boolean, forced: boolean) => found !== undefined && (found !== "unknown" || (recursive && forced));
    const out: Word[] = [];
    const destroyed = destroyedPaths(inv, parsed);
    // `git ls-files | xargs rm`: the listed files are among what the command destroys. `xargs vim` only opens them, and
    // `xargs sed -i d` empties them only when its script does: the program's own paths decide, as for named files.
    if (destroyed.some((e) => e.word.unseen === TRACKED_FILES) && hit(modified(root), false, true)) {
      out.push(...inv.argv.filter((w) => w.unseen === TRACKED_FILES));
    }
    for (const e of destroyed) {
      if (!zones(e, inv, ctx).includes("tree")) continue;
      const found = (inv.cwd ?? [ctx.cwd]).some((dir) => {
        const abs = absolutePath(e.word, dir, ctx);
        if (abs !== undefined) return !regenerable(abs.slice(root.length)) && hit(modified(abs, filter), e.recursive, e.forced);
        // `rm -f *.js`, `rm -rf src/*`: the entries of one known directory whose names match the last segment.
        const glob = globParts(e.word, dir, ctx);
        if (glob === undefined) return false;
        if (regenerable(glob.dir.slice(root.length))) return false;
        const entry = (rel: string) => {
          const first = rel.split("/")[0];
          return (e.recursive || !rel.includes("/")) && globMatch(first, glob.pattern, { dot: glob.pattern.startsWith(".") });
        };
        return hit(modified(glob.dir, entry), e.recursive, e.forced);
      });
      if (found) out.push(e.word);
    }
    return out;
  },
};
