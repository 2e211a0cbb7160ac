// A shell write through an existing symbolic link is judged where it lands: the example home has a project link to ~/.claude and /tmp/guard-cfg to guard's config.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles().filter((f) => f.pack.enabledByDefault));
const decide = (command: string) => evaluate(command, ruleset, exampleContext());

describe("writes through links", () => {
  it.each(["echo '{}' > agent-settings/settings.json", "cd agent-settings && : > settings.json", "echo 'mode: audit' > /tmp/guard-cfg", "sed -i d /tmp/guard-cfg"])("%s is denied", (command) => {
    const verdict = decide(command);
    expect(verdict.decision).toBe("deny");
    expect(verdict.findings.some((f) => f.rule.startsWith("guard.self-files"))).toBe(true);
  });

  it("without the link's context the same text is an ordinary write", () => {
    const ctx = { ...exampleContext(), realPath: undefined };
    expect(evaluate("echo '{}' > agent-settings/settings.json", ruleset, ctx).decision).not.toBe("deny");
  });
});
