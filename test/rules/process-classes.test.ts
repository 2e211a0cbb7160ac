// Signal 0: an existence check delivers nothing, so kill/killall/pkill rules leave it alone; any real signal still counts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

const decision = (command: string) => evaluate(command, ruleset, exampleContext()).decision;

describe("signal 0 is a probe", () => {
  it.each([
    "killall -0 node",
    "killall -s 0 node",
    "killall --signal 0 node",
    "killall --signal=SIG0 node",
    "pkill -0 -u root",
    "pkill --signal 0 postgres",
    "kill -0 -1",
    "kill -s 0 -1",
    "kill -n 0 -- -1",
    "kill -0 -9 -1", // bash's kill reads one signal: -9 and -1 are process ids here
  ])("%s is allowed", (command) => {
    expect(decision(command)).toBe("allow");
  });
});

describe("a real signal next to a zero, or one guard cannot see, still counts", () => {
  it.each([
    ["killall -0 -9 postgres", "ask"],
    ["killall -s 0 -s 9 postgres", "ask"],
    ["killall -s $SIG postgres", "ask"],
    ["pkill -0 --signal=KILL -u root", "deny"],
    ["pkill -s 0", "ask"], // pkill's -s is a session, not a signal
    ["kill -s 9 -1", "deny"],
    ["kill -9 -1", "deny"],
  ])("%s: %s", (command, expected) => {
    expect(decision(command)).toBe(expected);
  });
});

describe("a kill pattern guard would take too long to run", () => {
  it.each(["pkill -f '((.*)*)*x'", "pkill -f '(((((((.*)*)*)*)*)*)*)*q'", "pkill '(.*.*.*.*.*)*z'", "killall -r '(a|.)*x'"])("%s asks, untested", (command) => {
    expect(decision(command)).toBe("ask");
  });

  // Bounded time on any pattern: built from the pieces that make backtracking explode, each check must come back
  // (a pattern guard did run exponentially would hang this test into its timeout).
  it("answers every generated pattern", () => {
    const piece = fc.constantFrom("(", ")", ".*", ".+", "a", "|", "*", "+", "?", "{2,}", "\\w", "[a-z]*", "x");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const pattern = pieces.join("").replace(/'/g, "");
        expect(["allow", "ask", "deny"]).toContain(decision(`pkill -f '${pattern}'`));
      }),
      { numRuns: 300 },
    );
  });
});
