// The `overwrites-modified` target class: a write that replaces a tracked file's uncommitted change (`git show HEAD:f > f`, `cp x f`, `git diff | git apply -R`).
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { contentWrites } from "./written";
import { destroyedPaths, losesContent } from "./destroyed";
import { absolutePath, treeRoot, zonesOfWord } from "./zones";
import { REGENERABLE_DIRS } from "./zone-classes";
import { gitPlaces } from "./git-place";

/** In-place editors transform what is there (the change survives, edited); emptying them is destroys-modified's. */
const IN_PLACE_EDITORS = new Set(["sed", "gsed", "perl", "ruby"]);

/** Copiers whose destination may be a directory they copy into: the file replaced is DIR/basename(source). */
const COPIERS = new Set(["cp", "mv", "install", "ln"]);

/** Literal words of `argv` that are not options, after the subcommand at `from`; everything after `--` when present. */
function operands(argv: Word[], from: number): { words: Word[]; dashes: boolean } {
  const dashes = argv.findIndex((w, i) => i > from && !w.dynamic && w.value === "--");
  if (dashes >= 0) return { words: argv.slice(dashes + 1), dashes: true };
  return { words: argv.slice(from + 1).filter((w) => w.dynamic || !w.value.startsWith("-")), dashes: false };
}

/** The git subcommand's index in argv (after global options), or -1. */
function gitSub(inv: Invocation | undefined, name: string): number {
  if (inv?.program !== "git") return -1;
  const i = inv.argv.findIndex((w, j) => j > 0 && !w.dynamic && !w.value.startsWith("-") && !["-C", "-c"].includes(inv.argv[j - 1].value));
  return i > 0 && inv.argv[i].value === name ? i : -1;
}

const flag = (inv: Invocation, re: RegExp) => inv.argv.some((w) => !w.dynamic && re.test(w.value));

/**
 * `git diff [-- PATH] | git apply -R`, `… | patch -R`: reverse-applying the working tree's own uncommitted diff
 * takes those changes back out, which is `git checkout -- PATH` spelled as a patch. The paths the diff covers.
 * A diff of the index (`--cached`) or between commits leaves the change staged or was never the tree's.
 */
function reversedUncommitted(inv: Invocation, dir: string, root: string, ctx: EvalContext): string[] {
  const isApply = gitSub(inv, "apply") > 0;
  if (!isApply && inv.program !== "patch") return [];
  if (!flag(inv, /^(?:-R|--reverse|-[a-zA-Z]*R[a-zA-Z]*)$/) || flag(inv, /^(?:--check|--stat|--numstat|--summary|--dry-run|--cached)$/)) return [];
  const producer = inv.stdin?.kind === "pipe" ? inv.stdin.producer : undefined;
  if (!producer) return reversedPatchFile(inv, isApply, dir, root, ctx);
  if (flag(producer, /^(?:--cached|--staged|--no-index)$/)) return [];
  const diff = gitSub(producer, "diff");
  // A program guard does not know that prints a diff (`mytool run git diff | patch -R`): any uncommitted change may be in it.
  if (diff < 0) return producer.program !== "git" && producer.argv.some((w) => w.dynamic || w.value === "diff") ? [root] : [];
  const { words, dashes } = operands(producer.argv, diff);
  // Without `--`, words may be commits (`git diff HEAD`): compared with the tree all the same, so the whole tree counts.
  const paths = dashes ? words : [];
  if (paths.some((w) => w.dynamic)) return [root];
  return paths.length ? paths.map((w) => posix.resolve(dir, w.value)) : [root];
}

/** A diff's target paths (`+++ b/src/a.js`, `diff --git a/x b/x`), with git's one leading directory taken off. */
const PATCH_TARGET = /^(?:\+\+\+ |diff --git \S+ )(?:[ab]\/)?(\S+)/gm;

/**
 * `git apply -R FILE`, `patch -R -i FILE`, `patch -R < FILE`: a saved patch reversed (`git diff > p && git apply -R p`
 * is `git diff | git apply -R` spelled with a file). The files the patch names, read when it is there; a patch
 * guard cannot read (written earlier in the same command, a variable) may name any file of the tree.
 */
function reversedPatchFile(inv: Invocation, isApply: boolean, dir: string, root: string, ctx: EvalContext): string[] {
  const named = isApply
    ? inv.argv.slice(gitSub(inv, "apply") + 1).filter((w) => w.dynamic || !w.value.startsWith("-"))
    : [...inv.argv.filter((w, i) => ["-i", "--input"].includes(inv.argv[i - 1]?.value ?? "")), ...(inv.stdin?.kind === "file" ? [inv.stdin.path] : [])];
  if (named.length === 0) return [];
  const base = isApply ? root : dir;
  const paths: string[] = [];
  for (const word of named) {
    const text = word.dynamic ? undefined : ctx.readFile?.(posix.resolve(dir, word.value));
    if (text === undefined) return [root];
    for (const m of text.matchAll(PATCH_TARGET)) if (m[1] !== "/dev/null") paths.push(posix.resolve(base, m[1]));
  }
  return paths;
}

/**
 * `git -C ../app diff | git -C ../app apply -R`: a reversed diff of another repository (or one guard cannot place)
 * takes back that repository's uncommitted changes, judged by its own index; undefined when the diff is the start
 * directory's (judged with the paths it covers, below).
 */
function reversedElsewhere(inv: Invocation, dir: string, root: string, ctx: EvalContext): boolean | undefined {
  const producer = inv.stdin?.kind === "pipe" ? inv.stdin.producer : undefined;
  if (!producer || producer.program !== "git" || reversedUncommitted(inv, dir, root, ctx).length === 0) return undefined;
  const places = [...gitPlaces(producer, ctx), ...(inv.program === "git" ? gitPlaces(inv, ctx) : [])];
  if (places.every((p) => p !== null && p.worktree === ctx.worktree)) return undefined;
  return places.some((p) => {
    const modified = p?.worktree?.modified?.bind(p.worktree);
    if (!p || !modified || p.root === undefined) return true;
    return modified(p.root) !== undefined;
  });
}

/** `git archive REV [PATH…] | tar -x [-C DIR]`: the tracked files unpacked over the tree, as they are in REV. */
function unpackedFromGit(inv: Invocation, parsed: ParsedArgs, dir: string, ctx: EvalContext): string[] {
  if (inv.program !== "tar" && inv.program !== "bsdtar") return [];
  const extracting = inv.argv.some((w, i) => !w.dynamic && (w.value === "-x" || w.value === "--extract" || (/^-?[a-zA-Z]*x[a-zA-Z]*$/.test(w.value) && (i === 1 || w.value.startsWith("-")))));
  if (!extracting || flag(inv, /^(?:-k|--keep-old-files|--skip-old-files|--keep-newer-files|-[a-zA-Z]*k[a-zA-Z]*)$/)) return [];
  const producer = inv.stdin?.kind === "pipe" ? inv.stdin.producer : undefined;
  const archive = gitSub(producer, "archive");
  if (archive < 0 || !producer || flag(producer, /^(?:-o|--output)(?:=|$)/)) return [];
  const into = parsed.options.find((o) => (o.name === "-C" || o.name === "--directory") && o.value !== undefined)?.value;
  const base = into === undefined ? dir : posix.resolve(dir, into);
  const prefix = producer.argv.find((w) => !w.dynamic && w.value.startsWith("--prefix="))?.value.slice(9) ?? "";
  // The first operand is the tree-ish; the rest narrow what is archived (relative to the repository root).
  const paths = operands(producer.argv, archive).words.slice(1).filter((w) => !w.value.startsWith("--"));
  if (paths.some((w) => w.dynamic)) return [posix.resolve(base, prefix)];
  return paths.length ? paths.map((w) => posix.resolve(base, prefix, w.value)) : [posix.resolve(base, prefix)];
}

/** The files a replacing write lands on (a redirection's, or the program's own); a copier's directory destination means DIR/basename(source). */
function replacedFiles(inv: Invocation, parsed: ParsedArgs, dir: string, ctx: EvalContext, redirected: boolean): string[] {
  const redirects = new Set(inv.redirects.map((r) => r.target));
  if (redirected) return inTree(inv.redirects.filter((r) => r.target && (r.operator === ">" || r.operator === ">|" || r.operator === "&>")).map((r) => r.target!), inv, parsed, dir, ctx);
  return inTree([
    ...(IN_PLACE_EDITORS.has(inv.program) ? [] : contentWrites(inv, parsed).filter((e) => e.mode === "replace" && !redirects.has(e.word)).map((e) => e.word)),
    // `mv x FILE` moves other content over FILE (its own content is kept elsewhere, so destroys-modified does not count it).
    ...(losesContent(inv) ? [] : destroyedPaths(inv, parsed).filter((d) => d.overwrite).map((d) => d.word)),
  ], inv, parsed, dir, ctx);
}

/** The absolute files `targets` name inside the working tree. */
function inTree(targets: Word[], inv: Invocation, parsed: ParsedArgs, dir: string, ctx: EvalContext): string[] {
  const out: string[] = [];
  for (const target of new Set(targets)) {
    if (!zonesOfWord(target, [dir], ctx).includes("tree")) continue;
    const abs = absolutePath(target, dir, ctx);
    if (abs === undefined) continue;
    // A file that is not there holds no change (the index answer says so too); a directory is copied into.
    const dirLike = ctx.pathKind?.(abs) === "dir" || (!target.dynamic && target.value.endsWith("/"));
    if (!dirLike) out.push(abs);
    else if (COPIERS.has(inv.program)) out.push(...parsed.positionals.filter((w) => w !== target && !w.dynamic).map((s) => posix.join(abs, posix.basename(s.value))));
  }
  return out;
}

export const UNCOMMITTED_OVERWRITE_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean> = {
  /**
   * A write replaces a tracked file whose content differs from the index, so its uncommitted change exists
   * nowhere else: `git show HEAD:f > f`, `git cat-file -p REV:f > f`, `cp README.md f`, `mv other f`, `tee f`,
   * `git archive HEAD | tar -x`, `git diff | git apply -R`. Rewriting a clean tracked file, writing a new file,
   * an ignored one or build output is left alone: git (or the build) brings those back.
   */
  "overwrites-modified": (_p, inv, ctx, parsed) => replacesChange(inv, ctx, parsed, false),

  /** The same through a redirection: `git show HEAD:f > f`, `cat other > f`. */
  "redirect-overwrites-modified": (_p, inv, ctx, parsed) => replacesChange(inv, ctx, parsed, true),
};

/** Whether the files this command replaces (by redirection, or by the program itself) hold an uncommitted change. */
function replacesChange(inv: Invocation, ctx: EvalContext, parsed: ParsedArgs, redirected: boolean): boolean {
  const modified = ctx.worktree?.modified?.bind(ctx.worktree);
  const root = treeRoot(ctx);
  if (!modified || root === undefined) return false;
  // Build output and installed dependencies are made again by the project's tools, tracked or not.
  const regenerable = (abs: string) => abs.slice(root.length).split("/").some((segment) => REGENERABLE_DIRS.has(segment));
  // `exact`: a written file is that file only, never what a directory of the name holds (`cp x src/` is src/x).
  const holdsChange = (abs: string, exact: boolean) => {
    if ((abs !== root && !abs.startsWith(`${root}/`)) || regenerable(abs)) return false;
    const found = modified(abs);
    return found !== undefined && found !== "unknown" && (!exact || found === abs || found === abs.slice(root.length + 1));
  };
  return (inv.cwd ?? [ctx.cwd]).some((dir) => {
    if (dir === null) return false;
    if (replacedFiles(inv, parsed, dir, ctx, redirected).some((abs) => holdsChange(abs, true))) return true;
    const elsewhere = redirected ? undefined : reversedElsewhere(inv, dir, root, ctx);
    if (elsewhere !== undefined) return elsewhere;
    return !redirected && [...unpackedFromGit(inv, parsed, dir, ctx), ...reversedUncommitted(inv, dir, root, ctx)].some((abs) => holdsChange(abs, false));
  });
}
