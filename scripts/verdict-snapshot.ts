// Records the decision and rule ids guard reaches on every corpus row and every rule example, so a change to the rule files (merged twins, renamed ids) can be shown to keep every verdict.
// Usage: node scripts/run-ts.mjs scripts/verdict-snapshot.ts OUT.json            (write a snapshot)
//        node scripts/run-ts.mjs scripts/verdict-snapshot.ts --compare BASE.json (compare with one, old ids read through their aliases)
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/example-context";
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";
import { currentRuleId } from "../src/rules/aliases";
import { corpusFiles } from "./corpus-files";

type Snapshot = Record<string, { decision: string; rules: string[] }>;

function snapshot(): Snapshot {
  const files = builtinRuleFiles();
  const out: Snapshot = {};
  const record = (key: string, command: string, ruleset: ReturnType<typeof buildRuleset>) => {
    const verdict = evaluate(command, ruleset, exampleContext());
    out[key] = { decision: verdict.decision, rules: [...new Set(verdict.findings.map((f) => f.rule))].sort() };
  };
  for (const { path, pack } of corpusFiles()) {
    const ruleset = buildRuleset(files.filter((f) => f.pack.enabledByDefault || f.pack.name === pack));
    for (const row of parse(readFileSync(path, "utf8")) as { command: string }[]) record(`${path}\t${row.command}`, row.command, ruleset);
  }
  // Rule examples run with every pack on, as `guard test` runs them.
  const everything = buildRuleset(files);
  for (const rule of files.flatMap((f) => f.rules)) {
    for (const example of [...rule.examples.match, ...rule.examples.not_match]) record(`example\t${example.command}`, example.command, everything);
  }
  return out;
}

/** A verdict with every id read as the id it is today. */
function canonical(v: { decision: string; rules: string[] }): string {
  return `${v.decision} ${[...new Set(v.rules.map(currentRuleId))].sort().join(",")}`;
}

const [first, second] = process.argv.slice(2);
const now = snapshot();
if (first === "--compare") {
  const base = JSON.parse(readFileSync(second, "utf8")) as Snapshot;
  const changed = Object.keys(base).filter((key) => now[key] && canonical(base[key]) !== canonical(now[key]));
  const common = Object.keys(base).filter((key) => now[key]).length;
  for (const key of changed) console.log(`${key.replace("\t", ": ")}\n  before: ${canonical(base[key])}\n  after:  ${canonical(now[key])}`);
  console.log(`${common} commands in both snapshots, ${changed.length} verdicts differ`);
  process.exitCode = changed.length ? 1 : 0;
} else {
  writeFileSync(first, `${JSON.stringify(now, null, 0)}\n`);
  console.log(`${Object.keys(now).length} verdicts written to ${first}`);
}
