// The parsed-rule cache is input, not truth: entries are keyed by the file's identity and change times, re-validated shard by shard, and never stand in for a file whose exact content a trust record covers.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkedRule } from "../../src/rules/cache-check";
import { diskRuleCache } from "../../src/rules/cache";
import { loadRuleSource } from "../../src/rules/load";
import { memorySource, serialiseSource, storedSource, type RuleSource, type StoredText } from "../../src/rules/source";
import { openPolicy } from "../../src/engine/policy";
import { activeRules } from "../../src/engine/active-rules";
import { writeTrust } from "../../src/config/trust-store";
import { loadBuiltinIndividually } from "../helpers/rules";

const rule = (program: string, action = "deny") =>
  `- id: test.${program}\n  action: ${action}\n  severity: low\n  message: m\n  why: w\n  instead: i\n  match: {program: ${program}}\n  examples: {match: [${program} x], not_match: [ls]}\n`;

/** A clock far enough ahead that a file written just now counts as settled (load.ts caches only files left alone for a while). */
const later = () => Date.now() + 60_000;

const guardBin = join(__dirname, "../../bin/guard");
const bwrapWorks = spawnSync("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"]).status === 0;

function textOf(entry: string): StoredText {
  const newline = entry.indexOf("\n");
  const rest = Buffer.from(entry.slice(newline + 1));
  return { header: entry.slice(0, newline), size: rest.length, slice: (start, end) => rest.toString("utf8", start, end) };
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "guard-cache-"));
  return { dir, path: join(dir, "rules.yaml"), cache: diskRuleCache(join(dir, "cache")) };
}

const idsOf = (source: RuleSource) => source.all().map((r) => r.id);
const entries = (dir: string) => readdirSync(join(dir, "cache")).filter((n) => n.endsWith(".rules"));

describe("rule cache entries", () => {
  it("a stored entry gives back every built-in rule file exactly, shard by shard (what a fresh parse caches)", () => {
    for (const file of loadBuiltinIndividually().files) {
      const { digest: _digest, ...parsed } = file;
      const source = storedSource(textOf(serialiseSource(file)), file.file, () => { throw new Error(`${file.file}: fell back to the YAML`); });
      expect(source, file.file).toBeDefined();
      expect(JSON.parse(JSON.stringify(source!.all())), file.file).toEqual(JSON.parse(JSON.stringify(parsed.rules)));
      const fresh = memorySource(file);
      for (const key of ["program:git", "program:rm", "programless", "generic"]) {
        expect(source!.shard(key).map(([n, r]) => [n, r.id]), `${file.file} ${key}`).toEqual(fresh.shard(key).map(([n, r]) => [n, r.id]));
      }
      for (const r of file.rules) expect(checkedRule(JSON.parse(JSON.stringify(r)), file.file), r.id).toBeDefined();
    }
  });

  it("reads the header and only the shards a check asks for", () => {
    const { path, dir, cache } = workspace();
    writeFileSync(path, [rule("one"), rule("two"), rule("three")].join(""));
    loadRuleSource(path, "rules.yaml", cache, later);
    const stored = readFileSync(join(dir, "cache", entries(dir)[0]), "utf8");
    const text = textOf(stored);
    const asked: number[] = [];
    const source = storedSource({ ...text, slice: (s, e) => (asked.push(s), text.slice(s, e)) }, "rules.yaml", () => { throw new Error("fell back"); })!;
    expect(source.ids).toEqual(["test.one", "test.two", "test.three"]);
    expect(source.shard("program:two").map(([, r]) => r.id)).toEqual(["test.two"]);
    expect(source.shard("program:git")).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it.each([
    ["an unknown action", (r: Record<string, unknown>) => { r.action = "maybe"; }],
    ["a config override baked in", (r: Record<string, unknown>) => { r.configured = { from: "deny", by: "x" }; }],
    ["a matcher of the wrong type", (r: Record<string, unknown>) => { (r.match as Record<string, unknown>).programs = "touch"; }],
    ["a rule filed under a program it does not name", (r: Record<string, unknown>) => { (r.match as Record<string, unknown>).programs = ["other"]; }],
    ["another file's rule", (r: Record<string, unknown>) => { r.file = "elsewhere.yaml"; }],
    ["an id the header does not list there", (r: Record<string, unknown>) => { r.id = "test.renamed"; }],
  ])("a poisoned shard (%s) is refused and the YAML parsed again", (_what, poison) => {
    const { path, dir, cache } = workspace();
    writeFileSync(path, rule("touch"));
    loadRuleSource(path, "rules.yaml", cache, later);
    const [entry] = entries(dir);
    const stored = readFileSync(join(dir, "cache", entry), "utf8");
    const newline = stored.indexOf("\n");
    const header = JSON.parse(stored.slice(0, newline));
    const shard = JSON.parse(stored.slice(newline + 1));
    poison(shard[0][1]);
    const body = JSON.stringify(shard);
    header.shards = { "program:touch": [0, Buffer.byteLength(body)] };
    writeFileSync(join(dir, "cache", entry), `${JSON.stringify(header)}\n${body}`);
    const loaded = loadRuleSource(path, "rules.yaml", cache, later);
    const [[, touch]] = loaded.source.shard("program:touch");
    expect(touch).toMatchObject({ id: "test.touch", action: "deny", file: "rules.yaml", match: expect.objectContaining({ programs: ["touch"] }) });
    expect(touch.configured).toBeUndefined();
  });

  it("a FIFO in place of a cache entry is skipped, not waited on", () => {
    const { path, dir, cache } = workspace();
    writeFileSync(path, rule("touch"));
    loadRuleSource(path, "rules.yaml", cache, later);
    const [entry] = entries(dir);
    execFileSync("sh", ["-c", `rm "$1" && mkfifo "$1"`, "sh", join(dir, "cache", entry)]);
    expect(idsOf(loadRuleSource(path, "rules.yaml", cache, later).source)).toEqual(["test.touch"]);
  });

  it("a file changed within the last seconds is read, not cached (its change time may not have moved yet)", () => {
    const { path, dir, cache } = workspace();
    writeFileSync(path, rule("touch"));
    expect(loadRuleSource(path, "rules.yaml", cache).statKey).toBeUndefined();
    expect(readdirSync(dir)).not.toContain("cache");
  });

  it("a file replaced by one of the same size and modification time is read again (another inode)", () => {
    const { path, cache } = workspace();
    writeFileSync(path, rule("aaaa"));
    loadRuleSource(path, "rules.yaml", cache, later);
    const hit = loadRuleSource(path, "rules.yaml", cache, later);
    expect(hit.digest).toBeUndefined();
    expect(idsOf(hit.source)).toEqual(["test.aaaa"]);
    const { mtime, size } = statSync(path);
    writeFileSync(`${path}.new`, rule("bbbb"));
    renameSync(`${path}.new`, path);
    utimesSync(path, mtime, mtime);
    expect(statSync(path).size).toBe(size);
    // Read from the YAML (a digest of the bytes read: a miss), and cached under another key.
    const second = loadRuleSource(path, "rules.yaml", cache, later);
    expect(second.digest).toBeDefined();
    expect(idsOf(second.source)).toEqual(["test.bbbb"]);
    expect(second.statKey).not.toBe(hit.statKey);
  });

  it("a file rewritten in place with the same size and modification time is read again (its change time moved)", async () => {
    const { path, cache } = workspace();
    writeFileSync(path, rule("aaaa"));
    loadRuleSource(path, "rules.yaml", cache, later);
    const { mtime, ino } = statSync(path);
    // Past the file system's timestamp granularity, so the kernel gives the rewrite a new change time.
    await new Promise((done) => setTimeout(done, 50));
    writeFileSync(path, rule("bbbb"));
    utimesSync(path, mtime, mtime);
    expect(statSync(path).ino).toBe(ino);
    const second = loadRuleSource(path, "rules.yaml", cache, later);
    expect(second.digest).toBeDefined();
    expect(idsOf(second.source)).toEqual(["test.bbbb"]);
  });

  it.skipIf(!bwrapWorks)("a rule file guard could not change (on a read-only mount, as a system policy's is to the agent) is read on every check, never cached", async () => {
    const root = mkdtempSync(join(tmpdir(), "guard-cache-ro-"));
    const repo = join(root, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, ".guard/rules"), { recursive: true });
    writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
    writeFileSync(join(repo, ".guard/rules/mytool.yaml"), rule("mytool"));
    const state = join(root, "state");
    mkdirSync(state);
    await new Promise((done) => setTimeout(done, 2_100));
    // Everything read-only but the state and cache directory: the repository's files cannot be changed from inside.
    const inside = () => spawnSync("bwrap", ["--ro-bind", "/", "/", "--bind", state, state, "--dev", "/dev", "--proc", "/proc", "--",
      process.execPath, guardBin, "check", "--cwd", repo, "mytool x"], { env: { PATH: process.env.PATH, HOME: join(state, "home"), XDG_CACHE_HOME: join(state, "cache"), XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, "config"), GUARD_CONFIG: join(root, "none.yaml") }, encoding: "utf8" });
    const cached = () => (existsSync(join(state, "cache/guard/rules")) ? readdirSync(join(state, "cache/guard/rules")).filter((n) => n.endsWith(".rules")) : []);
    for (let i = 0; i < 2; i++) expect(inside().stdout).toContain("test.mytool");
    expect(cached()).toEqual([]);
    // The same file, changeable: cached from the first check on.
    spawnSync(process.execPath, [guardBin, "check", "--cwd", repo, "mytool x"], { env: { PATH: process.env.PATH, HOME: join(state, "home"), XDG_CACHE_HOME: join(state, "cache"), XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, "config"), GUARD_CONFIG: join(root, "none.yaml") } });
    expect(cached()).toHaveLength(1);
  }, 30_000);
});

describe("the cache and trust", () => {
  // One project, settled once: load.ts caches only a file left alone for two seconds.
  const root = mkdtempSync(join(tmpdir(), "guard-cache-trust-"));
  const repo = join(root, "repo");
  const env = { HOME: join(root, "home"), XDG_CACHE_HOME: join(root, "cache"), XDG_STATE_HOME: join(root, "state"), XDG_CONFIG_HOME: join(root, "config"), GUARD_CONFIG: join(root, "none.yaml"), PATH: process.env.PATH ?? "" };
  const rulesDir = join(root, "cache", "guard", "rules");

  /** Replaces every cached parse with one whose project rule is gone: what an agent could write into the cache directory. */
  function forgeEntries(): number {
    let forged = 0;
    for (const name of readdirSync(rulesDir).filter((n) => n.endsWith(".rules"))) {
      const stored = readFileSync(join(rulesDir, name), "utf8");
      const header = JSON.parse(stored.slice(0, stored.indexOf("\n")));
      writeFileSync(join(rulesDir, name), `${JSON.stringify({ ...header, ids: [], lines: [], keys: [], offsets: [0] })}\n`);
      forged++;
    }
    return forged;
  }

  beforeAll(async () => {
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, ".guard/rules"), { recursive: true });
    writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
    writeFileSync(join(repo, ".guard/rules/mytool.yaml"), rule("mytool"));
    await new Promise((done) => setTimeout(done, 2_100));
  });

  it("without a trust record, a forged entry for a file the agent can write gives what writing the file would", () => {
    expect(openPolicy({ cwd: repo, env }).check("mytool x").action).toBe("deny");
    expect(forgeEntries()).toBe(1);
    // The agent could have deleted the rule from the file as well: the same verdict, no worse.
    expect(openPolicy({ cwd: repo, env }).check("mytool x").action).toBe("allow");
  });

  it("guard trust is shown the loosening the files allow as they are, not as a forged entry says", () => {
    writeFileSync(join(repo, ".guard.yaml"), "rules:\n  test.mytool: allow\n");
    // The forged entry has no test.mytool: through the cache, the entry names no rule and loosens nothing.
    expect(activeRules(repo, env).trust?.loosening).toEqual([]);
    expect(activeRules(repo, env, { fresh: true }).trust?.loosening).toEqual([{ key: "rules.test.mytool", from: "deny", to: "allow" }]);
  });

  it("with a trust record covering a loosening .guard.yaml, the project's rule files are read, never the cache", () => {
    writeFileSync(join(repo, ".guard.yaml"), "rules:\n  railway.volume-delete: allow\n");
    const trust = activeRules(repo, env).trust!;
    writeTrust({ v: 1, root: trust.root, files: { ...trust.files }, trustedAt: new Date().toISOString() }, env);
    expect(activeRules(repo, env).trust?.status).toBe("trusted");
    // The entry for the rule file as it is now is still the forged one, without the rule the trusted loosening went with.
    const policy = openPolicy({ cwd: repo, env });
    expect(policy.check("railway volume delete -v v -y").action).toBe("allow");
    expect(policy.check("mytool x").action).toBe("deny");
  });
});
