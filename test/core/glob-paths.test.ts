// Patterns bash expands are matched against guard's protected paths without the filesystem; links are followed where a write lands.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { patternMayMatch, segmentsOf } from "../../src/core/glob-paths";
import { patternContainsProtected, patternProtectedKind } from "../../src/core/shell-protected-paths";
import { procLinkPath, realWritePath } from "../../src/core/real-path";

const base = { home: "/home/user", env: {} };

describe("patternMayMatch", () => {
  it("matches a glob in any component, extglob included, as bash would", () => {
    expect(patternMayMatch("/home/user/.cla[u]de/settings.json", segmentsOf("/home/user/.claude/settings.json"))).toBe(true);
    expect(patternMayMatch("/home/user/.config/g*/config.yaml", ["home", "user", ".config", "guard", "**"])).toBe(true);
    expect(patternMayMatch("/tmp/pro@(j)", segmentsOf("/tmp/proj"))).toBe(true);
    expect(patternMayMatch("/tmp/!(x)", segmentsOf("/tmp/proj"))).toBe(true);
    expect(patternMayMatch("/tmp/!(proj)", segmentsOf("/tmp/proj"))).toBe(false);
  });

  it("leaves dot names to patterns that spell the dot (dotglob is off), also for globstar", () => {
    expect(patternMayMatch("/home/user/*/settings.json", segmentsOf("/home/user/.claude/settings.json"))).toBe(false);
    expect(patternMayMatch("/home/user/project/**/*.json", ["**", ".claude", "settings.json"])).toBe(false);
  });

  it("names an ancestor only when asked", () => {
    expect(patternMayMatch("/home/user/.c*", segmentsOf("/home/user/.config/guard"))).toBe(false);
    expect(patternMayMatch("/home/user/.c*", segmentsOf("/home/user/.config/guard"), true)).toBe(true);
  });

  it("with aimed, counts a wildcard only when it is written for the name, not a broad glob that covers it", () => {
    const anywhere = ["**", "opencode.json"];
    expect(patternMayMatch("/p/build/*", anywhere)).toBe(true);
    expect(patternMayMatch("/p/build/*", anywhere, false, true)).toBe(false);
    expect(patternMayMatch("/p/build/*.json", anywhere, false, true)).toBe(false);
    expect(patternMayMatch("/p/open*.json", anywhere, false, true)).toBe(true);
    expect(patternMayMatch("/h/.cla[u]de/settings.json", ["h", ".claude", "settings.json"], false, true)).toBe(true);
    expect(patternMayMatch("/h/.*/settings.json", ["h", ".claude", "settings.json"], false, true)).toBe(false);
  });

  it("is bounded on a pathological pattern", () => {
    const long = `/${Array.from({ length: 60 }, () => "**").join("/")}/x`;
    const started = Date.now();
    patternMayMatch(long, ["**", "a", "b", "c", "d", "e", "f", "x"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("patternProtectedKind", () => {
  it.each([
    ["/home/user/.cla[u]de/settings.json", "hook-files"],
    ["/home/user/.claude/s*.json", "hook-files"],
    ["/home/user/.conf*/guard/config.yaml", "guard-files"],
    ["/home/user/.local/state/g*/trust/x.json", "guard-files"],
    ["/usr/lib/node_modules/agent-gu?rd/dist/guard.cjs", "guard-files"],
    ["/home/user/project/.gu?rd.yaml", "guard-files"],
    ["/home/user/.prof?le", "shell-rc"],
  ])("%s may be %s", (pattern, kind) => {
    expect(patternProtectedKind(pattern, base)).toBe(kind);
  });

  it.each(["/home/user/project/src/*.ts", "/home/user/project/build/**", "/tmp/*.log", "/home/user/.claude/s*.json.bak", "/home/user/*"])("%s names nothing of guard's", (pattern) => {
    expect(patternProtectedKind(pattern, base)).toBeUndefined();
    expect(patternContainsProtected(pattern, base)).toBe(false);
  });

  it("a pattern naming a directory that holds guard's files contains them", () => {
    expect(patternContainsProtected("/home/user/.conf*", base)).toBe(true);
    expect(patternContainsProtected("/home/user/.cl*de", base)).toBe(true);
  });
});

describe("realWritePath", () => {
  const root = mkdtempSync(join(tmpdir(), "guard-real-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("follows links on the way, a dangling last link, and /proc's root and cwd", () => {
    mkdirSync(join(root, "target"));
    writeFileSync(join(root, "target", "file"), "x");
    symlinkSync(join(root, "target"), join(root, "dir-link"));
    symlinkSync(join(root, "target", "new-file"), join(root, "dangling"));
    expect(realWritePath(join(root, "dir-link", "file"))).toBe(join(root, "target", "file"));
    expect(realWritePath(join(root, "dir-link", "missing", "x"))).toBe(join(root, "target", "missing", "x"));
    expect(realWritePath(join(root, "dangling"))).toBe(join(root, "target", "new-file"));
    expect(procLinkPath(`/proc/self/root${root}/x`, "/")).toBe(`${root}/x`);
    expect(procLinkPath("/proc/self/cwd/../etc/x", "/home/user/project")).toBe("/home/user/etc/x");
  });

  it("gives up on a link loop instead of looping", () => {
    symlinkSync(join(root, "loop-b"), join(root, "loop-a"));
    symlinkSync(join(root, "loop-a"), join(root, "loop-b"));
    expect(realWritePath(join(root, "loop-a", "x"))).toBeUndefined();
  });
});
