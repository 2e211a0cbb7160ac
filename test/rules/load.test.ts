// Rule files: valid files load, and every kind of mistake is reported with file and line.
import { describe, expect, it } from "vitest";
import { parseRuleFile, RuleLoadError } from "../../src/rules/load";

const GOOD = `
programs:
  tool:
    valued: [-x]
rules:
  - id: demo.tool-wipe
    action: deny
    severity: high
    message: Wipes.
    why: Because.
    instead: Do not.
    match:
      program: tool
      subcommand: [[wipe, nuke]]
      flags: [[-f, --force]]
    examples:
      match: ["tool wipe -f"]
      not_match: ["tool list"]
`;

function errorsOf(text: string): { line: number; column?: number; message: string }[] {
  try {
    parseRuleFile(text, "x.yaml");
  } catch (err) {
    if (err instanceof RuleLoadError) return err.errors;
    throw err;
  }
  return [];
}

describe("parseRuleFile", () => {
  it("loads a valid file with example line numbers", () => {
    const file = parseRuleFile(GOOD, "demo.yaml");
    expect(file.programs.tool.valued).toEqual(["-x"]);
    const rule = file.rules[0];
    expect(rule).toMatchObject({ id: "demo.tool-wipe", action: "deny", file: "demo.yaml", line: 6 });
    expect(rule.match.subcommand).toEqual([["wipe", "nuke"]]);
    expect(rule.match.flags.any).toEqual([["-f", "--force"]]);
    expect(rule.examples.match).toEqual([{ command: "tool wipe -f", line: 17 }]);
  });

  it("accepts a plain list of rules", () => {
    const list = GOOD.split("rules:\n")[1];
    expect(parseRuleFile(list, "l.yaml").rules).toHaveLength(1);
  });

  it.each([
    ["action: deny", "action: block", 7, /action must be one of/],
    ["severity: high", "severity: extreme", 8, /severity must be one of/],
    ["id: demo.tool-wipe", "id: Bad Id", 6, /namespaced/],
    ["      program: tool\n", "      programme: tool\n", 13, /unknown matcher key/],
    ['      not_match: ["tool list"]', "      not_match: []", 18, /not_match needs at least one/],
    ["flags: [[-f, --force]]", "flags: [[f]]", 15, /must start with -/],
    ["    instead: Do not.\n", "", 6, /missing `instead`/],
  ])("reports %s → %s at its line", (from, to, line, message) => {
    const errors = errorsOf(GOOD.replace(from, to));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(message);
    expect(errors[0].line).toBe(line);
  });

  it.each([
    ["an unclosed flow list", "rules:\n  - id: x\n    action: [deny\n", 4],
    ["a tab used for indentation", GOOD.replace("      program: tool\n", "\tprogram: tool\n"), 13],
    ["a duplicate key", "rules:\n  - id: a\n    id: b\n", 3],
  ])("reports a YAML syntax error (%s) once, at its own line", (_what, text, line) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^YAML:/);
    expect(errors[0].line).toBe(line);
    expect(errors[0].column).toBeGreaterThan(0);
  });

  it("names the tab when a tab indents the line", () => {
    expect(errorsOf(GOOD.replace("      program: tool\n", "\tprogram: tool\n"))[0].message).toMatch(/tabs for indentation/);
  });

  it("rejects globs that could match slowly", () => {
    const text = GOOD.replace("flags: [[-f, --force]]", "args: ['@(a|b)*']");
    expect(errorsOf(text)[0].message).toMatch(/extglob/);
  });

  it("rejects unknown target classes", () => {
    const text = GOOD.replace("flags: [[-f, --force]]", "args: [{class: nope}]");
    expect(errorsOf(text)[0].message).toMatch(/unknown target class/);
  });
});
