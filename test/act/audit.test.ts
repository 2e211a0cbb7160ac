// The audit log: appending, the hash chain, tamper detection, failure without throwing, concurrency and `guard log`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appendAudit, auditLogPath, GENESIS, readAudit, recordHash, verifyAudit, type AuditRecord } from "../../src/act/audit";
import { CliError } from "../../src/cli/errors";
import { append, appendNumbered, auditInput, bundleAudit, concurrentWriters, fileLines, guardLog, restoreEnv, writeLines } from "../helpers/audit";

const isRoot = process.getuid?.() === 0;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "guard-audit-"));
}

/** A log path whose directories do not exist yet: appendAudit must create them. */
function freshLog(): string {
  return join(tempDir(), "state", "guard", "audit.jsonl");
}

function logWith(count: number): string {
  return appendNumbered(freshLog(), count);
}

describe("auditLogPath", () => {
  it("prefers GUARD_AUDIT_LOG, then XDG_STATE_HOME, then ~/.local/state", () => {
    expect(auditLogPath({ GUARD_AUDIT_LOG: "/tmp/x/a.jsonl", XDG_STATE_HOME: "/s", HOME: "/h" })).toBe("/tmp/x/a.jsonl");
    expect(auditLogPath({ XDG_STATE_HOME: "/s", HOME: "/h" })).toBe("/s/guard/audit.jsonl");
    expect(auditLogPath({ HOME: "/h" })).toBe("/h/.local/state/guard/audit.jsonl");
    expect(auditLogPath({ XDG_STATE_HOME: "relative", HOME: "/h" })).toBe("/h/.local/state/guard/audit.jsonl");
  });
});

describe("appendAudit", () => {
  it("appends records with seq, time and a hash chain, and reads them back", () => {
    const path = freshLog();
    const t1 = new Date("2025-03-01T10:00:00.000Z");
    const first = append(path, { decision: "deny", rules: ["fs.rm-recursive-catastrophic"], command: "rm -rf /" }, { now: t1 });
    const second = append(path, {
      entry: "exec",
      source: { agent: "claude-code", session: "abc" },
      approval: { how: "prompt", at: "2025-03-01T10:00:01.000Z" },
      exitCode: 0,
      durationMs: 12,
      note: "audit mode",
    });

    expect(first).toMatchObject({ v: 1, seq: 1, time: t1.toISOString(), prev: GENESIS, entry: "check", decision: "deny", rules: ["fs.rm-recursive-catastrophic"], cwd: "/repo" });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const { hash, ...withoutHash } = first;
    expect(hash).toBe(createHash("sha256").update(`${GENESIS}\n${canonical(withoutHash)}`).digest("hex"));
    expect(second).toMatchObject({ seq: 2, prev: first.hash, entry: "exec", exitCode: 0, durationMs: 12, note: "audit mode", source: { agent: "claude-code", session: "abc" } });

    const { records, problems } = readAudit(path);
    expect(problems).toEqual([]);
    expect(records).toEqual([first, second]);
    expect(fileLines(path)).toHaveLength(2);
  });

  it("creates the file 0600 in a directory 0700", () => {
    const path = freshLog();
    append(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, "..")).mode & 0o777).toBe(0o700);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("redacts the command before writing it", () => {
    const path = freshLog();
    const record = append(path, { command: "RAILWAY_TOKEN=s3cr3t-value railway up" });
    expect(record.command).toBe("RAILWAY_TOKEN=[REDACTED] railway up");
    expect(readFileSync(path, "utf8")).not.toContain("s3cr3t-value");
  });

  it("uses GUARD_AUDIT_LOG when no path is given", () => {
    const path = freshLog();
    const saved = process.env.GUARD_AUDIT_LOG;
    process.env.GUARD_AUDIT_LOG = path;
    try {
      expect(appendAudit(auditInput()).ok).toBe(true);
    } finally {
      restoreEnv("GUARD_AUDIT_LOG", saved);
    }
    expect(readAudit(path).records).toHaveLength(1);
  });

  it("returns ok:false, never throws, when the location cannot be written", () => {
    const file = join(tempDir(), "plain-file");
    writeFileSync(file, "");
    const result = appendAudit(auditInput(), { path: join(file, "audit.jsonl") });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/cannot write the audit log .*plain-file\/audit\.jsonl: a parent of the path is not a directory/);
    // and a file under it fails the same way, whichever call notices first
    expect(appendAudit(auditInput(), { path: join(file, "deeper", "audit.jsonl") }).ok).toBe(false);
  });

  it("returns ok:false when the path is a directory", () => {
    const dir = tempDir();
    const result = appendAudit(auditInput(), { path: dir });
    expect(result.ok).toBe(false);
  });

  it.skipIf(isRoot)("returns ok:false in a read-only directory", () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    try {
      const result = appendAudit(auditInput(), { path: join(dir, "audit.jsonl") });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/permission denied/) });
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it("continues the chain after a corrupt last line, so verify blames only that line", () => {
    const path = logWith(2);
    writeFileSync(path, readFileSync(path, "utf8") + "garbage\n");
    const record = append(path);
    expect(record.seq).toBe(4);
    expect(record.prev).toBe(createHash("sha256").update("garbage").digest("hex"));
    const result = verifyAudit(path);
    expect(result.problems).toEqual([{ line: 3, problem: expect.stringMatching(/^line 3: not valid JSON/) }]);
  });

  it("does not glue its line onto a last line that lacks its newline", () => {
    const path = logWith(1);
    writeFileSync(path, readFileSync(path, "utf8") + '{"partial":');
    append(path);
    const all = fileLines(path);
    expect(all).toHaveLength(3);
    expect(all[1]).toBe('{"partial":');
    expect(JSON.parse(all[2]).seq).toBe(3);
  });

  it("reads only the tail, even when the last line is longer than the first read", () => {
    const path = freshLog();
    append(path, { command: `echo ${"x".repeat(200_000)}` });
    const record = append(path);
    expect(record.seq).toBe(2);
    expect(verifyAudit(path)).toMatchObject({ ok: true, records: 2 });
  });

  it("removes a stale lock (older than 10 s) and appends", () => {
    const path = logWith(1);
    writeFileSync(`${path}.lock`, "");
    const old = new Date(Date.now() - 20_000);
    utimesSync(`${path}.lock`, old, old);
    expect(appendAudit(auditInput(), { path }).ok).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("gives up with ok:false while another live guard holds the lock", () => {
    const path = logWith(1);
    writeFileSync(`${path}.lock`, `${process.pid}\n`);
    const result = appendAudit(auditInput(), { path, lockWaitMs: 200 });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/lock/) });
    expect(existsSync(`${path}.lock`)).toBe(true);
  });
});

describe("verifyAudit", () => {
  it("accepts an intact log", () => {
    expect(verifyAudit(logWith(5))).toEqual({ ok: true, records: 5, problems: [], missing: false });
  });

  it("accepts a missing or empty log, saying when it is missing", () => {
    const path = freshLog();
    expect(verifyAudit(path)).toEqual({ ok: true, records: 0, problems: [], missing: true });
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "");
    expect(verifyAudit(path)).toEqual({ ok: true, records: 0, problems: [], missing: false });
    expect(readAudit(join(tempDir(), "none.jsonl"))).toEqual({ records: [], problems: [] });
  });

  it("reports an edited record at its line", () => {
    const path = logWith(5);
    const all = fileLines(path);
    const edited = JSON.parse(all[2]);
    edited.command = "echo innocent";
    all[2] = JSON.stringify(edited);
    writeLines(path, all);
    const result = verifyAudit(path);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ line: 3, problem: expect.stringMatching(/^record edited: line 3/) }]);
  });

  it("reports an edited record whose hash was recomputed as a broken chain at the next line", () => {
    const path = logWith(5);
    const all = fileLines(path);
    const { hash: _old, ...edited } = JSON.parse(all[2]) as AuditRecord;
    edited.command = "echo innocent";
    all[2] = JSON.stringify({ ...edited, hash: recordHash(edited.prev, edited) });
    writeLines(path, all);
    expect(verifyAudit(path).problems).toEqual([{ line: 4, problem: expect.stringMatching(/^chain broken/) }]);
  });

  it("reports a deleted middle record as a broken chain (and a seq gap) at the next line", () => {
    const path = logWith(5);
    const all = fileLines(path);
    all.splice(2, 1);
    writeLines(path, all);
    const result = verifyAudit(path);
    expect(result.ok).toBe(false);
    expect(result.records).toBe(4);
    expect(result.problems).toEqual([
      { line: 3, problem: expect.stringMatching(/^chain broken: a record before it was removed, reordered or edited/) },
      { line: 3, problem: expect.stringMatching(/^sequence gap\/reorder: line 3 has seq 4, expected 3/) },
    ]);
  });

  it("reports a deleted first record", () => {
    const path = logWith(3);
    writeLines(path, fileLines(path).slice(1));
    const kinds = verifyAudit(path).problems.map((p) => [p.line, p.problem.split(":")[0]]);
    expect(kinds).toEqual([[1, "chain broken"], [1, "sequence gap/reorder"]]);
  });

  it("reports two swapped records", () => {
    const path = logWith(5);
    const all = fileLines(path);
    [all[1], all[2]] = [all[2], all[1]];
    writeLines(path, all);
    const result = verifyAudit(path);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.line)).toEqual([2, 2]);
    expect(result.problems[0].problem).toMatch(/^chain broken/);
    expect(result.problems[1].problem).toMatch(/^sequence gap\/reorder/);
  });

  it("reports a line that is not JSON, and one that is JSON but no record", () => {
    const path = logWith(5);
    const all = fileLines(path);
    all[1] = "{not json";
    all[3] = '{"hello": "world"}';
    writeLines(path, all);
    const result = verifyAudit(path);
    expect(result.ok).toBe(false);
    expect(result.records).toBe(3);
    expect(result.problems).toContainEqual({ line: 2, problem: expect.stringMatching(/^line 2: not valid JSON/) });
    expect(result.problems).toContainEqual({ line: 4, problem: expect.stringMatching(/^line 4: not an audit record/) });
    expect(readAudit(path).problems.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe("concurrent appends", () => {
  let bundle: string;

  beforeAll(async () => {
    bundle = await bundleAudit(tempDir());
  });

  it("20 processes × 50 appends: no line lost or interleaved, seq 1..1000, chain valid", async () => {
    const path = freshLog();
    const statuses = await concurrentWriters(bundle, path, 20, 50);
    expect(statuses).toEqual(Array(20).fill(0));

    const all = fileLines(path);
    expect(all).toHaveLength(1000);
    const records = all.map((l) => JSON.parse(l) as AuditRecord);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.command)).size).toBe(1000);
    expect(verifyAudit(path)).toEqual({ ok: true, records: 1000, problems: [], missing: false });
  }, 60_000);
});

describe("guard log", () => {
  let path: string;

  beforeEach(() => {
    path = freshLog();
  });

  function jsonOut(stdout: string): AuditRecord[] {
    return stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  }

  function seedLog(): void {
    const hour = 3_600_000;
    append(path, { decision: "deny", rules: ["git.push-force"], command: "git push -f" }, { now: new Date(Date.now() - 3 * hour) });
    append(path, { decision: "ask", rules: ["railway.volume-delete"], command: "railway volume delete" }, { now: new Date(Date.now() - 2 * hour) });
    append(path, { decision: "deny", rules: ["git.reset-hard", "fs.rm-recursive-catastrophic"], command: "git reset --hard && rm -rf ~" }, { now: new Date(Date.now() - 60_000) });
    append(path, { entry: "exec", decision: "allow", rules: [], command: "ls\n\x1b[2J", exitCode: 2 }, { now: new Date() });
  }

  it("--json prints every record unchanged", async () => {
    seedLog();
    const { stdout, exitCode } = await guardLog(path, "--json");
    expect(stdout).toBe(readFileSync(path, "utf8"));
    expect(exitCode).toBe(0);
  });

  it("--decision filters by decision", async () => {
    seedLog();
    const records = jsonOut((await guardLog(path, "--json", "--decision", "deny")).stdout);
    expect(records.map((r) => r.seq)).toEqual([1, 3]);
  });

  it("--rule matches an exact id or a trailing-* prefix", async () => {
    seedLog();
    expect(jsonOut((await guardLog(path, "--json", "--rule", "git.*")).stdout).map((r) => r.seq)).toEqual([1, 3]);
    expect(jsonOut((await guardLog(path, "--json", "--rule", "fs.rm-recursive-catastrophic")).stdout).map((r) => r.seq)).toEqual([3]);
    expect(jsonOut((await guardLog(path, "--json", "--rule", "git")).stdout)).toEqual([]);
  });

  it("--since takes a relative duration or an ISO date", async () => {
    seedLog();
    expect(jsonOut((await guardLog(path, "--json", "--since", "90m")).stdout).map((r) => r.seq)).toEqual([3, 4]);
    expect(jsonOut((await guardLog(path, "--json", "--since", "1d")).stdout)).toHaveLength(4);
    const iso = new Date(Date.now() - 150 * 60_000).toISOString();
    expect(jsonOut((await guardLog(path, "--json", "--since", iso)).stdout).map((r) => r.seq)).toEqual([2, 3, 4]);
  });

  it("--limit keeps the last n matching records", async () => {
    seedLog();
    expect(jsonOut((await guardLog(path, "--json", "--limit", "2")).stdout).map((r) => r.seq)).toEqual([3, 4]);
  });

  it("prints one human line per record, with the exit code and no raw control characters", async () => {
    seedLog();
    const { stdout } = await guardLog(path);
    const out = stdout.split("\n").filter(Boolean);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^\S+Z {2}DENY {3}check {4}git\.push-force {2}git push -f$/);
    expect(out[2]).toContain("git.reset-hard,fs.rm-recursive-catastrophic");
    expect(out[3]).toMatch(/ALLOW  exec .* - {2}ls\\n\\x1b\[2J {2}\(exit 2\)$/);
    expect(stdout).not.toContain("\x1b");
  });

  it("rejects a bad --since, --decision or --limit with a usage error (exit 64)", async () => {
    await expect(guardLog(path, "--since", "yesterday")).rejects.toThrow(CliError);
    await expect(guardLog(path, "--decision", "block")).rejects.toMatchObject({ exitCode: 64 });
    await expect(guardLog(path, "--limit", "-1")).rejects.toThrow(CliError);
  });

  it("--verify exits 0 on an intact log and 1 naming each problem", async () => {
    seedLog();
    const ok = await guardLog(path, "--verify");
    expect(ok.stdout).toBe(`audit log OK: 4 records, chain intact (${path})\n`);
    expect(ok.exitCode).toBe(0);

    const all = fileLines(path);
    all.splice(1, 1);
    writeLines(path, all);
    const bad = await guardLog(path, "--verify");
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(`${path}:2: chain broken`);
    expect(bad.stdout).toContain(`${path}:2: sequence gap/reorder`);
  });

  it("--verify on a missing log is OK", async () => {
    const { stdout, exitCode } = await guardLog(path, "--verify");
    expect(stdout).toMatch(/^audit log OK: no log yet/);
    expect(exitCode).toBe(0);
  });

  it("warns about damaged lines while listing", async () => {
    seedLog();
    writeFileSync(path, readFileSync(path, "utf8") + "oops\n");
    const { stdout, stderr } = await guardLog(path, "--json");
    expect(jsonOut(stdout)).toHaveLength(4);
    expect(stderr).toContain(`${path}:5: line 5: not valid JSON`);
  });
});

/** Canonical JSON as the README defines it, written independently of the implementation. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

describe("lock holders", () => {
  it("breaks at once a lock whose holder died, whatever its age", () => {
    const path = logWith(1);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(`${path}.lock`, `${dead}\n`);
    const started = Date.now();
    expect(appendAudit(auditInput(), { path, lockWaitMs: 5_000 }).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("breaks a lock that names no PID (not guard's) after a moment, not after seconds", () => {
    const path = logWith(1);
    writeFileSync(`${path}.lock`, "");
    const started = Date.now();
    expect(appendAudit(auditInput(), { path, lockWaitMs: 5_000 }).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
