// Commands that may change which working-tree files hold uncommitted work: after one, a later step's live "is this path clean" answer is stale.
import type { Invocation } from "./model";

/**
 * git subcommands that can leave uncommitted work where there was none: merging others' changes into the tree
 * (with conflicts, or `--autostash` popping afterwards), or moving the index away from the files (`reset HEAD~1`).
 * `checkout`, `switch` and `restore` are not here: they only bring files back to a committed state, and the
 * changes a branch switch carries over were already uncommitted (so already seen), unless it merges (`-m`).
 */
const GIT_TREE_CHANGERS = new Set(["pull", "merge", "rebase", "am", "apply", "cherry-pick", "revert", "reset", "read-tree"]);

/** `git stash` forms that bring changes back into the tree (push/save/list/show/drop/clear do not add any). */
const STASH_RESTORERS = new Set(["pop", "apply", "branch"]);

/** git's global options that take the next word as their value. */
const GIT_VALUED = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env"]);

/** Options that make a patch tool only report: nothing is written. */
const REPORT_ONLY = new Set(["--check", "--stat", "--numstat", "--summary", "--dry-run"]);

/**
 * Whether `inv` may change the content of tracked files in the working tree (or the index they are compared
 * with): `git stash pop`, `git pull`, `git reset HEAD~1`, `patch`, unpacking an archive. guard checks
 * every step of a command against the tree as it is before the command runs, so a later step's answer
 * about a path (`git stash pop && git checkout -- README.md`) no longer describes what that step will meet.
 * Plain writes (`>`, `cp`, `sed -i`) are left out: they change only the file written, which engine/edited-worktree.ts counts. So is `mv`
 * (and `git mv`), which only changes its destination: a refactor's `mv a b && rm c` keeps its live answer for c.
 */
export function changesWorktree(inv: Invocation): boolean {
  const words = inv.argv.slice(1).map((w) => (w.dynamic ? undefined : w.value));
  if (words.some((w) => w !== undefined && REPORT_ONLY.has(w))) return false;
  switch (inv.program) {
    case "git": {
      // The subcommand is the first word that is not a global option (`git -C dir stash pop`); a dynamic one may be any.
      let at = 0;
      while (at < words.length && words[at] !== undefined && words[at]!.startsWith("-")) at += GIT_VALUED.has(words[at]!) ? 2 : 1;
      if (at >= words.length) return false;
      const sub = words[at];
      if (sub === undefined) return true;
      if (sub === "stash") {
        const rest = words.slice(at + 1);
        const i = rest.findIndex((w) => w === undefined || !w.startsWith("-"));
        // A dynamic action may be pop; none at all is `git stash push`, which only takes changes away.
        return i >= 0 && (rest[i] === undefined || STASH_RESTORERS.has(rest[i]!));
      }
      if ((sub === "checkout" || sub === "switch") && words.some((w) => w === "-m" || w === "--merge")) return true;
      return GIT_TREE_CHANGERS.has(sub);
    }
    case "patch":
    case "unzip":
    case "cpio":
      return true;
    case "tar":
    case "bsdtar":
      return words.some((w, i) => w === undefined || w === "-x" || w === "--extract" || w === "--get" || (/^-?[a-zA-Z]*x[a-zA-Z]*$/.test(w) && (i === 0 || w.startsWith("-"))));
    default:
      return false;
  }
}
