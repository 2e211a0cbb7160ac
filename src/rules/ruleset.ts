// A set of rules from several files, indexed by program name for matching.
import type { Rule, RuleFile } from "./types";
import type { ProgramSpec } from "../shell/program-args";
import { filesFromStore, GENERIC, keysOf, mergePrograms, mergeSpec, programKey, PROGRAMLESS, type BuiltinStore } from "./builtin-store";
import type { RuleSource } from "./source";

export interface Ruleset {
  rules: Rule[];
  /** The rules naming a program; undefined when none do. Only `get` and `has`: the built-in rules load per program. */
  byProgram: { get(program: string): Rule[] | undefined; has(program: string): boolean };
  /** Rules with no program condition (payload facts only): tried on every payload carrier. */
  programless: Rule[];
  /** The generic destroying-verb rules: tried on any command no other rule matched. */
  generic: Rule[];
  /** Each program's option spec (how its commands parse). Only `get`: the built-in specs load per program too. */
  programs: { get(program: string): ProgramSpec | undefined };
  /**
   * Ids of the rules from project rule files that no trust record covers. Their `allow` never keeps the
   * generic destroying-verb rule from being tried: a cloned repository's rules may add findings, not
   * silence the ones guard would give without them.
   */
  readonly untrustedIds?: ReadonlySet<string>;
}

/** What a ruleset is built with besides its rules; set once, when it is built (a ruleset is never changed afterwards). */
export interface RulesetOptions {
  /** Where program option specs come from (every file, enabled or not, when the caller has them); default: the rules' own files. */
  specFiles?: Pick<RuleFile, "programs">[];
  /** See Ruleset.untrustedIds. */
  untrustedIds?: Iterable<string>;
}

/** The untrusted ids as the ruleset holds them: absent when there are none. */
function untrusted(ids: Iterable<string> | undefined): Pick<Ruleset, "untrustedIds"> {
  const set = new Set(ids ?? []);
  return set.size ? { untrustedIds: set } : {};
}

export interface DuplicateRule {
  id: string;
  first: Rule;
  second: Rule;
}

export function duplicateIds(files: RuleFile[]): DuplicateRule[] {
  const seen = new Map<string, Rule>();
  const duplicates: DuplicateRule[] = [];
  for (const rule of files.flatMap((f) => f.rules)) {
    const first = seen.get(rule.id);
    if (first) duplicates.push({ id: rule.id, first, second: rule });
    else seen.set(rule.id, rule);
  }
  return duplicates;
}

export function buildRuleset(files: RuleFile[], options: RulesetOptions = {}): Ruleset {
  const byProgram = new Map<string, Rule[]>();
  const programless: Rule[] = [];
  const generic: Rule[] = [];
  const programs = mergePrograms(options.specFiles ?? files);
  const rules = files.flatMap((f) => f.rules);
  const lists: Record<string, Rule[]> = { [GENERIC]: generic, [PROGRAMLESS]: programless };
  for (const rule of rules) {
    for (const key of keysOf(rule)) {
      if (key in lists) lists[key].push(rule);
      else {
        const program = key.slice(programKey("").length);
        const list = byProgram.get(program) ?? [];
        list.push(rule);
        byProgram.set(program, list);
      }
    }
  }
  return { rules, byProgram, programless, generic, programs, ...untrusted(options.untrustedIds) };
}

/**
 * The built-in rules of the enabled files, read shard by shard as programs are asked for, followed by
 * `rest` (project and config rule files, each read per shard too: source.ts): the same lists, in the
 * same order, as buildRuleset over all of them. `adjust` applies the config's rule actions; each rule
 * is adjusted once, so a rule naming two programs is one object, as in buildRuleset.
 */
export function storeRuleset(store: BuiltinStore, enabled: (file: number) => boolean, adjust: (rule: Rule) => Rule, rest: RuleSource[], options: Pick<RulesetOptions, "untrustedIds"> = {}): Ruleset {
  const adjusted = new Map<string, Rule>();
  const once = (rule: Rule): Rule => {
    let out = adjusted.get(rule.id);
    if (!out) adjusted.set(rule.id, (out = adjust(rule)));
    return out;
  };
  // Rest rules by position in their file: ids may repeat there (a reported error), positions do not.
  const restAdjusted = rest.map(() => new Map<number, Rule>());
  const onceIn = (i: number, ordinal: number, rule: Rule): Rule => {
    let out = restAdjusted[i].get(ordinal);
    if (!out) restAdjusted[i].set(ordinal, (out = adjust(rule)));
    return out;
  };
  const take = (key: string): Rule[] => [
    ...store.shard(key).filter(([file]) => enabled(file)).map(([, rule]) => once(rule)),
    ...rest.flatMap((source, i) => source.shard(key).map(([ordinal, rule]) => onceIn(i, ordinal, rule))),
  ];
  const loaded = new Map<string, Rule[] | undefined>();
  const byProgram = {
    get(program: string): Rule[] | undefined {
      if (!loaded.has(program)) {
        const list = take(programKey(program));
        loaded.set(program, list.length ? list : undefined);
      }
      return loaded.get(program);
    },
    has(program: string): boolean {
      return this.get(program) !== undefined;
    },
  };
  let all: Rule[] | undefined;
  // Read when first asked: most commands carry no SQL, HTTP or redirect, so they never need the programless rules (a third of a check's rule JSON).
  let programless: Rule[] | undefined;
  let generic: Rule[] | undefined;
  return {
    get rules() {
      all ??= [
        ...filesFromStore(store).filter((_, i) => enabled(i)).flatMap((f) => f.rules.map(once)),
        ...rest.flatMap((source, i) => source.all().map((rule, ordinal) => onceIn(i, ordinal, rule))),
      ];
      return all;
    },
    byProgram,
    get programless() {
      programless ??= take(PROGRAMLESS);
      return programless;
    },
    get generic() {
      generic ??= take(GENERIC);
      return generic;
    },
    // Option specs are how commands parse, not policy: every built-in file's, enabled or not, then the rest's.
    programs: specsOf(store, mergePrograms(rest.map((source) => source.file))),
    ...untrusted(options.untrustedIds),
  };
}

/** The built-in spec of each program asked for, merged with the other files' as mergePrograms over all of them would. */
function specsOf(store: BuiltinStore, rest: Map<string, ProgramSpec>): Ruleset["programs"] {
  const merged = new Map<string, ProgramSpec | undefined>();
  return {
    get(program) {
      if (!merged.has(program)) {
        const builtin = store.spec(program);
        const extra = rest.get(program);
        merged.set(program, extra ? mergeSpec(builtin, extra) : builtin);
      }
      return merged.get(program);
    },
  };
}
