// End to end on a real git repository: a delete that would take an uncommitted change is not run, and the change survives.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { guardNoTty, sandbox } from "../helpers/guard";

let work: string;
let env: Record<string, string>;

function git(...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd: work, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
}

beforeEach(() => {
  const box = sandbox();
  env = box.env;
  work = join(box.root, "work");
  mkdirSync(join(work, "src"), { recursive: true });
  git("init", "-q");
  writeFileSync(join(work, "src/util.js"), "export const v = 1;\n");
  writeFileSync(join(work, "src/other.js"), "export const o = 1;\n");
  git("add", "-A");
  git("commit", "-qm", "init");
  // The canary: an edit that exists only in the working tree.
  writeFileSync(join(work, "src/util.js"), "export const v = 2; // uncommitted canary\n");
});

describe("deleting tracked files with uncommitted changes", () => {
  it.each([["rm -rf src"], ["rm src/util.js"], ["find . -name '*.js' -delete"], ["git ls-files | xargs rm -f"]])("%s is not run; the change survives", (command) => {
    const r = guardNoTty(["exec", command], { cwd: work, env });
    expect(r.code, r.stderr).toBe(77);
    expect(r.stderr).toContain("fs.delete-modified");
    expect(readFileSync(join(work, "src/util.js"), "utf8")).toContain("uncommitted canary");
  });

  it("once the change is committed the same delete runs", () => {
    git("commit", "-qam", "keep the change");
    const r = guardNoTty(["exec", "rm src/util.js"], { cwd: work, env });
    expect(r.code, r.stderr).toBe(0);
    const restored = spawnSync("git", ["checkout", "--", "src/util.js"], { cwd: work });
    expect(restored.status).toBe(0);
    expect(readFileSync(join(work, "src/util.js"), "utf8")).toContain("uncommitted canary");
  });
});
