// git-extras subcommands (`git delete-branch`, `git reset-file`, …) judged as the plain git commands they run, per their manuals.
import type { Word } from "./model";
import type { Unwrapped } from "./unwrapped";
import { literalWord } from "./words";

/** Positionals of a git-extras command: its arguments minus options, up to `--` (obliterate passes rev-list options after it). */
function positionals(args: Word[]): Word[] {
  const end = args.findIndex((w) => w.value === "--");
  return (end < 0 ? args : args.slice(0, end)).filter((w) => w.dynamic || !w.value.startsWith("-"));
}

type Expansion = (args: Word[]) => (string | Word)[][];

/**
 * What each subcommand runs, as git argvs (strings are literal words; Words are the user's own, kept dynamic if they
 * were). Only the steps that can lose something are listed; commands that ask first (`git clear`, `git sync`) count
 * only in their forced forms, the way `rm -i` does.
 */
const EXPANSIONS: Record<string, Expansion> = {
  // Deletes each branch locally (-D) and on the remote.
  "delete-branch": (args) => {
    const names = positionals(args);
    return names.length ? [["git", "branch", "-D", ...names], ["git", "push", "origin", "--delete", ...names]] : [];
  },
  // Deletes each tag locally and on the remote.
  "delete-tag": (args) => {
    const names = positionals(args);
    return names.length ? [["git", "tag", "-d", ...names], ...names.map((n) => ["git", "push", "origin", tagRef(n)])] : [];
  },
  // `git rename-tag OLD NEW`: the old tag is deleted locally and on the remote.
  "rename-tag": (args) => {
    const [old] = positionals(args);
    return old ? [["git", "tag", "-d", old], ["git", "push", "origin", tagRef(old)]] : [];
  },
  // `git rename-branch NEW [OLD]`: OLD (default: the current branch, HEAD) is renamed and deleted on the remote.
  "rename-branch": (args) => {
    const [renamed, old] = positionals(args);
    if (!renamed) return [];
    return [["git", "branch", "-m", ...(old ? [old] : []), renamed], ["git", "push", "origin", "--delete", old ?? "HEAD"]];
  },
  // `git reset-file FILE [COMMIT]`: the file's uncommitted changes are replaced by its committed version.
  "reset-file": (args) => {
    const [file, commit] = positionals(args);
    return file ? [["git", "checkout", commit ?? "HEAD", "--", file]] : [];
  },
  // `git undo [-s|-h] [N]`: a reset of the last N commits; --hard also discards uncommitted work.
  undo: (args) => {
    const hard = args.some((w) => w.value === "--hard" || w.value === "-h");
    const soft = args.some((w) => w.value === "--soft" || w.value === "-s");
    const count = positionals(args)[0];
    const to = count && /^\d+$/.test(count.value) ? `HEAD~${count.value}` : "HEAD~1";
    return [["git", "reset", ...(hard ? ["--hard"] : soft ? ["--soft"] : []), to]];
  },
  // `git force-clone [-b B] URL DIR`: an existing repository at DIR is force-reset to the remote, its local work discarded.
  "force-clone": (args) => {
    const ps = positionals(args.filter((_w, i) => args[i - 1]?.value !== "-b" && args[i - 1]?.value !== "--branch"));
    const dir = ps.length >= 2 ? ps[ps.length - 1] : undefined;
    if (!dir) return [];
    return [["git", "-C", dir, "reset", "--hard"], ["git", "-C", dir, "clean", "-ffdx"]];
  },
  // `git obliterate FILES… [-- REVS]`: every commit (all refs by default) is rewritten without the files.
  obliterate: (args) => {
    const files = positionals(args);
    return files.length ? [["git", "filter-branch", "-f", "--index-filter", "git rm -r --cached --ignore-unmatch", "--prune-empty", "--", "--all"]] : [];
  },
  // `git delete-submodule PATH`: the submodule's checkout (and any work in it) is removed.
  "delete-submodule": (args) => {
    const [path] = positionals(args);
    return path ? [["git", "submodule", "deinit", "-f", path], ["git", "rm", "-f", path]] : [];
  },
  // `git fresh-branch NAME`: an empty branch, made by removing every file of the working tree.
  "fresh-branch": () => [["git", "clean", "-fdx"], ["git", "rm", "-rf", "."]],
  // `git clear` asks first; `-f` does not: a hard reset plus removal of untracked and ignored files.
  clear: (args) => (args.some((w) => w.value === "-f" || w.value === "--force") ? [["git", "reset", "--hard"], ["git", "clean", "-dffx"]] : []),
  "clear-soft": (args) => (args.some((w) => w.value === "-f" || w.value === "--force") ? [["git", "reset", "--hard"], ["git", "clean", "-dff"]] : []),
  // `git sync` asks first; `-f` syncs at once: local changes and untracked files are removed.
  sync: (args) => (args.some((w) => w.value === "-f" || w.value === "--force") ? [["git", "reset", "--hard", "@{upstream}"], ["git", "clean", "-df"]] : []),
};

function tagRef(name: Word): Word | string {
  return name.dynamic ? name : `:refs/tags/${name.value}`;
}

/** The git argvs a git-extras subcommand runs, or none when `sub` is not one whose steps can lose work. */
export function gitExtrasCommands(argv: Word[], at: number): Unwrapped[] {
  const sub = argv[at];
  if (!sub || sub.dynamic || !Object.hasOwn(EXPANSIONS, sub.value)) return [];
  const args = argv.slice(at + 1);
  const label = `git ${sub.value} (git-extras)`;
  return EXPANSIONS[sub.value](args).map((steps) => ({
    kind: "argv" as const,
    words: steps.map((s) => (typeof s === "string" ? literalWord(s, sub.span) : s)),
    label,
  }));
}
