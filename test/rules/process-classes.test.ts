// Signal 0: an existence check delivers nothing, so kill/killall/pkill rules leave it alone; any real signal still counts.
import { describe, expect, it } from "vitest";
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
