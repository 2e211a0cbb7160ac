// Test support: a throwaway HOME, repository and guard state for install tests, with the environment every spawned process gets.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { installContext, type InstallContext } from "../../../src/install/install-context";

export interface Sandbox {
  root: string;
  home: string;
  /** A directory with `.git` (a real repository only when the test makes one). */
  repo: string;
  env: Record<string, string>;
  context: InstallContext;
}

/** Variables that would point a test at the developer's real setup. */
const SCRUBBED = ["BASH_ENV", "ZDOTDIR", "GUARD_CONFIG", "CODEX_HOME", "GUARD_NO_TTY", "GUARD_SHELL", "GUARD_REAL_SHELL", "XDG_CONFIG_HOME", "NODE_OPTIONS"];

export function sandbox(options: { guardBin?: string; gitDir?: boolean } = {}): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "guard-install-")));
  const home = join(root, "home");
  const repo = join(root, "repo");
  mkdirSync(home, { recursive: true });
  mkdirSync(repo, { recursive: true });
  if (options.gitDir !== false) {
    mkdirSync(join(repo, ".git"), { recursive: true });
    writeFileSync(join(repo, ".git", "HEAD"), "ref: refs/heads/topic\n");
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.includes(k)) env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_STATE_HOME: join(root, "state"),
    GUARD_AUDIT_LOG: join(root, "state", "audit.jsonl"),
    NO_COLOR: "1",
    GIT_CONFIG_NOSYSTEM: "1",
  });
  const context = installContext({ home, repoRoot: repo, env, nodePath: process.execPath, guardBin: options.guardBin ?? resolve("bin/guard") });
  return { root, home, repo, env, context };
}

export function writeFixture(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
