// The measuring stick of issue 13 as a regression test: everyday commands stay allowed, destructive ones are stopped.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "./helpers/rules";

const lines = (path: string) => readFileSync(path, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const ruleset = rulesetWith(loadBuiltinIndividually().files);

/**
 * Everyday commands guard still stops, each for a reason outside the generic and system packs. Listed so that a new
 * false positive fails this test, and so that fixing one of these shows up as a change to this list.
 */
const KNOWN_EVERYDAY_STOPS: Record<string, string> = {
  "nice -n 10 ./build.sh": "the example project has no build.sh: a script guard cannot read asks",
  "source .venv/bin/activate": "the example project has no .venv: a script guard cannot read asks",
  "helm rollback api 3": "kubernetes.helm-rollback asks",
};

describe("measuring stick (test/measure)", () => {
  it("allows the everyday commands, apart from the known stops", () => {
    const stopped = lines("test/measure/everyday.txt").filter((c) => evaluate(c, ruleset, exampleContext()).decision !== "allow");
    const unexpected = stopped.filter((c) => !(c in KNOWN_EVERYDAY_STOPS));
    expect(unexpected).toEqual([]);
    // A known stop that no longer happens belongs off the list.
    expect(Object.keys(KNOWN_EVERYDAY_STOPS).filter((c) => !stopped.includes(c))).toEqual([]);
    expect(stopped.length / lines("test/measure/everyday.txt").length).toBeLessThan(0.03);
  });

  it("allows every look-alike", () => {
    const stopped = lines("test/measure/lookalikes.txt").filter((c) => evaluate(c, ruleset, exampleContext()).decision !== "allow");
    expect(stopped).toEqual([]);
  });

  it("stops every destructive command", () => {
    const missed = lines("test/measure/destructive.txt").filter((c) => evaluate(c, ruleset, exampleContext()).decision === "allow");
    expect(missed).toEqual([]);
  });
});
