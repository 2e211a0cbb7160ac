// The exit-code table in src/cli/exit-codes.ts and the one in docs/cli.md say the same; the README's short table agrees.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes";

/** `| 64 | usage | …` rows of the `## Exit codes` table of a page. */
function rows(page: string): string[][] {
  const section = readFileSync(page, "utf8").split(/^#+ Exit codes$/m)[1]?.split(/^#+ /m)[0] ?? "";
  return [...section.matchAll(/^\| (\d+) \|(.*)$/gm)].map((m) => [m[1], ...m[2].split("|").map((c) => c.trim())]);
}

describe("exit codes", () => {
  it("docs/cli.md has one row per code, under the code's name", () => {
    const documented = rows("docs/cli.md").map(([code, name]) => [Number(code), name]);
    expect(documented).toEqual(Object.entries(EXIT).map(([name, code]) => [code, name]).sort((a, b) => (a[0] as number) - (b[0] as number)));
  });

  it("includes refused (77) and failure (1)", () => {
    expect(EXIT.refused).toBe(77);
    expect(EXIT.failure).toBe(1);
  });

  it("the README names no code the table does not have", () => {
    const codes = new Set<number>(Object.values(EXIT));
    for (const [code] of rows("README.md")) expect(codes).toContain(Number(code));
  });
});
