// Build step: validate rules/*.yaml and emit them split by program (dist/builtin-rules.dat), so the bundle never parses YAML for built-in rules and a check parses only what it needs.
import { builtinRuleFiles } from "../src/rules/builtin";
import { serialiseStore } from "../src/rules/builtin-store";
import { duplicateIds } from "../src/rules/ruleset";
import { programSpecProblems } from "../src/rules/program-specs";
import { formatRuleFileError } from "../src/rules/load";
import { sqlCarrier } from "../src/payloads/carriers";
import { ruleGlobs } from "../src/rules/match";

/** The rules without their examples (for dist/builtin-rules.dat) and the examples by rule id (for dist/rule-examples.json). */
export function precompile(): { rules: Buffer; examples: string } {
  const files = builtinRuleFiles();
  const dups = duplicateIds(files);
  if (dups.length) {
    throw new Error(dups.map((d) => `${d.second.file}:${d.second.line}: duplicate rule id ${d.id}`).join("\n"));
  }
  const specs = programSpecProblems(files, (program) => sqlCarrier(program) !== undefined);
  if (specs.length) throw new Error(specs.map(formatRuleFileError).join("\n"));
  const examples = Object.fromEntries(files.flatMap((f) => f.rules.map((r) => [r.id, r.examples])));
  const bare = files.map((f) => ({ ...f, rules: f.rules.map((r) => ({ ...r, examples: { match: [], not_match: [] } })) }));
  return { rules: serialiseStore(bare, ruleGlobs), examples: JSON.stringify(examples) };
}
