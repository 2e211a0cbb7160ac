// Config rows for what guard knows about where it runs: the mode, extra rule files, protected branches, production markers, paths rm may clear, read-only databases.
import { dirname, resolve } from "node:path";
import type { ProductionSettings, Settings } from "./settings";
import { strings, type ConfigKey } from "./key-table";
import { choice, choiceType, mapping, replaceWith, userOnlyList, userThenPolicy } from "./key-builders";

const MODES = ["enforce", "audit"] as const;

const mode: ConfigKey = {
  key: "mode",
  type: choiceType(MODES),
  layers: ["system", "user", "project"],
  // A project may only say `enforce`, which is the default: it changes nothing.
  merge: { user: "replace", project: "ignored", system: "floor" },
  parse(value, { layer, errors, settings }) {
    const mode = choice(value, "mode", MODES, errors);
    if (layer === "project" && mode === "audit") errors.push("mode: audit is not allowed in the project file: it switches blocking off");
    else if (mode) settings.mode = mode;
  },
  ...userThenPolicy("mode", replaceWith, replaceWith),
  report: (settings) => [{ value: settings.mode }],
};

const extraRules: ConfigKey = {
  key: "extra_rules",
  type: "[rule file path…] (relative to the config file)",
  layers: ["system", "user", "project"],
  merge: { user: "union", project: "union", system: "union" },
  parse(value, { file, errors, settings }) {
    settings.extraRuleFiles = strings(value, "extra_rules", errors)?.map((p) => resolve(dirname(file), p));
  },
  combine(out, s) {
    out.extraRuleFiles.push(...(s.extraRuleFiles ?? []));
  },
  floor(out, policy) {
    out.extraRuleFiles.push(...(policy.extraRuleFiles ?? []));
  },
};

const protectedBranches: ConfigKey = {
  key: "protected_branches",
  type: "[branch glob…]",
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "union", system: "union" },
  parse(value, { errors, settings }) {
    settings.protectedBranches = strings(value, "protected_branches", errors);
  },
  combine(out, s, layer, mark) {
    if (!s.protectedBranches) return;
    out.protectedBranches = layer === "user" ? [...s.protectedBranches] : [...out.protectedBranches, ...s.protectedBranches];
    mark();
  },
  floor(out, policy, mark) {
    for (const branch of policy.protectedBranches ?? []) if (!out.protectedBranches.includes(branch)) out.protectedBranches.push(branch);
    if (policy.protectedBranches?.length) mark();
  },
  report: (settings) => [{ value: settings.protectedBranches }],
};

const production: ConfigKey = {
  key: "production",
  type: "{variables: {NAME: value glob}, kube_context: glob, remote_database_url: true|false}",
  layers: ["system", "user", "project"],
  // Not applied from the system policy (yet): production markers come from the user and project files.
  merge: { user: "replace", project: "union", system: "ignored" },
  parse(raw, { layer, errors, settings }) {
    const value = mapping(raw, "production must be a mapping", errors);
    if (!value) return;
    const out: Partial<ProductionSettings> = {};
    if (value.variables !== undefined) {
      if (!value.variables || typeof value.variables !== "object" || Object.values(value.variables).some((v) => typeof v !== "string")) errors.push("production.variables maps names to value globs");
      else out.variables = value.variables as Record<string, string>;
    }
    if (value.kube_context !== undefined) {
      if (typeof value.kube_context !== "string") errors.push("production.kube_context must be a glob string (\"\" to switch it off)");
      else out.kubeContext = value.kube_context;
    }
    if (value.remote_database_url !== undefined) {
      if (typeof value.remote_database_url !== "boolean") errors.push("production.remote_database_url must be true or false");
      else out.remoteDatabaseUrl = value.remote_database_url;
    }
    if (layer === "project" && (out.kubeContext !== undefined || out.remoteDatabaseUrl !== undefined)) {
      errors.push("production.kube_context and remote_database_url can only be changed in your user config");
      delete out.kubeContext;
      delete out.remoteDatabaseUrl;
    }
    settings.production = out;
  },
  combine(out, s, layer) {
    const p = s.production;
    if (!p) return;
    if (layer === "user") {
      if (p.variables) out.production.variables = { ...p.variables };
      if (p.kubeContext !== undefined) out.production.kubeContext = p.kubeContext;
      if (p.remoteDatabaseUrl !== undefined) out.production.remoteDatabaseUrl = p.remoteDatabaseUrl;
      return;
    }
    // A project may add production markers, never replace one: `NODE_ENV: nothing` must not hide NODE_ENV=production.
    for (const [name, glob] of Object.entries(p.variables ?? {})) {
      if (!Object.prototype.hasOwnProperty.call(out.production.variables, name)) out.production.variables[name] = glob;
    }
  },
  floor() {},
};

const allowedRmPaths: ConfigKey = {
  key: "allowed_rm_paths",
  type: "[path glob…] (~ allowed)",
  layers: ["system", "user", "project"],
  merge: { user: "union", project: "ignored", system: "replace" },
  parse(value, at) {
    const paths = userOnlyList(value, "allowed_rm_paths", "guard", at);
    if (paths) at.settings.allowedRmPaths = paths;
  },
  ...userThenPolicy("allowedRmPaths", (current, paths) => [...current, ...paths], (_current, paths) => [...paths]),
  report: (settings) => [{ value: settings.allowedRmPaths }],
};

const READ_ONLY_ORDER: readonly Settings["readOnlyDatabases"][] = ["never", "production", "always"];
const READ_ONLY_VALUES: readonly Settings["readOnlyDatabases"][] = ["production", "always", "never"];

const readOnlyDatabases: ConfigKey = {
  key: "read_only_databases",
  type: choiceType(READ_ONLY_VALUES),
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "stricter", system: "stricter" },
  parse(value, { layer, errors, settings }) {
    const setting = choice(value, "read_only_databases", READ_ONLY_VALUES, errors);
    if (layer === "project" && setting && setting !== "always") errors.push("the project file may only set read_only_databases: always");
    else if (setting) settings.readOnlyDatabases = setting;
  },
  combine(out, s, layer, mark) {
    if (!s.readOnlyDatabases || (layer === "project" && s.readOnlyDatabases !== "always")) return;
    out.readOnlyDatabases = s.readOnlyDatabases;
    mark();
  },
  floor(out, policy, mark) {
    if (policy.readOnlyDatabases && READ_ONLY_ORDER.indexOf(policy.readOnlyDatabases) >= READ_ONLY_ORDER.indexOf(out.readOnlyDatabases)) {
      out.readOnlyDatabases = policy.readOnlyDatabases;
      mark();
    }
  },
  report: (settings) => [{ value: settings.readOnlyDatabases }],
};

export const CONTEXT_KEYS = { mode, extraRules, protectedBranches, production, allowedRmPaths, readOnlyDatabases } as const;
