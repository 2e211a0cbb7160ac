// Snapshots of what people and agents read: the human report, the explanation, the agent's and user's refusal texts, the JSON verdict.
// A change to any of them shows up as a snapshot diff to review (`npx vitest run test/report -u` accepts it).
import { describe, expect, it } from "vitest";
import { renderExplanation, renderRefusal, renderVerdict } from "../../src/report/human";
import { agentText, userText } from "../../src/report/agent";
import { verdictJson } from "../../src/report/json";
import { evaluate } from "../../src/engine/evaluate";
import { buildRuleset } from "../../src/rules/ruleset";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { exampleContext } from "../../src/engine/example-context";
import { EXIT } from "../../src/cli/exit-codes";

const ruleset = buildRuleset(builtinRuleFiles());
/** Not a terminal: no colour, so the snapshot is the plain text. */
const stream = { isTTY: false } as NodeJS.WriteStream;
const check = (command: string) => evaluate(command, ruleset, exampleContext());

const COMMANDS = {
  deny: "rm -rf ~/",
  ask: "git push --force origin feature",
  allow: "npm test",
  payload: "psql -c 'SELECT 1; DROP TABLE users'",
};

describe.each(Object.entries(COMMANDS))("%s: %s", (_name, command) => {
  it("human report", () => {
    expect(renderVerdict(check(command), stream)).toMatchSnapshot();
  });

  it("explanation", () => {
    expect(renderExplanation(check(command), stream)).toMatchSnapshot();
  });

  it("JSON verdict", () => {
    expect(verdictJson(check(command))).toMatchSnapshot();
  });
});

describe("refusals", () => {
  const verdict = check(COMMANDS.deny);

  it("what the agent and the user read when a hook blocks", () => {
    expect({ agent: agentText(verdict, { kind: "deny" }), user: userText(verdict, { kind: "deny" }) }).toMatchSnapshot();
  });

  it("what the agent reads when a human must approve with a code", () => {
    expect(agentText(check(COMMANDS.ask), { kind: "needs-approval", code: "ABC123", ttlMinutes: 10 })).toMatchSnapshot();
  });

  it("what guard exec prints when it refuses to run", () => {
    expect(renderRefusal(verdict, { kind: "deny" }, EXIT.refused, stream)).toMatchSnapshot();
  });
});
