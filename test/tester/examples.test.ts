// The shipped rules' own examples pass, and a wrong example is reported with its file and line.
import { describe, expect, it } from "vitest";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset, duplicateIds } from "../../src/rules/ruleset";
import { runExamples } from "../../src/engine/examples";
import { parseRuleFile } from "../../src/rules/load";

describe("built-in rules", () => {
  const files = builtinRuleFiles();
  const ruleset = buildRuleset(files);

  it("have unique ids", () => {
    expect(duplicateIds(files)).toEqual([]);
  });

  it("pass every match and not_match example", () => {
    const report = runExamples(files, ruleset);
    expect(report.failures).toEqual([]);
    expect(report.examples).toBeGreaterThan(100);
  });

  it("each carry what, why and instead", () => {
    for (const rule of ruleset.rules) {
      expect(rule.message.length, rule.id).toBeGreaterThan(10);
      expect(rule.why.length, rule.id).toBeGreaterThan(10);
      expect(rule.instead.length, rule.id).toBeGreaterThan(10);
    }
  });
});

describe("a wrong example", () => {
  it("is reported with file:line and what happened", () => {
    const file = parseRuleFile(`- id: demo.rm
  action: deny
  severity: high
  message: m
  why: w
  instead: i
  match: {program: rm}
  examples:
    match: ["rm x", "ls"]
    not_match: ["rm y"]
`, "demo.yaml");
    const report = runExamples([file], buildRuleset([...builtinRuleFiles(), file]));
    expect(report.failures).toEqual([
      expect.objectContaining({ file: "demo.yaml", line: 9, rule: "demo.rm", command: "ls", problem: expect.stringMatching(/expected the rule to match/) }),
      expect.objectContaining({ file: "demo.yaml", line: 10, rule: "demo.rm", command: "rm y", problem: expect.stringMatching(/not to match/) }),
    ]);
  });
});
