// `http: paths:` with `!glob` exclusions: a listed path leaves the rule, any other path (and one guard cannot read) stays in it.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { parseRuleFile } from "../../src/rules/load";
import { buildRuleset } from "../../src/rules/ruleset";

const FILE = `
pack: { name: demo, description: D., enabled_by_default: true }
rules:
  - id: demo.forge-write
    action: ask
    severity: low
    message: M.
    why: W.
    instead: I.
    match: { http: { hosts: [api.example.com], writes: true, paths: ["!/repos/*/*/issues", "!/repos/*/*/issues/*/comments"] } }
    examples:
      match: ["curl -X POST https://api.example.com/repos/a/b/transfer -d x"]
      not_match: ["curl -X POST https://api.example.com/repos/a/b/issues -d x"]
`;

const ruleset = buildRuleset([parseRuleFile(FILE, "demo.yaml")]);
const decide = (command: string) => evaluate(command, ruleset, exampleContext()).decision;

describe("http paths with exclusions", () => {
  it("leaves out the excluded paths, and only those", () => {
    expect(decide("curl -X POST https://api.example.com/repos/a/b/issues -d x")).toBe("allow");
    expect(decide("curl -X POST https://api.example.com/repos/a/b/issues/3/comments -d x")).toBe("allow");
    expect(decide("curl -X POST https://api.example.com/repos/a/b/issues/3/lock -d x")).toBe("ask");
    expect(decide("curl -X POST https://api.example.com/repos/a/b -d x")).toBe("ask");
  });

  it("keeps a request whose path guard cannot read", () => {
    expect(decide('curl -X POST "https://api.example.com/$P" -d x')).toBe("ask");
  });
});
