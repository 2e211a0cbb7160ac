// justfile recipes and poe tasks: the shell lines they run, and where guard cannot tell.
import { describe, expect, it } from "vitest";
import { justLines, poeLines } from "../../src/shell/task-files";

describe("justfile", () => {
  const file = [
    "set dotenv-load",
    "dir := 'build'",
    "",
    "default: test",
    "",
    "# run the tests",
    "test:",
    "    npm test",
    "",
    "clean: test",
    "    @rm -rf {{dir}}",
    "    -rm -f {{target}}",
    "",
    "alias c := clean",
    "",
    "py:",
    "    #!/usr/bin/env python3",
    "    print('hi')",
  ].join("\n");

  it("reads recipes with their dependencies, variables filled in", () => {
    expect(justLines(file, ["clean"])).toEqual({ lines: ["npm test", "rm -rf build", "rm -f $JUST_target"], foreign: [] });
    expect(justLines(file, ["c"])?.lines).toContain("rm -rf build");
    expect(justLines(file, [])?.lines).toEqual(["npm test"]);
  });

  it("names shebang recipes in other languages", () => {
    expect(justLines(file, ["py"])).toEqual({ lines: [], foreign: ["py"] });
  });

  it("runs nothing for a recipe a closed justfile lacks, and is unknown when it may live elsewhere", () => {
    expect(justLines(file, ["deploy"])).toEqual({ lines: [], foreign: [] });
    expect(justLines(`import 'more.just'\n${file}`, ["deploy"])).toBeUndefined();
    expect(justLines(file, ["deploy"], false)).toBeUndefined();
    expect(justLines(`set shell := ["python3", "-c"]\n${file}`, ["test"])).toBeUndefined();
  });
});

describe("poe tasks", () => {
  const toml = [
    "[project]",
    'name = "x"',
    "",
    "[tool.poe.tasks]",
    'test = "pytest -q"',
    'lint = { cmd = "ruff check ." }',
    'fmt.shell = "ruff format . && echo done"',
    'check = ["lint", "test"]',
    'run = { script = "app:main" }',
    "",
    "[tool.poe.tasks.wipe]",
    'help = "remove data"',
    'shell = """',
    "rm -rf data",
    '"""',
  ].join("\n");

  it.each([
    ["test", ["pytest -q"]],
    ["lint", ["ruff check ."]],
    ["fmt", ["ruff format . && echo done"]],
    ["check", ["ruff check .", "pytest -q"]],
    ["wipe", ["rm -rf data\n"]],
    ["missing", []],
  ])("%s", (name, lines) => {
    expect(poeLines(toml, name)?.lines).toEqual(lines);
  });

  it("names script tasks, which run Python guard does not read here", () => {
    expect(poeLines(toml, "run")).toEqual({ lines: [], foreign: ["run"] });
  });
});
