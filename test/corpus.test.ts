// The corpus: hundreds of real commands with the decision guard must reach, in the fixed example context.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluate } from "../src/engine/evaluate";
import { exampleContext } from "../src/engine/context";
import { builtinRuleFiles } from "../src/rules/builtin";
import { buildRuleset } from "../src/rules/ruleset";

interface Row {
  command: string;
  decision: "allow" | "ask" | "deny";
  rules?: string[];
  note?: string;
}

const dir = "test/corpus";
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const ruleset = buildRuleset(builtinRuleFiles());
const known = new Set([...ruleset.rules.map((r) => r.id)]);

describe("corpus", () => {
  const all = files.flatMap((file) => (parse(readFileSync(join(dir, file), "utf8")) as Row[]).map((row) => ({ file, ...row })));

  it("has the four parts and at least 300 rows", () => {
    expect(files).toEqual(["bypasses.yaml", "edge-cases.yaml", "false-positives.yaml", "true-positives.yaml"]);
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it("has no duplicate commands", () => {
    const seen = new Map<string, string>();
    const dups = all.filter((r) => seen.has(r.command) || !seen.set(r.command, r.file));
    expect(dups.map((r) => r.command)).toEqual([]);
  });

  for (const file of files) {
    const rows = (parse(readFileSync(join(dir, file), "utf8")) as Row[]);
    describe(file, () => {
      it.each(rows.map((row) => [row.command, row] as const))("%s", (_command, row) => {
        const verdict = evaluate(row.command, ruleset, exampleContext());
        const found = verdict.findings.map((f) => f.rule);
        expect({ decision: verdict.decision, rules: found }).toEqual({
          decision: row.decision,
          rules: expect.arrayContaining(row.rules ?? []),
        });
        for (const id of row.rules ?? []) {
          if (!id.startsWith("guard.")) expect(known.has(id), `unknown rule id ${id}`).toBe(true);
        }
      });
    });
  }
});
