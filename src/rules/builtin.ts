// The built-in rule files: precompiled into the bundle at build time, read from rules/ in development.
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { loadRuleFile, ruleFilesIn } from "./load";
import type { Example, RuleFile } from "./types";

/**
 * Replaced by the build (scripts/build.mjs) with the validated rules/*.yaml as a JSON string, without
 * their examples: only `guard test` and `guard rules` need those, from dist/rule-examples.json.
 */
declare const __GUARD_BUILTIN_RULES_JSON__: string | undefined;

/** The file beside the bundle that holds the built-in rules' examples, by rule id. */
export const EXAMPLES_FILE = "rule-examples.json";

let cached: RuleFile[] | undefined;
let withExamples: RuleFile[] | undefined;

/** The directory of the rule YAML files in a source checkout. */
export function builtinRulesDir(): string {
  return resolve(__dirname, "../../rules");
}

function fromSource(): RuleFile[] {
  return ruleFilesIn(builtinRulesDir()).map((path) => loadRuleFile(path, `rules/${basename(path)}`));
}

/** The built-in rules; `examples: true` also loads their examples (slower: not on the hot path). */
export function builtinRuleFiles(options: { examples?: boolean } = {}): RuleFile[] {
  if (typeof __GUARD_BUILTIN_RULES_JSON__ === "undefined") {
    cached ??= fromSource();
    return cached;
  }
  cached ??= JSON.parse(__GUARD_BUILTIN_RULES_JSON__) as RuleFile[];
  if (!options.examples) return cached;
  if (!withExamples) {
    const examples = JSON.parse(readFileSync(join(__dirname, EXAMPLES_FILE), "utf8")) as Record<string, { match: Example[]; not_match: Example[] }>;
    withExamples = cached.map((file) => ({ ...file, rules: file.rules.map((rule) => ({ ...rule, examples: examples[rule.id] ?? rule.examples })) }));
  }
  return withExamples;
}
