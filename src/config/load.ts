// Finds and reads the config files: ~/.config/guard/config.yaml (user) and .guard.yaml at the repository root (project).
import { createHash } from "../core/crypto";
import { readRegularFile, UnreadableFileError } from "../core/read-regular";
import { signedPayload, systemDir, systemKeyPresent, verifySignature } from "../core/system-key";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ACTIONS, type Action } from "../core/action";
import { configDir } from "../core/user-dirs";
import { findRepoRoot } from "../core/repo";
import type { ConfigLayer, ProductionSettings, UndoSettings } from "./settings";
import { parseSandbox } from "./sandbox-config";
import { parseAudit } from "./audit-config";
import { keyPathOf, parseWithPositions, positionOf } from "./positions";

export interface ConfigError {
  file: string;
  message: string;
  /** Where the problem is, when it is in the file's text (1-based). */
  line?: number;
  column?: number;
}

const KEYS = ["mode", "packs", "rules", "agents", "extra_rules", "protected_branches", "production", "allowed_rm_paths", "isolation", "read_only_databases", "audit", "profile", "known_harmless", "hooks", "sandbox", "user_config", "undo"];
export const MAX_CONFIG_BYTES = 1_000_000;

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function strings(value: unknown, what: string, errors: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    errors.push(`${what} must be a list of strings`);
    return undefined;
  }
  return value as string[];
}

/** Validates one config file's data; every problem is reported, none is silently ignored. */
export function parseConfig(data: unknown, file: string, layer: "system" | "user" | "project"): { layer: ConfigLayer; errors: string[] } {
  const errors: string[] = [];
  const settings: ConfigLayer["settings"] = {};
  if (data === null || data === undefined) return { layer: { layer, file, settings }, errors };
  if (typeof data !== "object" || Array.isArray(data)) return { layer: { layer, file, settings }, errors: ["the config must be a mapping"] };
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!KEYS.includes(key)) errors.push(`unknown key \`${key}\` (known: ${KEYS.join(", ")})`);
  if (d.packs !== undefined) {
    const packs = d.packs as Record<string, unknown>;
    if (!packs || typeof packs !== "object" || Array.isArray(packs)) errors.push("packs must be {enable: [...], disable: [...]}");
    else {
      settings.enablePacks = strings(packs.enable, "packs.enable", errors);
      const disable = strings(packs.disable, "packs.disable", errors);
      if (disable?.length && layer === "project") errors.push("packs.disable is not allowed in the project file: a project may only loosen rules by naming their ids under rules:");
      else settings.disablePacks = disable;
    }
  }
  if (d.rules !== undefined) {
    if (!d.rules || typeof d.rules !== "object" || Array.isArray(d.rules)) errors.push("rules must map rule ids to allow, ask or deny");
    else {
      const actions: Record<string, Action> = {};
      for (const [id, action] of Object.entries(d.rules as Record<string, unknown>)) {
        if (!ACTIONS.includes(action as Action)) errors.push(`rules.${id} must be allow, ask or deny`);
        else actions[id] = action as Action;
      }
      settings.ruleActions = actions;
    }
  }
  if (d.profile !== undefined) {
    if (d.profile !== "default" && d.profile !== "strict") errors.push("profile must be default or strict");
    else settings.profile = d.profile;
  }
  const harmless = strings(d.known_harmless, "known_harmless", errors);
  if (harmless?.length && layer === "project") errors.push("known_harmless is not allowed in the project file (it loosens the strict profile); put it in your user config");
  else if (harmless) settings.knownHarmless = harmless;
  if (d.mode !== undefined) {
    if (d.mode !== "enforce" && d.mode !== "audit") errors.push("mode must be enforce or audit");
    else if (layer === "project" && d.mode === "audit") errors.push("mode: audit is not allowed in the project file: it switches blocking off");
    else settings.mode = d.mode;
  }
  if (d.agents !== undefined) {
    const agents = d.agents as Record<string, unknown>;
    if (!agents || typeof agents !== "object" || Array.isArray(agents)) errors.push("agents maps an agent name to {rules: {id: action}, profile: default|strict}");
    else {
      const out: Record<string, Record<string, Action>> = {};
      const profiles: Record<string, "default" | "strict"> = {};
      for (const [agent, value] of Object.entries(agents)) {
        const entry = value as { rules?: unknown; profile?: unknown; sandbox?: unknown };
        const rules = entry?.rules ?? {};
        if (!entry || typeof entry !== "object" || typeof rules !== "object" || Array.isArray(rules) || Object.keys(entry).some((k) => k !== "rules" && k !== "profile" && k !== "sandbox")) {
          errors.push(`agents.${agent} must be {rules: {id: action}, profile: default|strict, sandbox: {…}}`);
          continue;
        }
        if (entry.sandbox !== undefined) {
          const problems: string[] = [];
          const sandbox = parseSandbox(entry.sandbox, layer, problems);
          errors.push(...problems.map((p) => `agents.${agent}.${p}`));
          if (sandbox) (settings.agentSandboxes ??= {})[agent] = sandbox;
        }
        if (entry.profile !== undefined) {
          if (entry.profile !== "default" && entry.profile !== "strict") errors.push(`agents.${agent}.profile must be default or strict`);
          else profiles[agent] = entry.profile;
        }
        out[agent] = {};
        for (const [id, action] of Object.entries(rules as Record<string, unknown>)) {
          if (!ACTIONS.includes(action as Action)) errors.push(`agents.${agent}.rules.${id} must be allow, ask or deny`);
          else out[agent][id] = action as Action;
        }
      }
      settings.agentRuleActions = out;
      if (Object.keys(profiles).length) settings.agentProfiles = profiles;
    }
  }
  if (d.audit !== undefined) {
    if (layer === "project") errors.push("audit can only be set in your user config or the system policy");
    else {
      const audit = parseAudit(d.audit, file, errors);
      if (audit) settings.audit = audit;
    }
  }
  if (d.user_config !== undefined) {
    if (layer !== "system") errors.push("user_config can only be set in the system policy (/etc/guard/config.yaml)");
    else if (d.user_config !== "signed" && d.user_config !== "any") errors.push("user_config must be signed or any");
    else settings.userConfig = d.user_config;
  }
  if (d.undo !== undefined) {
    if (layer === "project") errors.push("undo can only be set in your user config or the system policy");
    else {
      const parsed = parseUndo(d.undo, errors);
      if (parsed) settings.undo = parsed;
    }
  }
  if (d.hooks !== undefined) {
    const h = d.hooks as Record<string, unknown>;
    if (!h || typeof h !== "object" || Array.isArray(h)) errors.push("hooks must be {grant_allowed: true|false}");
    else {
      for (const key of Object.keys(h)) if (key !== "grant_allowed") errors.push(`unknown hooks key \`${key}\``);
      if (h.grant_allowed !== undefined) {
        // A repository must never make an agent skip its own permission prompt: only the user or the system policy may.
        if (typeof h.grant_allowed !== "boolean") errors.push("hooks.grant_allowed must be true or false");
        else if (layer === "project") errors.push("hooks.grant_allowed can only be set in your user config or the system policy: it makes agents skip their own permission prompts");
        else settings.hooks = { grantAllowed: h.grant_allowed };
      }
    }
  }
  if (d.sandbox !== undefined) {
    const sandbox = parseSandbox(d.sandbox, layer, errors);
    if (sandbox) settings.sandbox = sandbox;
  }
  if (d.read_only_databases !== undefined) {
    const value = d.read_only_databases;
    if (value !== "production" && value !== "always" && value !== "never") errors.push("read_only_databases must be production, always or never");
    else if (layer === "project" && value !== "always") errors.push("the project file may only set read_only_databases: always");
    else settings.readOnlyDatabases = value;
  }
  if (d.isolation !== undefined) {
    const iso = d.isolation as Record<string, unknown>;
    if (!iso || typeof iso !== "object" || Array.isArray(iso)) errors.push("isolation must be {enabled, patterns, grants}");
    else {
      const isolation: NonNullable<ConfigLayer["settings"]["isolation"]> = {};
      for (const key of Object.keys(iso)) if (!["enabled", "patterns", "grants", "route_hooks", "notice"].includes(key)) errors.push(`unknown isolation key \`${key}\``);
      if (iso.notice !== undefined) {
        if (typeof iso.notice !== "boolean") errors.push("isolation.notice must be true or false");
        else if (layer === "project") errors.push("isolation.notice can only be set in your user config");
        else isolation.notice = iso.notice;
      }
      if (iso.route_hooks !== undefined) {
        if (typeof iso.route_hooks !== "boolean") errors.push("isolation.route_hooks must be true or false");
        else if (layer === "project") errors.push("isolation.route_hooks can only be set in your user config");
        else isolation.routeHooks = iso.route_hooks;
      }
      isolation.patterns = strings(iso.patterns, "isolation.patterns", errors);
      if (iso.enabled !== undefined) {
        if (typeof iso.enabled !== "boolean") errors.push("isolation.enabled must be true or false");
        else if (layer === "project") errors.push("isolation.enabled can only be changed in your user config");
        else isolation.enabled = iso.enabled;
      }
      if (iso.grants !== undefined) {
        const grants = iso.grants as Record<string, unknown>;
        if (layer === "project") errors.push("isolation.grants can only be set in your user config: a grant hands a credential to a program");
        else if (!grants || typeof grants !== "object" || Array.isArray(grants) || Object.values(grants).some((v) => !Array.isArray(v) || v.some((p) => typeof p !== "string"))) {
          errors.push("isolation.grants maps a variable to a list of programs");
        } else isolation.grants = grants as Record<string, string[]>;
      }
      settings.isolation = isolation;
    }
  }
  const base = dirname(file);
  settings.extraRuleFiles = strings(d.extra_rules, "extra_rules", errors)?.map((p) => resolve(base, p));
  settings.protectedBranches = strings(d.protected_branches, "protected_branches", errors);
  const rmPaths = strings(d.allowed_rm_paths, "allowed_rm_paths", errors);
  if (rmPaths?.length && layer === "project") errors.push("allowed_rm_paths is not allowed in the project file (it loosens guard); put it in your user config");
  else settings.allowedRmPaths = rmPaths;
  if (d.production !== undefined) {
    const p = d.production as Record<string, unknown>;
    const production: Partial<ProductionSettings> = {};
    if (!p || typeof p !== "object" || Array.isArray(p)) errors.push("production must be a mapping");
    else {
      if (p.variables !== undefined) {
        if (!p.variables || typeof p.variables !== "object" || Object.values(p.variables).some((v) => typeof v !== "string")) errors.push("production.variables maps names to value globs");
        else production.variables = p.variables as Record<string, string>;
      }
      if (p.kube_context !== undefined) {
        if (typeof p.kube_context !== "string") errors.push("production.kube_context must be a glob string (\"\" to switch it off)");
        else production.kubeContext = p.kube_context;
      }
      if (p.remote_database_url !== undefined) {
        if (typeof p.remote_database_url !== "boolean") errors.push("production.remote_database_url must be true or false");
        else production.remoteDatabaseUrl = p.remote_database_url;
      }
      if (layer === "project" && (production.kubeContext !== undefined || production.remoteDatabaseUrl !== undefined)) {
        errors.push("production.kube_context and remote_database_url can only be changed in your user config");
        delete production.kubeContext;
        delete production.remoteDatabaseUrl;
      }
      settings.production = production;
    }
  }
  return { layer: { layer, file, settings }, errors };
}

const UNDO_KEYS: Record<string, { key: keyof UndoSettings; kind: "boolean" | "size" | "count" }> = {
  enabled: { key: "enabled", kind: "boolean" },
  max_file_size: { key: "maxFileBytes", kind: "size" },
  keep_days: { key: "keepDays", kind: "count" },
  keep_count: { key: "keepCount", kind: "count" },
  trash_max_size: { key: "trashMaxBytes", kind: "size" },
};

/** `undo: {enabled, max_file_size: 50MB, keep_days: 7, keep_count: 200, trash_max_size: 512MB}`. */
function parseUndo(value: unknown, errors: string[]): Partial<UndoSettings> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    errors.push(`undo must be {${Object.keys(UNDO_KEYS).join(", ")}}`);
    return undefined;
  }
  const out: Partial<Record<keyof UndoSettings, unknown>> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const spec = UNDO_KEYS[name];
    if (!spec) {
      errors.push(`unknown undo key \`${name}\``);
      continue;
    }
    const parsed = spec.kind === "boolean" ? (typeof raw === "boolean" ? raw : undefined)
      : spec.kind === "size" ? parseSize(raw)
      : (Number.isInteger(raw) && (raw as number) >= 0 ? raw : undefined);
    if (parsed === undefined) errors.push(`undo.${name} must be ${spec.kind === "boolean" ? "true or false" : spec.kind === "size" ? "a size such as 50MB or a number of bytes" : "a whole number"}`);
    else out[spec.key] = parsed;
  }
  return out as Partial<UndoSettings>;
}

/** 1048576, "512KB", "50MB", "2 GB" (powers of 1024). */
export function parseSize(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isInteger(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(raw);
  if (!m) return undefined;
  const power = " kmgt".indexOf(m[2].toLowerCase() || " ");
  return Math.round(Number(m[1]) * 1024 ** power);
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
