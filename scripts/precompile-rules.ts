// Build step: validate rules/*.yaml and emit them as JSON, so the bundle never parses YAML for built-in rules.
import { builtinRuleFiles } from "../src/rules/builtin";
import { duplicateIds } from "../src/rules/ruleset";

/** The rules without their examples (for the bundle) and the examples by rule id (for dist/rule-examples.json). */
export function precompile(): { rules: string; examples: string } {
  const files = builtinRuleFiles();
  const dups = duplicateIds(files);
  if (dups.length) {
    throw new Error(dups.map((d) => `${d.second.file}:${d.second.line}: duplicate rule id ${d.id}`).join("\n"));
  }
  const examples = Object.fromEntries(files.flatMap((f) => f.rules.map((r) => [r.id, r.examples])));
  const bare = files.map((f) => ({ ...f, rules: f.rules.map((r) => ({ ...r, examples: { match: [], not_match: [] } })) }));
  return { rules: JSON.stringify(bare), examples: JSON.stringify(examples) };
}
