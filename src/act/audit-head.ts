// The audit log's chain head (last seq and hash), kept outside the log so that emptying, truncating or removing the log shows.
import { closeSync, constants, openSync, writeSync } from "node:fs";
import { readRegularFile } from "../core/read-regular";

export interface ChainHead {
  v: 1;
  /** The last record's seq: how many records the log has had. */
  seq: number;
  hash: string;
  time: string;
  /**
   * Set once rotation has removed old segments: the seq and hash of the last record removed, which
   * the oldest record kept must chain from.
   */
  dropped?: { seq: number; hash: string };
}

/** Beside the log (`audit.jsonl.head`), so GUARD_AUDIT_LOG and mirrors get theirs too. */
export function headPath(logPath: string): string {
  return `${logPath}.head`;
}

/** The head, or undefined when there is none (a log from before heads) or it is damaged. */
export function readHead(path: string): ChainHead | undefined {
  try {
    const value = JSON.parse(readRegularFile(path, 4096).toString("utf8")) as ChainHead;
    if (value?.v !== 1 || !Number.isInteger(value.seq) || value.seq < 0 || typeof value.hash !== "string" || typeof value.time !== "string") return undefined;
    const dropped = value.dropped;
    if (dropped !== undefined && (!Number.isInteger(dropped?.seq) || dropped.seq < 0 || typeof dropped.hash !== "string")) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** Room for the head's JSON (239 bytes with `dropped` and 13-digit seqs): written in place, padded, with one write at offset 0. */
const HEAD_BYTES = 256;

/**
 * Written in place under the log's lock: one pwrite of a fixed-size, space-padded line, so the head
 * never shrinks and a reader never sees a half-length file; cheaper than a rename on every append.
 */
export function writeHead(path: string, head: ChainHead): void {
  const text = JSON.stringify(head);
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${text.padEnd(HEAD_BYTES - 1)}\n`, 0);
  } finally {
    closeSync(fd);
  }
}
