// Runs git for snapshots and undo: bounded time and output, no hooks, no pager, no prompts, no signing.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { findRepoRoot } from "../core/repo";

export interface GitOptions {
  cwd: string;
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Extra environment (GIT_INDEX_FILE for a temporary index). */
  env?: Record<string, string>;
  /** Exit codes that are not failures (`rev-parse --verify -q` exits 1 for a missing ref). */
  okCodes?: number[];
  timeoutMs?: number;
  /** Keep stdout as bytes (blob contents). */
  binary?: boolean;
}

export class GitError extends Error {}

const MAX_OUTPUT = 256 * 1024 * 1024;

/** The environment of every git guard runs: none of the caller's index or identity choices, nothing interactive. */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A GIT_INDEX_FILE inherited from the caller would point guard's writes at someone's real index.
  for (const name of ["GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_EDITOR", "GIT_PAGER"]) delete env[name];
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_AUTHOR_NAME: "guard", GIT_AUTHOR_EMAIL: "guard@localhost",
    GIT_COMMITTER_NAME: "guard", GIT_COMMITTER_EMAIL: "guard@localhost",
    LC_ALL: "C",
    ...extra,
  };
}

/** git with hooks off (a reference-transaction hook must not run for guard's own refs) and no pager. */
export function git(args: string[], options: GitOptions): Promise<string> {
  return gitBytes(args, options).then((b) => b.toString("utf8"));
}

export function gitBytes(args: string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.hooksPath=/dev/null", "--no-pager", ...args], {
      cwd: options.cwd, env: gitEnv(options.env), stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let size = 0;
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new GitError(`git ${args[0]} took longer than ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 30_000);
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill("SIGKILL");
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 4096) err += chunk.toString("utf8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new GitError(`cannot run git: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0 || (code !== null && options.okCodes?.includes(code))) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed: ${err.trim().split("\n").slice(-2).join(" ") || `exit ${code}`}`));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** `git rev-parse` facts about the repository containing `dir`, or undefined outside one. */
export interface RepoInfo {
  root: string;
  gitDir: string;
  commonDir: string;
  indexFile: string;
}

/**
 * Finds the repository by reading `.git` (a directory, or a file naming one: linked worktrees,
 * submodules) without starting git: one process fewer on every snapshot. Anything unusual — GIT_DIR
 * and friends in the environment, a layout it does not recognise — is left to `git rev-parse`.
 */
function readRepoInfo(dir: string): RepoInfo | undefined {
  if (["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"].some((name) => process.env[name])) return undefined;
  const root = findRepoRoot(dir);
  if (!root) return undefined;
  try {
    const dotGit = join(root, ".git");
    let gitDir = dotGit;
    if (statSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, "utf8"));
      if (!m) return undefined;
      gitDir = resolve(root, m[1]);
    }
    let commonDir = gitDir;
    if (existsSync(join(gitDir, "commondir"))) commonDir = resolve(gitDir, readFileSync(join(gitDir, "commondir"), "utf8").trim());
    // A config that moves the working tree elsewhere: let git say where it is.
    if (!statSync(join(gitDir, "HEAD")).isFile() || /^\s*worktree\s*=/m.test(readFileSync(join(commonDir, "config"), "utf8"))) return undefined;
    return { root, gitDir, commonDir, indexFile: join(gitDir, "index") };
  } catch {
    return undefined;
  }
}

export async function repoInfo(dir: string, timeoutMs?: number): Promise<RepoInfo | undefined> {
  const read = readRepoInfo(dir);
  if (read) return read;
  let out: string;
  try {
    out = await git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir", "--git-path", "index"], { cwd: dir, timeoutMs });
  } catch {
    return undefined;
  }
  const [root, gitDir, commonDir, indexFile] = out.split("\n");
  if (!root || !gitDir || !commonDir || !indexFile) return undefined;
  return { root, gitDir, commonDir, indexFile };
}
