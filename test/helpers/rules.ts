// Test helpers: load the built-in rule files one by one, so one broken file fails its own test only.
import { basename } from "node:path";
import { builtinRulesDir } from "../../src/rules/builtin";
import { loadRuleFile, ruleFilesIn, RuleLoadError } from "../../src/rules/load";
import { buildRuleset, type Ruleset } from "../../src/rules/ruleset";
import type { RuleFile } from "../../src/rules/types";

export interface LoadedRules {
  files: RuleFile[];
  errors: { file: string; message: string }[];
}

export function loadBuiltinIndividually(): LoadedRules {
  const files: RuleFile[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const path of ruleFilesIn(builtinRulesDir())) {
    const name = `rules/${basename(path)}`;
    try {
      files.push(loadRuleFile(path, name));
    } catch (err) {
      errors.push({ file: name, message: err instanceof RuleLoadError ? err.message : String(err) });
    }
  }
  return { files, errors };
}

/** The rules in force by default, plus the named packs (opt-in packs are tested with themselves on). */
export function rulesetWith(files: RuleFile[], extraPacks: string[] = []): Ruleset {
  return buildRuleset(files.filter((f) => f.pack.enabledByDefault || extraPacks.includes(f.pack.name)));
}
