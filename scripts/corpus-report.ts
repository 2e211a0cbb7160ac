// `npm run corpus`: recall on the corpus's dangerous rows and false positives on its safe rows, by pack.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/example-context";
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";
import { currentRuleId } from "../src/rules/aliases";
import { corpusFiles } from "./corpus-files";

interface Row {
  command: string;
  decision: "allow" | "ask" | "deny";
  rules?: string[];
}

interface Tally {
  dangerous: number;
  caught: number;
  exact: number;
  safe: number;
  falsePositives: number;
  misses: string[];
  flagged: string[];
}

const files = builtinRuleFiles();
const packOf = new Map(files.flatMap((f) => f.rules.map((r) => [r.id, f.pack.name] as const)));
const tallies = new Map<string, Tally>();
const tally = (pack: string) => {
  let t = tallies.get(pack);
  if (!t) tallies.set(pack, (t = { dangerous: 0, caught: 0, exact: 0, safe: 0, falsePositives: 0, misses: [], flagged: [] }));
  return t;
};

for (const { path, pack } of corpusFiles()) {
  const ruleset = buildRuleset(files.filter((f) => f.pack.enabledByDefault || f.pack.name === pack));
  for (const row of parse(readFileSync(path, "utf8")) as Row[]) {
    const verdict = evaluate(row.command, ruleset, exampleContext());
    const found = new Set(verdict.findings.map((f) => f.rule));
    const expected = (row.rules ?? []).map(currentRuleId);
    const owner = pack ?? (expected[0] && packOf.get(expected[0])) ?? "core";
    const t = tally(owner);
    if (row.decision === "allow") {
      t.safe++;
      if (verdict.decision !== "allow") {
        t.falsePositives++;
        t.flagged.push(`${row.command}  →  ${verdict.decision} ${[...found].join(",")}`);
      }
    } else {
      t.dangerous++;
      const caught = verdict.decision !== "allow" && expected.every((id) => found.has(id));
      if (caught) t.caught++;
      else t.misses.push(`${row.command}  →  ${verdict.decision} ${[...found].join(",")}`);
      if (caught && verdict.decision === row.decision) t.exact++;
    }
  }
}

const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);
const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
const total = rows.reduce((acc, [, t]) => ({ d: acc.d + t.dangerous, c: acc.c + t.caught, e: acc.e + t.exact, s: acc.s + t.safe, f: acc.f + t.falsePositives }), { d: 0, c: 0, e: 0, s: 0, f: 0 });
const lines = [
  "| pack | dangerous rows | recall | exact decision | safe rows | false positives |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map(([pack, t]) => `| ${pack} | ${t.dangerous} | ${pct(t.caught, t.dangerous)} | ${pct(t.exact, t.dangerous)} | ${t.safe} | ${pct(t.falsePositives, t.safe)} |`),
  `| **all** | ${total.d} | ${pct(total.c, total.d)} | ${pct(total.e, total.d)} | ${total.s} | ${pct(total.f, total.s)} |`,
];
process.stdout.write(`${lines.join("\n")}\n`);
for (const [pack, t] of rows) {
  for (const m of t.misses) process.stdout.write(`missed (${pack}): ${m}\n`);
  for (const f of t.flagged) process.stdout.write(`false positive (${pack}): ${f}\n`);
}
// Recall is on the dangerous rows caught by their expected rules; the suite (test/corpus.test.ts) asserts exact decisions.
const worstPack = Math.min(...rows.filter(([, t]) => t.dangerous > 0).map(([, t]) => t.caught / t.dangerous));
process.exitCode = total.c / total.d >= 0.99 && total.f / Math.max(1, total.s) <= 0.01 && worstPack >= 0.95 ? 0 : 1;
