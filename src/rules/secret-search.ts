// Target class for searches for credential NAMES that provably read no file holding credentials: `rg -n 'SECRET|TOKEN' src`.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { globMatch } from "../core/glob";
import { absolutePath } from "./zones";
import { isSecretFile } from "./secret-files";

/** What a search reads: its start paths, whether hidden and ignored entries count, and a file-name filter. */
interface Reach {
  roots: Word[];
  hidden: boolean;
  ignored: boolean;
  /** `grep --include='*.py'`: only files whose base name passes are read. */
  include?: (name: string) => boolean;
}

/** Read options out of `argv` with `valued(letter-or-long)` telling which take a value; undefined on a computed word. */
function operands(argv: readonly Word[], valuedShort: string, valuedLong: RegExp, onOption: (name: string, value?: string) => boolean): Word[] | undefined {
  const out: Word[] = [];
  let patternGiven = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return undefined;
    const v = w.value;
    if (v === "--") {
      out.push(...argv.slice(i + 1));
      break;
    }
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq < 0 ? v : v.slice(0, eq);
      let value = eq < 0 ? undefined : v.slice(eq + 1);
      if (value === undefined && valuedLong.test(name)) value = argv[++i]?.value;
      if (name === "--regexp" || name === "--file") patternGiven = true;
      if (!onOption(name, value)) return undefined;
      continue;
    }
    if (v.startsWith("-") && v !== "-") {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k];
        if (valuedShort.includes(letter)) {
          const value = k + 1 < v.length ? v.slice(k + 1) : argv[++i]?.value;
          if (letter === "e" || letter === "f") patternGiven = true;
          if (!onOption(`-${letter}`, value)) return undefined;
          break;
        }
        if (!onOption(`-${letter}`)) return undefined;
      }
      continue;
    }
    out.push(w);
  }
  // Without -e/-f the first operand is the pattern.
  return patternGiven ? out : out.slice(1);
}

/** grep -r: reads hidden and ignored files alike; `--include` limits the files when it is the first filter given. */
function grepReach(inv: Invocation): Reach | undefined {
  let recursive = false;
  let firstFilter: string | undefined;
  const includes: string[] = [];
  const known = /^(?:-[rinlLcqosvwxEFGPhHIaUzZbT]|--(?:recursive|ignore-case|no-ignore-case|line-number|files-with-matches|files-without-match|count|quiet|silent|only-matching|invert-match|word-regexp|line-regexp|fixed-strings|extended-regexp|basic-regexp|perl-regexp|no-filename|with-filename|no-messages|null|null-data|text|byte-offset|initial-tab|color|colour|line-buffered|exclude|exclude-dir|include|context|after-context|before-context|max-count|regexp|file|label))$/;
  const roots = operands(inv.argv, "efmABCdD", /^--(?:regexp|file|max-count|context|after-context|before-context|include|exclude|exclude-dir|label|directories|devices)$/, (name, value) => {
    if (name === "-r" || name === "--recursive") recursive = true;
    if ((name === "--include" || name === "--exclude") && firstFilter === undefined) firstFilter = name;
    if (name === "--include" && value !== undefined) includes.push(value);
    if (name === "-d" || name === "--directories") return value === "skip" || value === "read";
    if (name === "-D" || name === "--devices") return value === "skip";
    return known.test(name) || /^-[efmABC]$/.test(name);
  });
  if (roots === undefined || roots.some((w) => w.value === "-")) return undefined;
  const include = firstFilter === "--include" ? (name: string) => includes.some((g) => globMatch(name, g, { dot: true })) : undefined;
  const dot: Word = { value: ".", raw: ".", dynamic: false, glob: false, span: inv.span };
  return { roots: roots.length ? roots : recursive ? [dot] : [], hidden: true, ignored: true, include };
}

/** ripgrep: skips hidden and ignored entries below its start paths unless told otherwise; globs and types are not followed. */
function rgReach(inv: Invocation): Reach | undefined {
  let hidden = false;
  let ignored = false;
  const known = /^(?:-[inwxFsSlcqvoHNIa0Uu]|--(?:ignore-case|smart-case|case-sensitive|word-regexp|line-regexp|fixed-strings|line-number|no-line-number|files-with-matches|files-without-match|count|count-matches|quiet|only-matching|invert-match|with-filename|no-filename|no-heading|heading|vimgrep|column|trim|multiline|text|null|color|colors|context|after-context|before-context|max-count|max-columns|max-columns-preview|sort|sortr|threads|regexp|file|json|stats|hidden|no-ignore|no-ignore-vcs|no-ignore-dot|no-ignore-exclude|no-ignore-global|no-ignore-parent|unrestricted|max-depth))$/;
  const roots = operands(inv.argv, "efmABCMjd", /^--(?:regexp|file|max-count|context|after-context|before-context|max-columns|threads|sort|sortr|color|colors|max-depth)$/, (name) => {
    if (name === "-." || name === "--hidden") hidden = true;
    else if (name === "-u" || name === "--unrestricted") {
      // -u: ignore files off; -uu: hidden files too.
      if (ignored) hidden = true;
      ignored = true;
    } else if (/^--no-ignore/.test(name)) ignored = true;
    return name === "-." || known.test(name) || /^-[efmABCMjd]$/.test(name);
  });
  if (roots === undefined || roots.some((w) => w.value === "-")) return undefined;
  const dot: Word = { value: ".", raw: ".", dynamic: false, glob: false, span: inv.span };
  return { roots: roots.length ? roots : [dot], hidden, ignored };
}

/** Whether no start path of the search reaches a secret file, every one of them inside the repository. */
function reachesNoSecret(reach: Reach, inv: Invocation, ctx: EvalContext): boolean {
  const worktree = ctx.worktree;
  const root = ctx.repoRoot;
  if (!worktree?.searchedFileUnder || !root) return false;
  const wanted = (rel: string) => isSecretFile(rel) && (reach.include === undefined || reach.include(rel.slice(rel.lastIndexOf("/") + 1)));
  return reach.roots.every((word) => !word.glob && (inv.cwd ?? [ctx.cwd]).every((dir) => {
    const abs = dir === null ? undefined : absolutePath(word, dir, ctx);
    if (abs === undefined || (abs !== root && !abs.startsWith(`${root}/`))) return false;
    // A secret file named outright is read whatever the filters say.
    if (isSecretFile(abs)) return false;
    return worktree.searchedFileUnder!(abs, { hidden: reach.hidden, ignored: reach.ignored, wanted }) === undefined;
  }));
}

/**
 * git grep reads tracked files (already the agent's to read) at their working-tree content: none of them may be a
 * secret file. Untracked or unindexed searches, submodules, and words that may name a revision (whose trees
 * may hold a secret since removed) are not covered.
 */
function gitGrepReachesNoSecret(inv: Invocation, ctx: EvalContext): boolean {
  // `git -C DIR grep`, `git --work-tree=… grep`: another tree than the one guard reads.
  if (inv.argv[1]?.value !== "grep") return false;
  const args = inv.argv.slice(2);
  const dashes = args.findIndex((w) => w.value === "--");
  const before = dashes < 0 ? args : args.slice(0, dashes);
  if (args.some((w) => w.dynamic) || before.some((w) => /^(?:--untracked|--no-index|--recurse-submodules|-O.*|--open-files-in-pager.*)$/.test(w.value))) return false;
  // Operands before `--` other than the pattern must be paths that exist here (anything else may be a revision).
  const patternGiven = before.some((w) => /^(?:-e|--regexp|-f|--file)(?:=|$)|^-[a-zA-Z]*[ef]$/.test(w.value));
  const valued = /^(?:-[eABCfm]|--(?:regexp|file|context|after-context|before-context|max-count|max-depth|threads))$/;
  const words: Word[] = [];
  for (let i = 0; i < before.length; i++) {
    if (valued.test(before[i].value)) i++;
    else if (!before[i].value.startsWith("-")) words.push(before[i]);
  }
  const extra = patternGiven ? words : words.slice(1);
  const dirs = inv.cwd ?? [ctx.cwd];
  if (!extra.every((w) => /^[\w./-]+$/.test(w.value) && dirs.every((d) => {
    const abs = d === null ? undefined : absolutePath(w, d, ctx);
    const kind = abs === undefined ? undefined : ctx.pathKind?.(abs);
    return kind === "file" || kind === "dir";
  }))) return false;
  return ctx.worktree?.trackedFile?.(isSecretFile) === undefined;
}

export const SECRET_SEARCH_CLASSES = {
  /**
   * `grep -rn 'API_KEY' --include='*.py' api`, `rg -n 'SECRET|TOKEN' src api`, `git grep -n API_KEY`: a search
   * for credential names inside the repository that reads no file holding credentials (see secret-files.ts):
   * ripgrep skips hidden and ignored files, `--include` limits grep to source files, git grep reads tracked
   * files. A search that can reach `.env`, a key or a credential file, outside the repository, or with options
   * guard does not follow, is the hunt the rule asks about.
   */
  "search-reaches-no-secret-file": (_p: Word[], inv: Invocation, ctx: EvalContext): boolean => {
    if (inv.program === "git") return gitGrepReachesNoSecret(inv, ctx);
    const reach = inv.program === "rg" ? rgReach(inv) : ["grep", "egrep", "fgrep"].includes(inv.program) ? grepReach(inv) : undefined;
    return reach !== undefined && reach.roots.length > 0 && reachesNoSecret(reach, inv, ctx);
  },
};
