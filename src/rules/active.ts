// The rules in force for a directory: the built-in rules plus the project's `.guard/rules/*.yaml`.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { builtinRuleFiles } from "./builtin";
import { loadRuleFile, ruleFilesIn, RuleLoadError, type RuleFileError } from "./load";
import { buildRuleset, duplicateIds, type Ruleset } from "./ruleset";
import type { RuleFile } from "./types";
import { findRepoRoot } from "../engine/local-context";

export const PROJECT_RULES_DIR = ".guard/rules";

export interface ActiveRules {
  ruleset: Ruleset;
  files: RuleFile[];
  /** Problems with project rule files; the built-in rules stay in force regardless. */
  errors: RuleFileError[];
}

export function projectRulePaths(cwd: string): string[] {
  const root = findRepoRoot(cwd) ?? cwd;
  const dir = join(root, PROJECT_RULES_DIR);
  return existsSync(dir) ? ruleFilesIn(dir) : [];
}

/** Loads rule files, collecting errors instead of stopping at the first bad file. */
export function loadRuleFiles(paths: string[], cwd: string): { files: RuleFile[]; errors: RuleFileError[] } {
  const files: RuleFile[] = [];
  const errors: RuleFileError[] = [];
  for (const path of paths) {
    try {
      files.push(loadRuleFile(path, relative(cwd, path) || path));
    } catch (err) {
      if (err instanceof RuleLoadError) errors.push(...err.errors);
      else errors.push({ file: path, line: 1, message: String((err as Error)?.message ?? err) });
    }
  }
  return { files, errors };
}

export function activeRules(cwd: string, extraPaths: string[] = []): ActiveRules {
  const builtin = builtinRuleFiles();
  const loaded = loadRuleFiles([...projectRulePaths(cwd), ...extraPaths], cwd);
  const files = [...builtin, ...loaded.files];
  const errors = [...loaded.errors];
  for (const dup of duplicateIds(files)) {
    errors.push({ file: dup.second.file, line: dup.second.line, message: `duplicate rule id \`${dup.id}\` (first defined at ${dup.first.file}:${dup.first.line})` });
  }
  return { ruleset: buildRuleset(files), files, errors };
}
