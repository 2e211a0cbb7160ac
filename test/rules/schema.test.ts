// The shipped JSON Schema stays in step with what the loader accepts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARG_CLASSES } from "../../src/rules/targets";
import { SQL_KINDS } from "../../src/rules/sql-kinds";

const schema = JSON.parse(readFileSync("rules/schema.json", "utf8"));

describe("rules/schema.json", () => {
  it("lists exactly the target classes the matcher knows", () => {
    const classes = schema.$defs.argPatterns.items.oneOf[1].properties.class.enum;
    expect([...classes].sort()).toEqual(Object.keys(ARG_CLASSES).sort());
  });

  it("documents every SQL statement kind", () => {
    const text: string = schema.$defs.rule.properties.match.properties.sql.description;
    for (const kind of SQL_KINDS) expect(text).toContain(kind);
  });
});
