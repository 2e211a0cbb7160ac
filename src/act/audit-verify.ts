// Reading and verifying the audit log across its rotated segments and the live file, oldest first.
import { basename } from "node:path";
import { GENESIS, readLines, type AuditRecord, type LogLine, type LogProblem } from "./audit-line";
import { headPath, readHead, type ChainHead } from "./audit-head";
import { recordHash, sha256 } from "./audit-hash";
import { listSegments, type Segment } from "./audit-segments";
import { existsSync } from "node:fs";

export interface VerifyResult {
  ok: boolean;
  /** Records in the files that remain. */
  records: number;
  problems: LogProblem[];
  /** The log does not exist (yet): nothing was ever appended, which verifies. */
  missing: boolean;
  /** Rotated segments that were verified besides the live file (absent: none). */
  segments?: number;
  /** Records removed by rotation before the oldest kept one (absent: none). */
  rotated?: number;
}

interface LogFile {
  path: string;
  /** The segment number; absent for the live file. */
  segment?: number;
  lines: LogLine[];
}

/** Re-reads while a rotation moves files under the reader; rotations are far apart, so this is plenty. */
const READ_ATTEMPTS = 4;

/** The log's files, oldest segment first and the live file (when it exists) last. */
function readLogFiles(path: string): LogFile[] {
  let files: LogFile[] = [];
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = listSegments(path);
    files = [];
    let vanished = false;
    for (const segment of before) {
      const lines = readLines(segment.path);
      if (lines) files.push({ path: segment.path, segment: segment.n, lines });
      else vanished = true;
    }
    const live = readLines(path);
    if (live) files.push({ path, lines: live });
    if (!vanished && sameSegments(before, listSegments(path))) break;
  }
  return files;
}

function sameSegments(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((s, i) => s.n === b[i].n);
}

/** Problems name the segment they are in; the live file's keep the plain `line` they always had. */
function located(file: LogFile, problem: LogProblem): LogProblem {
  return file.segment === undefined ? problem : { ...problem, file: file.path };
}

/** Every record that parses, and a problem for each line that does not. A missing log is empty. */
export function readAudit(path: string): { records: AuditRecord[]; problems: LogProblem[]; rotated?: number } {
  const records: AuditRecord[] = [];
  const problems: LogProblem[] = [];
  for (const file of readLogFiles(path)) {
    for (const { line, parsed } of file.lines) {
      if ("record" in parsed) records.push(parsed.record);
      else problems.push(located(file, { line, problem: `line ${line}: ${parsed.problem}` }));
    }
  }
  const dropped = readHead(headPath(path))?.dropped;
  return { records, problems, ...(dropped?.seq ? { rotated: dropped.seq } : {}) };
}

/** Where the chain stands while walking the files. */
interface Walk {
  prevHash: string;
  prevSeq: number;
  /** What line 1 of the current file must chain from, in words. */
  before: string;
  records: number;
}

/** Recomputes every hash and checks the chain through every file; reports the first line of each distinct problem. */
export function verifyAudit(path: string): VerifyResult {
  const files = readLogFiles(path);
  const head = readHead(headPath(path));
  if (files.length === 0) {
    if (!head || head.seq === 0) return { ok: true, records: 0, problems: [], missing: true };
    return { ok: false, records: 0, missing: true, problems: [{ line: 0, problem: `the audit log was removed: its chain head (${headPath(path)}) says ${head.seq} record(s) were written, the last at ${head.time}` }] };
  }
  const dropped = head?.dropped;
  const kept = withoutLeftovers(files, dropped?.seq ?? 0);
  const problems = new FirstProblems();
  segmentGaps(kept, problems);
  const walk: Walk = {
    prevHash: dropped?.hash ?? GENESIS,
    prevSeq: dropped?.seq ?? 0,
    before: dropped?.seq ? `the last record removed by rotation (seq ${dropped.seq})` : "the start of the log",
    records: 0,
  };
  for (const file of kept) {
    walkFile(file, walk, problems);
    walk.before = `the last line of ${basename(file.path)}`;
  }
  const found = [...problems.list(), ...headProblems(path, head, { seq: walk.prevSeq, hash: walk.prevHash, records: walk.records })];
  const segments = kept.filter((f) => f.segment !== undefined).length;
  return {
    ok: found.length === 0,
    records: walk.records,
    problems: found,
    missing: false,
    ...(segments ? { segments } : {}),
    ...(dropped?.seq ? { rotated: dropped.seq } : {}),
  };
}

/**
 * Leading segments that end at or before the rotation anchor: a removal that was cut short after the
 * anchor was written. Their records are already counted as removed by rotation.
 */
function withoutLeftovers(files: LogFile[], droppedSeq: number): LogFile[] {
  let first = 0;
  while (droppedSeq > 0 && first < files.length && files[first].segment !== undefined && lastSeq(files[first]) <= droppedSeq) first++;
  return files.slice(first);
}

function lastSeq(file: LogFile): number {
  for (let i = file.lines.length - 1; i >= 0; i--) {
    const parsed = file.lines[i].parsed;
    if ("record" in parsed) return parsed.record.seq;
  }
  return Infinity;
}

/** Segment numbers are consecutive: a missing number is a segment removed from the middle. */
function segmentGaps(files: LogFile[], problems: FirstProblems): void {
  const numbers = files.flatMap((f) => (f.segment === undefined ? [] : [f.segment]));
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i] !== numbers[i - 1] + 1) {
      const name = basename(files[i].path);
      problems.add("segment", 0, `segment ${name.replace(/\d+$/, String(numbers[i - 1] + 1))} is missing: a rotated part of the log between ${basename(files[i - 1].path)} and ${name} was removed`);
      return;
    }
  }
}

function walkFile(file: LogFile, walk: Walk, problems: FirstProblems): void {
  let goodInFile = false;
  for (const { line, raw, parsed } of file.lines) {
    if (!("record" in parsed)) {
      problems.add(parsed.kind, line, `line ${line}: ${parsed.problem}`, file);
      // Chain on as appendAudit does after a corrupt line, so its successors are not blamed for it.
      walk.prevHash = sha256(raw);
      walk.prevSeq = goodInFile ? walk.prevSeq + 1 : line;
      continue;
    }
    goodInFile = true;
    walk.records++;
    checkRecord(parsed.record, { line, prevHash: walk.prevHash, prevSeq: walk.prevSeq, before: line === 1 ? walk.before : `line ${line - 1}'s hash` }, problems, file);
    walk.prevHash = parsed.record.hash;
    walk.prevSeq = parsed.record.seq;
  }
}

function checkRecord(record: AuditRecord, at: { line: number; prevHash: string; prevSeq: number; before: string }, problems: FirstProblems, file: LogFile): void {
  const { line } = at;
  const { hash, ...withoutHash } = record;
  if (recordHash(record.prev, withoutHash) !== hash) {
    problems.add("edited", line, `record edited: line ${line}'s hash does not match its content`, file);
  }
  if (record.prev !== at.prevHash) {
    problems.add("chain", line, `chain broken: a record before it was removed, reordered or edited (line ${line}'s prev is not ${at.before})`, file);
  }
  if (record.seq !== at.prevSeq + 1) {
    problems.add("seq", line, `sequence gap/reorder: line ${line} has seq ${record.seq}, expected ${at.prevSeq + 1}`, file);
  }
}

/** What the head kept outside the log says about the log's end: emptied, truncated, replaced, or no head at all. */
function headProblems(path: string, head: ChainHead | undefined, end: { seq: number; hash: string; records: number }): LogProblem[] {
  if (!head) {
    if (end.records === 0) return [];
    const why = existsSync(headPath(path)) ? "is damaged" : "is missing";
    return [{ line: 0, problem: `the chain head ${headPath(path)} ${why}: guard cannot tell whether records were removed from the end of the log` }];
  }
  if (end.seq < head.seq) {
    const what = end.records === 0 ? "the audit log was emptied" : "records were removed from the end of the audit log (truncated)";
    return [{ line: 0, problem: `${what}: it ends at seq ${end.seq}, but its chain head says ${head.seq} record(s) were written, the last at ${head.time}` }];
  }
  if (end.seq === head.seq && end.hash !== head.hash) {
    return [{ line: 0, problem: `the last record was replaced: its hash differs from the chain head's (seq ${head.seq}, ${head.time})` }];
  }
  return [];
}

/** Keeps the first occurrence of each kind of problem: one tampering usually echoes down the log. */
class FirstProblems {
  private readonly byKind = new Map<string, { order: number; problem: LogProblem }>();
  private order = 0;

  add(kind: string, line: number, problem: string, file?: LogFile): void {
    if (this.byKind.has(kind)) return;
    const base = { line, problem };
    this.byKind.set(kind, { order: this.order++, problem: file ? located(file, base) : base });
  }

  /** In the order found (file by file), which is line order within one file. */
  list(): LogProblem[] {
    return [...this.byKind.values()].sort((a, b) => a.order - b.order).map((p) => p.problem);
  }
}
