// The built-in rule files: precompiled into the bundle at build time, read from rules/ in development.
import { basename, resolve } from "node:path";
import { loadRuleFile, ruleFilesIn } from "./load";
import type { RuleFile } from "./types";

/** Replaced by the build (scripts/build.mjs) with the validated contents of rules/*.yaml. */
declare const __GUARD_BUILTIN_RULES__: RuleFile[] | undefined;

/** The directory of the rule YAML files in a source checkout. */
export function builtinRulesDir(): string {
  return resolve(__dirname, "../../rules");
}

export function builtinRuleFiles(): RuleFile[] {
  if (typeof __GUARD_BUILTIN_RULES__ !== "undefined") return __GUARD_BUILTIN_RULES__;
  return ruleFilesIn(builtinRulesDir()).map((path) => loadRuleFile(path, `rules/${basename(path)}`));
}
