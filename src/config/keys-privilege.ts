// Config rows for what guard hands out and keeps: credential isolation, the audit copies, hook grants, the sandbox, signed user config, undo.
import type { IsolationSettings } from "./isolation-settings";
import { parseAudit } from "./audit-config";
import { mergeSandbox, parseSandbox } from "./sandbox-config";
import type { UndoSettings } from "./settings";
import { parseSize } from "./size";
import { isMapping, strings, type ConfigKey, type ParseAt } from "./key-table";
import { choice, choiceType, mapping, overlay, userThenPolicy } from "./key-builders";

const ISOLATION_KEYS = ["enabled", "patterns", "grants", "route_hooks", "notice"];

/** A boolean isolation switch the project file may not set. */
function isolationSwitch(iso: Record<string, unknown>, name: "notice" | "route_hooks" | "enabled", at: ParseAt, projectMessage: string): boolean | undefined {
  const value = iso[name];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") at.errors.push(`isolation.${name} must be true or false`);
  else if (at.layer === "project") at.errors.push(projectMessage);
  else return value;
  return undefined;
}

const isolation: ConfigKey = {
  key: "isolation",
  type: "{enabled, patterns: [glob…], grants: {VAR: [program…]}, route_hooks, notice}",
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "union", system: "floor" },
  parse(raw, at) {
    const value = mapping(raw, "isolation must be {enabled, patterns, grants}", at.errors);
    if (!value) return;
    const out: Partial<IsolationSettings> = {};
    for (const key of Object.keys(value)) if (!ISOLATION_KEYS.includes(key)) at.errors.push(`unknown isolation key \`${key}\``);
    const notice = isolationSwitch(value, "notice", at, "isolation.notice can only be set in your user config");
    if (notice !== undefined) out.notice = notice;
    const routeHooks = isolationSwitch(value, "route_hooks", at, "isolation.route_hooks can only be set in your user config");
    if (routeHooks !== undefined) out.routeHooks = routeHooks;
    out.patterns = strings(value.patterns, "isolation.patterns", at.errors);
    const enabled = isolationSwitch(value, "enabled", at, "isolation.enabled can only be changed in your user config");
    if (enabled !== undefined) out.enabled = enabled;
    if (value.grants !== undefined) {
      const grants = value.grants;
      if (at.layer === "project") at.errors.push("isolation.grants can only be set in your user config: a grant hands a credential to a program");
      else if (!isMapping(grants) || Object.values(grants).some((v) => !Array.isArray(v) || v.some((p) => typeof p !== "string"))) {
        at.errors.push("isolation.grants maps a variable to a list of programs");
      } else out.grants = grants as Record<string, string[]>;
    }
    at.settings.isolation = out;
  },
  combine(out, s, layer, mark) {
    const iso = s.isolation;
    out.isolation.patterns.push(...(iso?.patterns ?? []));
    if (layer !== "user" || !iso) return;
    if (iso.enabled !== undefined) {
      out.isolation.enabled = iso.enabled;
      mark("enabled");
    }
    if (iso.routeHooks !== undefined) out.isolation.routeHooks = iso.routeHooks;
    if (iso.notice !== undefined) out.isolation.notice = iso.notice;
    Object.assign(out.isolation.grants, iso.grants ?? {});
  },
  floor(out, policy, mark) {
    const iso = policy.isolation;
    if (iso?.enabled !== undefined) {
      out.isolation.enabled = iso.enabled;
      mark("enabled");
    }
    if (iso?.routeHooks !== undefined) out.isolation.routeHooks = iso.routeHooks;
    if (iso?.grants) {
      out.isolation.grants = { ...iso.grants };
      mark("grants");
    }
    out.isolation.patterns.push(...(iso?.patterns ?? []));
  },
  report: (settings) => [{ sub: "enabled", value: settings.isolation.enabled }],
};

const audit: ConfigKey = {
  key: "audit",
  type: "{mirror: path, syslog: true|socket path, max_size: size, keep_segments: count}",
  layers: ["system", "user"],
  merge: { user: "replace", project: "ignored", system: "replace" },
  parse(value, { file, errors, settings }) {
    const parsed = parseAudit(value, file, errors);
    if (parsed) settings.audit = parsed;
  },
  ...userThenPolicy("audit", overlay, (_current, copies) => ({ ...copies })),
  report: (settings) => [{ value: settings.audit }],
};

const hooks: ConfigKey = {
  key: "hooks",
  type: "{grant_allowed: true|false}",
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "ignored", system: "floor" },
  parse(raw, { layer, errors, settings }) {
    const value = mapping(raw, "hooks must be {grant_allowed: true|false}", errors);
    if (!value) return;
    for (const key of Object.keys(value)) if (key !== "grant_allowed") errors.push(`unknown hooks key \`${key}\``);
    if (value.grant_allowed === undefined) return;
    // A repository must never make an agent skip its own permission prompt: only the user or the system policy may.
    if (typeof value.grant_allowed !== "boolean") errors.push("hooks.grant_allowed must be true or false");
    else if (layer === "project") errors.push("hooks.grant_allowed can only be set in your user config or the system policy: it makes agents skip their own permission prompts");
    else settings.hooks = { grantAllowed: value.grant_allowed };
  },
  // parse sets hooks only with a grant_allowed in it.
  ...userThenPolicy("hooks", overlay, overlay, "grant_allowed"),
  report: (settings) => [{ sub: "grant_allowed", value: settings.hooks.grantAllowed }],
};

const sandbox: ConfigKey = {
  key: "sandbox",
  type: "{mode: off|on|required, write: [path…], network: on|off}",
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "stricter", system: "floor" },
  parse(value, { layer, errors, settings }) {
    const parsed = parseSandbox(value, layer, errors);
    if (parsed) settings.sandbox = parsed;
  },
  combine(out, s, layer, mark) {
    if (!s.sandbox) return;
    out.sandbox = mergeSandbox(out.sandbox, s.sandbox, layer);
    mark();
  },
  floor(out, policy, mark) {
    if (!policy.sandbox) return;
    out.sandbox = mergeSandbox(out.sandbox, policy.sandbox, "system");
    // Applied again after each agent's own sandbox entries (sandboxFor).
    out.sandboxFloor = policy.sandbox;
    mark();
  },
};

const USER_CONFIG = ["signed", "any"] as const;

const userConfig: ConfigKey = {
  key: "user_config",
  type: choiceType(USER_CONFIG),
  layers: ["system"],
  // Read by load.ts when it decides whether the user file counts; nothing to combine.
  merge: { user: "ignored", project: "ignored", system: "replace" },
  parse(value, { errors, settings }) {
    const chosen = choice(value, "user_config", USER_CONFIG, errors);
    if (chosen) settings.userConfig = chosen;
  },
  combine() {},
  floor() {},
};

const UNDO_KEYS: Record<string, { key: keyof UndoSettings; kind: "boolean" | "size" | "count" }> = {
  enabled: { key: "enabled", kind: "boolean" },
  max_file_size: { key: "maxFileBytes", kind: "size" },
  keep_days: { key: "keepDays", kind: "count" },
  keep_count: { key: "keepCount", kind: "count" },
  trash_max_size: { key: "trashMaxBytes", kind: "size" },
};

const UNDO_EXPECTED = { boolean: "true or false", size: "a size such as 50MB or a number of bytes", count: "a whole number" };

/** `undo: {enabled, max_file_size: 50MB, keep_days: 7, keep_count: 200, trash_max_size: 512MB}`. */
function parseUndo(raw: unknown, errors: string[]): Partial<UndoSettings> | undefined {
  const value = mapping(raw, `undo must be {${Object.keys(UNDO_KEYS).join(", ")}}`, errors);
  if (!value) return undefined;
  const out: Partial<Record<keyof UndoSettings, unknown>> = {};
  for (const [name, raw] of Object.entries(value)) {
    const spec = UNDO_KEYS[name];
    if (!spec) {
      errors.push(`unknown undo key \`${name}\``);
      continue;
    }
    const parsed = spec.kind === "boolean" ? (typeof raw === "boolean" ? raw : undefined)
      : spec.kind === "size" ? parseSize(raw)
      : (Number.isInteger(raw) && (raw as number) >= 0 ? raw : undefined);
    if (parsed === undefined) errors.push(`undo.${name} must be ${UNDO_EXPECTED[spec.kind]}`);
    else out[spec.key] = parsed;
  }
  return out as Partial<UndoSettings>;
}

const undo: ConfigKey = {
  key: "undo",
  type: "{enabled, max_file_size: size, keep_days, keep_count, trash_max_size: size}",
  layers: ["system", "user"],
  merge: { user: "replace", project: "ignored", system: "replace" },
  parse(value, { errors, settings }) {
    const parsed = parseUndo(value, errors);
    if (parsed) settings.undo = parsed;
  },
  ...userThenPolicy("undo", overlay, overlay),
};

export const PRIVILEGE_KEYS = { isolation, audit, hooks, sandbox, userConfig, undo } as const;
