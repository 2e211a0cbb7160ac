// `npm run oracle -- [--seed N] [--count N] [--seconds N] [--json]`: a longer bash-oracle run than CI's (see docs/threat-model.md).
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";
import { runOracle } from "../test/oracle/oracle";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const seed = flag("seed", Date.now() % 2 ** 31);
const count = flag("count", 400_000);
const seconds = flag("seconds", 3600);
const files = builtinRuleFiles();
const optionPrefixes = !process.argv.includes("--no-option-prefixes");
const report = runOracle({ seed, count, seconds, optionPrefixes, ruleset: buildRuleset(files.filter((f) => f.pack.enabledByDefault)) });
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify({ seed, ...report }, null, 2)}\n`);
else {
  process.stdout.write(`seed ${seed}: ${report.mutations} mutations in ${report.seconds.toFixed(1)} s${report.stoppedByTime ? " (stopped by time)" : ""}; ` +
    `${report.allowed} distinct allowed ones run in bash; ${report.bypasses.length} destructive after allow\n`);
  for (const b of report.bypasses) {
    process.stdout.write(`\nBYPASS ${b.why}\n  minimal (${b.minimal.steps.join(" › ") || "seed"}): ${JSON.stringify(b.minimal.command)}\n  found as: ${JSON.stringify(b.command)}\n`);
  }
}
process.exitCode = report.bypasses.length ? 1 : 0;
