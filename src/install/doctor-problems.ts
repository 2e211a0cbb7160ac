// The problems guard doctor lists with their fixes: integrations that do not block, config and rule files that do not load, nothing installed.
import type { DoctorReport } from "./doctor-types";
import type { RuleFileError } from "../rules/load";
import { formatRuleFileError } from "../rules/load";

export interface DoctorProblem {
  /** What is wrong, one line. */
  problem: string;
  /** What to run or change. */
  fix: string;
}

/**
 * Everything that makes guard weaker than the user thinks: a broken integration lets commands through
 * (or blocks them all), and a config or rule file that fails to load turns every command into ask.
 */
export function doctorProblems(report: DoctorReport, loadErrors: readonly RuleFileError[]): DoctorProblem[] {
  const problems: DoctorProblem[] = [];
  for (const t of report.targets) {
    for (const s of t.scopes.filter((x) => x.installed && !x.ok)) {
      problems.push({ problem: `${t.target} (${s.scope}): ${s.problem}`, fix: `guard install ${t.target}${s.scope === "project" ? " --project" : ""} (it rewrites guard's entry), then guard doctor` });
    }
  }
  for (const e of loadErrors) {
    const config = /(^|\/)(\.guard\.ya?ml|config\.ya?ml)$/.test(e.file) || e.file === "config";
    problems.push({
      problem: `${formatRuleFileError(e)} — until it loads, every command is at least ask`,
      fix: config ? `fix ${e.file} (see docs/configuration.md)` : `fix the rule file, then guard test ${e.file} shows it passing`,
    });
  }
  return problems;
}

export function formatProblems(problems: DoctorProblem[], report: DoctorReport): string {
  const lines: string[] = [];
  if (problems.length) {
    lines.push("", `${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    for (const p of problems) lines.push(`  ✖ ${p.problem}`, `    fix: ${p.fix}`);
  }
  if (report.targets.every((t) => t.status === "not-installed")) {
    lines.push("", "guard is not installed anywhere yet. next: guard init (finds your agents and installs guard for them), or guard install <agent>");
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
