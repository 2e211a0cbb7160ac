// Discarding with git in a repository other than the start directory's (`git -C`, `--git-dir`/`--work-tree`, GIT_DIR, a nested repository): judged by that repository's index, asked where guard cannot read it.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const here = scratchRepo(ruleset, "guard-here-");
const other = scratchRepo(ruleset, "guard-other-");
const O = other.dir;

beforeAll(() => {
  for (const repo of [here, other]) {
    repo.git("init", "-q");
    repo.write("notes.txt");
    repo.write("clean.txt");
    repo.write("src/app.js");
    repo.write("lib/util.js");
  }
  // A repository nested in this one (a vendored checkout): git inside it reads its own index, not this one's.
  here.write("vendor/lib/mod.js");
  here.git("-C", "vendor/lib", "init", "-q");
  here.git("-C", "vendor/lib", "add", "-A");
  here.git("-C", "vendor/lib", "commit", "-qm", "init");
  here.write(".gitignore", "vendor/\n");
  for (const repo of [here, other]) {
    repo.git("add", "-A");
    repo.git("commit", "-qm", "init");
  }
  // Uncommitted work only in the other repository and in the nested one; this repository is clean.
  other.write("notes.txt", "edited\n");
  other.write("src/app.js", "edited\n");
  here.write("vendor/lib/mod.js", "edited\n");
});

afterAll(() => {
  rmSync(here.dir, { recursive: true, force: true });
  rmSync(O, { recursive: true, force: true });
});

describe("a discard addressed to another repository is judged by that repository", () => {
  it.each([
    [`git -C ${O} restore notes.txt`, "ask"],
    [`git -C ${O} checkout -- src`, "ask"],
    [`git -C ${O} restore .`, "ask"],
    [`git -C ${O}/src restore app.js`, "ask"],
    [`GIT_DIR=${O}/.git GIT_WORK_TREE=${O} git checkout -- src`, "ask"],
    [`git --git-dir=${O}/.git --work-tree=${O} restore .`, "ask"],
    [`git --work-tree ${O} --git-dir ${O}/.git restore notes.txt`, "ask"],
    [`cd ${O} && git restore notes.txt`, "ask"],
    // The same commands on files that hold nothing uncommitted.
    [`git -C ${O} restore clean.txt`, "allow"],
    [`git -C ${O} restore lib`, "allow"],
    [`git -C ${O}/lib restore util.js`, "allow"],
    [`GIT_DIR=${O}/.git GIT_WORK_TREE=${O} git checkout -- lib`, "allow"],
    [`git --git-dir=${O}/.git --work-tree=${O} restore lib/util.js`, "allow"],
    [`cd ${O} && git restore clean.txt`, "allow"],
    [`git -C ${O} stash drop`, "allow"], // it has no stash
    [`git -C ${O} status`, "allow"],
    [`git -C ${O} diff -- notes.txt`, "allow"],
    // Its uncommitted diff reversed takes its changes back out.
    [`git -C ${O} diff | git -C ${O} apply -R`, "ask"],
    [`git diff | git apply -R`, "allow"],
    [`git -C ${here.dir} diff | git -C ${here.dir} apply -R`, "allow"],
  ])("%s: %s", (command, decision) => {
    expect(here.check(command).decision).toBe(decision);
  });
});

describe("where guard cannot tell which repository or index git uses, a discard asks", () => {
  it.each([
    // A git directory without a work tree: git takes the current directory (or core.worktree) as the tree.
    [`git --git-dir=${O}/.git restore clean.txt`, "ask"],
    [`export GIT_DIR=${O}/.git; git restore clean.txt`, "ask"],
    ["GIT_INDEX_FILE=/tmp/other-index git checkout -- lib", "ask"],
    ['git -C "$REPO" restore clean.txt', "ask"],
    [`git -c core.worktree=${O} restore clean.txt`, "ask"],
    // After an earlier step changes that repository, its files may hold work by the time the discard runs.
    [`git -C ${O} stash pop && git -C ${O} restore clean.txt`, "ask"],
    // This repository's own files, with the same options: read as before.
    ["git restore clean.txt", "allow"],
    [`git -C ${here.dir} restore clean.txt`, "allow"],
    [`git --git-dir=${here.dir}/.git --work-tree=${here.dir} restore lib`, "allow"],
  ])("%s: %s", (command, decision) => {
    expect(here.check(command).decision).toBe(decision);
  });
});

describe("a repository nested in this one reads its own index", () => {
  it.each([
    ["git -C vendor/lib restore mod.js", "ask"],
    ["git -C vendor/lib restore .", "ask"],
    ["cd vendor/lib && git checkout -- .", "ask"],
    ["git -C src restore app.js", "allow"],
    ["cd lib && git restore util.js", "allow"],
  ])("%s: %s", (command, decision) => {
    expect(here.check(command).decision).toBe(decision);
  });
});
