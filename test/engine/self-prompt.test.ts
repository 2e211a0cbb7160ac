// A program's own prompt stands in for guard's ask: the finding is kept and says so, a deny is not touched.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const check = (command: string) => evaluate(command, ruleset, exampleContext());

describe("a command's own prompt", () => {
  it("keeps the finding, as allow, with the reason", () => {
    const verdict = check("killall -i postgres");
    expect(verdict.decision).toBe("allow");
    expect(verdict.findings).toEqual([expect.objectContaining({ rule: "system.kill-service-process", action: "allow", detail: expect.stringContaining("asks at the terminal") })]);
  });

  it("leaves a deny alone", () => {
    expect(check("rm -ri ~").decision).toBe("deny");
  });

  it.each(["rm -ri -f src", "rm -i --forc -r src", "echo n | rm -ri src", "rm -ri src < /dev/tty", "ssh web1 killall -i postgres"])(
    "%s: the prompt may be cancelled or answered by something else, so guard asks",
    (command) => expect(check(command).decision).toBe("ask"),
  );
});
