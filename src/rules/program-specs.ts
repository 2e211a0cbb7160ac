// Program option specs across rule files: one spec per program (two files that disagree are an error naming both), and every subcommand rule's program has one.
import type { RuleFileError } from "./load";
import { shapesOf, type RuleFile } from "./types";
import type { ProgramSpec } from "../shell/program-args";

type SpecFile = Pick<RuleFile, "file" | "programs">;

function sameSpec(a: ProgramSpec, b: ProgramSpec): boolean {
  const valued = (s: ProgramSpec) => [...new Set(s.valued)].sort().join(" ");
  return valued(a) === valued(b) && a.singleDashLong === b.singleDashLong && (a.precise === true) === (b.precise === true);
}

/**
 * Specs read from several files. A program specified twice must be specified the same way: merging
 * two different option tables silently once made a subcommand invisible when one pack was off.
 */
export function conflictingSpecs(files: SpecFile[]): RuleFileError[] {
  const first = new Map<string, { file: string; spec: ProgramSpec }>();
  const errors: RuleFileError[] = [];
  for (const file of files) {
    for (const [name, spec] of Object.entries(file.programs)) {
      const seen = first.get(name);
      if (!seen) first.set(name, { file: file.file, spec });
      else if (!sameSpec(seen.spec, spec)) {
        errors.push({ file: file.file, line: 1, message: `programs.${name} differs from its spec in ${seen.file}: a program's options are specified in one file (add what is missing there and remove this one)` });
      }
    }
  }
  return errors;
}

/**
 * Rules that match a subcommand of a program no file specifies: without knowing which options take a
 * value, `tool -C dir delete` would read `dir` as the subcommand. `known` are programs specified
 * elsewhere (the SQL carriers have specs of their own).
 */
export function unspecifiedPrograms(files: RuleFile[], specified: (program: string) => boolean): RuleFileError[] {
  const errors: RuleFileError[] = [];
  for (const rule of files.flatMap((f) => f.rules)) {
    const missing = new Set(shapesOf(rule).filter((m) => m.subcommand.length > 0).flatMap((m) => m.programs).filter((p) => !specified(p)));
    for (const program of missing) {
      errors.push({ file: rule.file, line: rule.line, message: `${rule.id}: \`${program}\` has no programs: entry, so its subcommand cannot be found reliably (add programs: {${program}: {valued: [options that take a value]}}, [] if none)` });
    }
  }
  return errors;
}

/** Both checks over rule files whose specs are used (built-in and config rule files; project files' specs are ignored). */
export function programSpecProblems(files: RuleFile[], isCarrier: (program: string) => boolean): RuleFileError[] {
  const specified = new Set(files.flatMap((f) => Object.keys(f.programs)));
  return [...conflictingSpecs(files), ...unspecifiedPrograms(files, (p) => specified.has(p) || isCarrier(p))];
}
