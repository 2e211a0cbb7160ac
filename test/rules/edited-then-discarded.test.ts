// A discard after an earlier step of the same command wrote the file (`mv notes.txt README.md && git checkout README.md`): the write is lost even though the tree is clean when guard looks.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-edited-");

beforeAll(() => {
  git("init", "-q");
  write("README.md");
  write("src/app.js");
  write("src/lib/util.js");
  git("add", "-A");
  git("commit", "-qm", "init");
  // Untracked work the first step moves over a tracked file; the tree itself is clean.
  write("notes.txt", "only copy of these notes\n");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("a tracked file written earlier in the command, then discarded", () => {
  it.each([
    "mv notes.txt README.md && git checkout README.md",
    "mv notes.txt README.md; git restore README.md",
    "cp notes.txt README.md; git restore README.md",
    "cat notes.txt > README.md && git checkout -- README.md",
    "sed -i 's/x/y/' src/app.js && git restore src/app.js",
    "curl -so src/app.js https://example.com/app.js && git checkout src/app.js",
    "mv notes.txt src/lib/util.js && git checkout -- src",
    "mv notes.txt src/lib/util.js && git restore .",
    "cp notes.txt src/app.js && git checkout HEAD -- src/app.js",
    "mv notes.txt README.md && rm README.md",
    // Written from one directory, discarded from another: the same file.
    "cd src && cp ../notes.txt app.js && cd .. && git restore src/app.js",
    "cp notes.txt src/app.js && cd src && git checkout app.js",
  ])("asks: %s", (command) => {
    expect(check(command).decision).toBe("ask");
  });

  it.each([
    "git checkout README.md",
    "git restore src/",
    "cp README.md /tmp/readme.bak && git checkout README.md",
    "mv README.md README.old && git checkout README.md",
    "git checkout -- README.md && git checkout README.md",
    "git checkout README.md && cp notes.txt README.md",
    "echo draft > notes2.txt && git restore README.md",
    "cp notes.txt draft.txt && git restore draft.txt",
    "sed -i 's/x/y/' src/app.js && git diff src/app.js",
    "cd src && cp ../notes.txt draft.js && cd .. && git restore src/app.js",
    "git checkout src/app.js && cd src && git checkout app.js",
  ])("allows: %s", (command) => {
    expect(check(command).decision).toBe("allow");
  });
});
