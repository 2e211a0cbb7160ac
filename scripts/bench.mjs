#!/usr/bin/env node
// `npm run bench`: measures guard's start-up, batch throughput, input-size scaling, project-rule cost, undo snapshot cost,
// in-process evaluation and pathological inputs in one run, and prints a markdown report on stdout.
// Cases within a table are interleaved round by round (the machine is noisy), and medians and ratios
// are reported. Targets are marked ✓/✗ beside the figures; the exit code is non-zero only when the
// harness itself fails (a guard process crashed, a batch lost lines, a build failed).
//
//   node scripts/bench.mjs [--rounds N] [--no-hyperfine]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { commandsIn, walkYaml } from "./corpus-lines.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const NODE = process.execPath;
const GUARD = "bin/guard"; // relative to root, which is every child's cwd
const INDEX = join(root, "dist", "index.cjs");

class HarnessError extends Error {}

/** The report's sections, in order; `--only NAME` runs one. */
const SECTIONS = ["startup", "batch", "size", "rules", "library", "pathological", "sandbox", "undo"];

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const options = { rounds: 30, hyperfine: true, peer: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write("usage: node scripts/bench.mjs [--rounds N] [--no-hyperfine] [--only SECTION] [--peer DIR]\n  --only SECTION  run one section: startup, batch, size, rules, library, pathological, sandbox, undo\n  --rounds N      rounds of the interleaved process benchmarks (default 30)\n  --no-hyperfine  skip the hyperfine cross-check even when hyperfine is installed\n  --peer DIR      also time cc-safety-net's Claude Code hook, installed in DIR (npm install --prefix DIR cc-safety-net)\n");
      process.exit(0);
    } else if (arg === "--rounds" || arg.startsWith("--rounds=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) usage(`--rounds needs a positive integer, got ${value ?? "nothing"}`);
      options.rounds = n;
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!SECTIONS.includes(value)) usage(`--only takes one of ${SECTIONS.join(", ")}, got ${value ?? "nothing"}`);
      options.only = value;
    } else if (arg === "--no-hyperfine") {
      options.hyperfine = false;
    } else if (arg === "--peer" || arg.startsWith("--peer=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!value) usage("--peer needs the directory of an installed cc-safety-net package");
      options.peer = value;
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  return options;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\nusage: node scripts/bench.mjs [--rounds N] [--no-hyperfine] [--only SECTION] [--peer DIR]\n`);
  process.exit(64);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (values) => quantile(values, 0.5);
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—");
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
const mark = (ok) => (ok ? "✓" : "✗");
const code = (text) => `\`${String(text).replace(/\|/g, "\\|").replace(/`/g, "'")}\``;
const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(headers, rows, align) {
  const a = align ?? headers.map((_, i) => (i === 0 ? "l" : "r"));
  const lines = [`| ${headers.join(" | ")} |`, `|${a.map((x) => (x === "r" ? "---:" : x === "c" ? ":---:" : "---")).join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

function sizeLabel(bytes) {
  if (bytes >= 1024 * 1024) return `${fmt(bytes / (1024 * 1024), bytes % (1024 * 1024) ? 1 : 0)} MB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024, bytes % 1024 ? 1 : 0)} KB`;
  return `${bytes} B`;
}

function decisionLabel(decision, rules) {
  if (decision === "allow") return "allow";
  const unique = [...new Set(rules)];
  const shown = unique.slice(0, 2).join(", ") + (unique.length > 2 ? ` +${unique.length - 2}` : "");
  return `${decision} (${shown || "no rule"})`;
}

/** Runs a process to completion and returns its wall time in ms (spawn to exit, measured here). */
function run(cmd, args, { input = "", cwd = root, env } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new HarnessError(`could not run ${cmd} ${args.join(" ")}: ${r.error.message}`);
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

function expectRun(result, label, { status = 0, stdoutIncludes, stdoutEmpty } = {}) {
  const bad = result.status !== status || (stdoutIncludes !== undefined && !result.stdout.includes(stdoutIncludes)) || (stdoutEmpty && result.stdout !== "");
  if (bad) {
    throw new HarnessError(
      `${label}: expected exit ${status}${stdoutIncludes ? ` and ${JSON.stringify(stdoutIncludes)} on stdout` : ""}${stdoutEmpty ? " and nothing on stdout" : ""}, ` +
      `got exit ${result.status}${result.signal ? ` (signal ${result.signal})` : ""}\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 2000)}`,
    );
  }
}

/**
 * Runs every case once per round, in an order rotated each round (A B C, B C A, C A B, …), so drift
 * and noise spread over all cases instead of landing on whichever ran last. Warm-up rounds are run
 * and checked but not recorded.
 */
/** User + system CPU time of the waited-for children so far, in ms (Linux /proc; undefined elsewhere). */
function childCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5), cutime and cstime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function interleave(cases, rounds, warmup, measure) {
  const samples = cases.map(() => []);
  for (let round = -warmup; round < rounds; round++) {
    const shift = round < 0 ? 0 : round % cases.length;
    for (let j = 0; j < cases.length; j++) {
      const i = (j + shift) % cases.length;
      const value = measure(cases[i], round < 0);
      if (round >= 0) samples[i].push(value);
    }
  }
  return samples;
}

function evenlySpaced(list, n) {
  if (list.length <= n) return [...list];
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

// A child that loads the library, builds the rules for a directory, evaluates one text read from a
// file and reports the evaluation time, its own peak RSS and the verdict. It spawns nothing.
const EVAL_CHILD = [
  "const fs = require('fs');",
  "const [lib, file, cwd] = process.argv.slice(1);",
  "const g = require(lib);",
  "const text = fs.readFileSync(file, 'utf8');",
  "const r = g.activeRules(cwd);",
  "const ctx = g.localContext({ cwd, settings: r.settings });",
  "const t = process.hrtime.bigint();",
  "const v = g.evaluate(text, r.ruleset, ctx);",
  "const ms = Number(process.hrtime.bigint() - t) / 1e6;",
  "process.stdout.write(JSON.stringify({ ms, chars: text.length, maxRSS: process.resourceUsage().maxRSS, decision: v.decision, rules: v.findings.map((f) => f.rule), errors: r.errors.length }));",
].join("\n");

// ---------------------------------------------------------------------------------------------
// Main

function main() {
  // Build only when the bundles are missing: the bench measures what is there.
  if (!existsSync(join(root, "dist", "guard.cjs")) || !existsSync(INDEX)) {
    progress("dist/ is missing a bundle; running node scripts/build.mjs");
    const b = spawnSync(NODE, ["scripts/build.mjs"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    if (b.status !== 0) throw new HarnessError(`node scripts/build.mjs failed (exit ${b.status})`);
  }

  // Children run with an empty user config and their own state directory, so the user's
  // config does not change the figures and the audit log written by `check` stays out of ~.
  // NODE_EXTRA_CA_CERTS makes every node process parse a certificate bundle at start (about 35 ms on
  // the 2-core VM, with ca-certificates.crt): it would inflate the `node -e 0` baseline and hide
  // guard's own cost in the ratios. NODE_OPTIONS could change any figure, so neither is passed on.
  const dropped = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"].filter((k) => process.env[k] !== undefined);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GUARD_") && !dropped.includes(k)) env[k] = v;
  env.XDG_CONFIG_HOME = join(tmp, "config");
  env.XDG_STATE_HOME = join(tmp, "state");
  env.NO_COLOR = "1";
  mkdirSync(env.XDG_CONFIG_HOME, { recursive: true });
  mkdirSync(env.XDG_STATE_HOME, { recursive: true });

  const hyperfine = options.hyperfine ? hyperfineVersion(env) : undefined;
  const cpus = os.cpus();
  out("# guard benchmark");
  out();
  out(`- machine: ${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${fmt(os.totalmem() / 1024 ** 3, 1)} GB RAM, ${os.type()} ${os.release()} ${process.arch}`);
  out(`- node ${process.version}; ${new Date().toISOString()}`);
  out(`- rounds: ${options.rounds} (interleaved, order rotated each round, after warm-up); hyperfine: ${hyperfine ?? (options.hyperfine ? "not installed" : "skipped (--no-hyperfine)")}`);
  out(`- children run with an empty user config (XDG_CONFIG_HOME) and a temporary state directory (audit log); GUARD_* variables are unset${dropped.length ? `, and so is ${dropped.join(" and ")} (set here: it would change node's own start-up)` : ""}`);
  out();

  const sections = { startup: () => startup(env, hyperfine), batch: () => batch(env), size: () => inputSize(env), rules: () => ruleCount(env), library: () => inProcess(), pathological: () => pathological(env), sandbox: () => sandboxCost(env), undo: () => undoCost(env) };
  for (const name of SECTIONS) if (!options.only || options.only === name) sections[name]();

  out("## Targets");
  out();
  out(table(["target", "measured", ""], targets.map((t) => [t.name, t.value, mark(t.ok)]), ["l", "r", "c"]));
  out();
}

// ---------------------------------------------------------------------------------------------
// 1. Whole-process start

/** Start-up targets (issue 14): a safe check within 1.15× of bare node; a deny and the hook within 1.20×; the hook ≤ 0.90× the peer's. */
const START_TARGET = { safe: 1.15, other: 1.2, peer: 0.9 };

/** The entry script of cc-safety-net installed under `dir` (its package directory or an npm prefix). */
function peerEntry(dir) {
  for (const candidate of [join(dir, "dist", "bin", "cc-safety-net.js"), join(dir, "node_modules", "cc-safety-net", "dist", "bin", "cc-safety-net.js")]) {
    if (existsSync(candidate)) return resolve(candidate);
  }
  throw new HarnessError(`--peer ${dir}: no cc-safety-net found there (npm install --prefix ${dir} cc-safety-net)`);
}

function startup(env, hyperfine) {
  progress(`1/7 whole-process start (${options.rounds} rounds)`);
  const payload = JSON.stringify({ session_id: "s", cwd: root, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "npm test" } });
  const denyPayload = JSON.stringify({ session_id: "s", cwd: root, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -rf /" } });
  const cases = [
    { label: "`node -e 0` (baseline)", args: ["-e", "0"], status: 0 },
    { label: "`node bin/guard check 'git status'` (typical)", args: [GUARD, "check", "git status"], status: 0, target: START_TARGET.safe },
    { label: "`node bin/guard check 'rm -rf /'` (destructive)", args: [GUARD, "check", "rm -rf /"], status: 20, target: START_TARGET.other },
    // A safe command gets "no opinion" (nothing on stdout), so Claude Code's own permission rules still apply.
    { label: "`node bin/guard hook claude-code` (`npm test` on stdin)", args: [GUARD, "hook", "claude-code"], input: payload, status: 0, stdoutEmpty: true, target: START_TARGET.other },
    { label: "`node bin/guard hook claude-code` (`rm -rf /` on stdin)", args: [GUARD, "hook", "claude-code"], input: denyPayload, status: 0, stdoutIncludes: '"permissionDecision":"deny"', target: START_TARGET.other },
  ];
  const guardDenyHook = cases.length - 1;
  // The floor of any design that starts one process per command and parses it: node on an empty file, and a
  // launcher like bin/guard (V8 code cache beside the bundle) that loads only the shell parser, parses, and prints.
  const floor = parserOnlyLauncher();
  cases.push(
    { label: "floor: `node EMPTY.js` (a script file, no code)", args: [floor.empty], status: 0 },
    { label: "floor: the shell parser alone, behind the same launcher (`check 'git status'`)", args: [floor.launcher, "check", "git status"], status: 0, stdoutIncludes: "parsed" },
  );
  if (options.peer) {
    cases.push({ label: "cc-safety-net `hook --claude-code` (`rm -rf /` on stdin)", args: [peerEntry(options.peer), "hook", "--claude-code"], input: denyPayload, status: 0, stdoutIncludes: '"permissionDecision":"deny"' });
  }
  // CPU time of each child, summed over the measured rounds: steadier than wall time on a busy machine.
  const cpu = cases.map(() => 0);
  const cpuBefore = childCpuMs();
  // Three warm-up rounds: the first guard run may write the launcher's V8 code cache.
  const samples = interleave(cases, options.rounds, 3, (c, warm) => {
    const before = childCpuMs();
    const r = run(NODE, c.args, { input: c.input ?? "", env });
    if (!warm && before !== undefined) cpu[cases.indexOf(c)] += childCpuMs() - before;
    expectRun(r, c.label, c);
    return r.ms;
  });
  const cpuMean = cpuBefore === undefined ? undefined : cpu.map((total) => total / options.rounds);
  const base = median(samples[0]);
  out("## 1. Whole-process start");
  out();
  out(`Wall time from spawn to exit, measured by the node harness (\`spawnSync\`, \`process.hrtime.bigint()\`), ${options.rounds} interleaved rounds. Targets: a safe check ≤ ${START_TARGET.safe}× \`node -e 0\`, a destructive check and the hook ≤ ${START_TARGET.other}×.${cpuMean ? " \"CPU ms\" is the child's user + system time (its threads included) from /proc/self/stat, summed over the rounds and divided by them: 10 ms ticks, so a mean, but much less moved by other jobs than wall time; the targets are judged on wall time." : ""}`);
  out();
  const rows = cases.map((c, i) => {
    const m = median(samples[i]);
    const ratio = m / base;
    const isBase = i === 0;
    if (c.target) targets.push({ name: `start: ${c.label} ≤ ${c.target}× node -e 0`, value: `${fmt(ratio, 2)}×`, ok: ratio <= c.target });
    const cpuCells = cpuMean ? [fmt(cpuMean[i]), `${fmt(cpuMean[i] / cpuMean[0], 2)}×`] : [];
    return [c.label, fmt(m), fmt(quantile(samples[i], 0.9)), isBase ? "—" : `+${fmt(m - base)}`, `${fmt(ratio, 2)}×`, ...cpuCells, c.target ? `${mark(ratio <= c.target)} (≤ ${c.target}×)` : ""];
  });
  out(table(["command", "median ms", "p90 ms", "added ms", "× node -e 0", ...(cpuMean ? ["CPU ms", "CPU × node -e 0"] : []), "target"], rows));
  out();
  out("The two floor rows are what any guard that starts one process per command must pay before it reads a single rule: node running a script file, and the same launcher loading only the shell parser (unbash), parsing the command and printing. The start-up targets sit at or below the second.");
  out();
  if (options.peer) {
    // Paired by round: each round ran both hooks on the same payload, so the ratio of medians of per-round ratios resists load drift.
    const peer = samples[cases.length - 1];
    const perRound = samples[guardDenyHook].map((t, i) => t / peer[i]);
    const ratio = median(perRound);
    targets.push({ name: `start: guard's hook ≤ ${START_TARGET.peer}× cc-safety-net's hook`, value: `${fmt(ratio, 2)}×`, ok: ratio <= START_TARGET.peer });
    const cpuRatio = cpuMean ? `; CPU time ${fmt(cpuMean[guardDenyHook] / cpuMean[cases.length - 1], 2)}×` : "";
    out(`guard's Claude Code hook against cc-safety-net's (${peerEntry(options.peer)}), same \`rm -rf /\` payload, median of per-round ratios: **${fmt(ratio, 2)}×** ${mark(ratio <= START_TARGET.peer)} (target ≤ ${START_TARGET.peer})${cpuRatio}.`);
    out();
  } else {
    out("cc-safety-net's hook was not measured: run with `--peer DIR` after `npm install --prefix DIR cc-safety-net`.");
    out();
  }
  if (hyperfine) hyperfineTable(env, payload);
}

/**
 * Builds, in the bench's temporary directory, the least a per-command guard could load: unbash bundled and
 * minified as bin/guard bundles guard, run through a copy of bin/guard's launcher (code cache kept beside it).
 * The cache is written by its first run, in the warm-up rounds.
 */
function parserOnlyLauncher() {
  const dir = join(tmp, "floor");
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "dist"), { recursive: true });
  const entry = 'const { parse } = require("unbash"); const ast = parse(process.argv[3] ?? ""); require("node:fs").writeSync(1, ast ? "parsed\\n" : "none\\n");';
  const built = spawnSync(NODE, ["-e", `require("esbuild").buildSync({ stdin: { contents: ${JSON.stringify(entry)}, resolveDir: ${JSON.stringify(root)}, loader: "js" }, bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, outfile: ${JSON.stringify(join(dir, "dist", "guard.cjs"))} })`], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new HarnessError(`could not build the parser-only floor: ${built.stderr}`);
  // bin/guard itself, so the floor pays exactly the launcher guard pays (reads, cache, module wrapper).
  writeFileSync(join(dir, "bin", "guard"), readFileSync(join(root, "bin", "guard")));
  writeFileSync(join(dir, "empty.js"), "");
  return { launcher: join(dir, "bin", "guard"), empty: join(dir, "empty.js") };
}

function hyperfineVersion(env) {
  const r = spawnSync("hyperfine", ["--version"], { env, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function hyperfineRun(env, args, commands) {
  const file = join(tmp, `hyperfine-${Math.random().toString(36).slice(2)}.json`);
  const runs = Math.max(options.rounds, 3);
  const r = spawnSync("hyperfine", ["--style", "none", "--warmup", "3", "--runs", String(runs), "-i", "--export-json", file, ...args, ...commands], { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new HarnessError(`hyperfine failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(readFileSync(file, "utf8")).results;
}

function hyperfineTable(env, payload) {
  progress("1/6 whole-process start: hyperfine cross-check");
  const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  const node = q(NODE);
  // -N (no shell) for argv commands; the hook needs stdin from a file, so it runs through sh,
  // with its own `node -e 0 < payload` baseline (hyperfine subtracts the shell's start-up).
  const direct = hyperfineRun(env, ["-N"], [`${node} -e 0`, `${node} ${GUARD} check 'git status'`, `${node} ${GUARD} check 'rm -rf /'`]);
  const payloadFile = join(tmp, "payload.json");
  writeFileSync(payloadFile, payload);
  const viaShell = hyperfineRun(env, ["--shell", "sh"], [`${node} -e 0 < ${q(payloadFile)}`, `${node} ${GUARD} hook claude-code < ${q(payloadFile)}`]);
  const row = (label, result, baseline, mode) => {
    const m = result.median * 1000;
    const times = (result.times ?? []).map((t) => t * 1000);
    const ratio = result.median / baseline.median;
    return [label, mode, fmt(m), times.length ? fmt(quantile(times, 0.9)) : "—", `${fmt(ratio, 2)}×`];
  };
  out(`hyperfine (${Math.max(options.rounds, 3)} runs each, 3 warm-up; hyperfine runs each command's runs back to back, not interleaved, so these are a cross-check for the table above):`);
  out();
  out(table(["command (hyperfine)", "mode", "median ms", "p90 ms", "× node -e 0"], [
    row("`node -e 0`", direct[0], direct[0], "-N"),
    row("`node bin/guard check 'git status'`", direct[1], direct[0], "-N"),
    row("`node bin/guard check 'rm -rf /'`", direct[2], direct[0], "-N"),
    row("`node -e 0 < payload.json`", viaShell[0], viaShell[0], "sh"),
    row("`node bin/guard hook claude-code < payload.json`", viaShell[1], viaShell[0], "sh"),
  ]));
  out();
}

// ---------------------------------------------------------------------------------------------
// 2. Batch throughput

function loadCorpus() {
  const dir = join(root, "test", "corpus");
  const files = walkYaml(dir);
  const byFile = new Map();
  for (const file of files) {
    let doc;
    try {
      doc = parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new HarnessError(`cannot parse ${relative(root, file)}: ${err.message}`);
    }
    byFile.set(relative(dir, file), commandsIn(doc));
  }
  const all = [...byFile.values()].flat();
  if (all.length === 0) throw new HarnessError("test/corpus/**/*.yaml holds no commands");
  return { files, byFile, all };
}

/** Batch sizes and their throughput targets (issue 14): the per-process start weighs more on the smaller one. */
const BATCH_SIZES = [
  { lines: 10000, target: 20000 },
  { lines: 50000, target: 30000 },
];

/** One `guard check --batch` over `commands`: wall ms, after checking every output line answers its input line. */
function batchRun(commands, input, env, decisions) {
  const r = run(NODE, [GUARD, "check", "--batch"], { input, env });
  expectRun(r, "guard check --batch");
  const outLines = r.stdout.split("\n").filter((l) => l !== "");
  if (outLines.length !== commands.length) throw new HarnessError(`guard check --batch: ${commands.length} lines in, ${outLines.length} lines out`);
  outLines.forEach((line, n) => {
    let v;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new HarnessError(`guard check --batch: output line ${n + 1} is not JSON (${err.message}): ${line.slice(0, 200)}`);
    }
    if (typeof v?.decision !== "string") throw new HarnessError(`guard check --batch: output line ${n + 1} has no decision: ${line.slice(0, 200)}`);
    if (v.error) throw new HarnessError(`guard check --batch: input line ${n + 1} was rejected: ${v.error}`);
    if (v.command !== commands[n]) throw new HarnessError(`guard check --batch: output line ${n + 1} answers a different command`);
    if (decisions && n < decisions.corpusSize) decisions.counts[v.decision] = (decisions.counts[v.decision] ?? 0) + 1;
  });
  return r.ms;
}

function batch(env) {
  const corpus = loadCorpus();
  const runs = Math.max(3, Math.ceil(options.rounds / 10));
  const decisions = { corpusSize: corpus.all.length, counts: {} };
  const rows = [];
  for (const size of BATCH_SIZES) {
    const commands = Array.from({ length: size.lines }, (_, i) => corpus.all[i % corpus.all.length]);
    const input = `${commands.map((c) => JSON.stringify(c)).join("\n")}\n`;
    progress(`2/7 batch throughput (${commands.length} lines, ${runs} runs)`);
    const times = [];
    for (let i = -1; i < runs; i++) {
      const ms = batchRun(commands, input, env, i === -1 && size === BATCH_SIZES[0] ? decisions : undefined);
      if (i >= 0) times.push(ms);
    }
    const m = median(times);
    const rate = commands.length / (m / 1000);
    targets.push({ name: `batch of ${fmtInt(size.lines)} lines ≥ ${fmtInt(size.target)} commands/s`, value: `${fmtInt(rate)}/s`, ok: rate >= size.target });
    rows.push([fmtInt(commands.length), fmt(m), fmt(Math.min(...times)), fmtInt(rate), fmt((m * 1000) / commands.length, 1), `${mark(rate >= size.target)} (≥ ${fmtInt(size.target)}/s)`]);
  }
  out("## 2. Batch throughput");
  out();
  out(`Every \`command\` in test/corpus/**/*.yaml (${corpus.all.length} commands from ${corpus.files.length} files: ${Object.entries(decisions.counts).map(([d, n]) => `${n} ${d}`).join(", ")}), cycled to each size as JSON Lines into one \`node bin/guard check --batch\`; wall time includes the process start. Every output line was parsed as JSON and matched to its input line. Median of ${runs} runs after one warm-up.`);
  out();
  out(table(["commands", "median wall ms", "fastest ms", "commands/s", "µs/command", "target"], rows));
  out();
}

// ---------------------------------------------------------------------------------------------
// Child evaluations (sections 3 and 6)

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Evaluates TEXT (from a file) in a fresh node process through dist/index.cjs. */
function evalInChild(env, file) {
  const rssFile = join(tmp, "rss.txt");
  const args = [NODE, "-e", EVAL_CHILD, INDEX, file, root];
  const r = TIME ? run(TIME, ["-f", "%M", "-o", rssFile, ...args], { env }) : run(args[0], args.slice(1), { env });
  expectRun(r, `library evaluation of ${relative(tmp, file)}`);
  let result;
  try {
    result = JSON.parse(r.stdout);
  } catch {
    throw new HarnessError(`library evaluation of ${relative(tmp, file)} printed no result: ${r.stdout.slice(0, 500)} ${r.stderr.slice(0, 500)}`);
  }
  if (result.errors) throw new HarnessError(`library evaluation: ${result.errors} rule or config errors in ${root}`);
  let rssKb = result.maxRSS;
  if (TIME) {
    const kb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
    if (Number.isFinite(kb) && kb > 0) rssKb = kb;
  }
  return { ...result, wallMs: r.ms, rssMb: rssKb / 1024 };
}

// ---------------------------------------------------------------------------------------------
// 3. Input size

function inputSize(env) {
  const line = "git status && npm test | tee out.log; rm -rf ./build";
  const sizes = [1024, 10 * 1024, 100 * 1024, 1024 * 1024];
  const cases = sizes.map((size) => {
    const count = Math.max(1, Math.floor((size + 1) / (line.length + 1)));
    const text = Array.from({ length: count }, () => line).join("\n");
    const file = join(tmp, `size-${size}.txt`);
    writeFileSync(file, text);
    return { size, chars: text.length, file };
  });
  const rounds = Math.min(10, Math.max(3, Math.ceil(options.rounds / 3)));
  progress(`3/7 input size (${rounds} rounds)`);
  const samples = interleave(cases, rounds, 1, (c) => evalInChild(env, c.file));
  out("## 3. Input size");
  out();
  out(`\`${line}\` repeated, joined by newlines, evaluated through \`dist/index.cjs\` in a fresh node process per run (the text is read from a file: 1 MB does not fit in argv). \"evaluate\" is \`evaluate()\` alone; \"process\" is the whole child (start, load, rules, read, evaluate). Peak RSS ${TIME ? "from `/usr/bin/time -f %M`" : "from the child's `process.resourceUsage().maxRSS`"}. Medians of ${rounds} interleaved rounds; RSS is the largest seen. Target: 1 MB in < 1 s (whole process) and < 250 MB.`);
  out();
  const rows = cases.map((c, i) => {
    const s = samples[i];
    const evalMs = median(s.map((x) => x.ms));
    const wall = median(s.map((x) => x.wallMs));
    const rss = Math.max(...s.map((x) => x.rssMb));
    let target = "";
    if (c.size === 1024 * 1024) {
      targets.push({ name: "1 MB input < 1 s (whole process)", value: `${fmtInt(wall)} ms`, ok: wall < 1000 });
      targets.push({ name: "1 MB input < 250 MB peak RSS", value: `${fmt(rss)} MB`, ok: rss < 250 });
      target = `${mark(wall < 1000)} < 1 s, ${mark(rss < 250)} < 250 MB`;
    }
    return [sizeLabel(c.size), fmtInt(c.chars), fmt(evalMs), fmt(wall), fmt(rss), cell(decisionLabel(s[0].decision, s[0].rules)), target];
  });
  out(table(["input", "chars", "evaluate ms", "process ms", "peak RSS MB", "decision", "target"], rows, ["l", "r", "r", "r", "r", "l", "l"]));
  out();
}

// ---------------------------------------------------------------------------------------------
// 4. Project rule count

function ruleFile(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    rules.push([
      `  - id: bench.rule-${i}`,
      "    action: ask",
      "    severity: medium",
      `    message: Deletes something with tool${i}.`,
      "    why: Generated by scripts/bench.mjs to measure the cost of project rules.",
      "    instead: Ask the user.",
      "    match:",
      `      program: tool${i}`,
      "      subcommand: [[delete]]",
      "    examples:",
      `      match: ["tool${i} delete x"]`,
      `      not_match: ["tool${i} list"]`,
    ].join("\n"));
  }
  return `pack:\n  name: bench\n  description: "Generated rules for the benchmark."\nrules:\n${rules.join("\n")}\n`;
}

function ruleCount(env) {
  const counts = [0, 100, 1000];
  const cases = counts.map((n) => {
    const dir = join(tmp, `repo-${n}`);
    mkdirSync(join(dir, ".git"), { recursive: true });
    writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
    let bytes = 0;
    if (n > 0) {
      mkdirSync(join(dir, ".guard", "rules"), { recursive: true });
      const yaml = ruleFile(n);
      bytes = Buffer.byteLength(yaml);
      writeFileSync(join(dir, ".guard", "rules", "bench.yaml"), yaml);
      // The rules must load: the last one has to fire.
      const probe = run(NODE, [GUARD, "check", "--cwd", dir, `tool${n - 1} delete x`], { env });
      expectRun(probe, `guard check with ${n} project rules`, { status: 10, stdoutIncludes: `bench.rule-${n - 1}` });
    }
    return { n, dir, bytes };
  });
  // guard caches a rule file's parse only once the file has been left alone for 2 s (its change time
  // may not have moved yet for an edit inside that window: src/rules/load.ts): wait that out, so the
  // rounds measure the everyday check of an unchanged rule file, as the first check after an edit
  // (a YAML parse and the examples run) is not what an agent pays on every command.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_100);
  progress(`4/7 project rule count (${options.rounds} rounds)`);
  const samples = interleave(cases, options.rounds, 2, (c) => {
    const r = run(NODE, [GUARD, "check", "--cwd", c.dir, "git status"], { env });
    expectRun(r, `guard check --cwd <repo with ${c.n} rules> 'git status'`);
    return r.ms;
  });
  const base = median(samples[0]);
  out("## 4. Project rule count");
  out();
  out(`\`node bin/guard check --cwd REPO 'git status'\` where REPO is a fresh git repository with N generated rules in \`.guard/rules/bench.yaml\` (each checked to load: its last rule fires). Whole-process wall time, ${options.rounds} interleaved rounds, from 2 s after the files were written (when guard caches their parse). Target: 1,000 rules add < 5 ms.`);
  out();
  const rows = cases.map((c, i) => {
    const m = median(samples[i]);
    const added = m - base;
    let target = "";
    if (c.n === 1000) {
      targets.push({ name: "1,000 project rules add < 5 ms", value: `${added >= 0 ? "+" : ""}${fmt(added)} ms`, ok: added < 5 });
      target = `${mark(added < 5)} (< 5 ms)`;
    }
    return [fmtInt(c.n), c.bytes ? sizeLabel(c.bytes) : "—", fmt(m), fmt(quantile(samples[i], 0.9)), i === 0 ? "—" : `${added >= 0 ? "+" : ""}${fmt(added)}`, target];
  });
  out(table(["project rules", "rule file", "median ms", "p90 ms", "added ms vs 0", "target"], rows));
  out();
}

// ---------------------------------------------------------------------------------------------
// 5. In-process library call

function inProcess() {
  progress("5/7 in-process library call (~2 s)");
  const corpus = loadCorpus();
  const typical = evenlySpaced(corpus.byFile.get("false-positives.yaml") ?? [], 25);
  const destructive = evenlySpaced(corpus.byFile.get("true-positives.yaml") ?? [], 25);
  if (typical.length === 0 || destructive.length === 0) throw new HarnessError("test/corpus/false-positives.yaml or true-positives.yaml holds no commands");
  const g = require(INDEX);
  const t0 = process.hrtime.bigint();
  const rules = g.activeRules(root);
  const ctx = g.localContext({ cwd: root, settings: rules.settings });
  const setupMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const set = [...typical.map((c) => ({ c, kind: 0 })), ...destructive.map((c) => ({ c, kind: 1 }))];
  const decisions = set.map(({ c }) => g.evaluate(c, rules.ruleset, ctx).decision);
  const count = (kind, d) => set.filter((s, i) => s.kind === kind && decisions[i] === d).length;
  const loop = (ms, record) => {
    const end = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
    while (process.hrtime.bigint() < end) {
      for (const s of set) {
        const t = process.hrtime.bigint();
        g.evaluate(s.c, rules.ruleset, ctx);
        const us = Number(process.hrtime.bigint() - t) / 1000;
        if (record) record[s.kind].push(us);
      }
    }
  };
  loop(300);
  const samples = [[], []];
  const start = process.hrtime.bigint();
  loop(2000, samples);
  const totalS = Number(process.hrtime.bigint() - start) / 1e9;
  const all = [...samples[0], ...samples[1]];
  out("## 5. In-process library call");
  out();
  out(`\`require("dist/index.cjs")\` in the bench process; \`activeRules()\` + \`localContext()\` once (${fmt(setupMs)} ms), then \`evaluate()\` over ${set.length} corpus commands in a loop for 2 s after a 0.3 s warm-up, each call timed. Typical: ${typical.length} from false-positives.yaml (${count(0, "allow")} allow, ${count(0, "ask")} ask, ${count(0, "deny")} deny); destructive: ${destructive.length} from true-positives.yaml (${count(1, "deny")} deny, ${count(1, "ask")} ask, ${count(1, "allow")} allow).`);
  out();
  const row = (label, s) => [label, fmtInt(s.length), fmt(median(s)), fmt(mean(s)), fmt(quantile(s, 0.99))];
  out(table(["commands", "evaluations", "median µs", "mean µs", "p99 µs"], [row("typical", samples[0]), row("destructive", samples[1]), row("all", all)]));
  out();
  out(`${fmtInt(all.length / totalS)} evaluations/s on one thread (timer overhead included).`);
  out();
}

// ---------------------------------------------------------------------------------------------
// 6. Pathological inputs

function graphqlCurl(bytes) {
  let query = "";
  for (let i = 0; query.length < bytes - 120; i++) query += `a${i}: projectUpdate(id: \\"p${i}\\") { id } `;
  return `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '{"query":"mutation { ${query}volumeDelete(volumeId: \\"vol_1\\") }"}'`;
}

function pathological(env) {
  const KB = 1024;
  const cases = [
    { label: "`a && ` × 100,000", make: (s) => `${"a && ".repeat(100000 * s)}a` },
    { label: "`$(` nested 300 deep", make: (s) => `echo ${"$(".repeat(300 * s)}x${")".repeat(300 * s)}` },
    { label: "`rm -f` with a 50,000-word argv", make: (s) => `rm -f ${Array.from({ length: 50000 * s }, (_, i) => `f${i}`).join(" ")}` },
    { label: "`\"` unterminated after 500 KB", make: (s) => `echo ${"word ".repeat((500 * KB * s) / 5)}"never closed` },
    { label: "GraphQL body of 200 KB (`curl -d`, mutation last)", make: (s) => graphqlCurl(200 * KB * s) },
    { label: "500 KB SQL in `psql -c` (DROP last)", make: (s) => `psql -c "${"SELECT id, name FROM users WHERE id = 1; ".repeat(Math.floor((500 * KB * s) / 41))}DROP TABLE users;"` },
  ];
  const runs = [];
  cases.forEach((c, i) => {
    for (const scale of [1, 0.5]) {
      const file = join(tmp, `patho-${i}-${scale}.txt`);
      writeFileSync(file, c.make(scale));
      runs.push({ i, scale, file });
    }
  });
  const rounds = Math.min(5, Math.max(3, Math.ceil(options.rounds / 10)));
  progress(`6/7 pathological inputs (${rounds} rounds)`);
  const samples = interleave(runs, rounds, 0, (r) => evalInChild(env, r.file));
  out("## 6. Pathological inputs");
  out();
  out(`Each input evaluated through \`dist/index.cjs\` in a fresh node process, at full and at half size (interleaved, median of ${rounds}); \"full ÷ ½\" near 2 means linear time, near 4 quadratic (a few ms are mostly noise, and inputs cut off by a cap stop early).`);
  out();
  const rows = cases.map((c, i) => {
    const full = samples[runs.findIndex((r) => r.i === i && r.scale === 1)];
    const half = samples[runs.findIndex((r) => r.i === i && r.scale === 0.5)];
    const fm = median(full.map((x) => x.ms));
    const hm = median(half.map((x) => x.ms));
    return [c.label, fmtInt(full[0].chars), fmt(fm), fmt(hm), `${fmt(fm / hm, 2)}`, fmt(Math.max(...full.map((x) => x.rssMb))), cell(decisionLabel(full[0].decision, full[0].rules))];
  });
  out(table(["input", "chars", "evaluate ms", "½ size ms", "full ÷ ½", "peak RSS MB", "decision"], rows, ["l", "r", "r", "r", "r", "r", "l"]));
  out();
}

// ---------------------------------------------------------------------------------------------
// 7. Undo snapshot cost

function git(cwd, args, env) {
  const r = spawnSync("git", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new HarnessError(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** A repository of 10,000 committed files in 100 directories, with a few changed and a few untracked. */
function tenThousandFileRepo(env) {
  const repo = join(tmp, "repo-10k");
  mkdirSync(repo);
  const genv = { ...env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "b@b" };
  git(repo, ["init", "-q"], genv);
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(repo, `pkg${d}`));
    for (let f = 0; f < 100; f++) writeFileSync(join(repo, `pkg${d}`, `file${f}.ts`), `export const v${d}_${f} = ${d * f};\n`);
  }
  git(repo, ["add", "-A"], genv);
  git(repo, ["commit", "-qm", "10k files"], genv);
  // Files written in the same second as the index are "racily clean" and re-read by every git: a real
  // repository's files are older than its index, so the index is rewritten once a second later.
  spawnSync("sleep", ["1.1"]);
  git(repo, ["update-index", "--refresh"], genv);
  git(repo, ["status", "--porcelain"], genv);
  for (let i = 0; i < 3; i++) writeFileSync(join(repo, `pkg${i}`, "file0.ts"), `export const changed = ${i};\n`);
  for (let i = 0; i < 2; i++) writeFileSync(join(repo, `scratch${i}.txt`), "work in progress\n");
  return repo;
}

function undoCost(env) {
  const repo = tenThousandFileRepo(env);
  const cases = [
    { label: "`guard check --snapshot 'git status'` (nothing to keep)", command: "git status" },
    { label: "`guard check --snapshot 'rm scratch0.txt'` (snapshot taken)", command: "rm scratch0.txt" },
  ];
  const rounds = Math.max(5, Math.ceil(options.rounds / 2));
  progress(`7/7 undo snapshot cost on a 10,000-file repository (${rounds} rounds)`);
  // CPU time (user + sys of guard and the git processes it waits for) beside wall time: on a busy
  // machine wall time mostly measures the wait for a core, CPU time what the snapshot itself costs.
  const cpuFile = join(tmp, "cpu.txt");
  const cpu = cases.map(() => []);
  const samples = interleave(cases, rounds, 2, (c, warm) => {
    const args = [NODE, join(root, GUARD), "check", "--snapshot", "--", c.command];
    const r = TIME ? run(TIME, ["-f", "%U %S", "-o", cpuFile, ...args], { env, cwd: repo }) : run(args[0], args.slice(1), { env, cwd: repo });
    expectRun(r, c.label);
    if (r.stderr.includes("no snapshot")) throw new HarnessError(`${c.label}: ${r.stderr}`);
    if (TIME && !warm) {
      const [user, sys] = readFileSync(cpuFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
      cpu[cases.indexOf(c)].push((user + sys) * 1000);
    }
    return r.ms;
  });
  const snapshots = git(repo, ["for-each-ref", "refs/guard/snapshots"], env).split("\n").filter(Boolean).length;
  if (snapshots === 0) throw new HarnessError("the snapshot case took no snapshot");
  const base = median(samples[0]);
  const added = median(samples[1]) - base;
  targets.push({ name: "undo snapshot on a 10,000-file repository adds < 50 ms", value: `+${fmt(added)} ms`, ok: added < 50 });
  out("## 7. Undo snapshot cost");
  out();
  out(`A git repository of 10,000 committed files (100 directories × 100), 3 of them changed and 2 untracked files. \`guard check --snapshot\` is what the shell integrations call before a command runs: for \`rm scratch0.txt\` it takes a snapshot (status, update-index and write-tree on a temporary index, commit-tree, then the ref written and old ones pruned at the default 7 days / 200), for \`git status\` it takes none. Whole-process wall time, ${rounds} interleaved rounds, cwd in the repository; ${snapshots} snapshots were written. Target: a snapshot adds < 50 ms.`);
  out();
  const cpuCell = (i) => (TIME ? fmt(median(cpu[i])) : "—");
  const cpuAdded = TIME ? `+${fmt(median(cpu[1]) - median(cpu[0]))}` : "—";
  out(table(["command", "median ms", "p90 ms", "added ms", "CPU ms (guard + git)", "added CPU ms", "target"], cases.map((c, i) => {
    const m = median(samples[i]);
    return [c.label, fmt(m), fmt(quantile(samples[i], 0.9)), i === 0 ? "—" : `+${fmt(added)}`, cpuCell(i), i === 0 ? "—" : cpuAdded, i === 0 ? "" : `${mark(added < 50)} (< 50 ms)`];
  })));
  out();
}

// ---------------------------------------------------------------------------------------------
// Sandbox: what the walls cost per command run through guard exec

function sandboxCost(env) {
  out("## Sandbox cost (`guard exec true`)");
  out();
  const probe = spawnSync("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "true"]);
  if (probe.status !== 0) {
    out("bubblewrap cannot run on this machine: skipped.");
    out();
    return;
  }
  const configs = { off: join(tmp, "sandbox-off"), on: join(tmp, "sandbox-on") };
  for (const [mode, dir] of Object.entries(configs)) {
    mkdirSync(join(dir, "guard"), { recursive: true });
    writeFileSync(join(dir, "guard", "config.yaml"), `sandbox: {mode: ${mode}}\n`);
  }
  const cases = Object.entries(configs).map(([mode, dir]) => ({ mode, env: { ...env, XDG_CONFIG_HOME: dir } }));
  const samples = interleave(cases, Math.max(10, Math.round(options.rounds / 2)), 2, (c) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(NODE, [join(root, GUARD), "exec", "true"], { cwd: tmp, env: c.env });
    if (r.status !== 0) throw new HarnessError(`guard exec true (sandbox ${c.mode}) exited ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  const [off, on] = samples.map((xs) => quantile(xs, 0.5));
  out(table(["sandbox", "median ms"], [["off", fmt(off, 1)], ["on", fmt(on, 1)]], ["l", "r"]));
  out();
  out(`ratio on/off: ${fmt(on / off, 2)}× (+${fmt(on - off, 1)} ms per command: one bwrap probe and the namespaces)`);
  out();
}

// ---------------------------------------------------------------------------------------------
// Run (last, so every declaration above is initialised)

const options = parseOptions(process.argv.slice(2));
const tmp = mkdtempSync(join(os.tmpdir(), "guard-bench-"));
const lines = [];
const out = (text = "") => lines.push(text);
const targets = [];

try {
  main();
  process.stdout.write(`${lines.join("\n")}\n`);
} catch (err) {
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
  process.stderr.write(`bench: error: ${err instanceof HarnessError ? err.message : err?.stack ?? err}\n`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
