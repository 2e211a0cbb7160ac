// The policy core: every entry point opens a policy for a cwd, environment and agent, checks a text, and gets one decision.
//
// The order in which a decision is reached (docs/architecture.md, "The policy core"):
//   1. config layers combine (user, then project, then the system policy as a floor) → settings;
//   2. rules: built-in packs, project and extra rule files, with config rule actions applied;
//   3. context: cwd, git branch, protected branches (from settings), production markers;
//   4. evaluate: findings, each rule escalated by `in_production` where that invocation is production;
//   5. agent overrides (`agents:` config) replace the action of that agent's findings; `profile: strict`
//      (user/system config, or per agent) asks about every command not known to be harmless;
//   6. uncertain findings are at most ask; the strictest finding wins;
//   7. config problems make it at least ask (trust notices are carried to every renderer, not escalated:
//      the loosening they name is already ignored);
//   8. mode: in audit mode the decision is recorded but not enforced.
// What happens next (run, refuse, prompt, ask the agent, one-time code) is the outcome: see outcome.ts.
import { join, resolve } from "node:path";
import { activeRules, type ActiveRules } from "./active-rules";
import { localExampleErrors } from "./local-examples";
import { cacheDir } from "../core/user-dirs";
import type { Action } from "../core/action";
import type { Settings } from "../config/settings";
import type { EvalContext } from "../core/eval-context";
import { decide } from "./decide";
import { evaluate, problemFinding, type Verdict } from "./evaluate";
import { type Finding } from "../core/finding";
import { localContext } from "./local-context";
import { CONFIG_ERROR_RULE } from "./problems";
import { isProduction } from "./production";
import { applyStrict } from "./strict";
import { strictFor } from "../config/settings";
import { formatRuleFileError } from "../rules/load";

export type Env = Readonly<Record<string, string | undefined>>;

export interface PolicyOptions {
  /** Default: the process's working directory. */
  cwd?: string;
  /** Where config files are found (HOME, XDG_*, GUARD_CONFIG…). Default: the process environment. */
  env?: Env;
  /**
   * Reuse rules and context loaded earlier in this process for the same directory and config location
   * (batch and scan: thousands of commands). Off by default: a long-lived host must see config edits.
   */
  reuse?: boolean;
  /** The environment the command would run with (production markers, GUARD_AGENT), when it is not `env`: a batch line's `env`. */
  commandEnv?: Env;
  /** Who runs the command: a hook adapter name, GUARD_AGENT, or the entry (exec, shell). For `when: {agent}` rules and `agents:` config. */
  agent?: string;
  /** Apply `profile: strict` whatever the config says (`guard scan --profile strict`). */
  strict?: boolean;
}

/** A config or rule file that could not be used as written: guard keeps working, strictly (at least ask). */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * A project file whose loosening entries are ignored until a human trusts it (`guard trust`).
 * Filled by the trust layer; the core only carries it to every renderer.
 */
export interface TrustNotice {
  file: string;
  /** One line, e.g. `.guard.yaml changed since trusted: its 2 loosening entries are ignored; run guard trust`. */
  message: string;
  /** How many loosening entries are being ignored. */
  ignored: number;
}

export type Mode = Settings["mode"];

/** The one decision about one command text, whatever the entry point. */
export interface Decision {
  command: string;
  cwd: string;
  agent?: string;
  /** The effective action: allow < ask < deny, after agent overrides and config problems. */
  action: Action;
  /** The evaluation behind it (findings, invocations); `verdict.decision === action`. */
  verdict: Verdict;
  findings: Finding[];
  /** Production context: the environment says so, or an invocation carries a marker or runs through a production wrapper. */
  production: boolean;
  mode: Mode;
  /** false in audit mode: the decision is recorded, not enforced. */
  enforced: boolean;
  configProblems: ConfigProblem[];
  trustNotices: TrustNotice[];
}

export interface Policy {
  cwd: string;
  env: Env;
  agent?: string;
  settings: Settings;
  rules: ActiveRules;
  context: EvalContext;
  configProblems: ConfigProblem[];
  trustNotices: TrustNotice[];
  check(text: string): Decision;
  /** A decision from findings computed outside the shell evaluator (the pre-push hook's ref updates). */
  decideFindings(command: string, findings: Finding[]): Decision;
}

/** What decides which config files are read: a long-lived host (the library) may change it between checks. */
function configKey(cwd: string, env: Env): string {
  return [cwd, env.GUARD_CONFIG, env.GUARD_SYSTEM_CONFIG, env.XDG_CONFIG_HOME, env.HOME, env.XDG_CACHE_HOME].join("\0");
}

const rulesByKey = new Map<string, ActiveRules>();
const contextByKey = new Map<string, EvalContext>();

/** Rules are loaded once per directory and config location, so a batch of many commands parses rule files once. */
export function rulesFor(cwd: string, env: Env = process.env, reuse = true): ActiveRules {
  if (!reuse) return checkedRules(cwd, env);
  const key = configKey(cwd, env);
  let rules = rulesByKey.get(key);
  if (!rules) {
    rules = checkedRules(cwd, env);
    if (rulesByKey.size > 256) rulesByKey.clear();
    rulesByKey.set(key, rules);
  }
  return rules;
}

/** The rules in force, with the examples of project and config rule files checked (once per content). */
function checkedRules(cwd: string, env: Env): ActiveRules {
  const rules = activeRules(cwd, env as NodeJS.ProcessEnv);
  if (rules.local.sources.length) rules.errors.push(...localExampleErrors(rules.local, rules.ruleset, join(cacheDir(env as NodeJS.ProcessEnv), "rules")));
  return rules;
}

/**
 * The local context, built once per directory when the process environment applies (a batch of
 * thousands of commands reads .git/HEAD and the kubeconfig once, not per line). It holds a copy of
 * the process environment: guard never changes its own, and each read of `process.env` is a call
 * into the runtime, made many times per command (HOME, OLDPWD, the XDG directories, production markers).
 */
function contextFor(cwd: string, rules: ActiveRules, env: Env, reuse: boolean): EvalContext {
  if (!reuse || env !== process.env) return localContext({ cwd, env: env as Record<string, string | undefined>, settings: rules.settings });
  const key = configKey(cwd, env);
  let ctx = contextByKey.get(key);
  if (!ctx) {
    ctx = localContext({ cwd, env: { ...process.env }, settings: rules.settings });
    if (contextByKey.size > 256) contextByKey.clear();
    contextByKey.set(key, ctx);
  }
  return ctx;
}

/** Step 5: `agents: {codex: {rules: {id: deny}}}` changes what a rule does for that agent only. */
function withAgentOverrides(findings: Finding[], overrides: Record<string, Action> | undefined): Finding[] {
  if (!overrides) return findings;
  // An overridden finding says so (from what, by which config), so it never reads as "no rule matched".
  return findings.map((f) => (Object.prototype.hasOwnProperty.call(overrides, f.rule) && overrides[f.rule] !== f.action
    ? { ...f, action: overrides[f.rule], overridden: { from: f.overridden?.from ?? f.action, by: "agents: in config" } }
    : f));
}

export function openPolicy(options: PolicyOptions = {}): Policy {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const commandEnv = options.commandEnv ?? env;
  const agent = options.agent ?? (commandEnv.GUARD_AGENT || undefined);
  const reuse = options.reuse === true;
  const rules = rulesFor(cwd, env, reuse);
  const base = contextFor(cwd, rules, commandEnv, reuse);
  const context = agent ? { ...base, agent } : base;
  const configProblems: ConfigProblem[] = rules.errors.map((e) => ({ file: e.file, line: e.line, message: e.message }));
  // Filled by the trust layer (rules/active.ts, config/project-trust.ts): one line per project file not fully believed.
  const trustNotices: TrustNotice[] = rules.notices.map((n) => ({ file: n.file, message: n.message, ignored: n.ignored }));
  const mode = rules.settings.mode;

  const strict = options.strict === true || strictFor(rules.settings, agent);

  function finish(command: string, evaluated: Verdict, extra: Finding[]): Decision {
    const verdict = strict ? applyStrict(evaluated, rules.ruleset, rules.settings.knownHarmless) : evaluated;
    const findings = withAgentOverrides([...verdict.findings, ...extra], agent ? rules.settings.agentRuleActions[agent] : undefined);
    // Trust notices do not escalate: the loosening they describe is already ignored; they are shown, not enforced.
    const problems = rules.errors.map(formatRuleFileError);
    if (problems.length) findings.push(problemFinding(CONFIG_ERROR_RULE, { start: 0, end: command.length }, problems.join("\n")));
    const decided = decide(findings);
    const production = context.production === true || verdict.invocations.some((inv) => isProduction(inv, context));
    return {
      command, cwd, agent, action: decided.decision, verdict: { ...verdict, ...decided }, findings: decided.findings,
      production, mode, enforced: mode !== "audit", configProblems, trustNotices,
    };
  }

  return {
    cwd, env, agent, settings: rules.settings, rules, context, configProblems, trustNotices,
    check: (text) => finish(text, evaluate(text, rules.ruleset, context), []),
    decideFindings: (command, findings) => finish(command, { decision: "allow", findings: [], command, invocations: [] }, findings),
  };
}
