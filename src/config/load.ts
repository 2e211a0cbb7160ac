// Finds and reads the config files: ~/.config/guard/config.yaml (user) and .guard.yaml at the repository root (project).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { ACTIONS, type Action } from "../rules/types";
import { configDir } from "../act/paths";
import { findRepoRoot } from "../engine/local-context";
import type { ConfigLayer, ProductionSettings } from "./settings";

export interface ConfigError {
  file: string;
  message: string;
}

const KEYS = ["mode", "packs", "rules", "extra_rules", "protected_branches", "production", "allowed_rm_paths"];
export const MAX_CONFIG_BYTES = 1_000_000;

function strings(value: unknown, what: string, errors: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    errors.push(`${what} must be a list of strings`);
    return undefined;
  }
  return value as string[];
}

/** Validates one config file's data; every problem is reported, none is silently ignored. */
export function parseConfig(data: unknown, file: string, layer: "user" | "project"): { layer: ConfigLayer; errors: string[] } {
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
  if (d.mode !== undefined) {
    if (d.mode !== "enforce" && d.mode !== "audit") errors.push("mode must be enforce or audit");
    else if (layer === "project" && d.mode === "audit") errors.push("mode: audit is not allowed in the project file: it switches blocking off");
    else settings.mode = d.mode;
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

function readLayer(file: string, layer: "user" | "project"): { layer?: ConfigLayer; errors: ConfigError[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { errors: [] };
    return { errors: [{ file, message: `cannot read: ${(err as Error).message}` }] };
  }
  if (text.length > MAX_CONFIG_BYTES) return { errors: [{ file, message: `larger than ${MAX_CONFIG_BYTES} bytes` }] };
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    return { errors: [{ file, message: `YAML: ${(err as Error).message.split("\n")[0]}` }] };
  }
  const parsed = parseConfig(data, file, layer);
  return { layer: parsed.layer, errors: parsed.errors.map((message) => ({ file, message })) };
}

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
  for (const [file, layer] of [[userConfigPath(env), "user"], [projectConfigPath(cwd), "project"]] as const) {
    const read = readLayer(file, layer);
    if (read.layer) layers.push(read.layer);
    errors.push(...read.errors);
  }
  return { layers, errors };
}
