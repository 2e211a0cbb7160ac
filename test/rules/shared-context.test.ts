// A batch checks all its lines against one shared context: what git and the files say is read again for each line, not kept from the first.
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { localContext } from "../../src/engine/local-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const { dir: repo, git, write } = scratchRepo(ruleset, "guard-shared-context-");
afterAll(() => rmSync(repo, { recursive: true, force: true }));
// The context finds the repository when it is made, so the repository comes first.
git("init", "-q");

describe("one context shared by many checks, as a batch shares it", () => {
  const ctx = localContext({ cwd: repo, env: { HOME: "/nonexistent-home-for-test" } });
  const decision = (command: string) => evaluate(command, ruleset, ctx).decision;

  it("sees files git started tracking after the first check (a new index)", () => {
    write("src/a.ts");
    git("add", "-A");
    git("commit", "-qm", "init");
    write("drafts/idea.md");
    // Untracked work under drafts/: a forced recursive delete loses it.
    expect(decision("rm -rf drafts")).toBe("ask");
    git("add", "-A");
    git("commit", "-qm", "drafts");
    // Committed since: git can bring it back, and the same context must know.
    expect(decision("rm -rf drafts")).toBe("allow");
  });

  it("reads a script the command runs again when it changed between two checks", () => {
    write("tidy.py", 'print("tidy")\n');
    expect(decision("python3 tidy.py")).toBe("allow");
    write("tidy.py", 'import shutil\nshutil.rmtree("/")\n');
    expect(decision("python3 tidy.py")).toBe("deny");
  });
});
