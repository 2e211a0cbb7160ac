// Which commands need a snapshot, decided from the extracted invocations (never from the text): table rows.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";
import { discardPlan, emptyPlan } from "../../src/undo/plan";

const ctx = { cwd: "/work/repo", home: "/home/u", expandGlob: (p: string) => (p.endsWith("*.log") ? [p.replace("*.log", "a.log")] : undefined) };
const plan = (text: string) => discardPlan(extract(text).invocations, ctx);

describe("git commands that discard work", () => {
  it.each([
    ["git reset --hard", { worktree: true, head: true }],
    ["git -C ../other reset --hard HEAD~2", { dir: "/work/other", worktree: true }],
    ["git checkout -- src/a.ts", { worktree: true }],
    ["git checkout .", { worktree: true }],
    ["git checkout -f main", { worktree: true, head: true }],
    ["git restore --staged --worktree .", { worktree: true }],
    ["git clean -fdx", { worktree: true, ignored: true }],
    ["git stash drop stash@{1}", { stash: true }],
    ["git stash clear", { stash: true }],
    ["git reflog delete stash@{0}", { stash: true }],
    ["git reflog expire --expire=now --all", { stash: true, branches: "all" }],
    ["git stash pop", { stash: true, worktree: true }],
    ["git branch -D topic old", { branches: ["topic", "old"] }],
    ["git branch --delete --force topic", { branches: ["topic"] }],
    ["git branch -D \"$B\"", { branches: "all" }],
    ["git rebase -i main", { worktree: true, head: true }],
    ["git commit --amend --no-edit", { head: true }],
    ["git switch --discard-changes main", { worktree: true, head: true }],
    ["git switch -C topic", { branches: ["topic"] }],
    ["sudo git reset --hard", { worktree: true }],
    ["bash -c 'git clean -f'", { worktree: true }],
  ])("%s", (text, expected) => {
    const p = plan(text);
    expect(p.git).toHaveLength(1);
    expect(p.git[0]).toMatchObject({ dir: "/work/repo", ...expected });
  });

  it("`git checkout NAME` discards only if NAME is a path", () => {
    expect(plan("git checkout topic").git[0]).toMatchObject({ worktree: true, ifExists: "/work/repo/topic" });
  });
});

describe("file commands name what they discard", () => {
  it.each([
    ["rm -rf build src/a.ts", ["/work/repo/build", "/work/repo/src/a.ts"]],
    ["rm ~/notes.txt", ["/home/u/notes.txt"]],
    ["cd sub && rm x", ["/work/repo/sub/x"]],
    ["mv a.txt b.txt", ["/work/repo/a.txt", "/work/repo/b.txt", "/work/repo/b.txt/a.txt"]],
    ["cp -r src dest", ["/work/repo/dest", "/work/repo/dest/src"]],
    ["sed -i 's/a/b/' f1 f2", ["/work/repo/f1", "/work/repo/f2"]],
    ["sed -i.bak -e s/a/b/ f1", ["/work/repo/f1"]],
    ["truncate -s 0 log.txt", ["/work/repo/log.txt"]],
    ["echo x > out.txt", ["/work/repo/out.txt"]],
    ["cat a &> both.txt", ["/work/repo/both.txt"]],
    ["tee out.txt < in", ["/work/repo/out.txt"]],
    ["dd if=/dev/zero of=disk.img bs=1M count=1", ["/work/repo/disk.img"]],
    ["find build -name '*.o' -delete", ["/work/repo/build"]],
    ["find -delete", ["/work/repo"]],
    ["rm *.log", ["/work/repo/a.log"]],
    ["unlink x", ["/work/repo/x"]],
    // Archivers and rsync that delete their inputs: the inputs are gone from the tree, whatever the archive is.
    ["tar -cf /dev/null --remove-files notes a.md", ["/work/repo/notes", "/work/repo/a.md"]],
    ["tar cf /tmp/a.tar --remove-files notes", ["/work/repo/notes"]],
    ["zip -rmq /tmp/a.zip notes", ["/work/repo/notes"]],
    ["7z a /tmp/a.7z notes -sdel", ["/work/repo/notes"]],
    ["rsync -a --remove-source-files notes/ /tmp/x/", ["/work/repo/notes"]],
    ["python3 -c \"import os; os.remove('a.md')\"", ["/work/repo/a.md"]],
  ])("%s", (text, paths) => {
    expect(plan(text).files.map((f) => f.path)).toEqual(paths);
  });

  it.each(["rm \"$DIR\"/x", "xargs rm < list", "find . -exec rm {} +", "rm dir/*/x"])("%s: names unknown until run time", (text) => {
    expect(plan(text).unknownIn).toContain("/work/repo");
  });
});

describe("commands that discard nothing cost nothing", () => {
  it.each([
    "ls -la", "git status", "git diff", "git log --oneline", "git stash", "git stash list", "git commit -m 'x'", "git checkout -b new",
    "git branch -d merged", "git switch main", "git clean -n", "echo hi >> log.txt", "cat a > /dev/null", "sed s/a/b/ file", "tee -a log",
    "ssh host rm -rf /srv/data", "docker exec app rm -rf /data", "npm test", "grep -r rm .", "echo rm -rf x",
  ])("%s", (text) => {
    expect(emptyPlan(plan(text))).toBe(true);
  });
});
