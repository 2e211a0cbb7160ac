// `git push --no-verify` asks only where it skips a pre-push hook the repository has.
import { rmSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const withHook = scratchRepo(ruleset, "guard-hook-");
const without = scratchRepo(ruleset, "guard-nohook-");

beforeAll(() => {
  for (const repo of [withHook, without]) {
    repo.git("init", "-q");
    repo.write("README.md");
    repo.git("add", "-A");
    repo.git("commit", "-qm", "init");
  }
  withHook.write(".git/hooks/pre-push", "#!/bin/sh\ngitleaks protect --staged\n");
  chmodSync(join(withHook.dir, ".git/hooks/pre-push"), 0o755);
});

afterAll(() => {
  for (const repo of [withHook, without]) rmSync(repo.dir, { recursive: true, force: true });
});

describe("git push --no-verify", () => {
  it.each(["git push --no-verify", "git push --no-verify origin HEAD", "git commit -qam wip && git push --no-verify", "git -c core.hooksPath=/dev/null push origin main"])("%s asks where a pre-push hook is installed", (command) => {
    const result = withHook.check(command);
    expect(result.decision).toBe("ask");
    expect(result.rules).toContain("git.push-skips-hooks");
  });

  it.each(["git push --no-verify", "git push --no-verify origin HEAD"])("%s is allowed where there is no hook to skip", (command) => {
    expect(without.check(command).decision).toBe("allow");
  });

  it.each(["git push origin HEAD", "git push --no-verify --dry-run", "git commit --no-verify -m wip"])("%s stays allowed with the hook installed", (command) => {
    expect(withHook.check(command).decision).toBe("allow");
  });
});
