// Config rows for what rules apply: packs, rule actions, per-agent overrides, the strict profile and its known-harmless prefixes.
import { ACTIONS, type Action } from "../core/action";
import { parseSandbox } from "./sandbox-config";
import { atLeast, strings, type ConfigKey, type ParseAt } from "./key-table";
import { choice, choiceType, mapping, userOnlyList } from "./key-builders";

const packs: ConfigKey = {
  key: "packs",
  type: "{enable: [pack…], disable: [pack…]}",
  layers: ["system", "user", "project"],
  merge: { user: "union", project: "union", system: "floor" },
  parse(raw, { layer, errors, settings }) {
    const value = mapping(raw, "packs must be {enable: [...], disable: [...]}", errors);
    if (!value) return;
    settings.enablePacks = strings(value.enable, "packs.enable", errors);
    const disable = strings(value.disable, "packs.disable", errors);
    if (disable?.length && layer === "project") errors.push("packs.disable is not allowed in the project file: a project may only loosen rules by naming their ids under rules:");
    else settings.disablePacks = disable;
  },
  combine(out, s, layer, mark) {
    for (const pack of s.enablePacks ?? []) mark(pack);
    out.enablePacks.push(...(s.enablePacks ?? []));
    if (layer === "user") out.disablePacks.push(...(s.disablePacks ?? []));
  },
  floor(out, policy, mark) {
    // The packs the policy enables stay on, whatever the user disabled.
    for (const pack of policy.enablePacks ?? []) {
      out.disablePacks = out.disablePacks.filter((p) => p !== pack);
      if (!out.enablePacks.includes(pack)) out.enablePacks.push(pack);
      mark(pack);
    }
    for (const pack of policy.disablePacks ?? []) if (!out.enablePacks.includes(pack)) out.disablePacks.push(pack);
  },
  report: (settings) => settings.enablePacks.map((pack) => ({ sub: pack, value: "enabled" })),
};

/** `{id: action}`, each action checked; `what` prefixes the messages (`rules`, `agents.codex.rules`). */
function ruleActions(value: Record<string, unknown>, what: string, errors: string[]): Record<string, Action> {
  const out: Record<string, Action> = {};
  for (const [id, action] of Object.entries(value)) {
    const chosen = choice(action, `${what}.${id}`, ACTIONS, errors);
    if (chosen) out[id] = chosen;
  }
  return out;
}

const rules: ConfigKey = {
  key: "rules",
  type: "{rule id: allow | ask | deny}",
  layers: ["system", "user", "project"],
  // A project's loosening entries only count once trusted (project-trust.ts splits them out first).
  merge: { user: "replace", project: "replace", system: "floor" },
  parse(value, { errors, settings }) {
    const actions = mapping(value, "rules must map rule ids to allow, ask or deny", errors);
    if (actions) settings.ruleActions = ruleActions(actions, "rules", errors);
  },
  combine(out, s, _layer, mark) {
    for (const id of Object.keys(s.ruleActions ?? {})) mark(id);
    Object.assign(out.ruleActions, s.ruleActions ?? {});
  },
  floor(out, policy, mark) {
    for (const [id, action] of Object.entries(policy.ruleActions ?? {})) {
      const current = out.ruleActions[id];
      if (!current || atLeast(action, current)) {
        out.ruleActions[id] = action;
        mark(id);
      }
    }
  },
  report: (settings) => Object.entries(settings.ruleActions).map(([id, action]) => ({ sub: id, value: action })),
};

const PROFILES = ["default", "strict"] as const;
const AGENT_SHAPE = "{rules: {id: action}, profile: default|strict, sandbox: {…}}";

/** One `agents.NAME` entry: its rule actions, profile and sandbox. */
function parseAgent(agent: string, value: unknown, at: ParseAt, profiles: Record<string, "default" | "strict">): Record<string, Action> | undefined {
  const { layer, errors, settings } = at;
  const entry = value as { rules?: unknown; profile?: unknown; sandbox?: unknown };
  const rules = entry?.rules ?? {};
  if (!entry || typeof entry !== "object" || typeof rules !== "object" || Array.isArray(rules) || Object.keys(entry).some((k) => k !== "rules" && k !== "profile" && k !== "sandbox")) {
    errors.push(`agents.${agent} must be ${AGENT_SHAPE}`);
    return undefined;
  }
  if (entry.sandbox !== undefined) {
    const problems: string[] = [];
    const sandbox = parseSandbox(entry.sandbox, layer, problems);
    errors.push(...problems.map((p) => `agents.${agent}.${p}`));
    if (sandbox) (settings.agentSandboxes ??= {})[agent] = sandbox;
  }
  if (entry.profile !== undefined) {
    const chosen = choice(entry.profile, `agents.${agent}.profile`, PROFILES, errors);
    if (chosen) profiles[agent] = chosen;
  }
  return ruleActions(rules as Record<string, unknown>, `agents.${agent}.rules`, errors);
}

const agents: ConfigKey = {
  key: "agents",
  type: `{agent name: ${AGENT_SHAPE}}`,
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "replace", system: "floor" },
  parse(raw, at) {
    const value = mapping(raw, "agents maps an agent name to {rules: {id: action}, profile: default|strict}", at.errors);
    if (!value) return;
    const out: Record<string, Record<string, Action>> = {};
    const profiles: Record<string, "default" | "strict"> = {};
    for (const [agent, entry] of Object.entries(value)) {
      const actions = parseAgent(agent, entry, at, profiles);
      if (actions) out[agent] = actions;
    }
    at.settings.agentRuleActions = out;
    if (Object.keys(profiles).length) at.settings.agentProfiles = profiles;
  },
  combine(out, s, layer) {
    for (const [agent, value] of Object.entries(s.agentSandboxes ?? {})) (out.agentSandboxes[agent] ??= []).push({ layer, value });
    for (const [agent, actions] of Object.entries(s.agentRuleActions ?? {})) out.agentRuleActions[agent] = { ...out.agentRuleActions[agent], ...actions };
    // The project file may only tighten: it can switch strict on, never off.
    for (const [agent, profile] of Object.entries(s.agentProfiles ?? {})) {
      if (layer === "user" || profile === "strict") out.agentProfiles[agent] = profile;
    }
  },
  floor(out, policy) {
    for (const [agent, actions] of Object.entries(policy.agentRuleActions ?? {})) {
      const current = out.agentRuleActions[agent] ?? {};
      for (const [id, action] of Object.entries(actions)) if (!current[id] || atLeast(action, current[id])) current[id] = action;
      out.agentRuleActions[agent] = current;
    }
    // An agent override is no way around the floor: `agents: {codex: {rules: {id: allow}}}` stays at the policy's action.
    for (const actions of Object.values(out.agentRuleActions)) {
      for (const [id, action] of Object.entries(policy.ruleActions ?? {})) {
        if (Object.prototype.hasOwnProperty.call(actions, id) && !atLeast(actions[id], action)) actions[id] = action;
      }
    }
    for (const [agent, profile] of Object.entries(policy.agentProfiles ?? {})) if (profile === "strict") out.agentProfiles[agent] = "strict";
    for (const [agent, value] of Object.entries(policy.agentSandboxes ?? {})) (out.agentSandboxes[agent] ??= []).push({ layer: "system", value });
  },
};

const profile: ConfigKey = {
  key: "profile",
  type: choiceType(PROFILES),
  layers: ["system", "user", "project"],
  merge: { user: "replace", project: "stricter", system: "floor" },
  parse(value, { errors, settings }) {
    const chosen = choice(value, "profile", PROFILES, errors);
    if (chosen) settings.profile = chosen;
  },
  combine(out, s, layer, mark) {
    // The project file may only tighten: it can switch strict on, never off.
    if (s.profile && (layer === "user" || s.profile === "strict")) {
      out.profile = s.profile;
      mark();
    }
  },
  floor(out, policy, mark) {
    if (policy.profile === "strict") {
      out.strictFloor = true;
      mark();
    }
  },
};

const knownHarmless: ConfigKey = {
  key: "known_harmless",
  type: "[command prefix…]",
  layers: ["system", "user", "project"],
  merge: { user: "union", project: "ignored", system: "union" },
  parse(value, at) {
    const harmless = userOnlyList(value, "known_harmless", "the strict profile", at);
    if (harmless) at.settings.knownHarmless = harmless;
  },
  combine(out, s, layer) {
    if (layer === "user") out.knownHarmless.push(...(s.knownHarmless ?? []));
  },
  floor(out, policy) {
    out.knownHarmless.push(...(policy.knownHarmless ?? []));
  },
};

export const RULE_KEYS = { packs, rules, agents, profile, knownHarmless } as const;
