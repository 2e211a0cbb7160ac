// `npm run strict-report`: how many of the corpus's everyday (allowed) commands `profile: strict` would ask about, by reason and program.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/example-context";
import { applyStrict } from "../src/engine/strict";
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";

const files = process.argv.slice(2).length ? process.argv.slice(2) : ["test/corpus/false-positives.yaml"];
const ruleset = buildRuleset(builtinRuleFiles().filter((f) => f.pack.enabledByDefault));
const reasons = new Map<string, number>();
const programs = new Map<string, number>();
let everyday = 0;
let asked = 0;
for (const file of files) {
  for (const row of parse(readFileSync(file, "utf8")) as { command: string; decision: string }[]) {
    if (row.decision !== "allow") continue;
    everyday++;
    const base = evaluate(row.command, ruleset, exampleContext());
    if (base.decision !== "allow") continue;
    const strict = applyStrict(base, ruleset, []);
    if (strict.decision === "allow") continue;
    asked++;
    for (const f of strict.findings) {
      reasons.set(f.rule, (reasons.get(f.rule) ?? 0) + 1);
      programs.set(f.detail ?? "?", (programs.get(f.detail ?? "?") ?? 0) + 1);
    }
  }
}
const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(`${files.join(", ")}: ${everyday} everyday commands, strict would ask about ${asked} (${((100 * asked) / everyday).toFixed(1)}%)`);
for (const [rule, n] of sorted(reasons)) console.log(`${String(n).padStart(5)}  ${rule}`);
console.log("by program:");
for (const [program, n] of sorted(programs).slice(0, 25)) console.log(`${String(n).padStart(5)}  ${program}`);
