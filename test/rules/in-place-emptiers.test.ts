// Which files sed, vim/ex and perl empty in place, and the build tools' clean output directories: the paths the zone policy judges.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";
import { emptiedInPlace } from "../../src/rules/in-place-emptiers";
import { cleanedOutputs } from "../../src/rules/clean-outputs";

const first = (command: string) => extract(command).invocations[0];
const emptied = (command: string) => emptiedInPlace(first(command)).map((w) => w.value);
const cleaned = (command: string) => cleanedOutputs(first(command)).map((c) => `${c.word.value}${c.recursive ? "/" : ""}`);

describe("files emptied in place", () => {
  it.each([
    ["sed -i d a.ts b.ts", ["a.ts", "b.ts"]],
    ["sed -i '1,$d' a.ts", ["a.ts"]],
    ["sed -i '' -e d a.ts", ["a.ts"]],
    ["sed -i '' d a.ts", ["a.ts"]],
    ["sed -n -i '' a.ts", ["a.ts"]],
    ["sed --in-place -e '/.*/d' a.ts", ["a.ts"]],
    ["vim -es -c '%d|wq' a.ts", ["a.ts"]],
    ["ex -sc '%d|x' a.ts", ["a.ts"]],
    ["nvim --headless +'%delete' +wq a.ts", ["a.ts"]],
    ["perl -i -ne '' a.ts", ["a.ts"]],
    ["perl -ni -e 'next' a.ts", ["a.ts"]],
  ])("%s empties %j", (command, files) => {
    expect(emptied(command)).toEqual(files);
  });

  it.each([
    "sed -i 's/a/b/' a.ts", "sed -i.bak d a.ts", "sed -i '1d' a.ts", "sed -i '/^#/d' a.ts", "sed d a.ts", "sed -n -i p a.ts",
    "vim -es -c '%s/a/b/|wq' a.ts", "vim -es -c '%d' -c 'q!' a.ts", "vim a.ts",
    "perl -pi -e 's/a/b/' a.ts", "perl -i -ne 'print if /x/' a.ts", "perl -i.bak -ne '' a.ts", "perl -ine 'print' a.ts", "perl -ne '' a.ts", "perl -i script.pl a.ts",
  ])("%s empties nothing", (command) => {
    expect(emptied(command)).toEqual([]);
  });
});

describe("build tools' clean output directories", () => {
  it.each([
    ["cargo clean --target-dir ~", ["~/"]],
    ["cargo clean --target-dir=/opt/t", ["/opt/t/"]],
    ["mvn clean -DbuildDirectory=/srv/x install", ["/srv/x/"]],
    ["./gradlew clean -PbuildDir=..", ["../"]],
    ["dotnet clean -o out", ["out"]],
    ["yarn cache clean --cache-folder /c", ["/c/"]],
    ["bazel --output_base=/b clean --expunge", ["/b/"]],
  ])("%s cleans %j", (command, dirs) => {
    expect(cleaned(command)).toEqual(dirs);
  });

  it.each(["cargo build --target-dir ~", "cargo clean", "mvn install -DbuildDirectory=/", "dotnet build -o ~", "yarn cache list --cache-folder ~", "bazel --output_base=/b clean"])("%s cleans nothing", (command) => {
    expect(cleaned(command)).toEqual([]);
  });
});
