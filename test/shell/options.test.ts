// Option scanning: clusters, attached and separate values, `--`, and dynamic words.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";
import { scanOptions } from "../../src/shell/options";
import { findOption, parseArgs } from "../../src/shell/program-args";

function argv(text: string) {
  return extract(text).invocations[0].argv;
}

describe("scanOptions", () => {
  it("splits clusters and takes values attached or separate", () => {
    const scan = scanOptions(argv("sudo -Eu root -gwheel rm"), 1, { valued: ["-u", "-g"] });
    expect(scan.options.map((o) => [o.name, o.value])).toEqual([["-E", undefined], ["-u", "root"], ["-g", "wheel"]]);
    expect(scan.rest).toBe(4);
  });

  it("stops at --, at a positional and at a dynamic word", () => {
    expect(scanOptions(argv("x -a -- -b"), 1, {}).rest).toBe(3);
    expect(scanOptions(argv("x -a b -c"), 1, {}).rest).toBe(2);
    expect(scanOptions(argv("x -a $F -c"), 1, {}).rest).toBe(2);
  });

  it("reads long options with = and single-dash long options whole", () => {
    expect(scanOptions(argv("x --user=root --group wheel y"), 1, { valued: ["--group"] }).options.map((o) => [o.name, o.value]))
      .toEqual([["--user", "root"], ["--group", "wheel"]]);
    expect(scanOptions(argv("find -maxdepth 1 -delete ."), 1, { singleDashLong: true, valued: ["-maxdepth"] }).options.map((o) => o.name))
      .toEqual(["-maxdepth", "-delete"]);
  });
});

describe("parseArgs", () => {
  it("finds options after positionals and skips option values", () => {
    const inv = extract("git -C repo push origin main --force").invocations[0];
    const parsed = parseArgs(inv, { valued: ["-C"], singleDashLong: false });
    expect(parsed.positionals.map((w) => w.value)).toEqual(["push", "origin", "main"]);
    expect(findOption(parsed, ["-f", "--force"])).toBeDefined();
  });

  it("does not count --force=false", () => {
    const parsed = parseArgs(extract("git push --force=false").invocations[0]);
    expect(findOption(parsed, ["--force"])).toBeUndefined();
  });
});

describe("option values", () => {
  it("matches NAME=GLOB spellings against the option's value", () => {
    const parsed = parseArgs(extract("railway --environment production down").invocations[0], { valued: ["--environment", "-e"], singleDashLong: false });
    expect(findOption(parsed, ["--environment=prod*", "-e=prod*"])).toBeDefined();
    expect(findOption(parsed, ["--environment=staging"])).toBeUndefined();
    const short = parseArgs(extract("railway -e prod down").invocations[0], { valued: ["--environment", "-e"], singleDashLong: false });
    expect(findOption(short, ["-e=prod*"])).toBeDefined();
  });
});
