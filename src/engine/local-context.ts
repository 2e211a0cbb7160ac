// Builds an evaluation context from this machine: cwd, HOME, the git branch and a bounded file reader.
import { globMatch } from "../core/glob";
import { findRepoRoot } from "../core/repo";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { readRegularFile } from "../core/read-regular";
import { homeDir } from "../core/user-dirs";
import { join, resolve } from "node:path";
import { LIMITS } from "../core/limits";
import type { EvalContext } from "../core/eval-context";
import { directoryLister, statKind } from "../core/path-kind";
import { realWritePath } from "../core/real-path";
import { productionInEnv, remoteDatabaseUrl } from "./production";
import { localWorktree } from "./worktree";
import { gitRepositoryReader } from "./git-repository";
import { defaultSettings, type Settings } from "../config/settings";

/** Reads the current branch from `.git/HEAD` without spawning git (worktrees: `.git` is a file). */
export function readGitBranch(cwd: string): string | undefined {
  const root = findRepoRoot(cwd);
  if (!root) return undefined;
  try {
    let gitDir = join(root, ".git");
    if (statSync(gitDir).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readRegularFile(gitDir, 64 * 1024).toString("utf8"));
      if (!m) return undefined;
      gitDir = resolve(root, m[1].trim());
    }
    // A FIFO at .git/HEAD must not hang the check: only a regular file is read.
    const head = readRegularFile(join(gitDir, "HEAD"), 64 * 1024).toString("utf8").trim();
    const m = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
    return m ? m[1] : undefined; // detached HEAD: unknown branch
  } catch {
    return undefined;
  }
}

/**
 * Reads at most LIMITS.maxScriptBytes; a larger or unreadable file is unknown (and so fails closed). Every call reads
 * the file: a context is shared by all of a batch's lines, and a script may change between them. evaluate() keeps
 * one evaluation's reads (a script of `npm test` lines names the same files many times).
 */
export function boundedReader(cwd: string, home: string): (path: string) => string | undefined {
  return readBounded;
  function readBounded(path: string): string | undefined {
    const full = path === "~" || path.startsWith("~/") ? join(home, path.slice(1)) : resolve(cwd, path);
    let fd: number | undefined;
    try {
      const stat = statSync(full);
      if (!stat.isFile() || stat.size > LIMITS.maxScriptBytes) return undefined;
      fd = openSync(full, "r");
      const buffer = Buffer.alloc(stat.size);
      const read = readSync(fd, buffer, 0, stat.size, 0);
      return buffer.subarray(0, read).toString("utf8");
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

export interface LocalContextOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  settings?: Settings;
}

/** The current kubectl context, read from the kubeconfig without running kubectl. */
export function kubeContext(env: Record<string, string | undefined>, home: string): string | undefined {
  const file = (env.KUBECONFIG ?? "").split(":").find(Boolean) ?? join(home, ".kube", "config");
  try {
    const m = /^current-context:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(readRegularFile(file, 4_000_000).toString("utf8").slice(0, 1_000_000));
    return m?.[1];
  } catch {
    return undefined;
  }
}

export function localContext(options: LocalContextOptions = {}): EvalContext {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const home = homeDir(env);
  const settings = options.settings ?? defaultSettings();
  const production = settings.production;
  const kube = production.kubeContext ? kubeContext(env, home) : undefined;
  const repoRoot = findRepoRoot(cwd);
  return {
    cwd,
    home,
    env,
    branch: readGitBranch(cwd),
    production: productionInEnv(env, production.variables)
      || (kube !== undefined && globMatch(kube, production.kubeContext, { nocase: true }))
      || (production.remoteDatabaseUrl && remoteDatabaseUrl(env.DATABASE_URL)),
    productionVariables: production.variables,
    protectedBranches: [...settings.protectedBranches],
    allowedRmPaths: settings.allowedRmPaths,
    readFile: boundedReader(cwd, home),
    pathKind: statKind,
    listDir: directoryLister(),
    realPath: (path) => realWritePath(path, cwd),
    repoRoot,
    worktree: localWorktree(repoRoot),
    gitRepository: gitRepositoryReader(),
  };
}

