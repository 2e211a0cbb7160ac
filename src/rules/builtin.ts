// The built-in rule files: precompiled at build time into dist/builtin-rules.dat (split by program), read from rules/ in development.
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { loadRuleFile, ruleFilesIn } from "./load";
import { filesFromStore, storeFromFile, storeFromFiles, type BuiltinStore } from "./builtin-store";
import type { Example, RuleFile } from "./types";

/**
 * Replaced by the build (scripts/build.mjs) with true: the validated rules/*.yaml are in RULES_FILE beside
 * the bundle, without their examples (only `guard test` and `guard rules` need those, from EXAMPLES_FILE).
 */
declare const __GUARD_BUILTIN_RULES__: boolean | undefined;

/** The file beside the bundle that holds the built-in rules, split by program (see builtin-store.ts). */
export const RULES_FILE = "builtin-rules.dat";
/** The file beside the bundle that holds the built-in rules' examples, by rule id. */
export const EXAMPLES_FILE = "rule-examples.json";

let source: RuleFile[] | undefined;
let store: BuiltinStore | undefined;
let cached: RuleFile[] | undefined;
let withExamples: RuleFile[] | undefined;

/** The directory of the rule YAML files in a source checkout. */
export function builtinRulesDir(): string {
  return resolve(__dirname, "../../rules");
}

const bundled = (): boolean => typeof __GUARD_BUILTIN_RULES__ !== "undefined";

function fromSource(): RuleFile[] {
  source ??= ruleFilesIn(builtinRulesDir()).map((path) => loadRuleFile(path, `rules/${basename(path)}`));
  return source;
}

/** The built-in rules as a store whose shards are parsed on demand: what a check uses. */
export function builtinStore(): BuiltinStore {
  store ??= bundled() ? storeFromFile(join(__dirname, RULES_FILE)) : storeFromFiles(fromSource());
  return store;
}

/** Every built-in rule file; `examples: true` also loads their examples (slower: not on the hot path). */
export function builtinRuleFiles(options: { examples?: boolean } = {}): RuleFile[] {
  if (!bundled()) return fromSource();
  cached ??= filesFromStore(builtinStore());
  if (!options.examples) return cached;
  if (!withExamples) {
    const examples = JSON.parse(readFileSync(join(__dirname, EXAMPLES_FILE), "utf8")) as Record<string, { match: Example[]; not_match: Example[] }>;
    withExamples = cached.map((file) => ({ ...file, rules: file.rules.map((rule) => ({ ...rule, examples: examples[rule.id] ?? rule.examples })) }));
  }
  return withExamples;
}
