// The bash oracle: guard checks seeded mutations; every one it allows is run by real bash in the sandbox; a destructive call is a bypass.
import { evaluate } from "../../src/engine/evaluate";
import { DEFAULT_PROTECTED_BRANCHES, type EvalContext } from "../../src/core/eval-context";
import type { Ruleset } from "../../src/rules/ruleset";
import { destructive, SANDBOX_HOME, SANDBOX_PROJECT } from "./destructive";
import { build, mutations, OPTION_PREFIX_SPELLING, prng, type Mutation } from "./mutate";
import { createSandbox, type Call } from "./sandbox";

export interface Bypass {
  command: string;
  steps: string[];
  /** The smallest set of steps that still bypasses guard, rebuilt into a command. */
  minimal: { command: string; steps: string[] };
  why: string;
  calls: Call[];
}

export interface OracleReport {
  mutations: number;
  allowed: number;
  ranInBash: number;
  bypasses: Bypass[];
  /** Distinct allowed commands de-duplicated away before running. */
  seconds: number;
  stoppedByTime: boolean;
}

/** The sandbox's world, as guard sees it: the same home and project, a feature branch, no readable files. */
export function oracleContext(): EvalContext {
  return { cwd: SANDBOX_PROJECT, home: SANDBOX_HOME, env: {}, branch: "feature", protectedBranches: [...DEFAULT_PROTECTED_BRANCHES], readFile: () => undefined };
}

export interface OracleOptions {
  seed: number;
  count: number;
  /** Stop generating after this many seconds (the report says so). */
  seconds: number;
  ruleset: Ruleset;
  /** Commands run in one sandbox start. */
  batch?: number;
  /** Include long-option prefix spellings (`--rec`); see mutate.ts. Default true. */
  optionPrefixes?: boolean;
}

type Candidate = Mutation & { seedIndex: number; stepSeed: number };

function whyDestructive(calls: Call[]): string | undefined {
  for (const call of calls) {
    const why = destructive(call);
    if (why) return `${why}: ${call.argv.join(" ")}`;
  }
  return undefined;
}

export function runOracle(options: OracleOptions): OracleReport {
  const started = Date.now();
  const ctx = oracleContext();
  const allowed = new Map<string, Candidate>();
  let count = 0;
  let stoppedByTime = false;
  for (const m of mutations(options.seed, options.count, { optionPrefixes: options.optionPrefixes })) {
    count++;
    if (evaluate(m.command, options.ruleset, ctx).decision === "allow" && !allowed.has(m.command)) allowed.set(m.command, m);
    if ((count & 1023) === 0 && Date.now() - started > options.seconds * 1000) {
      stoppedByTime = true;
      break;
    }
  }
  const sandbox = createSandbox();
  const bypasses: Bypass[] = [];
  try {
    const list = [...allowed.values()];
    const size = options.batch ?? 200;
    const found: { m: Candidate; why: string; calls: Call[] }[] = [];
    for (let i = 0; i < list.length; i += size) {
      const chunk = list.slice(i, i + size);
      const results = sandbox.run(chunk.map((m) => m.command));
      chunk.forEach((m, j) => {
        const why = whyDestructive(results[j]);
        if (why) found.push({ m, why, calls: results[j] });
      });
    }
    const minimal = minimiseAll(found.map((f) => f.m), options.ruleset, ctx, sandbox, options.optionPrefixes !== false);
    found.forEach((f, i) => bypasses.push({ command: f.m.command, steps: f.m.steps, minimal: minimal[i], why: f.why, calls: f.calls }));
  } finally {
    sandbox.dispose();
  }
  return { mutations: count, allowed: allowed.size, ranInBash: allowed.size, bypasses, seconds: (Date.now() - started) / 1000, stoppedByTime };
}

/** At most this many bypasses are minimised (the rest are reported as found): minimising runs bash again. */
const MAX_MINIMISED = 60;

/**
 * Delta debugging over the steps, batched: each round tries every one-step-smaller build of every
 * bypass that guard still allows, in one sandbox run, and keeps the first that is still destructive.
 */
function minimiseAll(found: Candidate[], ruleset: Ruleset, ctx: EvalContext, sandbox: ReturnType<typeof createSandbox>, optionPrefixes: boolean): { command: string; steps: string[] }[] {
  const current = found.map((m) => ({ command: m.command, steps: [...m.steps] }));
  for (let round = 0; round < 4; round++) {
    const tries: { owner: number; steps: string[]; command: string }[] = [];
    current.slice(0, MAX_MINIMISED).forEach((c, owner) => {
      for (let i = 0; i < c.steps.length; i++) {
        const steps = c.steps.filter((_, j) => j !== i);
        const command = build(found[owner].seedIndex, steps, prng(found[owner].stepSeed));
        if (command === undefined || (!optionPrefixes && OPTION_PREFIX_SPELLING.test(command))) continue;
        if (evaluate(command, ruleset, ctx).decision === "allow") tries.push({ owner, steps, command });
      }
    });
    if (!tries.length) break;
    const results = sandbox.run(tries.map((t) => t.command));
    const improved = new Set<number>();
    tries.forEach((t, i) => {
      if (improved.has(t.owner) || !whyDestructive(results[i])) return;
      current[t.owner] = { command: t.command, steps: t.steps };
      improved.add(t.owner);
    });
    if (!improved.size) break;
  }
  return current;
}
