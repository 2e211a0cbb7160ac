// Containment: what guard lets run runs inside bubblewrap walls — canaries outside the tree survive a program guard cannot read.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSandbox, mergeSandbox, parseSandbox } from "../../src/config/sandbox-config";
import { defaultSettings, sandboxFor } from "../../src/config/settings";

const bwrapWorks = spawnSync("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "true"]).status === 0;
if (!bwrapWorks) console.warn("bubblewrap cannot run here: the sandbox end-to-end tests are skipped (apt install bubblewrap)");

/** A user with the sandbox configured; HOME and the canary live outside both the tree and TMPDIR. */
function world(sandbox: string) {
  const root = mkdtempSync(join(tmpdir(), "guard-sandbox-"));
  const home = join(root, "home");
  const repo = join(root, "repo");
  const tmp = join(root, "tmp");
  const outside = join(root, "outside");
  for (const d of [home, repo, tmp, outside, join(home, ".config", "guard"), join(home, ".npm")]) mkdirSync(d, { recursive: true });
  spawnSync("git", ["init", "-q", repo]);
  writeFileSync(join(outside, "canary.txt"), "still here\n");
  writeFileSync(join(home, ".config", "guard", "config.yaml"), `sandbox: ${sandbox}\n`);
  // A program guard cannot read: rm under an innocent name, outside every rule.
  copyFileSync("/bin/rm", join(root, "tidy-up"));
  spawnSync("chmod", ["+x", join(root, "tidy-up")]);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".state"), XDG_CACHE_HOME: join(home, ".cache"),
    TMPDIR: tmp, NO_COLOR: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e",
  };
  delete env.GUARD_CONFIG;
  delete env.GUARD_AUDIT_LOG;
  const exec = (args: string[], extra: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [resolve("bin/guard"), "exec", ...args], { cwd: repo, env: { ...env, ...extra }, encoding: "utf8", timeout: 60_000 });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  return { root, home, repo, outside, exec };
}

describe.skipIf(!bwrapWorks)("guard exec inside the sandbox", () => {
  // The server runs in its own process: spawnSync below blocks this one's event loop.
  let server: ChildProcess;
  let port = 0;
  beforeAll(async () => {
    server = spawn(process.execPath, ["-e", 'const s = require("http").createServer((q, r) => r.end("hello")).listen(0, "127.0.0.1", () => console.log(s.address().port))'], { stdio: ["ignore", "pipe", "inherit"] });
    port = await new Promise<number>((done) => server.stdout!.once("data", (d) => done(Number(String(d).trim()))));
  });
  afterAll(() => {
    server.kill();
  });

  it("a program guard cannot read cannot delete a directory outside the working tree", () => {
    const w = world("{mode: on}");
    const r = w.exec(["--", join(w.root, "tidy-up"), "-rf", w.outside]);
    expect(existsSync(join(w.outside, "canary.txt"))).toBe(true);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/guard: the sandbox refused a write outside the working tree.*sandbox\.write/);
  });

  it("the same program works inside the working tree", () => {
    const w = world("{mode: on}");
    mkdirSync(join(w.repo, "build"));
    writeFileSync(join(w.repo, "build", "x.o"), "");
    const r = w.exec(["--", join(w.root, "tidy-up"), "-rf", join(w.repo, "build")]);
    expect(r.code).toBe(0);
    expect(existsSync(join(w.repo, "build"))).toBe(false);
  });

  it("guard's own config is read-only inside, even through an interpreter guard lets run", () => {
    const w = world("{mode: on}");
    const config = join(w.home, ".config", "guard", "config.yaml");
    const before = readFileSync(config, "utf8");
    w.exec(["--", "node", "-e", `require("fs").writeFileSync(${JSON.stringify(config)}, "mode: audit\\n")`]);
    expect(readFileSync(config, "utf8")).toBe(before);
  });

  it("with the network off, a connection to a server on the host's loopback is refused, and guard says why", () => {
    const get = `require("http").get("http://127.0.0.1:${port}/", (r) => { r.pipe(process.stdout) }).on("error", (e) => { console.error(e.message); process.exit(3) })`;
    const off = world("{mode: on, network: off}").exec(["--", "node", "-e", get]);
    expect(off.code).toBe(3);
    expect(off.stderr).toMatch(/guard: the sandbox has no network/);
    const on = world("{mode: on, network: on}").exec(["--", "node", "-e", get]);
    expect(on.stdout).toBe("hello");
    expect(on.code).toBe(0);
  });

  it("npm test and git commit inside the project work", () => {
    const w = world("{mode: on}");
    writeFileSync(join(w.repo, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", scripts: { test: "node -e \"require('fs').writeFileSync('tested.txt','ok')\"" } }));
    const test = w.exec(["npm test"]);
    expect(test.code, test.stderr).toBe(0);
    expect(readFileSync(join(w.repo, "tested.txt"), "utf8")).toBe("ok");
    const commit = w.exec(["git add -A && git commit -qm first && git log --oneline | wc -l"]);
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.stdout.trim()).toBe("1");
  });

  it("mode: required without bubblewrap refuses to run, with a clear message", () => {
    const w = world("{mode: required}");
    mkdirSync(join(w.repo, "keep"));
    const r = w.exec(["--", "rmdir", join(w.repo, "keep")], { GUARD_BWRAP: join(w.root, "no-such-bwrap") });
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/not run: sandbox\.mode is required and the sandbox cannot start here: bwrap is not installed/);
    expect(existsSync(join(w.repo, "keep"))).toBe(true);
  });

  it("per agent: agents.NAME.sandbox applies to that agent's commands only", () => {
    const get = `require("http").get("http://127.0.0.1:${port}/", (r) => { r.pipe(process.stdout) }).on("error", (e) => { console.error(e.message); process.exit(3) })`;
    const w = world("{mode: on, network: on}\nagents: {codex: {sandbox: {network: off}}}");
    expect(w.exec(["--", "node", "-e", get], { GUARD_AGENT: "codex" }).code).toBe(3);
    expect(w.exec(["--", "node", "-e", get], { GUARD_AGENT: "claude-code" }).stdout).toBe("hello");
  });

  it("mode: on without bubblewrap runs as before and says so", () => {
    const w = world("{mode: on}");
    const r = w.exec(["--", "true"], { GUARD_BWRAP: join(w.root, "no-such-bwrap") });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/running without the sandbox: bwrap is not installed/);
  });
});

describe("sandbox config", () => {
  it("a project file may only tighten: switch it on, the network off; never off, never open paths", () => {
    const errors: string[] = [];
    expect(parseSandbox({ mode: "off" }, "project", errors)).toEqual({});
    expect(parseSandbox({ write: ["~/x"] }, "project", errors)).toEqual({});
    expect(parseSandbox({ network: "on" }, "project", errors)).toEqual({});
    expect(errors).toHaveLength(3);
    const user = mergeSandbox(defaultSandbox(), { mode: "required", network: "on", write: ["~/data"] }, "user");
    expect(mergeSandbox(user, { mode: "on", network: "off" }, "project")).toEqual({ mode: "required", network: "off", write: ["~/data"], chosen: true });
  });

  it("an agent's entry: the user's sets, a project's only tightens, the system floor holds", () => {
    const settings = defaultSettings();
    settings.sandbox = { mode: "on", write: [], network: "on" };
    settings.agentSandboxes = { codex: [{ layer: "user", value: { network: "off" } }, { layer: "project", value: { mode: "required" } }] };
    expect(sandboxFor(settings, "codex")).toMatchObject({ mode: "required", network: "off" });
    expect(sandboxFor(settings, "cursor")).toMatchObject({ mode: "on", network: "on" });
    settings.agentSandboxes = { codex: [{ layer: "user", value: { mode: "off" } }] };
    settings.sandboxFloor = { mode: "required" };
    expect(sandboxFor(settings, "codex").mode).toBe("required");
  });

  it("the system policy is a floor the user cannot lower", () => {
    const user = mergeSandbox(defaultSandbox(), { mode: "off" }, "user");
    expect(mergeSandbox(user, { mode: "required" }, "system").mode).toBe("required");
  });
});
