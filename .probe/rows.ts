// Prints corpus rows (decision and rules under the example context) for the commands in a probe file.
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/context";
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles());
const lines = readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
let bad = 0;
for (const line of lines) {
  const [want, command] = line.split("\t");
  const v = evaluate(command, ruleset, exampleContext());
  const rules = [...new Set(v.findings.map((f) => f.rule))];
  const ok = want === "ask+" ? v.decision !== "allow" : v.decision === want;
  if (!ok) {
    bad++;
    console.error(`MISMATCH want ${want} got ${v.decision}: ${command} [${rules}]`);
  }
  process.stdout.write(stringify([{ command, decision: v.decision, ...(rules.length ? { rules } : {}) }], { lineWidth: 0 }));
}
console.error(`${bad} mismatches`);
