// Where guard keeps per-user files: config (PIN) under XDG_CONFIG_HOME, state (approvals, audit) under XDG_STATE_HOME.
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

function home(env: Env): string {
  return env.HOME || homedir();
}

export function configDir(env: Env = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(home(env), ".config"), "guard");
}

export function stateDir(env: Env = process.env): string {
  return join(env.XDG_STATE_HOME || join(home(env), ".local", "state"), "guard");
}

/** Creates a private directory (0700): approvals and PIN hashes are nobody else's business. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
