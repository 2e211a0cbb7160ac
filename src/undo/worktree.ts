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
  /** The tree of HEAD's commit, when known (saves a write-tree when nothing is staged or changed); asked for once status is done. */
  headTree?: () => Promise<string | undefined>;
}

/**
 * Builds the trees in a copy of the user's index (GIT_INDEX_FILE), so its stat cache makes this fast and
 * the user's own index is never written, locked or refreshed.
 */
export async function captureWorktree(repo: RepoInfo, options: CaptureOptions): Promise<CapturedTree> {
  const temp = join(tmpdir(), `guard-index-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    try {
      copyFileSync(repo.indexFile, temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err; // no index yet: a new repository
    }
    const run = (args: string[], input?: string) => git(args, { cwd: repo.root, env: { GIT_INDEX_FILE: temp }, input, timeoutMs: options.timeoutMs });
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
    const headTree = await options.headTree?.();
    let index: CapturedTree["index"];
    if (status.unmerged) index = undefined;
    else if (!status.staged && headTree) index = "head";
    else index = (await run(["write-tree"])).trim();
    const paths = [...status.changed, ...untracked];
    if (paths.length === 0 && index !== undefined) {
      const tree = index === "head" ? headTree! : index;
      return { tree, index, skipped, clean: index === "head" };
    }
    if (paths.length) await run(["update-index", "--add", "--remove", "-z", "--stdin"], `${paths.join("\0")}\0`);
    const tree = (await run(["write-tree"])).trim();
    return { tree, index, skipped, clean: false };
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}.lock`, { force: true });
  }
}
