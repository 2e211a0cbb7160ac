// The two views of guard's protected paths (file tools, commands) read one list, and agree on it.
import { describe, expect, it } from "vitest";
import { HOOK_FILES, SHELL_RC_FILES } from "../../src/core/guard-paths";
import { protectedPaths } from "../../src/core/protected-paths";
import { containsProtected, protectedKind } from "../../src/core/shell-protected-paths";

const home = "/home/u";
const env = { HOME: home };
const base = { home, env };

describe("guard's protected paths", () => {
  it("the command side matches the same hook and settings files as the file-tool side", () => {
    const hookFiles = protectedPaths(env, "/work/repo").filter((p) => p.kind === "agent-hooks").map((p) => p.path);
    expect(hookFiles.length).toBe(HOOK_FILES.length);
    for (const path of hookFiles) expect([path, protectedKind(path, base)]).toEqual([path, "hook-files"]);
  });

  it("the command side protects every guard directory the file-tool side lists", () => {
    for (const p of protectedPaths(env).filter((q) => q.dir)) expect([p.path, protectedKind(`${p.path}/x`, base)]).toEqual([p.path, "guard-files"]);
  });

  it("lists the same shell startup files on both sides", () => {
    const startup = protectedPaths(env).filter((p) => p.kind === "shell-startup").map((p) => p.path);
    expect(startup).toEqual([...SHELL_RC_FILES.map((f) => `${home}/${f}`), `${home}/.zshenv`]);
    for (const path of startup) expect(protectedKind(path, base)).toMatch(/^(shell-rc|hook-files)$/);
    expect(containsProtected(`${home}/.claude`, base)).toBe(true);
  });
});
