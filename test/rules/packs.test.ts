// Each built-in rule pack on its own: it loads, declares its pack, and its examples pass.
import { describe, expect, it } from "vitest";
import { runExamples } from "../../src/engine/examples";
import { buildRuleset } from "../../src/rules/ruleset";
import { loadBuiltinIndividually } from "../helpers/rules";

const loaded = loadBuiltinIndividually();

describe("built-in rule files", () => {
  it("all load", () => {
    expect(loaded.errors).toEqual([]);
  });

  const ruleset = buildRuleset(loaded.files);
  for (const file of loaded.files) {
    it(`${file.pack.name}: examples of ${file.file} pass`, () => {
      const report = runExamples([file], ruleset);
      expect(report.failures).toEqual([]);
      expect(file.pack.description, "a pack says what it covers").not.toBe("");
    });
  }
});
