// The structure of src/ stays the pipeline: imports follow the layer order, no cycles, one importer per dependency.
import { describe, expect, it } from "vitest";
import { buildGraph, cycles, loadedWith, fileCycles, folderCycles, functionLengths, layerViolations, MAX_FUNCTION_LINES, ownerViolations, problems, specifiers, type Graph } from "../../scripts/import-graph";

const graph = buildGraph();

describe("the import graph of src/", () => {
  it("has no import against the layer order, no cycle and no second importer of an owned dependency", () => {
    expect(problems(graph)).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines but the known ones, each with its reason`, () => {
    // Known, and open: shrink this list, never grow it.
    const long = functionLengths(graph).map((f) => `${f.file} ${f.name}`);
    expect(long).toEqual([]);
  });

  it("builds the command tree without loading any command's logic: `guard --help` and completions stay cheap", () => {
    const loaded = [...loadedWith(graph, "src/cli/program.ts")];
    expect(loaded.filter((f) => f.endsWith("-command.ts") || /^src\/(engine|rules|payloads|act|undo|tester)\//.test(f))).toEqual([]);
  });

  it("sees every file and most of their imports (the check is not vacuous)", () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.filter((e) => e.to).length).toBeGreaterThan(400);
  });
});

describe("the graph reader", () => {
  it.each([
    ['import { a } from "./a";', "./a", false, false],
    ['import type { A } from "./a";', "./a", true, false],
    ['export { a } from "./a";', "./a", false, false],
    ['export type { A } from "./a";', "./a", true, false],
    ['export * from "./a";', "./a", false, false],
    ['const m = await import("./a");', "./a", false, true],
    ['const m = require("./a");', "./a", false, true],
    ['import x = require("./a");', "./a", false, false],
    ['type T = typeof import("./a");', "./a", true, false],
    ['let t: import("./a").T;', "./a", true, false],
  ])("%s names %s", (text, spec, typeOnly, lazy) => {
    expect(specifiers(text as string)).toEqual([{ spec, typeOnly, line: 1, ...(lazy ? { lazy } : {}) }]);
  });

  it("ignores strings that only look like imports", () => {
    expect(specifiers('const s = "import x from \'./a\'"; // require("./b")')).toEqual([]);
  });
});

describe("the checks catch what they are for", () => {
  const synthetic = (edges: [string, string][], extra: Partial<Graph> = {}): Graph => ({
    files: [...new Set(edges.flat())],
    edges: edges.map(([from, to]) => ({ from, to, line: 1, typeOnly: false, lazy: false })),
    ...extra,
  });

  it("a file cycle, and the folder cycle it makes", () => {
    const g = synthetic([["src/engine/a.ts", "src/rules/b.ts"], ["src/rules/b.ts", "src/engine/a.ts"]]);
    expect(fileCycles(g)).toEqual([["src/engine/a.ts", "src/rules/b.ts"]]);
    expect(folderCycles(g)).toEqual([["engine", "rules"]]);
    expect(layerViolations(g)).toEqual(["src/rules/b.ts:1 imports src/engine/a.ts: rules sits below engine"]);
  });

  it("a cycle through three files", () => {
    expect(cycles(["a", "b", "c", "d"], (n) => ({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] })[n] ?? [])).toEqual([["a", "b", "c"]]);
  });

  it("folders on one rung importing each other", () => {
    expect(layerViolations(synthetic([["src/hooks/a.ts", "src/install/b.ts"]]))).toEqual([
      "src/hooks/a.ts:1 imports src/install/b.ts: hooks and install share a rung and stay independent",
    ]);
  });

  it("a folder the layer list does not place", () => {
    expect(layerViolations(synthetic([["src/misc/a.ts", "src/core/b.ts"]]))).toContain("src/misc is not in the layer list (scripts/import-graph.ts LAYERS)");
  });

  it("a second importer of chalk", () => {
    const g: Graph = { files: ["src/cli/log.ts"], edges: [{ from: "src/cli/log.ts", pkg: "chalk", line: 2, typeOnly: true, lazy: false }] };
    expect(ownerViolations(g)).toEqual(["src/cli/log.ts:2 imports chalk: only src/report/human.ts may"]);
  });
});
