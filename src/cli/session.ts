// Evaluation as the CLI does it: the active rules and the local context for a directory, errors included.
import { resolve } from "node:path";
import { activeRules, type ActiveRules } from "../rules/active";
import { localContext } from "../engine/local-context";
import type { EvalContext } from "../engine/context";
import { evaluate, problemFinding, type Verdict } from "../engine/evaluate";
import { decide } from "../engine/decide";
import { CONFIG_ERROR_RULE } from "../engine/problems";
import { applyStrict } from "../engine/strict";
import { strictFor } from "../config/settings";
import { formatRuleFileError } from "../rules/load";

export interface CheckOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Who runs the command (hook adapter, GUARD_AGENT, exec/shell): for `when: {agent}` rules and `agents:` config. */
  agent?: string;
  /** Apply `profile: strict` whatever the config says (`guard scan --profile strict`). */
  strict?: boolean;
}

const rulesByDir = new Map<string, ActiveRules>();

/** Rules are loaded once per directory, so a batch over many commands parses rule files once. */
export function rulesFor(cwd: string): ActiveRules {
  let rules = rulesByDir.get(cwd);
  if (!rules) {
    rules = activeRules(cwd);
    rulesByDir.set(cwd, rules);
  }
  return rules;
}

/** Evaluates like every entry point: a broken project rule file adds an `ask`, it never disables checking. */
const contextByDir = new Map<string, EvalContext>();

/**
 * The local context for a directory, built once per process when the process environment applies
 * (a batch of thousands of commands reads .git/HEAD and the kubeconfig once, not per line).
 */
function contextFor(cwd: string, rules: ActiveRules, env: CheckOptions["env"]): EvalContext {
  if (env) return localContext({ cwd, env, settings: rules.settings });
  let ctx = contextByDir.get(cwd);
  if (!ctx) {
    ctx = localContext({ cwd, settings: rules.settings });
    contextByDir.set(cwd, ctx);
  }
  return ctx;
}

export function check(text: string, options: CheckOptions = {}): { verdict: Verdict; rules: ActiveRules; ctx: EvalContext } {
  const cwd = resolve(options.cwd ?? process.cwd());
  const rules = rulesFor(cwd);
  const agent = options.agent ?? (options.env ?? process.env).GUARD_AGENT;
  const base = contextFor(cwd, rules, options.env);
  const ctx = agent ? { ...base, agent } : base;
  let verdict = evaluate(text, rules.ruleset, ctx);
  const overrides = agent ? rules.settings.agentRuleActions[agent] : undefined;
  if (overrides) {
    // `agents: {codex: {rules: {id: deny}}}` changes what that rule does for that agent only.
    const findings = verdict.findings.map((f) => (Object.prototype.hasOwnProperty.call(overrides, f.rule) ? { ...f, action: overrides[f.rule] } : f));
    verdict = { ...verdict, ...decide(findings) };
  }
  if (options.strict || strictFor(rules.settings, agent)) verdict = applyStrict(verdict, rules.ruleset, rules.settings.knownHarmless);
  if (rules.errors.length === 0) return { verdict, rules, ctx };
  const detail = rules.errors.map(formatRuleFileError).join("\n");
  const findings = [...verdict.findings, problemFinding(CONFIG_ERROR_RULE, { start: 0, end: text.length }, detail)];
  return { verdict: { ...verdict, ...decide(findings) }, rules, ctx };
}
