// Discarding with git in a real working tree (restore, checkout, stash drop, scoped clean): allowed where nothing would be lost, asked where something would or guard cannot tell.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIndex } from "../../src/engine/git-index";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-restore-");

beforeAll(() => {
  git("init", "-q");
  write("src/a.ts");
  write("src/lib/b.ts");
  write("api/main.py");
  write("docs/guide.md");
  write("lib/c.ts");
  git("add", "-A");
  git("commit", "-qm", "init");
  write("src/lib/b.ts", "two\n");
  git("commit", "-qam", "two");
  // An unstaged edit in api/, a staged one in lib/.
  write("api/main.py", "edited\n");
  write("lib/c.ts", "staged\n");
  git("add", "lib/c.ts");
  // Ignored build output, an ignored local database, and untracked work.
  write(".gitignore", "dist/\ncoverage/\n*.sqlite3\n");
  write("dist/app.js");
  write("coverage/lcov.info");
  write("coverage/cache.sqlite3");
  write("drafts/idea.md");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("restoring the working tree of a path", () => {
  it.each([
    ["git restore src/", "allow"],
    ["git restore docs", "allow"],
    ["git restore 'src/*.ts'", "allow"],
    ["git checkout -- src", "allow"],
    ["git restore --source=HEAD~1 src/", "allow"],
    ["git restore lib/", "allow"], // the staged edit stays in the index
    ["git restore api/", "ask"],
    ["git restore .", "ask"],
    ["git restore '*.py'", "ask"],
    ["git checkout -- api", "ask"],
    ['git restore "$DIR"', "ask"],
  ])("%s: %s", (command, decision) => {
    expect(check(command).decision).toBe(decision);
  });
});

describe("checking out a revision over a path rewrites the index too", () => {
  it.each([
    ["git checkout HEAD~1 -- src", "allow"],
    ["git checkout HEAD~1 -- src/lib/b.ts", "allow"],
    ["git checkout $(git rev-parse HEAD~1) -- src/lib/b.ts", "allow"],
    ["git checkout HEAD -- lib", "ask"],
    ["git checkout HEAD -- lib/c.ts", "ask"],
    ["git rm -f lib/c.ts", "ask"],
    ["git checkout HEAD~1 -- api", "ask"],
    ["git checkout $(cat rev.txt) -- src/lib/b.ts", "ask"],
  ])("%s: %s", (command, decision) => {
    expect(check(command).decision).toBe(decision);
  });
});

describe("stash drop and a scoped git clean", () => {
  it.each([
    ["git stash drop", "allow"], // this repository has no stash
    ["git stash clear", "allow"],
    ["git stash && git stash drop", "ask"],
    ["git -C ../other stash drop", "ask"],
    ["git clean -fdX -- dist", "allow"],
    ["git clean -fdx dist", "allow"],
    ["git clean -fdX -- coverage", "ask"], // an ignored database
    ["git clean -fd -- drafts", "ask"],
    ["git clean -fdX -- dist drafts", "ask"],
    ["git clean -fdX", "ask"],
    ["git clean -fdX -- .", "ask"],
  ])("%s: %s", (command, decision) => {
    expect(check(command).decision).toBe(decision);
  });
});

describe("the index's cache tree", () => {
  it("keeps the trees of directories nothing was staged in, and drops those on the way to a staged file", () => {
    const index = readIndex(join(repo, ".git/index"))!;
    expect(index.treeValid("src")).toBe(true);
    expect(index.treeValid("src/lib")).toBe(true);
    expect(index.treeValid("lib")).toBe(false);
    expect(index.treeValid("")).toBe(false);
    expect(index.treeValid("nowhere")).toBeUndefined();
  });
});
