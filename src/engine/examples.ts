// Runs every rule's own examples: shared by `guard test` and the test suite.
import { evaluate } from "./evaluate";
import { exampleContext } from "./example-context";
import type { Ruleset } from "../rules/ruleset";
import type { Rule, RuleFile } from "../rules/types";

export interface ExampleFailure {
  file: string;
  line: number;
  rule: string;
  command: string;
  /** What went wrong, in words: "expected rule to match; got decision allow with no findings". */
  problem: string;
}

export interface ExampleReport {
  rules: number;
  examples: number;
  failures: ExampleFailure[];
}

function describe(findings: { rule: string }[], decision: string): string {
  return findings.length ? `decision ${decision}, rules: ${[...new Set(findings.map((f) => f.rule))].join(", ")}` : `decision ${decision} with no findings`;
}

/** Each example is evaluated with the whole ruleset, so wrappers and payloads behave as in real use. */
export function runExamples(files: RuleFile[], ruleset: Ruleset): ExampleReport {
  const failures: ExampleFailure[] = [];
  let examples = 0;
  const rules: Rule[] = files.flatMap((f) => f.rules);
  const ctx = exampleContext();
  for (const rule of rules) {
    for (const kind of ["match", "not_match"] as const) {
      if (rule.examples[kind].length === 0) {
        failures.push({ file: rule.file, line: rule.line, rule: rule.id, command: "", problem: `rule has no ${kind} examples` });
      }
      for (const example of rule.examples[kind]) {
        examples++;
        // A rule for some agents only is shown working for the first of them.
        const verdict = evaluate(example.command, ruleset, rule.when ? { ...ctx, agent: rule.when.agent[0] } : ctx);
        const fired = verdict.findings.some((f) => f.rule === rule.id);
        if (kind === "match" && !fired) {
          failures.push({ file: rule.file, line: example.line, rule: rule.id, command: example.command, problem: `expected the rule to match; got ${describe(verdict.findings, verdict.decision)}` });
        } else if (kind === "not_match" && fired) {
          failures.push({ file: rule.file, line: example.line, rule: rule.id, command: example.command, problem: "expected the rule not to match, but it did" });
        }
      }
    }
  }
  return { rules: rules.length, examples, failures };
}
