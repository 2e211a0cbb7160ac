// Taking a snapshot reads the user's index, files and stash and writes none of them; limits, pruning, failures and undoing an undo.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardInPty, guardNoTty } from "../helpers/guard";
import { fingerprint, fixtureRepo, sh, undoSandbox } from "./helpers";

const refs = (repo: string, env: Record<string, string>) => sh(repo, "git for-each-ref --format='%(refname)' refs/guard/snapshots", env).split("\n").filter(Boolean);

describe("taking a snapshot", () => {
  it("leaves the user's index, stash and files exactly as they were", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const index = join(repo, ".git", "index");
    const stashLog = join(repo, ".git", "logs", "refs", "stash");
    const before = { index: readFileSync(index), indexTime: statSync(index).mtimeMs, stash: readFileSync(stashLog), tree: fingerprint(repo, env) };
    // check --snapshot (the shell traps' call) snapshots a command without running it.
    const r = guardNoTty(["check", "--snapshot", "--", "git reset --hard HEAD~1 && git stash clear && rm untracked.txt"], { cwd: repo, env });
    expect(r.code).toBe(0);
    expect(refs(repo, env)).toHaveLength(1);
    expect(readFileSync(index).equals(before.index)).toBe(true);
    expect(statSync(index).mtimeMs).toBe(before.indexTime);
    expect(readFileSync(stashLog).equals(before.stash)).toBe(true);
    expect(existsSync(`${index}.lock`)).toBe(false);
    expect(fingerprint(repo, env)).toEqual(before.tree);
    // The snapshot holds the untracked and staged files, and keeps both stash entries reachable.
    const ref = refs(repo, env)[0];
    expect(sh(repo, `git show ${ref}:untracked.txt`, env)).toBe("untracked work\n");
    expect(sh(repo, `git show ${ref}:staged.txt`, env)).toBe("staged\n");
    expect(sh(repo, `git show ${ref}:debug.log 2>&1 || true`, env)).toMatch(/does not exist|exists on disk, but not in/);
    const parents = sh(repo, `git rev-list --parents -n 1 ${ref}`, env);
    for (const stash of sh(repo, "git stash list --format=%H", env).split("\n").filter(Boolean)) expect(parents).toContain(stash);
  });

  it("takes nothing for commands that discard nothing", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    sh(repo, "mkdir -p build/x && echo o > build/x/out.o", env); // ignored: snapshots could not hold it anyway
    for (const command of ["ls -la", "git status", "git stash", "git checkout -b new", "git checkout feature", "echo hi >> notes.log", "cat a.txt > /dev/null", "rm -f does-not-exist", "ssh host rm -rf /tmp/a.txt", "cp a.txt new.txt", "rm -rf build"]) {
      expect(guardNoTty(["check", "--snapshot", "--", command], { cwd: repo, env }).code).toBe(0);
    }
    expect(refs(repo, env)).toEqual([]);
  });

  it("leaves out untracked files over undo.max_file_size, and says which", () => {
    const { root, env } = undoSandbox("undo: {max_file_size: 1KB}\n");
    const repo = fixtureRepo(root, env);
    writeFileSync(join(repo, "big.bin"), Buffer.alloc(4096, 7));
    const r = guardNoTty(["exec", "rm a.txt"], { cwd: repo, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/leaves out big\.bin \(4\.0 KB, over undo\.max_file_size\)/);
    const undo = guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env });
    expect(undo.code).toBe(0);
    expect(readFileSync(join(repo, "a.txt"), "utf8")).toBe("one\ntwo\nthree (not committed)\n");
    // Not in the snapshot, so restoring does not remove it.
    expect(readFileSync(join(repo, "big.bin")).length).toBe(4096);
  });

  it("keeps only the newest undo.keep_count snapshots", () => {
    const { root, env } = undoSandbox("undo: {keep_count: 2}\n");
    const repo = fixtureRepo(root, env);
    for (const file of ["a.txt", "b.txt", "untracked.txt"]) expect(guardNoTty(["exec", `rm ${file}`], { cwd: repo, env }).code).toBe(0);
    const left = refs(repo, env);
    expect(left).toHaveLength(2);
    const commands = left.map((ref) => sh(repo, `git log -1 --format=%s ${ref}`, env).trim());
    expect(commands).toEqual(["guard snapshot before: rm b.txt", "guard snapshot before: rm untracked.txt"]);
  });

  it("costs four git processes for a command that deletes a file, and git writes the ref where guard should not", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    sh(repo, "git add -A && git commit -qm wip && echo change > a.txt", env); // nothing staged: no staged tree to write
    const bin = join(root, "logbin");
    mkdirSync(bin);
    const log = join(root, "git.log");
    const real = sh(repo, "command -v git", env).trim();
    writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`);
    chmodSync(join(bin, "git"), 0o755);
    const calls = (command: string) => {
      writeFileSync(log, "");
      expect(guardNoTty(["check", "--snapshot", "--", command], { cwd: repo, env: { ...env, PATH: `${bin}:${env.PATH}` } }).code).toBe(0);
      return readFileSync(log, "utf8").trim().split("\n").map((line) => line.replace(/^-c core\.hooksPath=\/dev\/null --no-pager /, "").split(" ")[0]);
    };
    // The refs are read from files and the new one written as a loose ref file, as git writes it.
    expect(calls("rm b.txt")).toEqual(["status", "update-index", "write-tree", "commit-tree"]);
    const [ref] = refs(repo, env);
    expect(sh(repo, `git show-ref --verify ${ref}`, env)).toContain(ref);
    expect(sh(repo, "git fsck --no-progress --no-dangling 2>&1", env)).toBe("");
    // A reflog for every ref, shared permissions: git writes the ref, and the reflog is there.
    sh(repo, "git config core.logAllRefUpdates always", env);
    expect(calls("rm a.txt")).toEqual(["status", "update-index", "write-tree", "commit-tree", "update-ref"]);
    expect(sh(repo, `git reflog show --format=%gs ${refs(repo, env)[1]}`, env).trim()).toBe("guard snapshot");
    sh(repo, "git config --unset core.logAllRefUpdates && git config core.sharedRepository group", env);
    expect(calls("rm run.sh")).toContain("update-ref");
    expect(refs(repo, env)).toHaveLength(3);
  });

  it("says so when no snapshot can be taken, and still runs the command", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const bin = join(root, "fakebin");
    mkdirSync(bin);
    writeFileSync(join(bin, "git"), "#!/bin/sh\necho 'fatal: broken on purpose' >&2\nexit 128\n");
    chmodSync(join(bin, "git"), 0o755);
    const r = guardNoTty(["exec", "rm untracked.txt"], { cwd: repo, env: { ...env, PATH: `${bin}:${env.PATH}` } });
    expect(r.stderr).toMatch(/guard: undo: no snapshot of .* could be taken .*; the command runs without one/);
    expect(r.code).toBe(0);
    expect(existsSync(join(repo, "untracked.txt"))).toBe(false);
  });
});

describe("repositories in unusual states", () => {
  it("a locked index (another git running) does not stop a snapshot: guard only reads the index", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    writeFileSync(join(repo, ".git", "index.lock"), "");
    const before = fingerprint(repo, env);
    const r = guardNoTty(["exec", "rm untracked.txt a.txt"], { cwd: repo, env });
    expect(r.stderr).toBe("");
    sh(repo, "rm .git/index.lock", env);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env }).code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(before);
  });

  it("keeps the staged state as a commit of its own, beside the working tree's changes", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const staged = sh(repo, "git write-tree", env).trim();
    expect(guardNoTty(["check", "--snapshot", "--", "git reset --hard"], { cwd: repo, env }).code).toBe(0);
    const ref = refs(repo, env)[0];
    const meta = JSON.parse(sh(repo, `git log -1 --format=%b ${ref}`, env).trim());
    expect(meta.index).toBe(staged);
    // A parent holds the staged tree, so gc keeps it; the snapshot's own tree has the unstaged change too.
    const parentTrees = sh(repo, `git rev-list --parents -n 1 ${ref}`, env).trim().split(" ").slice(1).map((p) => sh(repo, `git rev-parse ${p}^{tree}`, env).trim());
    expect(parentTrees).toContain(staged);
    expect(sh(repo, `git show ${ref}:a.txt`, env)).toBe("one\ntwo\nthree (not committed)\n");
    expect(sh(repo, `git show ${ref}:staged.txt`, env)).toBe("staged\n");
  });

  it("a clean working tree is HEAD's tree; a command that leaves files alone carries HEAD's tree too", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    sh(repo, "git add -A && git commit -qm wip", env);
    const headTree = sh(repo, "git rev-parse HEAD^{tree}", env).trim();
    expect(guardNoTty(["check", "--snapshot", "--", "git reset --hard HEAD~1"], { cwd: repo, env }).code).toBe(0);
    expect(guardNoTty(["check", "--snapshot", "--", "git branch -D feature"], { cwd: repo, env }).code).toBe(0);
    const [clean, branch] = refs(repo, env);
    expect(sh(repo, `git rev-parse ${clean}^{tree}`, env).trim()).toBe(headTree);
    expect(JSON.parse(sh(repo, `git log -1 --format=%b ${clean}`, env).trim())).toMatchObject({ tree: headTree, index: "head" });
    expect(sh(repo, `git rev-parse ${branch}^{tree}`, env).trim()).toBe(headTree);
  });

  it("a repository with no commit yet: staged and untracked files are snapshotted and restored", () => {
    const { root, env } = undoSandbox();
    const repo = join(root, "fresh");
    mkdirSync(repo);
    sh(repo, "git init -q && echo staged > s.txt && git add s.txt && echo mine > u.txt", env);
    const before = fingerprint(repo, env);
    expect(guardNoTty(["exec", "rm s.txt u.txt"], { cwd: repo, env }).code).toBe(0);
    expect(existsSync(join(repo, "u.txt"))).toBe(false);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env }).code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(before);
  });

  it("packed refs (git pack-refs, gc): branch tips, HEAD and older snapshots are read right, and pruned", () => {
    const { root, env } = undoSandbox("undo: {keep_count: 2}\n");
    const repo = fixtureRepo(root, env);
    expect(guardNoTty(["check", "--snapshot", "--", "rm a.txt"], { cwd: repo, env }).code).toBe(0);
    sh(repo, "git pack-refs --all", env);
    expect(sh(repo, "ls .git/refs/heads .git/refs/guard/snapshots 2>/dev/null || true", env).trim()).not.toMatch(/main|feature|\d{13}-/);
    const tips = { main: sh(repo, "git rev-parse main", env).trim(), feature: sh(repo, "git rev-parse feature", env).trim() };
    const before = fingerprint(repo, env);
    expect(guardNoTty(["exec", "git branch -D feature"], { cwd: repo, env }).code).toBe(0);
    const ref = refs(repo, env).at(-1)!;
    const meta = JSON.parse(sh(repo, `git log -1 --format=%b ${ref}`, env).trim());
    expect(meta.branches).toEqual({ feature: tips.feature });
    expect(meta.head).toEqual({ ref: "refs/heads/main", commit: tips.main });
    expect(guardNoTty(["check", "--snapshot", "--", "rm b.txt"], { cwd: repo, env }).code).toBe(0);
    // keep_count 2: the packed first snapshot is gone, the two newest stay.
    expect(refs(repo, env)).toHaveLength(2);
    expect(refs(repo, env)).toContain(ref);
    expect(guardNoTty(["undo", ref.split("-").pop()!, "--yes"], { cwd: repo, env }).code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(before);
  });

  it("a detached HEAD and a linked worktree are snapshotted and restored", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    sh(repo, "git worktree add -q ../linked feature && cd ../linked && git checkout -q --detach && echo wip > f.txt && echo new > extra.txt", env);
    const linked = join(root, "linked");
    const before = fingerprint(linked, env);
    expect(guardNoTty(["exec", "git reset --hard HEAD~1 && git clean -f"], { cwd: linked, env }).code).toBe(0);
    expect(fingerprint(linked, env)).not.toEqual(before);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: linked, env }).code).toBe(0);
    expect(fingerprint(linked, env)).toEqual(before);
  });
});

describe("guard undo", () => {
  it("lists when, command, agent and what changed since; --json for tools", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    expect(guardNoTty(["exec", "git reset --hard"], { cwd: repo, env: { ...env, GUARD_AGENT: "codex" } }).code).toBe(0);
    const list = guardNoTty(["undo"], { cwd: repo, env });
    expect(list.stdout).toMatch(/^[0-9a-f]{8} {2}\d+s ago +codex +git reset --hard +changed since: 2 files$/m);
    const json = JSON.parse(guardNoTty(["undo", "--json"], { cwd: repo, env }).stdout);
    expect(json).toEqual([expect.objectContaining({ kind: "snapshot", command: "git reset --hard", agent: "codex", cwd: repo, changedSince: "2 files" })]);
  });

  it("--last shows exactly what it restores, and needs --yes without a terminal", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    guardNoTty(["exec", "git stash drop && git branch -D feature && rm untracked.txt && echo new > created.txt"], { cwd: repo, env });
    const after = fingerprint(repo, env);
    const preview = guardNoTty(["undo", "--last"], { cwd: repo, env });
    expect(preview.stdout).toContain("restore  untracked.txt");
    expect(preview.stdout).toContain("remove   created.txt   (not in the snapshot: created since)");
    expect(preview.stdout).toMatch(/branch feature: \(deleted\) → [0-9a-f]{10}/);
    expect(preview.stdout).toMatch(/stash: re-add [0-9a-f]{10} On main: first stash|stash: re-add [0-9a-f]{10} WIP on main/);
    expect(preview.stderr).toContain("run `guard undo` with --yes");
    expect(preview.code).toBe(1);
    expect(fingerprint(repo, env)).toEqual(after);
    const plan = JSON.parse(guardNoTty(["undo", "--last", "--json"], { cwd: repo, env }).stdout);
    expect(plan.files).toEqual([{ path: "created.txt", action: "remove" }, { path: "untracked.txt", action: "restore" }]);
  });

  it("an undo can itself be undone", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    guardNoTty(["exec", "git reset --hard HEAD~1"], { cwd: repo, env });
    const afterCommand = fingerprint(repo, env);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env }).code).toBe(0);
    expect(fingerprint(repo, env)).not.toEqual(afterCommand);
    const again = guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env });
    expect(again.code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(afterCommand);
  });

  it("says when there is nothing to undo", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const r = guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing to undo");
  });
});

describe("outside a repository: the trash", () => {
  /** A user rule that asks before rm, so a human approves (the trash copy is for approved asks). */
  function askBeforeRm(extra = "") {
    const box = undoSandbox(`extra_rules: [ask-rm.yaml]\n${extra}`);
    writeFileSync(join(box.env.XDG_CONFIG_HOME, "guard", "ask-rm.yaml"), [
      "- id: test.ask-rm", "  action: ask", "  severity: high", "  message: Deletes files.", "  why: The test needs an ask.", "  instead: Do not.",
      "  match: {program: rm}", "  examples: {match: [rm x], not_match: [ls]}", "",
    ].join("\n"));
    const dir = join(box.root, "outside");
    mkdirSync(join(dir, "data", "sub"), { recursive: true });
    writeFileSync(join(dir, "data", "one.txt"), "one\n");
    writeFileSync(join(dir, "data", "sub", "two.bin"), Buffer.alloc(2048, 1));
    return { ...box, dir };
  }

  it("copies what an approved ask deletes into the XDG trash, and guard undo puts it back", () => {
    const { env, dir } = askBeforeRm();
    const ptyEnv = { ...env };
    delete ptyEnv.GUARD_NO_TTY;
    const run = guardInPty(["exec", "rm -r data"], { cwd: dir, env: ptyEnv, steps: [{ wait: "Type", send: "yes\r" }] });
    expect(run.output).toMatch(/undo: guard copies .*data \(2\.\d KB\) to the trash before this runs/);
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(dir, "data"))).toBe(false);
    const trash = join(env.XDG_DATA_HOME, "Trash");
    expect(readFileSync(join(trash, "files", "data", "one.txt"), "utf8")).toBe("one\n");
    expect(readFileSync(join(trash, "info", "data.trashinfo"), "utf8")).toMatch(new RegExp(`^\\[Trash Info\\]\\nPath=${join(dir, "data")}\\nDeletionDate=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\n$`));
    const list = guardNoTty(["undo"], { cwd: dir, env });
    expect(list.stdout).toMatch(/rm -r data +trash: .*\/outside\/data/);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: dir, env }).code).toBe(0);
    expect(readFileSync(join(dir, "data", "one.txt"), "utf8")).toBe("one\n");
    expect(readFileSync(join(dir, "data", "sub", "two.bin")).length).toBe(2048);
    expect(existsSync(join(trash, "info", "data.trashinfo"))).toBe(false);
  });

  it("says before approval when the targets are over undo.trash_max_size", () => {
    const { env, dir } = askBeforeRm("undo: {trash_max_size: 1KB}\n");
    const ptyEnv = { ...env };
    delete ptyEnv.GUARD_NO_TTY;
    const run = guardInPty(["exec", "rm -r data"], { cwd: dir, env: ptyEnv, steps: [{ wait: "Type", send: "no\r" }] });
    expect(run.output).toMatch(/undo: NO copy will be kept: .*data exceeds 1\.0 KB/);
    expect(existsSync(join(dir, "data", "one.txt"))).toBe(true); // not approved: nothing ran
  });

  it("a hook's ask copies first, and tells the human in the approval reason", () => {
    const { env, dir } = askBeforeRm();
    const payload = JSON.stringify({ session_id: "s", cwd: dir, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -r data" } });
    const r = guardNoTty(["hook", "claude-code"], { cwd: dir, env, input: payload });
    const answer = JSON.parse(r.stdout).hookSpecificOutput;
    expect(answer.permissionDecision).toBe("ask");
    expect(answer.permissionDecisionReason).toMatch(/guard copies .*data \(2\.\d KB\) to the trash/);
    expect(readFileSync(join(env.XDG_DATA_HOME, "Trash", "files", "data", "one.txt"), "utf8")).toBe("one\n");
  });
});
