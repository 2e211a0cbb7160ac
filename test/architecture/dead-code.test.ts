// No dead exports: every export of src/ is imported somewhere (src, tests, scripts) or used by its own module.
import { describe, expect, it } from "vitest";
import { unusedExports } from "../../scripts/unused-exports";

describe("dead code", () => {
  it("has no export that nothing uses", () => {
    expect(unusedExports().filter((line) => !line.endsWith("(used in its file)"))).toEqual([]);
  });
});
