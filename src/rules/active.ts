// The rules in force for a directory: built-in packs as configured, the project's `.guard/rules/*.yaml`, and config rule files.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { builtinRuleFiles } from "./builtin";
import { loadRuleFile, ruleFilesIn, RuleLoadError, type RuleCache, type RuleFileError } from "./load";
import { diskRuleCache } from "./cache";
import { homedir } from "node:os";
import { buildRuleset, duplicateIds, type Ruleset } from "./ruleset";
import type { Action, RuleFile } from "./types";
import { loadConfig } from "../config/load";
import { combine, packEnabled, type Settings } from "../config/settings";
import { findRepoRoot } from "../engine/local-context";

export const PROJECT_RULES_DIR = ".guard/rules";

export interface ActiveRules {
  ruleset: Ruleset;
  /** Every rule file read (disabled packs included), with config actions applied. */
  files: RuleFile[];
  settings: Settings;
  /** Problems with config or project rule files; the built-in rules stay in force regardless. */
  errors: RuleFileError[];
}

export function projectRulePaths(cwd: string): string[] {
  const root = findRepoRoot(cwd) ?? cwd;
  const dir = join(root, PROJECT_RULES_DIR);
  return existsSync(dir) ? ruleFilesIn(dir) : [];
}

/** Loads rule files, collecting errors instead of stopping at the first bad file. */
export function loadRuleFiles(paths: string[], cwd: string, cache?: RuleCache): { files: RuleFile[]; errors: RuleFileError[] } {
  const files: RuleFile[] = [];
  const errors: RuleFileError[] = [];
  for (const path of paths) {
    try {
      files.push(loadRuleFile(path, relative(cwd, path) || path, cache));
    } catch (err) {
      if (err instanceof RuleLoadError) errors.push(...err.errors);
      else errors.push({ file: path, line: 1, message: String((err as Error)?.message ?? err) });
    }
  }
  return { files, errors };
}

/** A rule with the action the config gives it: `rules: {id: allow}` replaces both its action and any production escalation. */
function withConfiguredActions(files: RuleFile[], actions: Record<string, Action>): RuleFile[] {
  if (Object.keys(actions).length === 0) return files;
  return files.map((file) => ({
    ...file,
    rules: file.rules.map((rule) => (Object.prototype.hasOwnProperty.call(actions, rule.id) ? { ...rule, action: actions[rule.id], inProduction: undefined } : rule)),
  }));
}

export function activeRules(cwd: string, env: NodeJS.ProcessEnv = process.env, options: { examples?: boolean } = {}): ActiveRules {
  const config = loadConfig(cwd, env);
  const settings = combine(config.layers);
  const errors: RuleFileError[] = config.errors.map((e) => ({ file: e.file, line: 1, message: e.message }));
  const cacheDir = join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "guard", "rules");
  const loaded = loadRuleFiles([...projectRulePaths(cwd), ...settings.extraRuleFiles], cwd, diskRuleCache(cacheDir));
  errors.push(...loaded.errors);
  const files = withConfiguredActions([...builtinRuleFiles(options), ...loaded.files], settings.ruleActions);
  for (const dup of duplicateIds(files)) {
    errors.push({ file: dup.second.file, line: dup.second.line, message: `duplicate rule id \`${dup.id}\` (first defined at ${dup.first.file}:${dup.first.line})` });
  }
  const known = new Set(files.flatMap((f) => f.rules.map((r) => r.id)));
  for (const id of Object.keys(settings.ruleActions)) {
    if (!known.has(id)) errors.push({ file: "config", line: 1, message: `rules: \`${id}\` names no rule (see guard rules)` });
  }
  const packs = new Set(files.map((f) => f.pack.name));
  for (const pack of [...settings.enablePacks, ...settings.disablePacks]) {
    if (!packs.has(pack)) errors.push({ file: "config", line: 1, message: `packs: \`${pack}\` names no pack (see guard rules)` });
  }
  const enabled = files.filter((f) => packEnabled(settings, f.pack));
  return { ruleset: buildRuleset(enabled), files, settings, errors };
}
