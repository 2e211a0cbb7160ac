// Where guard keeps per-user files: config under XDG_CONFIG_HOME, state (approvals, audit, trust) under XDG_STATE_HOME, cache under XDG_CACHE_HOME.
import { mkdirSync } from "node:fs";
import { isAbsolute, join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** guard cannot tell where its own files are: every entry point fails closed with this message. */
export class PathsError extends Error {}

/**
 * The user's home. `HOME=""` or a relative HOME once put the audit log and approvals in the working
 * tree (where the agent writes): such a value is not used; the account's home from the password
 * database is, and if that is not absolute either guard refuses to run.
 */
export function homeDir(env: Env = process.env): string {
  if (env.HOME && isAbsolute(env.HOME)) return env.HOME;
  let fromAccount = "";
  try {
    // node:os only here, where HOME is unusable: loading it costs every check about a millisecond.
    fromAccount = (require("node:os") as typeof import("node:os")).userInfo().homedir;
  } catch {
    // no password entry (a container with an arbitrary uid)
  }
  if (fromAccount && isAbsolute(fromAccount)) return fromAccount;
  throw new PathsError(`HOME is ${env.HOME === undefined ? "unset" : env.HOME === "" ? "empty" : `relative (${env.HOME})`} and the account has no absolute home directory: guard cannot find its config and state`);
}

/** An XDG base directory: the XDG spec says a relative value is invalid and must be ignored, so it is, everywhere. */
export function xdgDir(env: Env, name: "XDG_CONFIG_HOME" | "XDG_STATE_HOME" | "XDG_CACHE_HOME", fallback: string): string {
  const value = env[name];
  return value && isAbsolute(value) ? value : join(homeDir(env), fallback);
}

export function configDir(env: Env = process.env): string {
  return join(xdgDir(env, "XDG_CONFIG_HOME", ".config"), "guard");
}

export function stateDir(env: Env = process.env): string {
  return join(xdgDir(env, "XDG_STATE_HOME", join(".local", "state")), "guard");
}

export function cacheDir(env: Env = process.env): string {
  return join(xdgDir(env, "XDG_CACHE_HOME", ".cache"), "guard");
}

/** Creates a private directory (0700): approvals and PIN hashes are nobody else's business. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
