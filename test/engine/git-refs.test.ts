// Ref reading without git: loose refs, packed-refs, linked worktrees, and "unknown" where guard cannot tell.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refReader, refsIn } from "../../src/engine/git-refs";

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

describe("refsIn", () => {
  const C = "c".repeat(40);

  it("lists one directory of refs, loose over packed, skipping lock files and deeper refs", () => {
    const dir = gitDir();
    mkdirSync(join(dir, "refs/guard/snapshots"), { recursive: true });
    writeFileSync(join(dir, "refs/guard/snapshots/2-loose"), `${A}\n`);
    writeFileSync(join(dir, "refs/guard/snapshots/3-new.lock"), `${C}\n`);
    writeFileSync(join(dir, "packed-refs"), `# pack-refs with: peeled fully-peeled sorted\n${B} refs/guard/snapshots/1-packed\n${B} refs/guard/snapshots/2-loose\n${C} refs/guard/snapshots/deeper/x\n${C} refs/heads/main\n`);
    expect(refsIn(dir, "refs/guard/snapshots")).toEqual({
      refs: new Map([["refs/guard/snapshots/1-packed", B], ["refs/guard/snapshots/2-loose", A]]),
      packed: new Set(["refs/guard/snapshots/1-packed", "refs/guard/snapshots/2-loose"]),
    });
    expect(refsIn(dir, "refs/guard/none")).toEqual({ refs: new Map(), packed: new Set() });
  });

  it("cannot tell (undefined) for reftable, a symbolic or unreadable ref, a subdirectory or too many refs", () => {
    const make = () => {
      const dir = gitDir();
      mkdirSync(join(dir, "refs/guard/snapshots"), { recursive: true });
      writeFileSync(join(dir, "refs/guard/snapshots/1"), `${A}\n`);
      writeFileSync(join(dir, "refs/guard/snapshots/2"), `${B}\n`);
      return dir;
    };
    const reftable = make();
    mkdirSync(join(reftable, "reftable"));
    expect(refsIn(reftable, "refs/guard/snapshots")).toBeUndefined();
    const symbolic = make();
    writeFileSync(join(symbolic, "refs/guard/snapshots/3"), "ref: refs/heads/main\n");
    expect(refsIn(symbolic, "refs/guard/snapshots")).toBeUndefined();
    const nested = make();
    mkdirSync(join(nested, "refs/guard/snapshots/sub"));
    expect(refsIn(nested, "refs/guard/snapshots")).toBeUndefined();
    expect(refsIn(make(), "refs/guard/snapshots", 1)).toBeUndefined();
    const bigPacked = make();
    writeFileSync(join(bigPacked, "packed-refs"), `${C} refs/tags/t\n`.repeat(20_000));
    expect(refsIn(bigPacked, "refs/guard/snapshots")).toBeUndefined();
  });
});
