// Finds and reads the config files: ~/.config/guard/config.yaml (user) and .guard.yaml at the repository root (project).
import { createHash } from "../core/crypto";
import { readRegularFile, UnreadableFileError } from "../core/read-regular";
import { signedPayload, systemDir, systemKeyPresent, verifySignature } from "../core/system-key";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { configDir } from "../core/user-dirs";
import { findRepoRoot } from "../core/repo";
import type { ConfigLayer } from "./settings";
import { parseConfig } from "./keys";
import { keyPathOf, parseWithPositions, positionOf } from "./positions";

export { parseConfig } from "./keys";

export interface ConfigError {
  file: string;
  message: string;
  /** Where the problem is, when it is in the file's text (1-based). */
  line?: number;
  column?: number;
}

export const MAX_CONFIG_BYTES = 1_000_000;

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function readLayer(file: string, layer: "system" | "user" | "project"): { layer?: ConfigLayer; errors: ConfigError[] } {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (err) {
    if (err instanceof UnreadableFileError && err.kind === "missing") return { errors: [] };
    return { errors: [{ file, message: err instanceof UnreadableFileError ? err.message : `cannot read: ${(err as Error).message}` }] };
  }
  const text = bytes.toString("utf8");
  let data: unknown;
  // Loaded only when a config file exists: most checks never parse YAML. Parsed with positions, so
  // every error names its line and column (one error per problem: the first syntax error only).
  const { doc, counter, syntax } = parseWithPositions(text);
  if (syntax) return { errors: [{ file, message: `YAML: ${syntax.message}`, ...syntax.position }] };
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { errors: [{ file, message: `YAML: ${(err as Error).message.split("\n")[0]}` }] };
  }
  const parsed = parseConfig(data, file, layer);
  const at = (message: string) => {
    const path = keyPathOf(message);
    return (path && positionOf(doc, counter, path)) ?? {};
  };
  // The digest of exactly the bytes parsed: `guard trust` records it, and any later change voids the trust.
  return { layer: { ...parsed.layer, digest: sha256(bytes) }, errors: parsed.errors.map((message) => ({ file, message, ...at(message) })) };
}

/** Where `path` (e.g. [rules, git.force-pushx]) is in a config file: for errors found after the layers combine. */
export function locateKey(file: string, path: string[]): { line?: number; column?: number } {
  try {
    const { doc, counter, syntax } = parseWithPositions(readRegularFile(file, MAX_CONFIG_BYTES).toString("utf8"));
    return (!syntax && positionOf(doc, counter, path)) || {};
  } catch {
    return {};
  }
}

/** The managed policy a team rolls out (`/etc/guard/config.yaml`); GUARD_SYSTEM_CONFIG moves it only where there is none (tests, other layouts). */
export function systemConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  // The real policy always wins: an agent cannot drop it by pointing GUARD_SYSTEM_CONFIG elsewhere.
  if (existsSync(REAL_SYSTEM_CONFIG)) return REAL_SYSTEM_CONFIG;
  return env.GUARD_SYSTEM_CONFIG || join(systemDir(env), "config.yaml");
}

const REAL_SYSTEM_CONFIG = "/etc/guard/config.yaml";

export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GUARD_CONFIG || join(configDir(env), "config.yaml");
}

export function projectConfigPath(cwd: string): string {
  return join(findRepoRoot(cwd) ?? cwd, ".guard.yaml");
}

/** The config layers in force for `cwd`, user first; unreadable or invalid files are errors (they fail closed). */
export function loadConfig(cwd: string, env: NodeJS.ProcessEnv = process.env): { layers: ConfigLayer[]; errors: ConfigError[] } {
  const layers: ConfigLayer[] = [];
  const errors: ConfigError[] = [];
  for (const [file, layer] of [[systemConfigPath(env), "system"], [userConfigPath(env), "user"], [projectConfigPath(cwd), "project"]] as const) {
    const read = readLayer(file, layer);
    errors.push(...read.errors);
    if (!read.layer) continue;
    const unsigned = layer === "user" && layers[0]?.settings.userConfig === "signed" ? userConfigSignatureProblem(read.layer, env) : undefined;
    if (unsigned) errors.push({ file, message: unsigned });
    else layers.push(read.layer);
  }
  return { layers, errors };
}

/** Where the user config's signature lives (written by `guard pin sign-config`). */
export function userConfigSignaturePath(env: NodeJS.ProcessEnv = process.env): string {
  return `${userConfigPath(env)}.sig`;
}

/** What a user config signature covers: the file's exact bytes. */
export function userConfigPayload(digest: string): Buffer {
  return signedPayload("user-config", [digest]);
}

/**
 * Why the user config does not count, when the system policy says `user_config: signed`: it must
 * carry a signature by the system key over its exact bytes. An unsigned or re-edited file is refused
 * (every check asks until it is signed again), so a same-user agent cannot rewrite it.
 */
function userConfigSignatureProblem(layer: ConfigLayer, env: NodeJS.ProcessEnv): string | undefined {
  if (!systemKeyPresent(env)) return "the system policy requires a signed user config, but there is no system key (sudo guard pin set --system)";
  let sig = "";
  try {
    sig = readRegularFile(userConfigSignaturePath(env), 4096).toString("utf8").trim();
  } catch {
    return "not signed: the system policy requires a signed user config (run guard pin sign-config after editing it); it is ignored";
  }
  if (!verifySignature(userConfigPayload(layer.digest ?? ""), sig, env)) return "its signature does not match (edited since it was signed?): run guard pin sign-config; it is ignored";
  return undefined;
}
