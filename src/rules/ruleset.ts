// A set of rules from several files, indexed by program name for matching.
import type { ProgramSpec, Rule, RuleFile } from "./types";

export interface Ruleset {
  rules: Rule[];
  byProgram: Map<string, Rule[]>;
  /** Rules with no program condition (payload facts only): tried on every payload carrier. */
  programless: Rule[];
  /** The generic destroying-verb rules: tried on any command no other rule matched. */
  generic: Rule[];
  programs: Map<string, ProgramSpec>;
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

/** Program specs from several files merge: a later file adds valued options, never removes them. */
export function buildRuleset(files: RuleFile[]): Ruleset {
  const byProgram = new Map<string, Rule[]>();
  const programless: Rule[] = [];
  const generic: Rule[] = [];
  const programs = new Map<string, ProgramSpec>();
  const rules = files.flatMap((f) => f.rules);
  for (const file of files) {
    for (const [name, spec] of Object.entries(file.programs)) {
      const prev = programs.get(name);
      programs.set(name, prev
        ? { valued: [...new Set([...prev.valued, ...spec.valued])], singleDashLong: prev.singleDashLong || spec.singleDashLong, precise: prev.precise || spec.precise }
        : spec);
    }
  }
  for (const rule of rules) {
    if (rule.match.destroyingVerb && rule.match.programs.length === 0) generic.push(rule);
    else if (rule.match.programs.length === 0) programless.push(rule);
    for (const program of rule.match.programs) {
      const list = byProgram.get(program) ?? [];
      list.push(rule);
      byProgram.set(program, list);
    }
  }
  return { rules, byProgram, programless, generic, programs };
}
