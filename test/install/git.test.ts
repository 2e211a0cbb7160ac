// The installed pre-push hook in a real repository with a local bare remote: force pushes and deletions of protected branches are refused.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InstallError } from "../../src/install/errors";
import { install, uninstall } from "../../src/install/install";
import { runPrePush } from "../../src/install/pre-push-command";
import { guardWithInstall } from "./support/build";
import { sandbox } from "./support/sandbox";

let guardBin = "";

beforeAll(() => {
  const found = guardWithInstall();
  guardBin = found.guardBin;
}, 180_000);

function repoWithRemote() {
  const box = sandbox({ guardBin, gitDir: false });
  const env = {
    ...box.env,
    GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.com", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_TERMINAL_PROMPT: "0",
  };
  const git = (...args: string[]) => {
    const r = spawnSync("git", args, { cwd: box.repo, env, encoding: "utf8" });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const remote = join(box.root, "remote.git");
  expect(spawnSync("git", ["init", "-q", "--bare", "-b", "main", remote], { env }).status).toBe(0);
  expect(git("init", "-q", "-b", "main").code).toBe(0);
  git("remote", "add", "origin", remote);
  const commit = (message: string) => {
    writeFileSync(join(box.repo, "file.txt"), `${message}\n`);
    git("add", "file.txt");
    expect(git("commit", "-q", "-m", message).code).toBe(0);
  };
  commit("first");
  expect(git("push", "-q", "origin", "main").code).toBe(0);
  const remoteHead = (branch: string) => spawnSync("git", ["rev-parse", `refs/heads/${branch}`], { cwd: remote, encoding: "utf8" }).stdout.trim();
  return { box, env, git, commit, remote, remoteHead, context: box.context };
}

describe("git pre-push hook", () => {
  it("installs an executable hook in .git/hooks that calls guard with absolute paths", () => {
    const { box, context } = repoWithRemote();
    const report = install({ target: "git", context });
    expect(report.scope).toBe("project");
    const hook = join(box.repo, ".git", "hooks", "pre-push");
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    expect(readFileSync(hook, "utf8")).toContain(`exec /usr/bin/env -u NODE_OPTIONS ${process.execPath} ${guardBin} pre-push "$@"`);
    expect(install({ target: "git", context }).changed).toBe(false);
  });

  it("allows a normal push, refuses a force push to main after history was rewritten", () => {
    const { box, git, commit, remoteHead, context } = repoWithRemote();
    install({ target: "git", context });
    commit("second");
    expect(git("push", "origin", "main").code).toBe(0);
    const before = remoteHead("main");
    writeFileSync(join(box.repo, "file.txt"), "rewritten\n");
    git("add", "file.txt");
    expect(git("commit", "-q", "--amend", "-m", "second, rewritten").code).toBe(0);
    const forced = git("push", "--force", "origin", "main");
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain("guard: push to origin refused");
    expect(forced.stderr).toContain("force-pushing to main [git.force-push]");
    expect(remoteHead("main")).toBe(before);
    const audit = readFileSync(box.env.GUARD_AUDIT_LOG, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ entry: "hook", decision: "deny", rules: ["git.force-push"], source: { agent: "git", hook: "pre-push", remote: "origin" } });
  });

  it("allows a force push to a branch that is not protected", () => {
    const { box, git, commit, remoteHead, context } = repoWithRemote();
    install({ target: "git", context });
    git("checkout", "-q", "-b", "topic");
    commit("topic work");
    expect(git("push", "-q", "origin", "topic").code).toBe(0);
    writeFileSync(join(box.repo, "file.txt"), "topic rewritten\n");
    git("add", "file.txt");
    git("commit", "-q", "--amend", "-m", "topic work, rewritten");
    expect(git("push", "-q", "--force", "origin", "topic").code).toBe(0);
    expect(remoteHead("topic")).toBe(git("rev-parse", "HEAD").stdout.trim());
  });

  it("refuses deleting main on the remote", () => {
    const { git, remoteHead, context } = repoWithRemote();
    install({ target: "git", context });
    const before = remoteHead("main");
    const r = git("push", "origin", ":main");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("deleting main [git.delete-remote-branch]");
    expect(remoteHead("main")).toBe(before);
  });

  it("takes protected branches from guard's config", () => {
    const { box, git, commit, context } = repoWithRemote();
    mkdirSync(join(box.home, ".config", "guard"), { recursive: true });
    writeFileSync(join(box.home, ".config", "guard", "config.yaml"), "protected_branches: [topic]\n");
    install({ target: "git", context });
    git("checkout", "-q", "-b", "topic");
    commit("topic work");
    expect(git("push", "-q", "origin", "topic").code).toBe(0);
    git("commit", "-q", "--amend", "-m", "rewritten");
    expect(git("push", "--force", "origin", "topic").code).not.toBe(0);
  });

  it("will not overwrite someone else's pre-push hook, says how to chain, and uninstall leaves it alone", () => {
    const { box, context } = repoWithRemote();
    const hook = join(box.repo, ".git", "hooks", "pre-push");
    writeFileSync(hook, "#!/bin/sh\nexec ./scripts/check-push\n", { mode: 0o755 });
    expect(() => install({ target: "git", context })).toThrow(InstallError);
    expect(() => install({ target: "git", context })).toThrow(/not guard's; guard will not overwrite it[\s\S]*guard_input=\$\(cat\)[\s\S]*pre-push "\$@" \|\| exit 1/);
    expect(uninstall({ target: "git", context }).changed).toBe(false);
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\nexec ./scripts/check-push\n");
  });

  it("uninstall removes guard's hook", () => {
    const { box, context } = repoWithRemote();
    install({ target: "git", context });
    expect(uninstall({ target: "git", context }).files[0].action).toBe("deleted");
    expect(existsSync(join(box.repo, ".git", "hooks", "pre-push"))).toBe(false);
  });

  it("refuses input it cannot read, and only logs in audit mode", () => {
    const { box, env } = repoWithRemote();
    expect(runPrePush({ remote: "origin", input: "garbage\n", cwd: box.repo, env })).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("push refused: unexpected pre-push input line") });
    const force = `refs/heads/main ${"a".repeat(40)} refs/heads/main ${"b".repeat(40)}\n`;
    expect(runPrePush({ remote: "origin", input: force, cwd: box.repo, env }).exitCode).toBe(1);
    mkdirSync(join(box.home, ".config", "guard"), { recursive: true });
    writeFileSync(join(box.home, ".config", "guard", "config.yaml"), "mode: audit\n");
    expect(runPrePush({ remote: "origin", input: force, cwd: box.repo, env })).toMatchObject({ exitCode: 0, stderr: expect.stringContaining("audit mode, not enforced") });
  });

  it("has no user scope, and needs a repository", () => {
    const box = sandbox({ guardBin, gitDir: false });
    expect(() => install({ target: "git", scope: "user", context: box.context })).toThrow(/belong to a repository/);
    expect(() => install({ target: "git", context: box.context })).toThrow(/not a git repository/);
  });
});
