// Where a log file's hash chain ends (its last record's seq and hash), read from the end of the file only.
import { fstatSync, readSync } from "node:fs";
import { GENESIS, NEWLINE, parseLine, type ParsedLine } from "./audit-line";
import { sha256 } from "./audit-hash";

/** A record is rarely over 2 KB: read 8 KB first, and double only when no line ends in it. */
const TAIL_BYTES = 8 * 1024;

export interface ChainTail {
  seq: number;
  hash: string;
  needsNewline: boolean;
}

/** What the next record chains to: the last record's seq and hash. An empty file is the genesis. */
export function chainTail(fd: number): ChainTail {
  const size = fstatSync(fd).size;
  if (size === 0) return { seq: 0, hash: GENESIS, needsNewline: false };
  const { line, endsWithNewline } = lastLine(fd, size);
  const parsed = parseLine(line);
  if ("record" in parsed) return { seq: parsed.record.seq, hash: parsed.record.hash, needsNewline: !endsWithNewline };
  // A corrupt last line still gets a successor: chained to its raw bytes and numbered one past
  // the record before it, exactly as verifyAudit treats it, so the only problem reported is that line.
  return { seq: seqOfLastLine(fd, size), hash: sha256(line), needsNewline: !endsWithNewline };
}

/** The last line (without its newline), reading a growing window from the end of the file. */
function lastLine(fd: number, size: number): { line: Buffer; endsWithNewline: boolean } {
  for (let length = Math.min(TAIL_BYTES, size); ; length = Math.min(length * 2, size)) {
    const tail = readAt(fd, size - length, length);
    const endsWithNewline = tail[tail.length - 1] === NEWLINE;
    const body = endsWithNewline ? tail.subarray(0, -1) : tail;
    const start = body.lastIndexOf(NEWLINE);
    if (start >= 0 || length === size) return { line: body.subarray(start + 1), endsWithNewline };
  }
}

/**
 * The seq a corrupt last line stands for: one past the last record before it, plus the corrupt lines
 * between; its line number when no line of the file parses. Reads the whole file: only after damage.
 */
function seqOfLastLine(fd: number, size: number): number {
  const data = readAt(fd, 0, size);
  const lines = (data[data.length - 1] === NEWLINE ? data.subarray(0, -1) : data).toString("utf8").split("\n");
  return corruptLineSeq(lines.map((l) => parseLine(Buffer.from(l, "utf8"))), lines.length - 1);
}

/** The seq of the corrupt line at `index`, by the rule verifyAudit follows too. */
export function corruptLineSeq(parsed: ParsedLine[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const p = parsed[i];
    if ("record" in p) return p.record.seq + (index - i);
  }
  return index + 1;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}
