// The grammar table is the one source: rules/schema.json and the key reference in docs/writing-rules.md are what it generates, and the loader reads exactly its keys.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARG_CLASSES } from "../../src/rules/targets";
import { SQL_FACT_KINDS, SQL_STATEMENT_KINDS } from "../../src/payloads/sql";
import { keyReference, ruleFileSchema } from "../../src/rules/key-docs";
import { KEY_TABLES, MATCH_ROWS, RULE_ROWS } from "../../src/rules/keys";
import { parseRuleFile, RuleLoadError } from "../../src/rules/load";

const schema = JSON.parse(readFileSync("rules/schema.json", "utf8"));

const RULE = (match: string) => `
- id: demo.x
  action: ask
  severity: low
  message: M.
  why: W.
  instead: I.
${match}
  examples: { match: ["tool x"], not_match: ["tool y"] }
`;

function loadError(text: string): string | undefined {
  try {
    parseRuleFile(text, "t.yaml");
    return undefined;
  } catch (err) {
    return err instanceof RuleLoadError ? err.message : String(err);
  }
}

describe("the rule grammar table", () => {
  it("generates rules/schema.json as shipped (run npm run docs after changing src/rules/keys.ts)", () => {
    expect(schema).toEqual(ruleFileSchema());
  });

  it("generates the key reference in docs/writing-rules.md as written", () => {
    expect(readFileSync("docs/writing-rules.md", "utf8")).toContain(keyReference());
  });

  it("documents every key of every table", () => {
    const docs = readFileSync("docs/writing-rules.md", "utf8");
    for (const table of KEY_TABLES) for (const row of table.rows) expect(docs).toContain(`- \`${row.key}\` (`);
  });

  it("lists exactly the target classes the matcher knows", () => {
    const classes = schema.$defs.argPatterns.items.oneOf[1].properties.class.enum;
    expect([...classes].sort()).toEqual(Object.keys(ARG_CLASSES).sort());
  });

  it("takes the SQL kinds from the SQL analyser: its statement kinds and unknown", () => {
    expect(SQL_FACT_KINDS).toEqual([...SQL_STATEMENT_KINDS, "unknown"]);
    expect(schema.$defs.match.properties.sql.oneOf[0].enum).toEqual([...SQL_FACT_KINDS]);
    const sql = MATCH_ROWS.find((r) => r.key === "sql")!;
    for (const kind of SQL_FACT_KINDS) expect(sql.doc).toContain(`\`${kind}\``);
  });

  it("accepts every matcher key in the table and refuses one that is not", () => {
    expect(Object.keys(schema.$defs.match.properties)).toEqual(MATCH_ROWS.map((r) => r.key));
    expect(Object.keys(schema.$defs.rule.properties)).toEqual(RULE_ROWS.map((r) => r.key));
    expect(loadError(RULE("  match: { program: tool, colour: red }"))).toMatch(/unknown matcher key `colour`/);
  });
});

describe("lists in the grammar", () => {
  it("reads a plain flag list as any of its flags", () => {
    const [rule] = parseRuleFile(RULE("  match: { program: tool, flags: [[-f, --force]] }"), "t.yaml").rules;
    expect(rule.match.flags).toEqual({ all: [], any: [["-f", "--force"]], none: [] });
  });

  it("refuses a plain flag list of several flags, whose meaning changed, and says what to write", () => {
    expect(loadError(RULE("  match: { program: tool, flags: [[-r], [-f]] }"))).toMatch(/flags: \{all: \[\.\.\.\]\}.*flags: \{any: \[\.\.\.\]\}/);
  });

  it("reads any_of as shapes of one rule", () => {
    const [rule] = parseRuleFile(RULE("  any_of:\n    - { program: tool, subcommand: [x] }\n    - { program: tool-x }"), "t.yaml").rules;
    expect(rule.match.programs).toEqual(["tool"]);
    expect(rule.variants?.map((m) => m.programs)).toEqual([["tool-x"]]);
  });

  it("needs match or any_of, not both", () => {
    expect(loadError(RULE("  match: { program: tool }\n  any_of: [{ program: tool }]"))).toMatch(/`match`.*or `any_of`/);
    expect(loadError(RULE(""))).toMatch(/`match`.*or `any_of`/);
  });

  it("reads escalate, and in_production as its older spelling with a note", () => {
    const [rule] = parseRuleFile(RULE("  escalate: { production: deny, protected_branch: deny }\n  match: { program: tool }"), "t.yaml").rules;
    expect(rule).toMatchObject({ inProduction: "deny", onProtectedBranch: "deny" });
    const old = parseRuleFile(RULE("  in_production: deny\n  match: { program: tool }"), "t.yaml");
    expect(old.rules[0].inProduction).toBe("deny");
    expect(old.notes?.[0].message).toMatch(/escalate: \{production/);
  });
});
