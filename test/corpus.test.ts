// The corpus: real commands with the decision guard must reach, in the fixed example context.
// test/corpus/*.yaml exercise the default rules; test/corpus/packs/NAME.yaml exercise pack NAME (switched on).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "./helpers/rules";
import { currentRuleId } from "../src/rules/aliases";
import { corpusFiles } from "../scripts/corpus-files";

interface Row {
  command: string;
  decision: "allow" | "ask" | "deny";
  rules?: string[];
  note?: string;
}

const loaded = loadBuiltinIndividually();
const known = new Set(loaded.files.flatMap((f) => f.rules.map((r) => r.id)));

function rowsOf(path: string): Row[] {
  return parse(readFileSync(path, "utf8")) as Row[];
}

describe("corpus", () => {
  const files = corpusFiles();
  const all = files.flatMap((f) => rowsOf(f.path).map((row) => ({ file: f.path, ...row })));

  it("has the four general parts and at least 300 rows", () => {
    for (const part of ["true-positives", "false-positives", "bypasses", "edge-cases"]) {
      expect(files.map((f) => f.path)).toContain(`test/corpus/${part}.yaml`);
    }
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it("has no duplicate commands", () => {
    const seen = new Set<string>();
    const dups = all.filter((r) => seen.has(r.command) || !seen.add(r.command));
    expect(dups.map((r) => `${r.file}: ${r.command}`)).toEqual([]);
  });

  for (const file of files) {
    describe(file.path, () => {
      const ruleset = rulesetWith(loaded.files, file.pack ? [file.pack] : []);
      it.each(rowsOf(file.path).map((row) => [row.command, row] as const))("%s", (_command, row) => {
        const verdict = evaluate(row.command, ruleset, exampleContext());
        // A row may name a rule by an old id (merged twins, renamed packs): it is read as today's.
        const expected = (row.rules ?? []).map(currentRuleId);
        expect({ decision: verdict.decision, rules: verdict.findings.map((f) => f.rule) }).toEqual({
          decision: row.decision,
          rules: expect.arrayContaining(expected),
        });
        for (const id of expected) {
          if (!id.startsWith("guard.")) expect(known.has(id), `unknown rule id ${id}`).toBe(true);
        }
      });
    });
  }
});
