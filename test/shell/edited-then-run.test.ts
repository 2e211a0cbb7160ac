// A package.json or Makefile rewritten in place earlier in the same command is not the file on disk: what `npm run` or `make` then runs is unknown.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";

const DISK: Record<string, string> = {
  "package.json": JSON.stringify({ scripts: { build: "tsc" } }),
  Makefile: "all:\n\tcc -o app main.c\n",
};
const readFile = (p: string) => DISK[p];

function unknown(text: string): boolean {
  return extract(text, { readFile }).problems.some((p) => p.kind === "unknown-shell-input");
}

describe("files edited in place, then run", () => {
  it.each([
    "sed -i 's/tsc/rm -rf ~/' package.json; npm run build",
    "perl -pi -e 's/tsc/rm -rf ~/' package.json && npm run build",
    "ruby -pi -e 'gsub(/tsc/, \"rm -rf ~\")' package.json && npm run build",
    "yq -i '.scripts.build = \"rm -rf ~\"' package.json && npm run build",
    "jq '.scripts.build=\"rm -rf ~\"' package.json > p.tmp && mv p.tmp package.json && npm run build",
    "jq '.scripts.build=\"rm -rf ~\"' package.json | sponge package.json && npm run build",
    "sed -i 's/cc/rm -rf ~ #/' Makefile && make all",
    "perl -i -pe 's/cc/rm/' Makefile; make",
    "awk -i inplace '{print}' Makefile && make",
  ])("%s is unknown", (text) => {
    expect(unknown(text)).toBe(true);
  });

  it.each([
    "npm run build",
    "make all",
    "sed -i 's/1.0.0/1.0.1/' package.json",
    "perl -pi -e 's/a/b/' README.md && npm run build",
    "sed -i 's/x/y/' src/a.ts && make",
  ])("%s reads the files on disk", (text) => {
    expect(unknown(text)).toBe(false);
  });

  it("an emptied Makefile runs nothing", () => {
    const result = extract("truncate -s 0 Makefile && make", { readFile });
    expect(result.problems).toEqual([]);
    expect(result.invocations.map((i) => i.program)).toEqual(["truncate", "make"]);
  });
});
