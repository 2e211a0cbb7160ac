// Test helpers: run the built guard in isolated temp state, with or without a pseudo-terminal.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const GUARD = resolve("bin/guard");
const PTY_RUN = resolve("test/helpers/pty_run.py");

/** A sandbox: its own HOME, config, state and audit log, and a git repo on `branch` as the working dir. */
export function sandbox(branch = "topic") {
  const root = mkdtempSync(join(tmpdir(), "guard-sandbox-"));
  const repo = join(root, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  writeFileSync(join(repo, ".git/HEAD"), `ref: refs/heads/${branch}\n`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: join(root, "home"),
    XDG_CONFIG_HOME: join(root, "config"),
    XDG_STATE_HOME: join(root, "state"),
    GUARD_AUDIT_LOG: join(root, "state", "audit.jsonl"),
    NO_COLOR: "1",
  };
  delete env.GUARD_NO_TTY;
  mkdirSync(env.HOME, { recursive: true });
  return { root, repo, env };
}

/** Adds a project rule that asks before `touch`, with the file name as the typed confirmation. */
export function askBeforeTouch(repo: string): void {
  mkdirSync(join(repo, ".guard/rules"), { recursive: true });
  writeFileSync(join(repo, ".guard/rules/touch.yaml"), [
    "- id: test.touch",
    "  action: ask",
    "  severity: low",
    "  message: Creates a file.",
    "  why: The test needs an ask.",
    "  instead: Do not.",
    "  match: {program: touch}",
    "  target: {arg: 0}",
    "  examples: {match: [touch x], not_match: [ls]}",
    "",
  ].join("\n"));
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs guard with no controlling terminal at all (a new session), as agent hooks are run. */
export function guardNoTty(args: string[], options: { cwd: string; env: Record<string, string>; input?: string }): Run {
  const r = spawnSync(process.execPath, [GUARD, ...args], { cwd: options.cwd, env: options.env, input: options.input ?? "", encoding: "utf8", detached: true, maxBuffer: 256 * 1024 * 1024 } as never);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function guardAsync(args: string[], options: { cwd: string; env: Record<string, string> }) {
  return spawn(process.execPath, [GUARD, ...args], { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"], detached: true });
}

export interface PtyStep {
  wait?: string;
  send?: string;
  sleep?: number;
}

/** Runs guard inside a pseudo-terminal, typing `steps` as a person would. */
export function guardInPty(args: string[], options: { cwd: string; env: Record<string, string>; steps: PtyStep[]; timeout?: number; cols?: number }) {
  const spec = { argv: [process.execPath, GUARD, ...args], cwd: options.cwd, env: options.env, steps: options.steps, timeout: options.timeout ?? 30, ...(options.cols ? { cols: options.cols } : {}) };
  const r = spawnSync("python3", [PTY_RUN, JSON.stringify(spec)], { encoding: "utf8", env: options.env });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { exitCode: number; output: string; pendingSteps: number };
}
