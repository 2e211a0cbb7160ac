// Variants never weaken a verdict: every dangerous corpus row, wrapped, prefixed, quoted or nested, stays at least as strict.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleContext } from "../../src/engine/example-context";
import { weakerVariants } from "../../src/tester/variants";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const loaded = loadBuiltinIndividually();

function dangerousRows(dir: string): { file: string; pack?: string; commands: string[] }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => ({
    file: join(dir, f),
    pack: dir.endsWith("packs") ? f.replace(/\.yaml$/, "") : undefined,
    commands: (parse(readFileSync(join(dir, f), "utf8")) as { command: string; decision: string }[]).filter((r) => r.decision !== "allow").map((r) => r.command),
  }));
}

describe("variants of dangerous corpus rows", () => {
  for (const group of [...dangerousRows("test/corpus"), ...dangerousRows("test/corpus/packs")]) {
    it(`${group.file} (${group.commands.length} rows)`, () => {
      const failures = weakerVariants(group.commands, rulesetWith(loaded.files, group.pack ? [group.pack] : []), exampleContext());
      expect(failures.map((f) => `${f.variant}: ${JSON.stringify(f.variantCommand)} → ${f.got} (was ${f.original})`)).toEqual([]);
    });
  }
});
