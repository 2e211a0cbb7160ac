// Rotation of the audit log by size: segments, pruning, verifying across files, tampering with segments, concurrent writers, `guard log` over segments.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, readAudit, verifyAudit, type AuditInput, type AuditRecord, type Rotation } from "../../src/act/audit";
import { readHead } from "../../src/act/audit-head";
import { listSegments } from "../../src/act/audit-segments";
import { auditRotation, compareWithMirror } from "../../src/act/record";
import { parseAudit } from "../../src/config/audit-config";
import { parseSize } from "../../src/config/size";
import { protectedWriteTarget } from "../../src/core/protected-paths";
import { append, appendNumbered, bundleAudit, concurrentWriters, fileLines, guardLog, writeLines } from "../helpers/audit";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshLog(): string {
  const dir = mkdtempSync(join(tmpdir(), "guard-audit-rot-"));
  dirs.push(dir);
  return join(dir, "audit.jsonl");
}

/** Each record is about 330 bytes: 1 KB rotates every three or four records. */
const SMALL: Rotation = { maxBytes: 1024, keep: 3 };

/** `null`: no rotation. */
function logWith(count: number, rotation: Rotation | null = SMALL): string {
  return appendNumbered(freshLog(), count, rotation ?? undefined);
}

describe("rotation", () => {
  it("rotates the live file into numbered segments, keeps `keep` of them, and chains through every file", () => {
    const path = logWith(40);
    const segments = listSegments(path);
    expect(segments).toHaveLength(3);
    expect(segments.map((s) => s.n)).toEqual([segments[0].n, segments[0].n + 1, segments[0].n + 2]);
    expect(segments[0].n).toBeGreaterThan(1);
    for (const s of segments) expect(statSync(s.path).size).toBeGreaterThanOrEqual(SMALL.maxBytes);
    // Rotation happens before an append, so the live file ends at most one record past the size.
    expect(statSync(path).size).toBeLessThan(SMALL.maxBytes + 400);

    const { records, rotated } = readAudit(path);
    expect(rotated).toBeGreaterThan(0);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 - (rotated as number) }, (_, i) => (rotated as number) + 1 + i));
    // The first record of each file chains from the last record of the file before it.
    const firstOfLive = JSON.parse(fileLines(path)[0]) as AuditRecord;
    const lastOfNewest = JSON.parse(fileLines(segments[2].path).at(-1) as string) as AuditRecord;
    expect(firstOfLive.prev).toBe(lastOfNewest.hash);

    expect(verifyAudit(path)).toEqual({ ok: true, records: records.length, problems: [], missing: false, segments: 3, rotated });
    expect(readHead(`${path}.head`)?.dropped?.seq).toBe(rotated);
  });

  it("keeps everything while the segments fit, and never rotates with max_size 0 or no rotation", () => {
    const kept = logWith(20, { maxBytes: 1024, keep: 100 });
    expect(verifyAudit(kept)).toMatchObject({ ok: true, records: 20, segments: listSegments(kept).length });
    expect(readAudit(kept).rotated).toBeUndefined();
    expect(listSegments(logWith(20, { maxBytes: 0, keep: 1 }))).toEqual([]);
    expect(listSegments(logWith(20, null))).toEqual([]);
  });

  it("segment names are only plain numbers: the head, the lock and stray files are not segments", () => {
    const path = logWith(12);
    writeFileSync(`${path}.7.bak`, "x");
    writeFileSync(`${path}.0`, "x");
    expect(listSegments(path).every((s) => /\.[1-9]\d*$/.test(s.path))).toBe(true);
    expect(readdirSync(resolve(path, "..")).filter((f) => f.endsWith(".head"))).toEqual(["audit.jsonl.head"]);
    expect(verifyAudit(path).ok).toBe(true);
  });

  it("a pruning cut short (head written, segment not yet removed) verifies, and the next rotation removes the leftover", () => {
    const path = logWith(30);
    const before = listSegments(path);
    const saved = `${before[0].path}.saved`;
    copyFileSync(before[0].path, saved);
    // Append until the oldest segment is pruned, then put it back as a crash before the unlink would have left it.
    while (existsSync(before[0].path)) append(path, {}, { rotation: SMALL });
    renameSync(saved, before[0].path);
    expect(verifyAudit(path)).toMatchObject({ ok: true, problems: [] });
    const n = listSegments(path).at(-1)?.n;
    while (listSegments(path).at(-1)?.n === n) append(path, {}, { rotation: SMALL });
    expect(existsSync(before[0].path)).toBe(false);
    expect(verifyAudit(path).ok).toBe(true);
  });

  it("a log that cannot rotate still takes the record", () => {
    const path = logWith(3, null);
    // A directory (not a segment) where the next segment's name should be: the rename fails.
    mkdirSync(`${path}.1`);
    writeFileSync(`${path}.1/x`, "");
    expect(appendAudit({ entry: "check", cwd: "/", command: "ls", decision: "allow", rules: [] }, { path, rotation: { maxBytes: 10, keep: 2 } }).ok).toBe(true);
    expect(fileLines(path)).toHaveLength(4);
  });
});

describe("verifying across segments: tampering", () => {
  /** A log with three kept segments and a live file, nothing pruned yet. */
  function rotatedLog(): { path: string; segs: string[] } {
    const path = logWith(14, { maxBytes: 1024, keep: 10 });
    const segs = listSegments(path).map((s) => s.path);
    expect(segs.length).toBeGreaterThanOrEqual(3);
    expect(verifyAudit(path).ok).toBe(true);
    return { path, segs };
  }

  function problems(path: string): string[] {
    const result = verifyAudit(path);
    expect(result.ok).toBe(false);
    return result.problems.map((p) => `${p.file ? basename(p.file) : "live"}:${p.line}: ${p.problem}`);
  }

  it("an edited record in a segment is reported in that segment, at its line", () => {
    const { path, segs } = rotatedLog();
    const all = fileLines(segs[1]);
    all[1] = all[1].replace(/"command":"[^"]*"/, '"command":"rm -rf /"');
    writeLines(segs[1], all);
    expect(problems(path)[0]).toMatch(/^audit\.jsonl\.2:2: record edited/);
  });

  it("a segment removed from the middle is named, and the chain break shown where it shows", () => {
    const { path, segs } = rotatedLog();
    rmSync(segs[1]);
    const found = problems(path);
    expect(found[0]).toMatch(/segment audit\.jsonl\.2 is missing/);
    expect(found.some((p) => /^audit\.jsonl\.3:1: chain broken.*last line of audit\.jsonl\.1/.test(p))).toBe(true);
  });

  it("the last segment removed: the live file no longer chains", () => {
    const { path, segs } = rotatedLog();
    rmSync(segs.at(-1) as string);
    expect(problems(path).some((p) => /^live:1: chain broken/.test(p))).toBe(true);
  });

  it("the oldest segment removed by hand (not by rotation)", () => {
    const { path, segs } = rotatedLog();
    rmSync(segs[0]);
    expect(problems(path)).toEqual([
      expect.stringMatching(/^audit\.jsonl\.2:1: chain broken: .*the start of the log/),
      expect.stringMatching(/^audit\.jsonl\.2:1: sequence gap\/reorder: line 1 has seq \d+, expected 1/),
    ]);
  });

  it("after rotation removed old segments, removing the oldest kept one still shows", () => {
    const path = logWith(40);
    rmSync(listSegments(path)[0].path);
    expect(problems(path)[0]).toMatch(/:1: chain broken: .*not the last record removed by rotation \(seq \d+\)/);
  });

  it("a truncated segment", () => {
    const { path, segs } = rotatedLog();
    writeLines(segs[0], fileLines(segs[0]).slice(0, -1));
    expect(problems(path)[0]).toMatch(/^audit\.jsonl\.2:1: chain broken/);
  });

  it("two segments swapped", () => {
    const { path, segs } = rotatedLog();
    renameSync(segs[0], `${segs[0]}.tmp`);
    renameSync(segs[1], segs[0]);
    renameSync(`${segs[0]}.tmp`, segs[1]);
    expect(problems(path)[0]).toMatch(/^audit\.jsonl\.1:1: chain broken/);
  });

  it("records reordered inside a segment", () => {
    const { path, segs } = rotatedLog();
    const all = fileLines(segs[1]);
    [all[0], all[1]] = [all[1], all[0]];
    writeLines(segs[1], all);
    expect(problems(path)[0]).toMatch(/^audit\.jsonl\.2:1: chain broken/);
  });

  it("the live file truncated or removed after a rotation: the head shows it", () => {
    const { path } = rotatedLog();
    writeLines(path, fileLines(path).slice(0, -1));
    expect(problems(path)).toEqual([expect.stringMatching(/^live:0: records were removed from the end of the audit log \(truncated\)/)]);
    rmSync(path);
    expect(problems(path)).toEqual([expect.stringMatching(/^live:0: records were removed from the end/)]);
  });

  it("every segment and the live file removed: the head still says records were written", () => {
    const { path, segs } = rotatedLog();
    for (const s of [...segs, path]) rmSync(s);
    expect(verifyAudit(path)).toMatchObject({ ok: false, missing: true, problems: [{ problem: expect.stringMatching(/the audit log was removed/) }] });
  });
});

describe("concurrent writers with rotation", () => {
  let bundle: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-audit-rot-bundle-"));
    dirs.push(dir);
    bundle = await bundleAudit(dir);
  });

  it("4 processes × 40 appends rotating every few records: every record once, in order, chain valid", async () => {
    const path = freshLog();
    expect(await concurrentWriters(bundle, path, 4, 40, { maxBytes: 2048, keep: 1000 })).toEqual([0, 0, 0, 0]);
    const { records } = readAudit(path);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.command)).size).toBe(160);
    expect(listSegments(path).length).toBeGreaterThan(10);
    expect(verifyAudit(path)).toMatchObject({ ok: true, records: 160, problems: [] });
  }, 60_000);

  it("with pruning too: what remains verifies and ends at the last record", async () => {
    const path = freshLog();
    expect(await concurrentWriters(bundle, path, 4, 30, { maxBytes: 2048, keep: 2 })).toEqual([0, 0, 0, 0]);
    const result = verifyAudit(path);
    expect(result).toMatchObject({ ok: true, problems: [], segments: 2 });
    expect((result.rotated as number) + result.records).toBe(120);
  }, 60_000);
});

describe("guard log over segments", () => {
  it("lists, summarises and verifies records from every kept segment", async () => {
    const path = freshLog();
    for (let i = 1; i <= 30; i++) append(path, { command: `echo ${i}`, decision: i % 10 === 0 ? "deny" : "allow", rules: i % 10 === 0 ? ["git.reset-hard"] : [] }, { rotation: SMALL });
    const { records, rotated } = readAudit(path);
    const json = await guardLog(path, "--json");
    expect(json.stdout.trim().split("\n")).toHaveLength(records.length);
    expect(records.length).toBeGreaterThan(fileLines(path).length);
    const denied = await guardLog(path, "--decision", "deny", "--json");
    expect(denied.stdout.trim().split("\n").map((l) => (JSON.parse(l) as AuditRecord).command)).toEqual(records.filter((r) => r.decision === "deny").map((r) => r.command));
    const summary = JSON.parse((await guardLog(path, "--summary", "--json")).stdout) as { periods: { records: number }[] };
    expect(summary.periods[0].records).toBe(records.length);
    const ok = await guardLog(path, "--verify");
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe(`audit log OK: ${records.length} records in 3 rotated segment(s) and the live file, after ${rotated} older record(s) removed by rotation, chain intact (${path})\n`);
  });

  it("--verify names the segment file and line of a problem", async () => {
    const path = logWith(14, { maxBytes: 1024, keep: 10 });
    const seg = listSegments(path)[1].path;
    const all = fileLines(seg);
    all[0] = all[0].replace('"allow"', '"deny"');
    writeLines(seg, all);
    const bad = await guardLog(path, "--verify");
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(`${seg}:1: record edited`);
  });
});

describe("the mirror and rotation", () => {
  it("records rotated out of the local log are not reported missing; records removed from what is kept still are", () => {
    const local = freshLog();
    const mirror = freshLog();
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    for (let i = 0; i < 30; i++) {
      const input: AuditInput = { entry: "check", cwd: "/", command: `echo ${i}`, decision: "allow", rules: [] };
      appendAudit(input, { path: local, now: () => at(i), rotation: SMALL });
      appendAudit(input, { path: mirror, now: () => at(i) });
    }
    expect(readAudit(local).rotated).toBeGreaterThan(0);
    expect(compareWithMirror(local, mirror)).toEqual([]);
    writeLines(local, fileLines(local).slice(0, -1));
    expect(compareWithMirror(local, mirror)).toEqual([expect.stringMatching(/^1 record\(s\) in the mirror/)]);
  });
});

describe("config: audit.max_size and audit.keep_segments", () => {
  it("reads sizes with units and whole segment counts, and rejects the rest", () => {
    expect([parseSize("10MB"), parseSize("512 KB"), parseSize("1g"), parseSize(4096), parseSize("0")]).toEqual([10 * 1024 ** 2, 512 * 1024, 1024 ** 3, 4096, 0]);
    expect([parseSize("ten"), parseSize(-1), parseSize("5 XB"), parseSize(true)]).toEqual([undefined, undefined, undefined, undefined]);
    const errors: string[] = [];
    expect(parseAudit({ max_size: "2MB", keep_segments: 3 }, "/x/config.yaml", errors)).toEqual({ maxBytes: 2 * 1024 ** 2, keepSegments: 3 });
    expect(errors).toEqual([]);
    parseAudit({ max_size: "lots", keep_segments: 0, rotate: true }, "/x/config.yaml", errors);
    expect(errors).toEqual([
      expect.stringMatching(/unknown audit key `rotate`/),
      expect.stringMatching(/audit.max_size must be a size/),
      expect.stringMatching(/audit.keep_segments must be a whole number/),
    ]);
  });

  it("defaults to 10 MB and 5 segments", () => {
    expect(auditRotation(undefined)).toEqual({ maxBytes: 10 * 1024 * 1024, keep: 5 });
    expect(auditRotation({ maxBytes: 0 })).toEqual({ maxBytes: 0, keep: 5 });
  });
});

describe("self-protection of a log kept elsewhere (GUARD_AUDIT_LOG)", () => {
  it("covers its lock, head and rotated segments, not files that only start with its name", () => {
    const env = { HOME: "/home/u", GUARD_AUDIT_LOG: "/var/tmp/logs/audit.jsonl" };
    const at = (target: string) => protectedWriteTarget(target, { cwd: "/", env })?.kind;
    for (const name of ["audit.jsonl", "audit.jsonl.lock", "audit.jsonl.head", "audit.jsonl.3"]) expect(at(`/var/tmp/logs/${name}`), name).toBe("guard-audit");
    expect(at("/var/tmp/logs")).toBe("guard-audit");
    expect(at("/var/tmp/logs/audit.jsonlx")).toBeUndefined();
    expect(at("/var/tmp/logs/other.jsonl")).toBeUndefined();
  });
});
