// Where an install writes and what it runs: home, repository root, environment and the guard launcher, passed in so tests can point them anywhere.
import { homedir } from "node:os";
import { resolve } from "node:path";
import { findRepoRoot } from "../core/repo";

export type Env = Readonly<Record<string, string | undefined>>;

export interface InstallContext {
  /** The user's home: user-scope files go under it. */
  home: string;
  /** The repository root (nearest directory with .git, else the working directory): project-scope files go under it. */
  repoRoot: string;
  env: Env;
  /** Absolute path of the node that runs guard: hooks must not depend on PATH. */
  nodePath: string;
  /** Absolute path of bin/guard. */
  guardBin: string;
}

export interface InstallContextOptions {
  home?: string;
  cwd?: string;
  repoRoot?: string;
  env?: Env;
  nodePath?: string;
  guardBin?: string;
}

/** bin/guard next to the running bundle (dist/guard.cjs): the launcher hooks call, wherever guard is checked out. */
export function bundledGuardBin(): string {
  return resolve(__dirname, "../bin/guard");
}

export function installContext(options: InstallContextOptions = {}): InstallContext {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  return {
    home: resolve(options.home ?? (env.HOME || homedir())),
    repoRoot: resolve(options.repoRoot ?? findRepoRoot(cwd) ?? cwd),
    env,
    nodePath: options.nodePath ?? process.execPath,
    guardBin: options.guardBin ?? bundledGuardBin(),
  };
}
