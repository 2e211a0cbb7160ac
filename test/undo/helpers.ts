// Real git repositories for the undo tests, and a fingerprint of everything a user could lose in one.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function sh(cwd: string, command: string, env?: Record<string, string>): string {
  const r = spawnSync("bash", ["-c", command], { cwd, env: env ?? process.env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** An isolated HOME, config and state, and a user config that lets git's discarding commands run (the verdict is not under test here). */
export function undoSandbox(config = "") {
  const root = mkdtempSync(join(tmpdir(), "guard-undo-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: join(root, "home"),
    XDG_CONFIG_HOME: join(root, "config"),
    XDG_STATE_HOME: join(root, "state"),
    XDG_DATA_HOME: join(root, "data"),
    GUARD_AUDIT_LOG: join(root, "state", "audit.jsonl"),
    GUARD_NO_TTY: "1",
    NO_COLOR: "1",
    GIT_CONFIG_GLOBAL: join(root, "gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
  };
  mkdirSync(env.HOME, { recursive: true });
  mkdirSync(join(env.XDG_CONFIG_HOME, "guard"), { recursive: true });
  writeFileSync(env.GIT_CONFIG_GLOBAL, "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
  // These tests exercise snapshots of uncommitted work, so the rules that ask before discarding it
  // (fs.delete-modified: a delete of a tracked file with uncommitted changes; fs.overwrite-modified[-redirect]: a
  // write over one; git.discard-modified-file: a checkout or restore of one) are lowered here.
  const rules = ["git.reset-hard", "git.checkout-discard-all", "git.restore-worktree", "git.clean-force", "git.stash-drop", "git.branch-force-delete", "git.switch-discard", "git.clean-ignored", "fs.delete-modified", "fs.overwrite-modified", "fs.overwrite-modified-redirect", "git.discard-modified-file"];
  writeFileSync(join(env.XDG_CONFIG_HOME, "guard", "config.yaml"), `rules: {${rules.map((r) => `${r}: allow`).join(", ")}}\n${config}`);
  return { root, env };
}

/**
 * A repository with history on two branches, a tracked change, a staged new file, an untracked file
 * (also in a subdirectory), an ignored file, an executable, a symlink and two stash entries.
 */
export function fixtureRepo(root: string, env: Record<string, string>, name = "repo"): string {
  // Built once per test file and copied (cp -a keeps the index, stash reflog and modes): the suite stays fast.
  template ??= buildFixture(mkdtempSync(join(tmpdir(), "guard-undo-template-")), env);
  const repo = join(root, name);
  sh(root, `cp -a ${JSON.stringify(template)} ${JSON.stringify(repo)}`, env);
  return repo;
}

let template: string | undefined;

function buildFixture(root: string, env: Record<string, string>): string {
  const repo = join(root, "repo");
  mkdirSync(repo);
  const run = (c: string) => sh(repo, c, env);
  run("git init -q");
  writeFileSync(join(repo, "a.txt"), "one\n");
  writeFileSync(join(repo, "b.txt"), "bee\n");
  writeFileSync(join(repo, ".gitignore"), "*.log\nbuild/\n");
  mkdirSync(join(repo, "dir"));
  writeFileSync(join(repo, "dir", "tracked.txt"), "in dir\n");
  writeFileSync(join(repo, "run.sh"), "#!/bin/sh\necho hi\n");
  chmodSync(join(repo, "run.sh"), 0o755);
  symlinkSync("a.txt", join(repo, "link"));
  run("git add -A && git commit -qm first");
  writeFileSync(join(repo, "a.txt"), "one\ntwo\n");
  run("git commit -qam second && git branch feature HEAD~1 && git checkout -q feature");
  writeFileSync(join(repo, "f.txt"), "feature\n");
  run("git add f.txt && git commit -qm feature && git checkout -q main");
  // Two stash entries with distinct messages.
  writeFileSync(join(repo, "b.txt"), "stashed once\n");
  run("git stash push -q -m 'first stash'");
  writeFileSync(join(repo, "b.txt"), "stashed twice\n");
  run("git stash push -q");
  // Work in progress: a change, a staged new file, untracked files, an ignored file.
  writeFileSync(join(repo, "a.txt"), "one\ntwo\nthree (not committed)\n");
  writeFileSync(join(repo, "staged.txt"), "staged\n");
  run("git add staged.txt");
  writeFileSync(join(repo, "untracked.txt"), "untracked work\n");
  writeFileSync(join(repo, "dir", "notes.md"), "untracked notes\n");
  writeFileSync(join(repo, "debug.log"), "ignored\n");
  return repo;
}

function walk(dir: string, base: string, out: Record<string, string>): void {
  for (const name of readdirSync(dir).sort()) {
    if (base === "" && name === ".git") continue;
    const path = join(dir, name);
    const rel = base ? `${base}/${name}` : name;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) out[rel] = `link:${readlinkSync(path)}`;
    else if (stat.isDirectory()) walk(path, rel, out);
    else out[rel] = `${(stat.mode & 0o111) ? "x" : "-"}:${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
  }
}

/** Files (content and mode, untracked and ignored included), the index, HEAD, branch tips and the stash list. */
export function fingerprint(repo: string, env: Record<string, string>) {
  const files: Record<string, string> = {};
  walk(repo, "", files);
  return {
    files,
    index: sh(repo, "git ls-files -s", env),
    head: sh(repo, "git symbolic-ref -q HEAD || git rev-parse HEAD", env),
    branches: sh(repo, "git for-each-ref --format='%(refname) %(objectname)' refs/heads", env),
    stash: sh(repo, "git stash list --format='%H %gd %gs'", env),
  };
}
