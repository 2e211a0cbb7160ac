// The human report: underlines that line up at 80 columns, control bytes escaped, one underline per span.
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { underline, renderVerdict } from "../../src/report/human";
import { evaluate } from "../../src/engine/evaluate";
import { buildRuleset } from "../../src/rules/ruleset";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { exampleContext } from "../../src/engine/example-context";

const plain = new Chalk({ level: 0 });
const ruleset = buildRuleset(builtinRuleFiles());
const stdout = { isTTY: false } as NodeJS.WriteStream;

/** The text under the carets, read back from the two rendered lines. */
function underlined(lines: string[]): string {
  const text = lines[0].slice(4);
  const marks = lines[1].slice(4);
  const from = marks.indexOf("^");
  return text.slice(from, marks.length);
}

describe("underline", () => {
  it("keeps the carets under the match when a long line is cut to 80 columns", () => {
    const text = `echo ${"x".repeat(150)} && rm -rf / && echo ${"y".repeat(100)}`;
    const start = text.indexOf("rm -rf /");
    const lines = underline(text, { start, end: start + 8 }, plain, 80);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(underlined(lines)).toBe("rm -rf /");
    expect(lines[0]).toMatch(/^ {2}\$ …/);
  });

  it("escapes control characters instead of sending them to the terminal, and still aligns", () => {
    const text = "echo \x1b[31mred\x01 && rm -rf /";
    const start = text.indexOf("rm");
    const lines = underline(text, { start, end: start + 8 }, plain, 80);
    expect(lines[0]).not.toMatch(/[\x00-\x1f\x7f]/);
    expect(lines[0]).toContain("\\x1b[31mred\\x01");
    expect(underlined(lines)).toBe("rm -rf /");
  });

  it("escapes bidi overrides that would make the shown text differ from what runs", () => {
    expect(underline("echo \u202eabc", { start: 0, end: 4 }, plain)[0]).toContain("\\u{202e}");
  });
});

describe("renderVerdict", () => {
  it("underlines a part of the command once, however many findings it has", () => {
    const command = `curl -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer x' -d '{"query":"mutation { volumeDelete(volumeId: \\"v\\") }"}'`;
    const text = renderVerdict(evaluate(command, ruleset, exampleContext()), stdout);
    expect(text.match(/\^{3,}/g)).toHaveLength(1);
    expect(text).toContain("(the same part of the command as above)");
  });

  it("underlines the offending SQL statement inside a -c string, not the whole string", () => {
    const cases: [string, string][] = [
      ["psql -c 'SELECT 1; DROP TABLE users; SELECT 2'", "DROP TABLE users"],
      [`psql -c "SELECT 1; DROP TABLE \\"users\\""`, `DROP TABLE \\"users\\"`],
      ["psql --command='SELECT 1;  TRUNCATE users'", "TRUNCATE users"],
      [`bash -c "mysql -e 'SELECT 1; DROP DATABASE shop'"`, "DROP DATABASE shop"],
    ];
    for (const [command, part] of cases) {
      const lines = renderVerdict(evaluate(command, ruleset, exampleContext()), stdout).split("\n");
      const at = lines.findIndex((l) => l.startsWith("  $ "));
      expect(underlined(lines.slice(at, at + 2)), command).toBe(part);
    }
  });

  it("underlines the whole word when the SQL holds expansions guard cannot place", () => {
    const command = `psql -c "$X; DROP TABLE users"`;
    const lines = renderVerdict(evaluate(command, ruleset, exampleContext()), stdout).split("\n");
    const at = lines.findIndex((l) => l.startsWith("  $ "));
    expect(underlined(lines.slice(at, at + 2))).toBe(`"$X; DROP TABLE users"`);
  });
});
