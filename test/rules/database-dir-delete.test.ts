// Deleting a directory, or its entries, that holds an untracked or ignored database asks; in a real repository, with the walk's bounds.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-dbdir-");

beforeAll(() => {
  git("init", "-q");
  // data/ is ignored as a whole: git never looks inside, which is where the local database lives.
  write(".gitignore", "data/\nlogs/\nnode_modules/\nscratch/\n");
  write("src/a.ts");
  write("fixtures/seed.db");
  git("add", "-A");
  git("commit", "-qm", "init");
  write("data/app.db");
  write("data/nested/deeper/cache.sqlite3");
  write("logs/app.log");
  write("node_modules/pkg/fixture.db");
  // More entries than the walk reads: guard cannot tell what is in there.
  for (let i = 0; i < 5100; i++) write(`scratch/f${i}.txt`);
  // 5,100 files and four git calls: seconds on a loaded machine, more than the default hook timeout.
}, 60_000);

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("deleting a directory that holds an untracked database", () => {
  it.each(["rm -r data", "rm -rf data/", "rm -v data/*", "find data -delete", "rm -rf data/nested"])("%s asks", (command) => {
    expect(check(command)).toEqual({ decision: "ask", rules: expect.arrayContaining(["fs.delete-database-file"]) });
  });

  it("asks when the walk's bound is hit in a directory that is not build output", () => {
    expect(check("rm -rf scratch").rules).toContain("fs.delete-database-file");
  });

  it.each(["rm -rf logs", "rm -v logs/*", "rm -rf node_modules", "find data -name '*.log' -delete", "rm -rf src"])("%s stays allowed", (command) => {
    expect(check(command).rules).not.toContain("fs.delete-database-file");
  });

  it("leaves a tracked database alone (git checkout brings it back)", () => {
    expect(check("rm -r fixtures").rules).not.toContain("fs.delete-database-file");
  });
});
