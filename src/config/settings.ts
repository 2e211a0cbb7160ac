// guard's settings: what the user and project config files may say, validated, and how the two combine.
import type { Action } from "../core/action";
import { DEFAULT_PROTECTED_BRANCHES } from "../core/eval-context";
import type { IsolationSettings } from "./isolation-settings";
import type { SandboxSettings } from "./sandbox-config";
import { defaultSandbox, mergeSandbox } from "./sandbox-config";

export interface ProductionSettings {
  /** Variables whose value (a glob) marks production: NODE_ENV=production… */
  variables: Record<string, string>;
  /** A kubectl current-context matching this glob is production. Empty: not checked. */
  kubeContext: string;
  /** A DATABASE_URL whose host is not local is production. */
  remoteDatabaseUrl: boolean;
}

export interface AuditCopies {
  /** A second log, ideally append-only or owned by another user (see README, "Least privilege"). */
  mirror?: string;
  /** Send each record to the system log: true for the default socket, or a socket path. */
  syslog?: true | string;
  /** Rotate the local log once it reaches this many bytes (`max_size`); 0 never rotates. Default 10 MB. */
  maxBytes?: number;
  /** Rotated segments of the local log to keep (`keep_segments`). Default 5. */
  keepSegments?: number;
}

export interface HookSettings {
  /**
   * Answer an explicit "allow" to agents for commands guard has nothing against, so they skip their own
   * permission prompt. Off by default: guard only removes permissions. User or system layer only.
   */
  grantAllowed: boolean;
}

export interface Settings {
  hooks: HookSettings;
  /** Rule actions for one agent only: `agents: {codex: {rules: {git.force-push: deny}}}`. */
  agentRuleActions: Record<string, Record<string, Action>>;
  audit: AuditCopies;
  /** Which credential variables commands run through guard exec/shell may see. */
  isolation: IsolationSettings;
  /** Start database clients read-only: in production context (default), always, or never. */
  readOnlyDatabases: "production" | "always" | "never";
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
  /** Snapshots before discarding work, and trash copies outside repositories (docs/undo.md). */
  undo: UndoSettings;
  /** `strict`: only known-harmless commands run without a human (see engine/strict.ts). */
  profile: Profile;
  /** The profile for one agent only: `agents: {codex: {profile: strict}}`. */
  agentProfiles: Record<string, Profile>;
  /** Set by the system layer: strict for every agent, whatever the user file says. */
  strictFloor: boolean;
  /** Command prefixes (words, each a glob) that strict treats as harmless: `terraform plan`, `make docs`. User and system layers only. */
  knownHarmless: string[];
  /** Walls around what guard runs (guard exec, guard shell, routed hooks): see act/sandbox.ts. */
  sandbox: SandboxSettings;
  /** `agents: {codex: {sandbox: {…}}}`, per layer in order; applied by sandboxFor(). */
  agentSandboxes: Record<string, { layer: "system" | "user" | "project"; value: Partial<SandboxSettings> }[]>;
  /** The system policy's sandbox, applied again after an agent's entries: a floor nothing goes below. */
  sandboxFloor?: Partial<SandboxSettings>;
}

export type Profile = "default" | "strict";

/**
 * The sandbox for one agent: the combined settings, then that agent's `agents: {NAME: {sandbox}}`
 * entries in layer order (the user's sets, a project's and the system's only tighten), then the
 * system policy again as a floor.
 */
export function sandboxFor(settings: Settings, agent: string | undefined): SandboxSettings {
  let out = settings.sandbox;
  for (const entry of agent ? settings.agentSandboxes[agent] ?? [] : []) out = mergeSandbox(out, entry.value, entry.layer);
  return settings.sandboxFloor ? mergeSandbox(out, settings.sandboxFloor, "system") : out;
}

/** Whether `profile: strict` applies to this agent (or to commands with no agent). */
export function strictFor(settings: Settings, agent: string | undefined): boolean {
  if (settings.strictFloor) return true;
  const own = agent !== undefined ? settings.agentProfiles[agent] : undefined;
  return (own ?? settings.profile) === "strict";
}

export interface UndoSettings {
  enabled: boolean;
  /** Untracked files larger than this are left out of a snapshot, and named. */
  maxFileBytes: number;
  /** Snapshots older than this many days are pruned… */
  keepDays: number;
  /** …and only the newest this many are kept per repository. */
  keepCount: number;
  /** Files outside a repository are copied to the trash before an approved delete only up to this total. */
  trashMaxBytes: number;
}

export const DEFAULT_UNDO: Readonly<UndoSettings> = { enabled: true, maxFileBytes: 50 * 1024 * 1024, keepDays: 7, keepCount: 200, trashMaxBytes: 512 * 1024 * 1024 };

export interface ConfigLayer {
  /** "system" (managed policy), "user" or "project", for messages and precedence. */
  layer: "system" | "user" | "project";
  file: string;
  /** sha256 of the file's bytes, as parsed (what `guard trust` records for the project file). */
  digest?: string;
  settings: Omit<Partial<Settings>, "production" | "isolation" | "hooks" | "sandbox" | "undo" | "agentSandboxes"> & {
    agentSandboxes?: Record<string, Partial<SandboxSettings>>;
    sandbox?: Partial<SandboxSettings>;
    undo?: Partial<UndoSettings>;
    hooks?: Partial<HookSettings>;
    production?: Partial<ProductionSettings>;
    isolation?: Partial<IsolationSettings>;
    /** System layer only: `signed` makes the user config count only with a signature by the system key. */
    userConfig?: "signed" | "any";
  };
}

export const DEFAULT_PRODUCTION_VARIABLES: Record<string, string> = {
  NODE_ENV: "prod*", RAILS_ENV: "prod*", RACK_ENV: "prod*", APP_ENV: "prod*", MIX_ENV: "prod*", FLASK_ENV: "prod*",
  ENVIRONMENT: "prod*", RAILWAY_ENVIRONMENT: "prod*", RAILWAY_ENVIRONMENT_NAME: "prod*", VERCEL_ENV: "production", STAGE: "prod*",
};

export function defaultSettings(): Settings {
  return {
    hooks: { grantAllowed: false },
    agentRuleActions: {},
    audit: {},
    isolation: { enabled: true, patterns: [], grants: {} },
    readOnlyDatabases: "production",
    mode: "enforce",
    enablePacks: [],
    disablePacks: [],
    ruleActions: {},
    extraRuleFiles: [],
    protectedBranches: [...DEFAULT_PROTECTED_BRANCHES],
    production: { variables: { ...DEFAULT_PRODUCTION_VARIABLES }, kubeContext: "*prod*", remoteDatabaseUrl: true },
    allowedRmPaths: [],
    undo: { ...DEFAULT_UNDO },
    profile: "default",
    agentProfiles: {},
    strictFloor: false,
    knownHarmless: [],
    sandbox: defaultSandbox(),
    agentSandboxes: {},
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

/** Which layer set each effective setting (for `guard config`). */
export type Provenance = Record<string, "default" | "system" | "user" | "project">;

/**
 * Applies the system (managed) layer last as a floor: what it states, user and project files cannot
 * loosen — its rule actions win unless a later file is stricter, the packs it enables stay on, its
 * mode and isolation stand, and grants or allowed rm paths it sets replace the user's.
 */
function applyPolicy(out: Settings, policy: ConfigLayer["settings"], provenance: Provenance): void {
  for (const [agent, actions] of Object.entries(policy.agentRuleActions ?? {})) {
    const current = out.agentRuleActions[agent] ?? {};
    for (const [id, action] of Object.entries(actions)) {
      if (!current[id] || ACTION_ORDER.indexOf(action) >= ACTION_ORDER.indexOf(current[id])) current[id] = action;
    }
    out.agentRuleActions[agent] = current;
  }
  // An agent override is no way around the floor: `agents: {codex: {rules: {id: allow}}}` stays at the policy's action.
  for (const actions of Object.values(out.agentRuleActions)) {
    for (const [id, action] of Object.entries(policy.ruleActions ?? {})) {
      if (Object.prototype.hasOwnProperty.call(actions, id) && ACTION_ORDER.indexOf(actions[id]) < ACTION_ORDER.indexOf(action)) actions[id] = action;
    }
  }
  for (const [id, action] of Object.entries(policy.ruleActions ?? {})) {
    const current = out.ruleActions[id];
    if (!current || ACTION_ORDER.indexOf(action) >= ACTION_ORDER.indexOf(current)) {
      out.ruleActions[id] = action;
      provenance[`rules.${id}`] = "system";
    }
  }
  for (const pack of policy.enablePacks ?? []) {
    out.disablePacks = out.disablePacks.filter((p) => p !== pack);
    if (!out.enablePacks.includes(pack)) out.enablePacks.push(pack);
    provenance[`packs.${pack}`] = "system";
  }
  for (const pack of policy.disablePacks ?? []) if (!out.enablePacks.includes(pack)) out.disablePacks.push(pack);
  if (policy.audit) {
    out.audit = { ...policy.audit };
    provenance.audit = "system";
  }
  if (policy.hooks?.grantAllowed !== undefined) {
    out.hooks.grantAllowed = policy.hooks.grantAllowed;
    provenance["hooks.grant_allowed"] = "system";
  }
  if (policy.mode) {
    out.mode = policy.mode;
    provenance.mode = "system";
  }
  if (policy.isolation?.enabled !== undefined) {
    out.isolation.enabled = policy.isolation.enabled;
    provenance["isolation.enabled"] = "system";
  }
  if (policy.isolation?.routeHooks !== undefined) out.isolation.routeHooks = policy.isolation.routeHooks;
  if (policy.isolation?.grants) {
    out.isolation.grants = { ...policy.isolation.grants };
    provenance["isolation.grants"] = "system";
  }
  out.isolation.patterns.push(...(policy.isolation?.patterns ?? []));
  if (policy.allowedRmPaths) {
    out.allowedRmPaths = [...policy.allowedRmPaths];
    provenance.allowedRmPaths = "system";
  }
  if (policy.readOnlyDatabases && READ_ONLY_ORDER.indexOf(policy.readOnlyDatabases) >= READ_ONLY_ORDER.indexOf(out.readOnlyDatabases)) {
    out.readOnlyDatabases = policy.readOnlyDatabases;
    provenance.readOnlyDatabases = "system";
  }
  for (const branch of policy.protectedBranches ?? []) if (!out.protectedBranches.includes(branch)) out.protectedBranches.push(branch);
  if (policy.profile === "strict") {
    out.strictFloor = true;
    provenance.profile = "system";
  }
  for (const [agent, profile] of Object.entries(policy.agentProfiles ?? {})) if (profile === "strict") out.agentProfiles[agent] = "strict";
  out.knownHarmless.push(...(policy.knownHarmless ?? []));
  if (policy.protectedBranches?.length) provenance.protectedBranches = "system";
  if (policy.sandbox) {
    out.sandbox = mergeSandbox(out.sandbox, policy.sandbox, "system");
    out.sandboxFloor = policy.sandbox;
    provenance.sandbox = "system";
  }
  for (const [agent, value] of Object.entries(policy.agentSandboxes ?? {})) (out.agentSandboxes[agent] ??= []).push({ layer: "system", value });
  out.extraRuleFiles.push(...(policy.extraRuleFiles ?? []));
  if (policy.undo) {
    out.undo = { ...out.undo, ...policy.undo };
    provenance.undo = "system";
  }
}

const ACTION_ORDER = ["allow", "ask", "deny"];
const READ_ONLY_ORDER = ["never", "production", "always"];

export function combine(layers: ConfigLayer[]): Settings {
  return combineWithProvenance(layers).settings;
}

export function combineWithProvenance(layers: ConfigLayer[]): { settings: Settings; provenance: Provenance } {
  const out = defaultSettings();
  const provenance: Provenance = {};
  for (const { layer, settings } of layers) {
    if (layer === "system") continue;
    for (const id of Object.keys(settings.ruleActions ?? {})) provenance[`rules.${id}`] = layer;
    for (const key of ["mode", "readOnlyDatabases", "protectedBranches", "allowedRmPaths", "audit"] as const) if (settings[key] !== undefined) provenance[key] = layer;
    if (settings.isolation?.enabled !== undefined) provenance["isolation.enabled"] = layer;
    if (settings.sandbox) {
      out.sandbox = mergeSandbox(out.sandbox, settings.sandbox, layer);
      provenance.sandbox = layer;
    }
    for (const [agent, value] of Object.entries(settings.agentSandboxes ?? {})) (out.agentSandboxes[agent] ??= []).push({ layer, value });
    const s = settings;
    for (const [agent, actions] of Object.entries(s.agentRuleActions ?? {})) out.agentRuleActions[agent] = { ...out.agentRuleActions[agent], ...actions };
    // The project file may only tighten: it can switch strict on, never off.
    if (s.profile && (layer === "user" || s.profile === "strict")) {
      out.profile = s.profile;
      provenance.profile = layer;
    }
    for (const [agent, profile] of Object.entries(s.agentProfiles ?? {})) {
      if (layer === "user" || profile === "strict") out.agentProfiles[agent] = profile;
    }
    if (layer === "user") out.knownHarmless.push(...(s.knownHarmless ?? []));
    out.enablePacks.push(...(s.enablePacks ?? []));
    out.extraRuleFiles.push(...(s.extraRuleFiles ?? []));
    Object.assign(out.ruleActions, s.ruleActions ?? {});
    out.isolation.patterns.push(...(s.isolation?.patterns ?? []));
    if (layer === "user") {
      if (s.audit) out.audit = { ...out.audit, ...s.audit };
      if (s.isolation?.enabled !== undefined) out.isolation.enabled = s.isolation.enabled;
      if (s.isolation?.routeHooks !== undefined) out.isolation.routeHooks = s.isolation.routeHooks;
      if (s.isolation?.notice !== undefined) out.isolation.notice = s.isolation.notice;
      Object.assign(out.isolation.grants, s.isolation?.grants ?? {});
      if (s.readOnlyDatabases) out.readOnlyDatabases = s.readOnlyDatabases;
      if (s.mode) out.mode = s.mode;
      if (s.hooks?.grantAllowed !== undefined) {
        out.hooks.grantAllowed = s.hooks.grantAllowed;
        provenance["hooks.grant_allowed"] = "user";
      }
      out.disablePacks.push(...(s.disablePacks ?? []));
      if (s.protectedBranches) out.protectedBranches = [...s.protectedBranches];
      if (s.allowedRmPaths) out.allowedRmPaths.push(...s.allowedRmPaths);
      if (s.production?.variables) out.production.variables = { ...s.production.variables };
      if (s.production?.kubeContext !== undefined) out.production.kubeContext = s.production.kubeContext;
      if (s.production?.remoteDatabaseUrl !== undefined) out.production.remoteDatabaseUrl = s.production.remoteDatabaseUrl;
      if (s.undo) {
        out.undo = { ...out.undo, ...s.undo };
        provenance.undo = layer;
      }
    } else {
      if (s.readOnlyDatabases === "always") out.readOnlyDatabases = "always";
      out.protectedBranches.push(...(s.protectedBranches ?? []));
      // A project may add production markers, never replace one: `NODE_ENV: nothing` must not hide NODE_ENV=production.
      for (const [name, glob] of Object.entries(s.production?.variables ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(out.production.variables, name)) out.production.variables[name] = glob;
      }
    }
  }
  const policy = layers.find((l) => l.layer === "system");
  if (policy) applyPolicy(out, policy.settings, provenance);
  return { settings: out, provenance };
}
