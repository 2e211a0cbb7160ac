// guard's settings: their types and defaults (what each config key may say, and how layers combine: keys.ts).
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

/** A pack is on when enabled by name, or on by default and not disabled by the user. */
export function packEnabled(settings: Settings, pack: { name: string; enabledByDefault: boolean }): boolean {
  if (settings.enablePacks.includes(pack.name)) return true;
  return pack.enabledByDefault && !settings.disablePacks.includes(pack.name);
}
