// Size-based rotation of the audit log: the live file becomes a numbered segment, and the oldest segments beyond the limit are removed.
//
// Segments sit beside the log as `audit.jsonl.1`, `audit.jsonl.2`, … numbered in the order they
// were rotated (never renumbered, so a rotation is one rename). The live file's next record chains
// from the last record of the newest segment, so the chain runs unbroken through every file. When
// old segments are removed, the chain tail of the last removed record is first written to the head
// (`dropped`), so `guard log --verify` knows where what remains must start: removing the oldest
// kept segment by hand still shows, as does removing, truncating or swapping any other.
import { closeSync, openSync, readdirSync, renameSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { chainTail, type ChainTail } from "./audit-tail";
import { errorCode } from "./file-lock";

/** When to rotate and how many rotated segments to keep. */
export interface Rotation {
  /** Rotate once the live file has reached this many bytes; 0 never rotates. */
  maxBytes: number;
  /** Rotated segments kept besides the live file (at least 1). */
  keep: number;
}

export const DEFAULT_ROTATION: Rotation = { maxBytes: 10 * 1024 * 1024, keep: 5 };

export interface Segment {
  /** Its number: 1 for the first segment ever rotated. */
  n: number;
  path: string;
}

export function segmentPath(logPath: string, n: number): string {
  return `${logPath}.${n}`;
}

/** The rotated segments of the log, oldest first. A missing directory has none. */
export function listSegments(logPath: string): Segment[] {
  const name = basename(logPath);
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dirname(logPath), { withFileTypes: true });
  } catch (err) {
    if (errorCode(err) === "ENOENT" || errorCode(err) === "ENOTDIR") return [];
    throw err;
  }
  const segments: Segment[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.startsWith(`${name}.`)) continue;
    const suffix = entry.name.slice(name.length + 1);
    // Only plain numbers: the head, the lock and its temporary files share the prefix.
    if (/^[1-9]\d{0,8}$/.test(suffix)) segments.push({ n: Number(suffix), path: join(dirname(logPath), entry.name) });
  }
  return segments.sort((a, b) => a.n - b.n);
}

/** Whether the live file (now `size` bytes) should be rotated before the next record is appended. */
export function shouldRotate(size: number, rotation: Rotation | undefined): boolean {
  return rotation !== undefined && rotation.maxBytes > 0 && size >= rotation.maxBytes;
}

/**
 * Renames the live log to the next segment number. Called under the log's lock, so no other guard
 * appends meanwhile; one rename, so a crash leaves either the old name or the new one.
 */
export function rotateLive(logPath: string): void {
  const last = listSegments(logPath).at(-1);
  renameSync(logPath, segmentPath(logPath, (last?.n ?? 0) + 1));
}

/**
 * The segments to remove so that `keep` remain, oldest first, with the chain tail of the newest of
 * them: where the records that remain must start. Undefined when nothing is to be removed.
 */
export function planPrune(logPath: string, keep: number): { remove: Segment[]; dropped: ChainTail } | undefined {
  const segments = listSegments(logPath);
  const remove = segments.slice(0, Math.max(0, segments.length - Math.max(1, keep)));
  if (remove.length === 0) return undefined;
  const fd = openSync(remove[remove.length - 1].path, "r");
  try {
    return { remove, dropped: chainTail(fd) };
  } finally {
    closeSync(fd);
  }
}

/** Removes the planned segments; one already gone is no error (another guard finished the job). */
export function removeSegments(segments: Segment[]): void {
  for (const segment of segments) {
    try {
      unlinkSync(segment.path);
    } catch (err) {
      if (errorCode(err) !== "ENOENT") throw err;
    }
  }
}
