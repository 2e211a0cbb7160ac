// The rules in force for a directory: built-in packs as configured, the project's `.guard/rules/*.yaml`, and config rule files.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { builtinRuleFiles, builtinStore } from "./builtin";
import { loadRuleFile, ruleFilesIn, RuleLoadError, type RuleCache, type RuleFileError } from "./load";
import { diskRuleCache } from "./cache";
import { homedir } from "node:os";
import { buildRuleset, duplicateIds, storeRuleset, type Ruleset } from "./ruleset";
import type { Action, Rule, RuleFile } from "./types";
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
function withConfiguredAction(rule: Rule, actions: Record<string, Action>): Rule {
  return Object.prototype.hasOwnProperty.call(actions, rule.id) ? { ...rule, action: actions[rule.id], inProduction: undefined } : rule;
}

function withConfiguredActions(files: RuleFile[], actions: Record<string, Action>): RuleFile[] {
  if (Object.keys(actions).length === 0) return files;
  return files.map((file) => ({ ...file, rules: file.rules.map((rule) => withConfiguredAction(rule, actions)) }));
}

/** Rule ids defined twice: built-in ids come from the store's index, so no built-in rule is parsed for this. */
function duplicateErrors(builtinIds: { id: string; file: string; line: number }[], files: RuleFile[]): RuleFileError[] {
  const errors: RuleFileError[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  for (const entry of builtinIds) if (!seen.has(entry.id)) seen.set(entry.id, entry);
  for (const rule of files.flatMap((f) => f.rules)) {
    const first = seen.get(rule.id);
    if (first) errors.push({ file: rule.file, line: rule.line, message: `duplicate rule id \`${rule.id}\` (first defined at ${first.file}:${first.line})` });
    else seen.set(rule.id, rule);
  }
  return errors;
}

export function activeRules(cwd: string, env: NodeJS.ProcessEnv = process.env, options: { examples?: boolean } = {}): ActiveRules {
  const config = loadConfig(cwd, env);
  const settings = combine(config.layers);
  const errors: RuleFileError[] = config.errors.map((e) => ({ file: e.file, line: 1, message: e.message }));
  const cacheDir = join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "guard", "rules");
  const loaded = loadRuleFiles([...projectRulePaths(cwd), ...settings.extraRuleFiles], cwd, diskRuleCache(cacheDir));
  errors.push(...loaded.errors);
  if (options.examples) return allLoaded(withConfiguredActions([...builtinRuleFiles(options), ...loaded.files], settings.ruleActions), settings, errors);
  // The check path: built-in rules stay in the store, parsed per program when a command runs that program.
  const store = builtinStore();
  const project = withConfiguredActions(loaded.files, settings.ruleActions);
  errors.push(...duplicateErrors(store.index.ids, project));
  const known = new Set([...store.index.ids.map((e) => e.id), ...project.flatMap((f) => f.rules.map((r) => r.id))]);
  const packs = new Set([...store.index.files, ...project].map((f) => f.pack.name));
  errors.push(...configNameErrors(settings, known, packs));
  const builtinEnabled = store.index.files.map((f) => packEnabled(settings, f.pack));
  const ruleset = storeRuleset(store, (i) => builtinEnabled[i], (rule) => withConfiguredAction(rule, settings.ruleActions), project.filter((f) => packEnabled(settings, f.pack)));
  let files: RuleFile[] | undefined;
  return {
    ruleset,
    // Every rule file, for `guard rules`: parses every built-in shard, so only read when listed.
    get files() {
      files ??= withConfiguredActions([...builtinRuleFiles(), ...loaded.files], settings.ruleActions);
      return files;
    },
    settings,
    errors,
  };
}

/** `rules:` and `packs:` entries in config that name nothing guard has. */
function configNameErrors(settings: Settings, known: Set<string>, packs: Set<string>): RuleFileError[] {
  const errors: RuleFileError[] = [];
  for (const id of Object.keys(settings.ruleActions)) {
    if (!known.has(id)) errors.push({ file: "config", line: 1, message: `rules: \`${id}\` names no rule (see guard rules)` });
  }
  for (const pack of [...settings.enablePacks, ...settings.disablePacks]) {
    if (!packs.has(pack)) errors.push({ file: "config", line: 1, message: `packs: \`${pack}\` names no pack (see guard rules)` });
  }
  return errors;
}

/** Every rule parsed up front (with examples: `guard test`). */
function allLoaded(files: RuleFile[], settings: Settings, errors: RuleFileError[]): ActiveRules {
  for (const dup of duplicateIds(files)) {
    errors.push({ file: dup.second.file, line: dup.second.line, message: `duplicate rule id \`${dup.id}\` (first defined at ${dup.first.file}:${dup.first.line})` });
  }
  const known = new Set(files.flatMap((f) => f.rules.map((r) => r.id)));
  errors.push(...configNameErrors(settings, known, new Set(files.map((f) => f.pack.name))));
  return { ruleset: buildRuleset(files.filter((f) => packEnabled(settings, f.pack))), files, settings, errors };
}
