// Writes over uncommitted work in a real git working tree, and steps that change the tree before a later step's check.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-overwrite-");

beforeAll(() => {
  git("init", "-q");
  write(".gitignore", "*.log\ndist/\n");
  write("README.md", "readme\n");
  write("src/app.js", "app\n");
  write("src/login.js", "login\n");
  write("dist/out.js", "built\n");
  git("add", "-A");
  git("commit", "-qm", "init");
  // An uncommitted edit to src/app.js; README.md and src/login.js stay clean.
  write("src/app.js", "app with an uncommitted change\n");
  write("notes.txt", "untracked notes\n");
  // Saved patches: one names the edited src/app.js, one only the clean src/login.js.
  write("app.patch", "diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n@@ -1 +1 @@\n-app\n+app with an uncommitted change\n");
  write("login.patch", "diff --git a/src/login.js b/src/login.js\n--- a/src/login.js\n+++ b/src/login.js\n@@ -1 +1 @@\n-old\n+login\n");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("a write that replaces a tracked file's uncommitted change asks", () => {
  it.each([
    "git show HEAD:src/app.js > src/app.js",
    "git cat-file -p HEAD:src/app.js > src/app.js",
    "cp README.md src/app.js",
    "cp -f /tmp/app.js src/",
    "mv notes.txt src/app.js",
    "echo x | tee src/app.js",
    "git archive HEAD | tar -x -C .",
    "git archive --format=tar HEAD src | tar -xf -",
    "git diff | git apply -R",
    "git diff | patch -R -p1",
    "git diff HEAD -- src/app.js | patch -R -p1",
    "cd src && git show HEAD:src/app.js > app.js",
    // A saved patch reversed: the one naming the edited file, or one written in the same command that guard cannot read yet.
    "git apply -R app.patch",
    "patch -R -p1 < app.patch",
    "patch -R -p1 -i app.patch",
    "git diff > /tmp/p && git apply -R /tmp/p",
  ])("%s", (command) => {
    const result = check(command);
    expect(result.decision).toBe("ask");
    expect(result.rules.some((r) => r.startsWith("fs.overwrite-modified"))).toBe(true);
    // Checking writes nothing.
    expect(readFileSync(join(repo, "src/app.js"), "utf8")).toBe("app with an uncommitted change\n");
  });

  it.each([
    "git show HEAD:src/login.js > src/login.js",
    "git show HEAD:src/app.js > src/app.orig.js",
    "git show HEAD:src/app.js > /tmp/app.js",
    "echo hi > README.md",
    "echo more >> src/app.js",
    "sed -i s/app/App/ src/app.js",
    "echo x > dist/out.js",
    "ls > test.log",
    "cp README.md README.bak",
    "cp src/app.js /tmp/app.js.orig",
    "git archive HEAD | tar -x -C /tmp/out",
    "git archive HEAD README.md | tar -x",
    "git archive HEAD | tar -t",
    "git diff | git apply --check -R",
    "git diff --cached | git apply -R",
    "git diff > /tmp/x.patch",
    "git apply -R login.patch",
    "git apply app.patch",
    "git apply --check -R app.patch",
  ])("%s stays allowed", (command) => {
    expect(check(command).decision).toBe("allow");
  });
});

describe("an earlier step that may change the tree makes a later step's live answer unknown", () => {
  it.each([
    ["git stash pop && git checkout -- README.md", "git.discard-modified-file"],
    ["git stash pop && rm README.md", "fs.delete-modified"],
    ["git stash pop && git show HEAD:README.md > README.md", "fs.overwrite-modified-redirect"],
    ["git stash pop -q; git checkout README.md", "git.discard-modified-file"],
    ["git -C . stash apply && git restore README.md", "git.discard-modified-file"],
    ["git pull --autostash && git checkout -- README.md", "git.discard-modified-file"],
    ["git reset HEAD~1 && git checkout -- README.md", "git.discard-modified-file"],
    ["patch -p1 < fix.diff && rm README.md", "fs.delete-modified"],
  ])("%s", (command, rule) => {
    const result = check(command);
    expect(result.decision).toBe("ask");
    expect(result.rules).toContain(rule);
  });

  it.each([
    "git checkout -- README.md",
    "rm README.md",
    "git stash pop && git status",
    "git checkout -- README.md && git stash pop",
    "git stash && git checkout -- README.md",
    "git stash list; git checkout README.md",
    "git pull && rm -rf dist",
    "git stash pop && rm -f notes.txt.orig",
    "git apply --check fix.diff && git checkout -- README.md",
  ])("%s stays allowed", (command) => {
    expect(check(command).decision).toBe("allow");
  });
});
