// Where `guard check --batch` spends its time, in process: JIT warm-up, JSON in and out, the per-line policy, parsing and extraction, matching, GC.
// Usage: node scripts/run-ts.mjs scripts/batch-profile.ts [--passes N] [--top N]
// Every corpus `command` is checked as a batch line is (parseBatchLine, openPolicy with reuse, check, verdictJson,
// JSON.stringify). Pass 1 is cold (the JIT compiles as it goes); later passes are warm. Each phase is timed on its own
// pass over the same commands, so the timers' cost does not pile up in one figure. CPU time is process.cpuUsage().
import { PerformanceObserver } from "node:perf_hooks";
import { corpusCommands } from "./corpus-files";
import { parseBatchLine } from "../src/cli/batch";
import { openPolicy } from "../src/engine/policy";
import { evaluate } from "../src/engine/evaluate";
import { extract } from "../src/shell/extract";
import { payloadsOf } from "../src/payloads";
import { sqlCarrier, sqlShellCommands } from "../src/payloads/carriers";
import { httpClient } from "../src/payloads/http";
import { verdictJson } from "../src/report/json";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const passes = opt("--passes", 4);
const top = opt("--top", 15);

// Each corpus command once (the bench cycles them with repeats; a profile needs each shape, not the mix).
const commands = corpusCommands();
const lines = commands.map((c) => JSON.stringify(c));

let gcMs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
});
gcObserver.observe({ entryTypes: ["gc"] });

const cpuMs = (f: () => void): number => {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const us = (ms: number) => ((ms * 1000) / commands.length).toFixed(1).padStart(7);

/** One batch line, end to end, as runBatch does it for a line with its own env (a line without one reuses its directory's policy). */
function wholeLine(line: string): string {
  const item = parseBatchLine(line);
  const { verdict } = openPolicy({ reuse: true, cwd: item.cwd, ...(item.env ? { commandEnv: item.env } : {}) }).check(item.command);
  return `${JSON.stringify(verdictJson(verdict))}\n`;
}

async function main(): Promise<void> {
const wholePasses: number[] = [];
for (let p = 0; p < passes; p++) wholePasses.push(cpuMs(() => lines.forEach(wholeLine)));
console.log(`${commands.length} corpus commands, ${passes} passes; CPU µs per command, end to end as a batch line:`);
wholePasses.forEach((ms, p) => console.log(`  pass ${p + 1}${p === 0 ? " (cold: JIT warm-up)" : ""}: ${us(ms)}`));

// Warm phases, each timed on its own pass.
const policy = openPolicy({ reuse: true });
const { ruleset } = policy.rules;
const ctx = policy.context;
const items = lines.map(parseBatchLine);
const verdicts = items.map((i) => policy.check(i.command).verdict);
const extractOptions = { readFile: ctx.readFile, payloadCommands: sqlShellCommands, pathKind: ctx.pathKind, base: { cwd: ctx.cwd, home: ctx.home, env: ctx.env, repoRoot: ctx.repoRoot },
  knownProgram: (name: string) => ruleset.byProgram.has(name) || sqlCarrier(name) !== undefined || httpClient(name) !== undefined };
const extractions = items.map((i) => extract(i.command, extractOptions));
gcMs = 0;
const phases: [string, () => void][] = [
  ["JSON.parse of the line (parseBatchLine)", () => lines.forEach(parseBatchLine)],
  ["openPolicy per line (reuse)", () => items.forEach((i) => openPolicy({ reuse: true, cwd: i.cwd }))],
  ["policy.check (evaluate + decide + strict/agent/production)", () => items.forEach((i) => policy.check(i.command))],
  ["  evaluate()", () => items.forEach((i) => evaluate(i.command, ruleset, ctx))],
  ["    extract() (parse, expand, unwrap)", () => items.forEach((i) => extract(i.command, extractOptions))],
  ["    payloadsOf() (SQL, HTTP, GraphQL)", () => extractions.forEach((x) => x.invocations.forEach((inv) => payloadsOf(inv, ctx)))],
  ["verdictJson + JSON.stringify", () => verdicts.forEach((v) => JSON.stringify(verdictJson(v)))],
  ["whole line", () => lines.forEach(wholeLine)],
];
console.log("\nWarm phases (CPU µs per command, median of 3 passes each):");
for (const [name, f] of phases) {
  const t = [cpuMs(f), cpuMs(f), cpuMs(f)].sort((a, b) => a - b)[1];
  console.log(`  ${us(t)}  ${name}`);
}
// GC entries arrive asynchronously: let the earlier ones arrive, then one whole-line pass and a turn of the event loop.
await new Promise((r) => setTimeout(r, 50));
gcMs = 0;
const allMs = cpuMs(() => lines.forEach(wholeLine));
await new Promise((r) => setTimeout(r, 50));
console.log(`\nGC pauses during one warm whole-line pass: ${gcMs.toFixed(0)} ms of ${allMs.toFixed(0)} ms CPU (${((100 * gcMs) / allMs).toFixed(1)}%)`);

// The slowest commands, warm: where a long tail would dominate.
const each = items.map((i) => {
  // The fastest of 5 runs: a GC pause or another process's time slice lands in one run, not all five.
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    policy.check(i.command);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { command: i.command, us: best };
});
each.sort((a, b) => b.us - a.us);
const sum = each.reduce((a, b) => a + b.us, 0);
// Fastest of 5 back to back: caches and type feedback are as warm as they get, so these are lower than a batch's mix.
console.log(`\nSlowest ${top} commands (warm wall µs, fastest of 5 back to back; all ${each.length}: ${(sum / each.length).toFixed(1)} µs mean, the slowest 1% hold ${((100 * each.slice(0, Math.ceil(each.length / 100)).reduce((a, b) => a + b.us, 0)) / sum).toFixed(1)}%):`);
for (const e of each.slice(0, top)) console.log(`  ${e.us.toFixed(0).padStart(7)}  ${e.command.slice(0, 110).replace(/\n/g, "\\n")}`);
gcObserver.disconnect();
}

void main();
