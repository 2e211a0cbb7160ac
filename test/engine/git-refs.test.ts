// Ref reading without git: loose refs, packed-refs, linked worktrees, and "unknown" where guard cannot tell.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refReader } from "../../src/engine/git-refs";

const A = "a".repeat(40);
const B = "b".repeat(40);

function gitDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "guard-refs-")), ".git");
  mkdirSync(join(dir, "refs/heads/feature"), { recursive: true });
  writeFileSync(join(dir, "refs/heads/feature/x"), `${A}\n`);
  writeFileSync(join(dir, "packed-refs"), `# pack-refs with: peeled fully-peeled sorted\n${B} refs/remotes/origin/feature/x\n`);
  return dir;
}

describe("refReader", () => {
  it("reads loose refs, then packed-refs, and says null for a ref that is in neither", () => {
    const ref = refReader(gitDir());
    expect(ref("refs/heads/feature/x")).toBe(A);
    expect(ref("refs/remotes/origin/feature/x")).toBe(B);
    expect(ref("refs/heads/absent")).toBeNull();
  });

  it("follows a linked worktree's commondir to the shared refs", () => {
    const common = gitDir();
    const linked = join(common, "worktrees", "wt");
    mkdirSync(linked, { recursive: true });
    writeFileSync(join(linked, "commondir"), "../..\n");
    expect(refReader(linked)("refs/heads/feature/x")).toBe(A);
  });

  it("answers unknown, never absent, for reftable repositories, symbolic refs and traversal", () => {
    const dir = gitDir();
    writeFileSync(join(dir, "refs/heads/sym"), "ref: refs/heads/feature/x\n");
    expect(refReader(dir)("refs/heads/sym")).toBeUndefined();
    expect(refReader(dir)("refs/heads/../../config")).toBeUndefined();
    mkdirSync(join(dir, "reftable"));
    expect(refReader(dir)("refs/heads/absent")).toBeUndefined();
  });
});
