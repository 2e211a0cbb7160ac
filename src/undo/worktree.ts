// Captures a working tree as git trees through a temporary index: the user's index, files and stash are only read.
import { copyFileSync, lstatSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git, type RepoInfo } from "./git";

export interface SkippedFile {
  path: string;
  bytes?: number;
  reason: "too-large" | "nested-repository";
}

export interface CapturedTree {
  /** Tracked files as they are on disk plus untracked files that are not ignored. */
  tree: string;
  /** The staged state: a tree, "head" when nothing is staged, or undefined when the index has conflicts. */
  index: string | "head" | undefined;
  skipped: SkippedFile[];
  /** Nothing differs from the index, and the index from HEAD. */
  clean: boolean;
}

interface Status {
  staged: boolean;
  unmerged: boolean;
  /** Paths whose working-tree content differs from the (temporary) index, untracked ones included. */
  changed: string[];
  untracked: string[];
}

/** Parses `git status --porcelain=v2 -z` (renames off). */
function parseStatus(out: string): Status {
  const status: Status = { staged: false, unmerged: false, changed: [], untracked: [] };
  for (const record of out.split("\0")) {
    if (!record) continue;
    const kind = record[0];
    if (kind === "?") status.untracked.push(record.slice(2));
    else if (kind === "1") {
      const parts = record.split(" ");
      const xy = parts[1];
      if (xy[0] !== ".") status.staged = true;
      if (xy[1] !== ".") status.changed.push(parts.slice(8).join(" "));
    } else if (kind === "u") {
      status.unmerged = true;
      status.changed.push(record.split(" ").slice(10).join(" "));
    }
  }
  return status;
}

export interface CaptureOptions {
  maxFileBytes: number;
  timeoutMs: number;
  /** HEAD's commit, when there is one (nothing staged then means the staged state is HEAD's); asked for once status is done. */
  headCommit?: () => Promise<string | undefined>;
  /** Also commit the staged tree (a parentless commit with this message), so a snapshot can keep it reachable. */
  commitIndex?: string;
}

/**
 * Builds the trees in a copy of the user's index (GIT_INDEX_FILE), so its stat cache makes this fast and
 * the user's own index is never written, locked or refreshed.
 */
export async function captureWorktree(repo: RepoInfo, options: CaptureOptions): Promise<CapturedTree & { indexCommit?: string }> {
  const temp = join(tmpdir(), `guard-index-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const staged = `${temp}-staged`;
  try {
    try {
      copyFileSync(repo.indexFile, temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err; // no index yet: a new repository
    }
    const run = (args: string[], input?: string, index = temp) => git(args, { cwd: repo.root, env: { GIT_INDEX_FILE: index }, input, timeoutMs: options.timeoutMs });
    const status = parseStatus(await run(["status", "--porcelain=v2", "-z", "--untracked-files=all", "--no-renames", "--ignore-submodules=all"]));
    const skipped: SkippedFile[] = [];
    const untracked = status.untracked.filter((path) => {
      if (path.endsWith("/")) {
        skipped.push({ path, reason: "nested-repository" });
        return false;
      }
      try {
        const size = lstatSync(join(repo.root, path)).size;
        if (size <= options.maxFileBytes) return true;
        skipped.push({ path, bytes: size, reason: "too-large" });
      } catch {
        // Gone since status listed it: nothing to keep.
      }
      return false;
    });
    const headCommit = await options.headCommit?.();
    const paths = [...status.changed, ...untracked];
    // Nothing staged and nothing changed: the working tree is HEAD's tree, which write-tree gives cheaply.
    if (paths.length === 0 && !status.staged && !status.unmerged && headCommit) {
      return { tree: (await run(["write-tree"])).trim(), index: "head", skipped, clean: true };
    }
    // The staged tree is written from a second copy of the index while the first takes the working
    // tree's changes: the two chains of git calls run at once.
    let indexing: Promise<{ index: CapturedTree["index"]; indexCommit?: string }> = Promise.resolve({ index: status.unmerged ? undefined : "head" });
    if (!status.unmerged && (status.staged || !headCommit)) {
      if (paths.length) copyFileSync(temp, staged);
      indexing = run(["write-tree"], undefined, paths.length ? staged : temp).then(async (out) => {
        const index = out.trim();
        if (options.commitIndex === undefined) return { index };
        return { index, indexCommit: (await git(["commit-tree", "--no-gpg-sign", "-m", options.commitIndex, index], { cwd: repo.root, timeoutMs: options.timeoutMs })).trim() };
      });
    }
    const building = paths.length
      ? run(["update-index", "--add", "--remove", "-z", "--stdin"], `${paths.join("\0")}\0`).then(() => run(["write-tree"])).then((out) => out.trim())
      : indexing.then((i) => i.index as string); // nothing changed: the working tree is the staged tree
    // Both settle before the temporary indexes are removed, and a failure of one is never an unhandled rejection.
    const [indexed, built] = await Promise.allSettled([indexing, building]);
    if (indexed.status === "rejected") throw indexed.reason;
    if (built.status === "rejected") throw built.reason;
    const [{ index, indexCommit }, tree] = [indexed.value, built.value];
    return { tree, index, skipped, clean: false, ...(indexCommit ? { indexCommit } : {}) };
  } finally {
    for (const file of [temp, `${temp}.lock`, staged, `${staged}.lock`]) rmSync(file, { force: true });
  }
}
