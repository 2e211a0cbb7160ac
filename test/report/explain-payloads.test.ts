// `guard explain` shows the payloads each command carries: SQL statements, HTTP requests and GraphQL operations.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { renderExplanation } from "../../src/report/human";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files);
const plain = { isTTY: false } as NodeJS.WriteStream;
const explain = (command: string) => renderExplanation(evaluate(command, ruleset, exampleContext()), plain);

describe("guard explain: payloads", () => {
  it("lists the SQL statements a database client runs, each with its kind", () => {
    const text = explain("psql -c 'SELECT 1; DROP TABLE users'");
    expect(text).toMatch(/sql \(inline\):\n\s+select\s+SELECT 1\n\s+drop-table\s+DROP TABLE users\s+\[users\]/);
  });

  it("names the file SQL came from and what a meta-command runs", () => {
    expect(explain("psql -f migrations/drop.sql")).toMatch(/sql from file migrations\/drop.sql \(file\):[\s\S]*drop-table\s+DROP TABLE users/);
    expect(explain("psql -c '\\! ls -la'")).toMatch(/shell-escape\s+\\! ls -la\s+\[runs: ls -la\]/);
  });

  it("shows an HTTP request's method, normalised host and GraphQL operations", () => {
    const text = explain(`curl https://Backboard.Railway.App./graphql/v2 -H "Authorization: Bearer $T" -d '{"query":"mutation Go { ...F } fragment F on Mutation { volumeDelete(volumeId: \\"v\\") }"}'`);
    expect(text).toContain("http: POST https://Backboard.Railway.App./graphql/v2");
    expect(text).toContain("host backboard.railway.app:443; credentials sent");
    expect(text).toContain("graphql mutation Go: volumeDelete");
  });

  it("says when a request's body cannot be read", () => {
    expect(explain("curl https://backboard.railway.app/graphql/v2 -d @/tmp/unknown.json")).toContain("body unknown");
  });

  it("shows nothing extra for commands without payloads", () => {
    expect(explain("ls -la")).not.toMatch(/sql|http:/);
  });
});
