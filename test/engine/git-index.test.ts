// The index reader answers `has` and `under` by binary search exactly as git lists the index, in every index version.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIndex } from "../../src/engine/git-index";

let repo: string;

function git(...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

// Names whose prefixes collide in byte order: `src` sorts before `src-x`, `src.txt` and `src/…`, and `src0` after.
const LONG = `deep/${"n".repeat(4200)}`;
const FILES = ["a", "src-x/one", "src.txt", "src/a.ts", "src/lib/b.ts", "src/z", "src0", "ünï/cödé.md", "zz/last", LONG];

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "guard-index-"));
  git("init", "-q");
  git("config", "core.longpaths", "true");
  for (const f of FILES) {
    // A 4,200-byte name cannot be a file on disk: it goes in through the index alone.
    if (f === LONG) continue;
    mkdirSync(join(repo, dirname(f)), { recursive: true });
    writeFileSync(join(repo, f), `${f}\n`);
  }
  git("add", "-A");
  const blob = git("hash-object", "-w", "--stdin").trim();
  git("update-index", "--add", "--cacheinfo", `100644,${blob},${LONG}`);
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

const listed = () => git("ls-files", "-z").split("\0").filter(Boolean);

describe("readIndex", () => {
  it.each(["2", "3", "4"])("index version %s: names in git's order, and has/under agree with ls-files", (version) => {
    git("update-index", "--index-version", version);
    const index = readIndex(join(repo, ".git/index"))!;
    expect(index).toBeDefined();
    expect(index.names()).toEqual(listed());
    for (const f of FILES) expect(index.has(f)).toBe(true);
    for (const missing of ["src", "src/lib", "sr", "src/a", "src/a.ts/x", "", "zz/last/"]) expect(index.has(missing)).toBe(false);
    const under = (rel: string) => [...index.under(rel)].map(([name]) => name);
    expect(under("src")).toEqual(["src/a.ts", "src/lib/b.ts", "src/z"]);
    expect(under("src/lib")).toEqual(["src/lib/b.ts"]);
    expect(under("src.txt")).toEqual(["src.txt"]);
    expect(under("sr")).toEqual([]);
    expect(under("ünï")).toEqual(["ünï/cödé.md"]);
    expect(under("")).toEqual(listed());
    expect(under("deep")).toEqual([LONG]);
  });

  it("reads each entry's recorded blob id and size", () => {
    git("update-index", "--index-version", "2");
    const [[name, stat]] = [...readIndex(join(repo, ".git/index"))!.under("src/z")];
    expect(name).toBe("src/z");
    expect(stat.oid).toBe(git("rev-parse", ":src/z").trim());
    expect(stat.size).toBe("src/z\n".length);
  });

  it("lists an unmerged path once per stage, and has() finds it", () => {
    const file = join(repo, ".git/index-unmerged");
    const blob = git("hash-object", "-w", "--stdin").trim();
    const env = { ...process.env, GIT_INDEX_FILE: file };
    const info = [1, 2, 3].map((stage) => `100644 ${blob} ${stage}\tsrc/conflict\n`).join("") + `100644 ${blob} 0\tsrc/z\n`;
    const r = spawnSync("git", ["update-index", "--index-info"], { cwd: repo, env, input: info, encoding: "utf8" });
    expect(r.status).toBe(0);
    const index = readIndex(file)!;
    expect(index.has("src/conflict")).toBe(true);
    expect([...index.under("src")].map(([name]) => name)).toEqual(["src/conflict", "src/conflict", "src/conflict", "src/z"]);
  });

  it("a truncated index cannot be read exactly: undefined", () => {
    const whole = spawnSync("cat", [join(repo, ".git/index")]).stdout as Buffer;
    const cut = join(repo, ".git/index-cut");
    writeFileSync(cut, whole.subarray(0, 200));
    expect(readIndex(cut)).toBeUndefined();
  });
});
