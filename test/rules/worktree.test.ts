// The zone policy inside a real git working tree: forced recursive deletes ask only where git could not restore the files.
import { rmSync, writeFileSync, existsSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIndexPaths } from "../../src/engine/git-index";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-worktree-");

beforeAll(() => {
  git("init", "-q");
  write(".gitignore", "node_modules/\n*.log\nbuild\n*.sqlite3\ndumps/\nterraform.tfstate\nservice-account.json\nexports/\n");
  write("fixtures/seed.db");
  write("migrations/001_init.sql");
  write("src/a.ts");
  write("src/lib/b.ts");
  write("docs/guide.md");
  git("add", "-A");
  git("commit", "-qm", "init");
  write("node_modules/pkg/index.js");
  write("build/out.js");
  write("src/debug.log");
  write("drafts/idea.md");
  write("docs/new-chapter.md");
  write("data/app.sqlite3");
  write("var/local.db");
  write("dumps/prod-2026-12-01.sql");
  write("terraform.tfstate");
  write("service-account.json");
  write("notes.md");
  write("exports/customers.csv");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("forced recursive deletes inside a git working tree", () => {
  it.each([
    ["rm -rf src", "allow"],
    ["rm -rf src/lib", "allow"],
    ["rm -rf node_modules build", "allow"],
    ["rm -rf drafts", "ask"],
    ["rm -rf docs", "ask"],
    ["cd docs && rm -rf .", "ask"],
    ["rm -r drafts", "ask"],
  ])("%s → %s", (command, decision) => {
    const result = check(command);
    expect(result.decision).toBe(decision);
    if (decision === "ask") expect(result.rules).toContain("fs.rm-untracked");
    // Checking never deletes anything.
    expect(existsSync(join(repo, "drafts/idea.md"))).toBe(true);
  });

  it("reads index versions 2, 3 and 4 alike", () => {
    for (const version of ["2", "3", "4"]) {
      git("update-index", "--index-version", version);
      expect([...(readIndexPaths(join(repo, ".git/index")) ?? [])].sort()).toEqual([".gitignore", "docs/guide.md", "fixtures/seed.db", "migrations/001_init.sql", "src/a.ts", "src/lib/b.ts"]);
      expect(check("rm -rf drafts").decision).toBe("ask");
      expect(check("rm -rf src").decision).toBe("allow");
    }
  });

  it("an unreadable index is unknown, which asks", () => {
    writeFileSync(join(repo, ".git/index.bak"), "");
    expect(readIndexPaths(join(repo, ".git/index.bak"))).toBeUndefined();
  });
});

describe("deletes of tracked files with uncommitted changes", () => {
  it("a same-size edit with its mtime put back is still seen (ctime differs), and asks even without -rf", async () => {
    const file = join(repo, "src/lib/b.ts");
    const before = statSync(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, "y\n");
    utimesSync(file, before.atime, before.mtime);
    for (const command of ["rm src/lib/b.ts", "rm -rf src", "find src -name '*.ts' -delete", "git ls-files | xargs rm -f"]) {
      const result = check(command);
      expect(result.decision, command).toBe("ask");
      expect(result.rules, command).toContain("fs.delete-modified");
    }
    // Files beside it, regenerable output and a clean directory stay allowed.
    for (const command of ["rm src/a.ts", "rm -rf node_modules build", "rm -rf docs/guide.md", "find src -name '*.log' -delete"]) expect(check(command).decision, command).toBe("allow");
    git("checkout", "--", "src/lib/b.ts");
    expect(check("rm -rf src").decision).toBe("allow");
    // Touched or rewritten with the same content (a formatter with nothing to change): the hash shows it is clean.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    writeFileSync(join(repo, "src/a.ts"), "x\n");
    expect(check("rm -rf src").decision).toBe("allow");
  });
});

describe("database files inside a git working tree", () => {
  it.each([
    ["rm -f data/app.sqlite3", "ask"],
    ["rm -f var/local.db", "ask"],
    ["rm -f fixtures/seed.db", "allow"],
    ["rm -rf fixtures", "allow"],
  ])("%s → %s: ignored or untracked database files are data git cannot restore; tracked ones are not", (command, decision) => {
    const result = check(command);
    expect(result.decision).toBe(decision);
    if (decision === "ask") expect(result.rules).toContain("fs.delete-database-file");
    expect(existsSync(join(repo, "data/app.sqlite3"))).toBe(true);
  });

  it("a recursive delete of a directory holding an ignored database file asks", () => {
    const result = check("rm -rf data");
    expect(result.decision).toBe("ask");
    expect(result.rules).toContain("fs.rm-untracked");
    expect(existsSync(join(repo, "data/app.sqlite3"))).toBe(true);
  });
});

describe("ignored data (dumps, state, keys) and work moved or archived out of the tree", () => {
  // The undo snapshot leaves ignored files out, so these are gone for good; one untracked notes.md is in the snapshot.
  it.each([
    ["rm -rf dumps", "ask", "fs.delete-database-file"],
    ["rm -rf exports", "ask", "fs.delete-database-file"],
    ["rm -f exports/*", "ask", "fs.delete-database-file"],
    ["rm -f dumps/*.sql", "ask", "fs.delete-database-file"],
    ["find dumps -type f -delete", "ask", "fs.delete-database-file"],
    ["rm -f terraform.tfstate", "ask", "fs.delete-database-file"],
    ["echo '{}' > terraform.tfstate", "ask", "fs.overwrite-data-file-redirect"],
    ["truncate -s 0 dumps/prod-2026-12-01.sql", "ask", "fs.overwrite-data-file"],
    ["rm service-account.json", "ask", "fs.overwrite-data-file"],
    ["mv dumps /tmp/", "ask", "fs.delete-database-file"],
    ["tar -cf /dev/null --remove-files drafts", "ask", "fs.rm-untracked"],
    ["mv drafts /tmp/old-drafts", "ask", "fs.rm-untracked"],
    ["find drafts -delete", "ask", "fs.rm-untracked"],
    ["rm -f migrations/001_init.sql", "allow", undefined],
    ["rm notes.md", "allow", undefined],
    ["rm -rf notes.md", "allow", undefined],
    ["mv notes.md /tmp/", "allow", undefined],
    ["mv drafts drafts-old", "allow", undefined],
    ["tar -cf /tmp/drafts.tar drafts", "allow", undefined],
    ["rm -rf build node_modules", "allow", undefined],
  ])("%s → %s", (command, decision, rule) => {
    const result = check(command);
    expect(result.decision).toBe(decision);
    if (rule) expect(result.rules).toContain(rule);
    expect(existsSync(join(repo, "dumps/prod-2026-12-01.sql"))).toBe(true);
  });
});
