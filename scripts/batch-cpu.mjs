// Paired, interleaved CPU-time comparison of `guard check --batch` between builds (each a directory with bin/ and dist/).
// Usage: node scripts/batch-cpu.mjs [--rounds N] [--lines N[,N…]] [--any-output] DIR [DIR…]
// The batches run in the current directory. Copy each build outside it first (cp -r bin dist package.json DIR):
// a check that deletes the working directory also deletes a build inside it, which adds a finding.
// Each round runs every build once per size, the order rotated each round, after one warm-up round. CPU time is
// user + system from /usr/bin/time, which other jobs on a busy machine move far less than wall time. Every build's
// output must be byte-identical to the first build's (the same verdicts, in the same order), unless --any-output
// (builds with different rules).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  return value;
};
const anyOutput = argv.includes("--any-output");
if (anyOutput) argv.splice(argv.indexOf("--any-output"), 1);
const rounds = Number(take("--rounds", "5"));
const sizes = take("--lines", "10000,50000").split(",").map(Number);
const builds = argv.map((d) => resolve(d));
if (builds.length === 0) {
  process.stderr.write("usage: node scripts/batch-cpu.mjs [--rounds N] [--lines N[,N…]] [--any-output] DIR [DIR…]\n");
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), "guard-batch-cpu-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
// As npm run bench: an empty user config, a private state directory, no GUARD_* and none of node's start-up options.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GUARD_") && k !== "NODE_EXTRA_CA_CERTS" && k !== "NODE_OPTIONS"));
env.XDG_CONFIG_HOME = join(tmp, "config");
env.XDG_STATE_HOME = join(tmp, "state");

const inputs = new Map();
for (const n of sizes) {
  const file = join(tmp, `${n}.jsonl`);
  const r = spawnSync(process.execPath, [join(import.meta.dirname, "batch-input.mjs"), String(n), file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  inputs.set(n, file);
}

function once(dir, n) {
  const timeFile = join(tmp, "time.txt");
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S", "-o", timeFile, process.execPath, join(dir, "bin", "guard"), "check", "--batch"],
    { input: readFileSync(inputs.get(n)), env, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${dir}: exit ${r.status}: ${r.stderr}`);
  const [wall, user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { wall, cpu: user + sys, out: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const samples = new Map(builds.flatMap((b) => sizes.map((n) => [`${b}\t${n}`, []])));
const reference = new Map();
for (let round = -1; round < rounds; round++) {
  const order = builds.map((_, i) => builds[(i + Math.max(round, 0)) % builds.length]);
  for (const n of sizes) {
    for (const dir of order) {
      const r = once(dir, n);
      if (!reference.has(n)) reference.set(n, r.out);
      else if (!anyOutput && !r.out.equals(reference.get(n))) {
        writeFileSync(join(tmpdir(), `batch-cpu-${n}-differs.jsonl`), r.out);
        throw new Error(`${dir}: output for ${n} lines differs from ${builds[0]}'s (written to ${tmpdir()}/batch-cpu-${n}-differs.jsonl)`);
      }
      if (round >= 0) samples.get(`${dir}\t${n}`).push(r);
    }
  }
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}
console.log(`| build | lines | CPU s (median) | commands/s by CPU | wall s (median) | commands/s by wall |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const n of sizes) {
  for (const dir of builds) {
    const s = samples.get(`${dir}\t${n}`);
    const cpu = median(s.map((x) => x.cpu));
    const wall = median(s.map((x) => x.wall));
    console.log(`| ${dir} | ${n} | ${cpu.toFixed(2)} | ${Math.round(n / cpu)} | ${wall.toFixed(2)} | ${Math.round(n / wall)} |`);
  }
}
console.log(`\n${rounds} rounds, interleaved; ${anyOutput ? "outputs not compared" : "outputs byte-identical across builds"}.`);
