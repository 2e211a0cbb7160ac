// Splits a project config into what tightens (always applies) and what loosens (applies only once a human trusted the file).
import { actionRank, type Action } from "../core/action";
import type { ConfigLayer } from "./settings";

/** A rule's action before the project file speaks: its own (or the user's/system's) action, and its production action. */
export interface RuleBaseline {
  action: Action;
  inProduction?: Action;
}

export interface LooseningEntry {
  /** `rules.railway.volume-delete` or `agents.codex.rules.git.force-push`. */
  key: string;
  from: Action;
  to: Action;
}

export interface ProjectSplit {
  /** The layer with every loosening entry removed: what applies while the files are not trusted. */
  tightening: ConfigLayer;
  /** The layer as trusted: everything except what no project file may ever loosen. */
  trusted: ConfigLayer;
  /** Entries that loosen: ignored until `guard trust`. */
  loosening: LooseningEntry[];
  /** Entries that would loosen guard's protection of itself: ignored even when trusted. */
  refused: LooseningEntry[];
}

/** guard's self-protection: a project file (which the agent can write) never lowers it, trusted or not. */
export function isSelfProtection(id: string): boolean {
  return id.startsWith("guard.self-");
}

/** The strictest action the rule can take today; setting anything below it loosens (in production at least). */
function ceiling(baseline: RuleBaseline): Action {
  return baseline.inProduction && actionRank(baseline.inProduction) > actionRank(baseline.action) ? baseline.inProduction : baseline.action;
}

function splitActions(
  actions: Record<string, Action>, prefix: string, baseline: (id: string) => RuleBaseline | undefined, out: ProjectSplit,
): { tight: Record<string, Action>; trusted: Record<string, Action> } {
  const tight: Record<string, Action> = {};
  const trusted: Record<string, Action> = {};
  for (const [id, to] of Object.entries(actions)) {
    const base = baseline(id);
    // An id that names no rule is reported as an error elsewhere; it loosens nothing.
    if (!base || actionRank(to) >= actionRank(ceiling(base))) {
      tight[id] = to;
      trusted[id] = to;
      continue;
    }
    const entry = { key: `${prefix}${id}`, from: ceiling(base), to };
    if (isSelfProtection(id)) out.refused.push(entry);
    else {
      out.loosening.push(entry);
      trusted[id] = to;
    }
  }
  return { tight, trusted };
}

export function splitProjectLayer(layer: ConfigLayer, baseline: (id: string) => RuleBaseline | undefined): ProjectSplit {
  const out: ProjectSplit = { tightening: layer, trusted: layer, loosening: [], refused: [] };
  const s = layer.settings;
  const tightSettings = { ...s };
  const trustedSettings = { ...s };
  if (s.ruleActions) {
    const split = splitActions(s.ruleActions, "rules.", baseline, out);
    tightSettings.ruleActions = split.tight;
    trustedSettings.ruleActions = split.trusted;
  }
  if (s.agentRuleActions) {
    tightSettings.agentRuleActions = {};
    trustedSettings.agentRuleActions = {};
    for (const [agent, actions] of Object.entries(s.agentRuleActions)) {
      const split = splitActions(actions, `agents.${agent}.rules.`, baseline, out);
      tightSettings.agentRuleActions[agent] = split.tight;
      trustedSettings.agentRuleActions[agent] = split.trusted;
    }
  }
  out.tightening = { ...layer, settings: tightSettings };
  out.trusted = { ...layer, settings: trustedSettings };
  return out;
}
