// The rules in force for a directory: built-in packs as configured, the project's `.guard/rules/*.yaml`, and config rule files.
import { withCurrentNames } from "../rules/aliases";
import { conflictingSpecs, programSpecProblems, unspecifiedPrograms } from "../rules/program-specs";
import { sqlCarrier } from "../payloads/carriers";

const isSqlCarrier = (program: string): boolean => sqlCarrier(program) !== undefined;
import { isAbsolute, join, relative } from "node:path";
import { builtinRuleFiles, builtinStore } from "../rules/builtin";
import { loadRuleFile, loadRuleSource, MAX_RULE_FILE_BYTES, ruleFilesIn, RuleLoadError, type LoadedSource, type RuleCache, type RuleFileError } from "../rules/load";
import { ruleFileOf, type RuleSource } from "../rules/source";
import { readRegularFile } from "../core/read-regular";
import { createHash } from "../core/crypto";
import { readTrust } from "../config/trust-store";
import { diskRuleCache } from "../rules/cache";
import { cacheDir } from "../core/user-dirs";
import { buildRuleset, duplicateIds, storeRuleset, type Ruleset } from "../rules/ruleset";
import type { Rule, RuleFile } from "../rules/types";
import type { Action } from "../core/action";
import { locateKey, loadConfig } from "../config/load";
import { packEnabled, type ConfigLayer, type Settings } from "../config/settings";
import { combine, combineWithProvenance, layerOf } from "../config/keys";
import { splitProjectLayer, type RuleBaseline } from "../config/loosening";
import { projectTrust, type ProjectTrust, type TrustNotice } from "../config/project-trust";
import { findRepoRoot } from "../core/repo";

export const PROJECT_RULES_DIR = ".guard/rules";
export type { ProjectTrust, TrustNotice } from "../config/project-trust";

export interface ActiveRules {
  ruleset: Ruleset;
  /** Every rule file read (disabled packs included), with config actions applied. */
  files: RuleFile[];
  settings: Settings;
  /** Problems with config or project rule files; the built-in rules stay in force regardless. */
  errors: RuleFileError[];
  /**
   * One line each about project files guard did not fully believe: loosening ignored until
   * `guard trust`, parsing specs ignored. Not errors (nothing fails closed because of them), but
   * every entry point shows them, so nobody wonders why `.guard.yaml` seems to have no effect.
   */
  notices: TrustNotice[];
  /** Whether the project's files are trusted, and which ones (absent outside any project files). */
  trust?: ProjectTrust;
  /** The project's and config's rule files as loaded: their examples are checked when they load (engine/local-examples.ts). */
  local: LocalRules;
}

/** The project's and config's rule files, for the check of their examples. */
export interface LocalRules {
  sources: RuleSource[];
  /**
   * Per file, what ties its rules to its content (the digest of the bytes parsed, or the cache key
   * they were read under): the key of a cached example result. Undefined when a result must not be
   * taken from the cache: a file this process could not change, or project files a trust record covers.
   */
  keys?: string[];
}

export function projectRulePaths(cwd: string): string[] {
  const root = findRepoRoot(cwd) ?? cwd;
  return ruleFilesIn(join(root, PROJECT_RULES_DIR), PROJECT_RULES_DIR);
}

/** Loads rule files, collecting errors instead of stopping at the first bad file. */
export function loadRuleFiles(paths: string[], cwd: string): { files: RuleFile[]; errors: RuleFileError[]; sources: string[] } {
  const files: RuleFile[] = [];
  const errors: RuleFileError[] = [];
  /** The path each loaded file was read from, in the order of `files`. */
  const sources: string[] = [];
  for (const path of paths) {
    try {
      files.push(loadRuleFile(path, relative(cwd, path) || path));
      sources.push(path);
    } catch (err) {
      if (err instanceof RuleLoadError) errors.push(...err.errors);
      else errors.push({ file: path, line: 1, message: String((err as Error)?.message ?? err) });
    }
  }
  return { files, errors, sources };
}

type Loaded = LoadedSource & { path: string };

/** Loads rule files as sources (through the cache when given), collecting errors like loadRuleFiles. */
function loadSources(paths: string[], cwd: string, cache: RuleCache | undefined): { loaded: Loaded[]; errors: RuleFileError[] } {
  const loaded: Loaded[] = [];
  const errors: RuleFileError[] = [];
  for (const path of paths) {
    try {
      loaded.push({ ...loadRuleSource(path, relative(cwd, path) || path, cache), path });
    } catch (err) {
      if (err instanceof RuleLoadError) errors.push(...err.errors);
      else errors.push({ file: path, line: 1, message: String((err as Error)?.message ?? err) });
    }
  }
  return { loaded, errors };
}

/** The sha256 of a file's bytes now: for a file whose rules came from the cache, when trust asks for it. */
function digestNow(path: string): string | undefined {
  try {
    return createHash("sha256").update(readRegularFile(path, MAX_RULE_FILE_BYTES)).digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * The project files' digests by name, for trust. Where a record could matter the files were just
 * read (active-rules' trustCovers), and these are the digests of the bytes parsed.
 */
function digestsOf(root: string, projectLayer: ConfigLayer | undefined, loaded: Loaded[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (projectLayer?.digest) out[".guard.yaml"] = projectLayer.digest;
  for (const l of loaded) {
    const name = relative(root, l.path);
    const digest = l.digest ?? digestNow(l.path);
    if (digest) out[name.startsWith("..") || isAbsolute(name) ? l.path : name] = digest;
  }
  return out;
}

/** The local rule files for the example check, with the keys of a cached result where one may be used (see LocalRules). */
function localRules(loaded: Loaded[], sources: RuleSource[], cacheAllowed: boolean): LocalRules {
  return { sources, ...(cacheAllowed && loaded.every((l) => l.cacheable) ? { keys: loaded.map((l) => l.statKey ?? l.digest ?? "") } : {}) };
}

/**
 * A rule with the action the config gives it: `rules: {id: allow}` replaces both its action and any
 * production escalation. The rule remembers what it was, so a finding set to allow still shows as
 * overridden (and by which file), never as "no rule matched".
 */
function withConfiguredAction(rule: Rule, actions: Record<string, Action>, by: (id: string) => string): Rule {
  return Object.prototype.hasOwnProperty.call(actions, rule.id)
    ? { ...rule, action: actions[rule.id], inProduction: undefined, ...(actions[rule.id] !== rule.action || rule.inProduction ? { configured: { from: rule.inProduction ?? rule.action, by: by(rule.id) } } : {}) }
    : rule;
}

function withConfiguredActions(files: RuleFile[], actions: Record<string, Action>, by: (id: string) => string = () => "config"): RuleFile[] {
  if (Object.keys(actions).length === 0) return files;
  return files.map((file) => ({ ...file, rules: file.rules.map((rule) => withConfiguredAction(rule, actions, by)) }));
}

/** Project rule files are read as rules only: `programs:` parsing specs are never taken from a file the agent can write. */
function withoutParsingSpecs(sources: RuleSource[], notices: TrustNotice[]): RuleSource[] {
  return sources.map((source) => {
    const { file } = source;
    if (Object.keys(file.programs).length === 0) return source;
    notices.push({ kind: "ignored", file: file.file, ignored: Object.keys(file.programs).length, message: `${file.file}: its programs: parsing specs are ignored (project files never change how guard parses commands)` });
    return { ...source, file: { ...file, programs: {} } };
  });
}

function projectRuleFiles(root: string, projectLayer: ConfigLayer | undefined, errors: RuleFileError[]): string[] {
  let paths: string[] = [];
  try {
    paths = ruleFilesIn(join(root, PROJECT_RULES_DIR), PROJECT_RULES_DIR);
  } catch (err) {
    if (err instanceof RuleLoadError) errors.push(...err.errors);
    else throw err;
  }
  return [...paths, ...(projectLayer?.settings.extraRuleFiles ?? [])];
}

const LAYER_NAMES: Record<string, string> = { system: "the system policy", user: "your user config", project: ".guard.yaml", default: "config" };

/**
 * `examples`: every rule with its examples (guard rules, guard test). `fresh`: the project's rule
 * files read and parsed now, never from the cache, as `guard trust` shows a human exactly the
 * content (and the loosening it allows) that it records the digests of.
 */
export function activeRules(cwd: string, env: NodeJS.ProcessEnv = process.env, options: { examples?: boolean; fresh?: boolean } = {}): ActiveRules {
  const loaded = loadConfig(cwd, env);
  // Old rule ids and pack names in config still work, with a note; everything below sees today's names.
  const renamed = loaded.layers.map((l) => ({ layer: l, ...withCurrentNames(l.settings) }));
  const config = { ...loaded, layers: renamed.map((r) => ({ ...r.layer, settings: r.settings })) };
  const errors: RuleFileError[] = config.errors.map((e) => ({ file: e.file, line: e.line ?? 1, ...(e.column ? { column: e.column } : {}), message: e.message }));
  // The file (and line) that names a rule or pack: errors found once every layer is combined point back to it.
  const whereNamed = (key: "ruleActions" | "enablePacks" | "disablePacks", name: string, path: string[]): { file: string; line: number; column?: number } => {
    const layer = [...config.layers].reverse().find((l) => {
      const value = l.settings[key];
      return Array.isArray(value) ? value.includes(name) : value !== undefined && Object.prototype.hasOwnProperty.call(value, name);
    });
    if (!layer) return { file: "config", line: 1 };
    const at = locateKey(layer.file, path);
    return { file: layer.file, line: at.line ?? 1, ...(at.column ? { column: at.column } : {}) };
  };
  const root = findRepoRoot(cwd) ?? cwd;
  const projectLayer = config.layers.find((l) => l.layer === "project");
  const others = config.layers.filter((l) => l.layer !== "project");
  const base = combine(others);
  const cache = diskRuleCache(join(cacheDir(env), "rules"));
  const notices: TrustNotice[] = renamed.flatMap((r) => r.notes.map((message): TrustNotice => ({ kind: "deprecated", file: r.layer.file, message: `${r.layer.file}: ${message}`, ignored: 0 })));
  const projectPaths = projectRuleFiles(root, projectLayer, errors);
  // Only .guard.yaml can loosen, and only with a trust record, which covers the exact bytes of every
  // project file: then the project's rule files are read and parsed now, from the bytes whose digests
  // are compared, and no cached parse or example result stands in for them (a forged one could drop
  // a rule the trusted loosening relied on). Without both, a cached parse of a file the agent could
  // change says nothing the agent could not have written into the file (rules/load.ts loadRuleSource).
  const trustCovers = options.fresh === true || (projectLayer !== undefined && readTrust(root, env) !== undefined);
  const project = loadSources(projectPaths, cwd, trustCovers ? undefined : cache);
  const extra = loadSources(base.extraRuleFiles, cwd, cache);
  errors.push(...project.errors, ...extra.errors);
  const projectSources = withoutParsingSpecs(project.loaded.map((l) => l.source), notices);
  const extraSources = extra.loaded.map((l) => l.source);
  const local = localRules([...project.loaded, ...extra.loaded], [...projectSources, ...extraSources], !trustCovers);
  // Without a project config (the common case) no rule needs a baseline: the built-in rules stay in the store, parsed per program, and so do the project's.
  const lazy = !projectLayer && !options.examples;
  const projectFiles = lazy ? [] : projectSources.map((s) => ruleFileOf(s));
  const all = lazy ? [] : [...builtinRuleFiles(options), ...projectFiles, ...extraSources.map((s) => ruleFileOf(s))];

  // What each rule does before the project file speaks: what the project may only raise until trusted.
  const baseline = new Map<string, RuleBaseline>();
  // Only a project config can loosen: without one, no rule needs a baseline (the common, fast case).
  if (projectLayer) {
    for (const rule of withConfiguredActions(all, base.ruleActions).flatMap((f) => f.rules)) baseline.set(rule.id, { action: rule.action, inProduction: rule.inProduction });
  }
  let layers = others;
  let trust: ProjectTrust | undefined;
  if (projectLayer || project.loaded.length || projectPaths.length) {
    const split = projectLayer ? splitProjectLayer(projectLayer, (id) => baseline.get(id)) : undefined;
    trust = projectTrust({ root, digests: () => digestsOf(root, projectLayer, project.loaded), loosening: split?.loosening ?? [], refused: split?.refused ?? [], env });
    notices.push(...trust.notices);
    if (split) layers = [...others, trust.status === "trusted" ? split.trusted : split.tightening];
  }
  const { settings, provenance } = combineWithProvenance(layers);
  const by = (id: string) => {
    const layer = layerOf(provenance, "rules", id);
    return layer === "project" ? ".guard.yaml (trusted with guard trust)" : LAYER_NAMES[layer];
  };
  const untrusted = trust?.status === "trusted" ? [] : projectSources.flatMap((s) => s.ids);
  // Not a spread: `{ ...x }` would read the lazy \`files\` getter and parse every rule.
  if (lazy) return Object.assign(storeBacked({ rest: [...projectSources, ...extraSources], settings, by, errors, notices, trust, whereNamed, configSources: extraSources, untrusted }), { local });
  const files = withConfiguredActions(all, settings.ruleActions, by);
  errors.push(...programSpecProblems(all.filter((f) => !projectFiles.includes(f)), isSqlCarrier));
  for (const dup of duplicateIds(files)) {
    errors.push({ file: dup.second.file, line: dup.second.line, message: `duplicate rule id \`${dup.id}\` (first defined at ${dup.first.file}:${dup.first.line})` });
  }
  const known = new Set(files.flatMap((f) => f.rules.map((r) => r.id)));
  errors.push(...configNameErrors(settings, known, new Set(files.map((f) => f.pack.name)), whereNamed));
  const enabled = files.filter((f) => packEnabled(settings, f.pack));
  // Option specs are how commands parse, not policy: they come from every file, enabled or not.
  return { ruleset: buildRuleset(enabled, { specFiles: files, untrustedIds: untrusted }), files, settings, errors, notices, local, ...(trust ? { trust } : {}) };
}

/** `rules:` and `packs:` entries in config that name nothing guard has. */
type WhereNamed = (key: "ruleActions" | "enablePacks" | "disablePacks", name: string, path: string[]) => { file: string; line: number; column?: number };

function configNameErrors(settings: Settings, known: Set<string>, packs: Set<string>, whereNamed: WhereNamed): RuleFileError[] {
  const errors: RuleFileError[] = [];
  for (const id of Object.keys(settings.ruleActions)) {
    if (!known.has(id)) errors.push({ ...whereNamed("ruleActions", id, ["rules", id]), message: `rules: \`${id}\` names no rule (see guard rules)` });
  }
  for (const pack of [...settings.enablePacks, ...settings.disablePacks]) {
    if (!packs.has(pack)) errors.push({ ...whereNamed(settings.enablePacks.includes(pack) ? "enablePacks" : "disablePacks", pack, ["packs", settings.enablePacks.includes(pack) ? "enable" : "disable"]), message: `packs: \`${pack}\` names no pack (see guard rules)` });
  }
  return errors;
}

/**
 * The same rules as the eager path, with the built-in ones left in the store and the project's and
 * config's in their sources: duplicate ids and unknown names come from the ids alone, config actions
 * are applied to each rule as its program's shard loads, and `files` (guard rules) parses every
 * shard only when read.
 */
interface StoreBackedInput {
  /** The project's and config's rule sources, after the built-in ones. */
  rest: RuleSource[];
  settings: Settings;
  by: (id: string) => string;
  errors: RuleFileError[];
  notices: TrustNotice[];
  trust: ProjectTrust | undefined;
  whereNamed: WhereNamed;
  /** The config's rule files alone, whose option specs must agree with the built-in ones. */
  configSources: RuleSource[];
  /** Ids of the project rules no trust record covers (Ruleset.untrustedIds). */
  untrusted: string[];
}

function storeBacked({ rest, settings, by, errors, notices, trust, whereNamed, configSources, untrusted }: StoreBackedInput): Omit<ActiveRules, "local"> {
  const store = builtinStore();
  // The built-in specs were checked at build time; a config rule file's must agree with them (which reads all its rules).
  if (configSources.length) {
    const configFiles = configSources.map((s) => ruleFileOf(s));
    const specified = new Set([...store.index.files, ...configFiles].flatMap((f) => Object.keys(f.programs)));
    errors.push(...conflictingSpecs([...store.index.files, ...configFiles]), ...unspecifiedPrograms(configFiles, (p) => specified.has(p) || isSqlCarrier(p)));
  }
  const seen = new Set<string>();
  // The built-in ids matter only to other rules' ids and to ids the config names: without either, they stay unparsed.
  const builtinIds = rest.some((s) => s.ids.length > 0) || Object.keys(settings.ruleActions).length > 0 ? store.index.ids : [];
  for (const entry of builtinIds) seen.add(entry.id);
  // Where an id was first defined is looked up only for a duplicate: a thousand rules are a Set of strings, not a map of places.
  const firstOf = (id: string): { file: string; line: number } => {
    const builtin = builtinIds.find((e) => e.id === id);
    if (builtin) return builtin;
    for (const source of rest) {
      const at = source.ids.indexOf(id);
      if (at >= 0) return { file: source.file.file, line: source.lines[at] };
    }
    return { file: "?", line: 1 };
  };
  for (const source of rest) {
    source.ids.forEach((id, i) => {
      if (!seen.has(id)) seen.add(id);
      else {
        const first = firstOf(id);
        errors.push({ file: source.file.file, line: source.lines[i], message: `duplicate rule id \`${id}\` (first defined at ${first.file}:${first.line})` });
      }
    });
  }
  errors.push(...configNameErrors(settings, seen, new Set([...store.index.packs, ...rest.map((s) => s.file.pack)].map((pack) => pack.name)), whereNamed));
  const builtinEnabled = store.index.packs.map((pack) => packEnabled(settings, pack));
  const ruleset = storeRuleset(store, (i) => builtinEnabled[i], (rule) => withConfiguredAction(rule, settings.ruleActions, by), rest.filter((s) => packEnabled(settings, s.file.pack)), { untrustedIds: untrusted });
  let files: RuleFile[] | undefined;
  return {
    ruleset,
    get files() {
      files ??= withConfiguredActions([...builtinRuleFiles(), ...rest.map((s) => ruleFileOf(s))], settings.ruleActions, by);
      return files;
    },
    settings,
    errors,
    notices,
    ...(trust ? { trust } : {}),
  };
}
