// docs/architecture.md stays true: its layer list is the checked one, and its module map names every src/ folder that exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../scripts/import-graph";

const ROOT = resolve(__dirname, "../..");
const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
const folders = readdirSync(join(ROOT, "src")).filter((name) => statSync(join(ROOT, "src", name)).isDirectory()).sort();

/** The code block after the `<!-- layers` marker, top line first: each line's first column, split at commas. */
function documentedLayers(): string[][] {
  const block = /<!-- layers[^>]*-->\s*```\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error("docs/architecture.md has no layer list (a code block after <!-- layers -->)");
  return block[1].trim().split("\n").map((line) => line.split(/\s{2,}/)[0].split(/,\s*/));
}

describe("docs/architecture.md", () => {
  it("lists the layers in the order scripts/import-graph.ts checks, bottom to top", () => {
    const checked = LAYERS.filter((rung) => !rung.includes("index.ts")).map((rung) => [...rung]);
    expect(documentedLayers().reverse()).toEqual(checked);
  });

  it("describes every src/ folder in the module map, and no folder that does not exist", () => {
    const described = [...new Set([...doc.matchAll(/^src\/([\w-]+)\/\s/gm)].map((m) => m[1]))].sort();
    expect(described).toEqual(folders);
  });

  it("places every src/ folder in the layer list", () => {
    expect(documentedLayers().flat().sort()).toEqual(folders);
  });
});
