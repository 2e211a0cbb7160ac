// Build step: validate rules/*.yaml and emit them as JSON, so the bundle never parses YAML for built-in rules.
import { builtinRuleFiles } from "../src/rules/builtin";
import { duplicateIds } from "../src/rules/ruleset";

export function precompile(): string {
  const files = builtinRuleFiles();
  const dups = duplicateIds(files);
  if (dups.length) {
    throw new Error(dups.map((d) => `${d.second.file}:${d.second.line}: duplicate rule id ${d.id}`).join("\n"));
  }
  return JSON.stringify(files);
}
