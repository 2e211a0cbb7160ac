// guard's settings: what the user and project config files may say, validated, and how the two combine.
import type { Action } from "../rules/types";
import { DEFAULT_PROTECTED_BRANCHES } from "../engine/context";

export interface ProductionSettings {
  /** Variables whose value (a glob) marks production: NODE_ENV=production… */
  variables: Record<string, string>;
  /** A kubectl current-context matching this glob is production. Empty: not checked. */
  kubeContext: string;
  /** A DATABASE_URL whose host is not local is production. */
  remoteDatabaseUrl: boolean;
}

export interface Settings {
  /** `audit`: decide and log, but never block (for rollout). Only the user file may set it. */
  mode: "enforce" | "audit";
  enablePacks: string[];
  disablePacks: string[];
  /** Rule id → the action to use instead of the rule's own. */
  ruleActions: Record<string, Action>;
  /** Extra rule files, as absolute paths. */
  extraRuleFiles: string[];
  protectedBranches: string[];
  production: ProductionSettings;
  /** Paths (globs, `~` allowed) that rm -r and find -delete may remove even where guard would call them catastrophic. */
  allowedRmPaths: string[];
}

export interface ConfigLayer {
  /** "user" or "project", for messages and precedence. */
  layer: "user" | "project";
  file: string;
  settings: Omit<Partial<Settings>, "production"> & { production?: Partial<ProductionSettings> };
}

export const DEFAULT_PRODUCTION_VARIABLES: Record<string, string> = {
  NODE_ENV: "prod*", RAILS_ENV: "prod*", RACK_ENV: "prod*", APP_ENV: "prod*", MIX_ENV: "prod*", FLASK_ENV: "prod*",
  ENVIRONMENT: "prod*", RAILWAY_ENVIRONMENT: "prod*", RAILWAY_ENVIRONMENT_NAME: "prod*", VERCEL_ENV: "production", STAGE: "prod*",
};

export function defaultSettings(): Settings {
  return {
    mode: "enforce",
    enablePacks: [],
    disablePacks: [],
    ruleActions: {},
    extraRuleFiles: [],
    protectedBranches: [...DEFAULT_PROTECTED_BRANCHES],
    production: { variables: { ...DEFAULT_PRODUCTION_VARIABLES }, kubeContext: "*prod*", remoteDatabaseUrl: true },
    allowedRmPaths: [],
  };
}

/**
 * Combines the layers: the user file may change anything; the project file (which an agent can
 * edit) may only make guard stricter — enable packs, add protected branches, add production
 * variables, add rule files — and loosen nothing except by naming rule ids in `rules:`.
 */
/** A pack is on when enabled by name, or on by default and not disabled by the user. */
export function packEnabled(settings: Settings, pack: { name: string; enabledByDefault: boolean }): boolean {
  if (settings.enablePacks.includes(pack.name)) return true;
  return pack.enabledByDefault && !settings.disablePacks.includes(pack.name);
}

export function combine(layers: ConfigLayer[]): Settings {
  const out = defaultSettings();
  for (const { layer, settings } of layers) {
    const s = settings;
    out.enablePacks.push(...(s.enablePacks ?? []));
    out.extraRuleFiles.push(...(s.extraRuleFiles ?? []));
    Object.assign(out.ruleActions, s.ruleActions ?? {});
    if (layer === "user") {
      if (s.mode) out.mode = s.mode;
      out.disablePacks.push(...(s.disablePacks ?? []));
      if (s.protectedBranches) out.protectedBranches = [...s.protectedBranches];
      if (s.allowedRmPaths) out.allowedRmPaths.push(...s.allowedRmPaths);
      if (s.production?.variables) out.production.variables = { ...s.production.variables };
      if (s.production?.kubeContext !== undefined) out.production.kubeContext = s.production.kubeContext;
      if (s.production?.remoteDatabaseUrl !== undefined) out.production.remoteDatabaseUrl = s.production.remoteDatabaseUrl;
    } else {
      out.protectedBranches.push(...(s.protectedBranches ?? []));
      Object.assign(out.production.variables, s.production?.variables ?? {});
    }
  }
  return out;
}
