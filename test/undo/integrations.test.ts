// The other paths take the snapshot too: the OpenCode plugin (in-process) and the bash trap (`guard check --snapshot`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { guardNoTty } from "../helpers/guard";
import { fingerprint, fixtureRepo, sh, undoSandbox } from "./helpers";
import { parseConfig } from "../../src/config/load";

const refs = (repo: string, env: Record<string, string>) => sh(repo, "git for-each-ref --format='%(refname)' refs/guard/snapshots", env).split("\n").filter(Boolean);

describe("other entry points", () => {
  it("the OpenCode plugin snapshots before an allowed discarding command", async () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const saved = { ...process.env };
    Object.assign(process.env, { XDG_STATE_HOME: env.XDG_STATE_HOME, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, GUARD_AUDIT_LOG: env.GUARD_AUDIT_LOG, GIT_CONFIG_GLOBAL: env.GIT_CONFIG_GLOBAL });
    try {
      const mod = await import(pathToFileURL(resolve("plugins/opencode.mjs")).href);
      const hook = (await mod.GuardPlugin({ directory: repo }))["tool.execute.before"];
      const before = fingerprint(repo, env);
      // (A forced recursive delete of untracked work would ask under the zone policy: plain deletes are allowed.)
      await hook({ tool: "bash" }, { args: { command: "rm a.txt untracked.txt" } });
      expect(refs(repo, env)).toHaveLength(1);
      sh(repo, "rm a.txt untracked.txt", env);
      expect(guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env }).code).toBe(0);
      expect(fingerprint(repo, env)).toEqual(before);
    } finally {
      process.env = saved;
    }
  });

  it("the bash trap snapshots each allowed discarding command before bash runs it", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const install = guardNoTty(["install", "bash"], { cwd: repo, env });
    expect(install.code).toBe(0);
    const script = join(env.XDG_CONFIG_HOME, "guard", "bash_env.sh");
    expect(existsSync(script)).toBe(true);
    const before = fingerprint(repo, env);
    const r = spawnSync("bash", ["-c", "rm untracked.txt; echo changed > a.txt"], { cwd: repo, env: { ...env, BASH_ENV: script }, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(existsSync(join(repo, "untracked.txt"))).toBe(false);
    expect(refs(repo, env).length).toBeGreaterThanOrEqual(1);
    // The first snapshot was taken before anything ran: restoring it brings back both.
    const first = refs(repo, env)[0].split("-").pop()!;
    expect(guardNoTty(["undo", first, "--yes"], { cwd: repo, env }).code).toBe(0);
    expect(fingerprint(repo, env)).toEqual(before);
  });
});

describe("guard shell", () => {
  it("snapshots like guard exec: it is the same flow", () => {
    const { root, env } = undoSandbox();
    const repo = fixtureRepo(root, env);
    const before = fingerprint(repo, env);
    const r = guardNoTty(["shell", "-c", "git clean -fdx"], { cwd: repo, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("guard: undo: git clean -x/-X removes ignored files, which snapshots do not hold");
    expect(existsSync(join(repo, "debug.log"))).toBe(false);
    expect(guardNoTty(["undo", "--last", "--yes"], { cwd: repo, env }).code).toBe(0);
    const after = fingerprint(repo, env);
    // Everything but the ignored file comes back.
    expect(after).toEqual({ ...before, files: Object.fromEntries(Object.entries(before.files).filter(([path]) => path !== "debug.log")) });
  });
});

describe("undo settings", () => {
  it("parses sizes and counts in the user file, and refuses the project file", () => {
    expect(parseConfig({ undo: { max_file_size: "10MB", keep_days: 3, keep_count: 20, trash_max_size: 1024, enabled: false } }, "/u.yaml", "user"))
      .toEqual({ layer: { layer: "user", file: "/u.yaml", settings: { undo: { maxFileBytes: 10 * 1024 * 1024, keepDays: 3, keepCount: 20, trashMaxBytes: 1024, enabled: false } } }, errors: [] });
    expect(parseConfig({ undo: { keep_days: -1, size: 1 } }, "/u.yaml", "user").errors).toEqual(["undo.keep_days must be a whole number", "unknown undo key `size`"]);
    expect(parseConfig({ undo: { enabled: false } }, "/p/.guard.yaml", "project").errors).toEqual(["undo can only be set in your user config or the system policy"]);
  });
});
