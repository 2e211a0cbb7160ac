// Reading a file that holds credentials through a glob (`cat .*`, `rg KEY .e*`): expanded against the real directory as bash does, judged like the name itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { localContext } from "../../src/engine/local-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const withSecret = mkdtempSync(join(tmpdir(), "guard-globs-secret-"));
const withoutSecret = mkdtempSync(join(tmpdir(), "guard-globs-plain-"));

beforeAll(() => {
  for (const dir of [withSecret, withoutSecret]) {
    writeFileSync(join(dir, ".gitignore"), "node_modules\n");
    writeFileSync(join(dir, ".eslintrc"), "{}\n");
    writeFileSync(join(dir, ".env.example"), "API_KEY=\n");
    writeFileSync(join(dir, "README.md"), "# x\n");
    mkdirSync(join(dir, "config"));
  }
  writeFileSync(join(withSecret, ".env"), "API_KEY=canary\n");
  writeFileSync(join(withSecret, "config", "server.key"), "key\n");
});

afterAll(() => {
  rmSync(withSecret, { recursive: true, force: true });
  rmSync(withoutSecret, { recursive: true, force: true });
});

const decision = (command: string, cwd: string) => evaluate(command, ruleset, localContext({ cwd, env: { HOME: "/nonexistent-home-for-test" } })).decision;

describe("a glob that bash expands to a secret file reads it", () => {
  it.each([
    "cat .*", "cat .e*", "cat .en?", "cat .[e]nv", "rg KEY .e*", "head -n 3 .env*", "grep -n API_KEY .*", "cat config/*", "cat config/*.key",
    "cp .e* /tmp/", "tar czf /tmp/x.tgz .e*", "git add -f .e*",
    // dotglob (or GLOBIGNORE) lets `*` reach dot files.
    "shopt -s dotglob; cat *", "GLOBIGNORE=x; cat *",
  ])("%s asks where .env exists", (command) => {
    expect(decision(command, withSecret)).toBe("ask");
  });

  it.each([
    "cat .*", "cat .e*", "rg KEY .e*", "head -n 3 .env*", "cat config/*", "cp .e* /tmp/", "shopt -s dotglob; cat *",
  ])("%s is allowed where the glob names no secret file", (command) => {
    expect(decision(command, withoutSecret)).toBe("allow");
  });

  it.each([
    "cat *", "cat *.md", "grep -n TODO *", "cat .eslint*", "cat .git*", "ls -la .*", "grep -l API_KEY .*",
  ])("%s is allowed even beside .env: the glob does not reach it", (command) => {
    expect(decision(command, withSecret)).toBe("allow");
  });

  it("judges a glob in a directory it cannot list by its pattern", () => {
    expect(decision('cd "$X" && cat .e*', withoutSecret)).toBe("ask");
    expect(decision('cd "$X" && cat *.md', withoutSecret)).toBe("allow");
  });
});
