// Reads a config or rule file only if it is a regular file: a FIFO, socket, device or directory is refused unopened.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/** Why a path could not be read; `missing` is the only kind that is not a problem. */
export class UnreadableFileError extends Error {
  constructor(readonly path: string, readonly kind: "missing" | "not-regular" | "too-large" | "unreadable", message: string) {
    super(message);
  }
}

function kindOf(stats: import("node:fs").Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * The file's bytes, at most `maxBytes`. `mkfifo .guard.yaml` used to hang every entry point on the
 * open: the path is stat'ed first and anything but a regular file is refused without being opened;
 * the open itself is non-blocking and the descriptor is checked again, so a file swapped for a FIFO
 * between the two calls is refused too.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let stats;
  try {
    stats = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnreadableFileError(path, "missing", `${path} does not exist`);
    throw new UnreadableFileError(path, "unreadable", `cannot read: ${(err as Error).message}`);
  }
  if (!stats.isFile()) throw new UnreadableFileError(path, "not-regular", `refused: ${kindOf(stats)}, not a regular file`);
  if (stats.size > maxBytes) throw new UnreadableFileError(path, "too-large", `larger than ${maxBytes} bytes`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    throw new UnreadableFileError(path, "unreadable", `cannot read: ${(err as Error).message}`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new UnreadableFileError(path, "not-regular", `refused: ${kindOf(opened)}, not a regular file`);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(opened.size + 1, 1)));
    let done = 0;
    for (;;) {
      if (done === buffer.length) break;
      const n = readSync(fd, buffer, done, buffer.length - done, done);
      if (n === 0) break;
      done += n;
    }
    if (done > maxBytes) throw new UnreadableFileError(path, "too-large", `larger than ${maxBytes} bytes`);
    // One byte more than fstat said: the file grew while being read; a half-read file is not parsed.
    if (done > opened.size) throw new UnreadableFileError(path, "unreadable", "cannot read: the file changed while being read");
    return buffer.subarray(0, done);
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(path, "unreadable", `cannot read: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** A directory's state without opening it: absent, a directory, or something else (refused). */
export function directoryState(path: string): "missing" | "directory" | string {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? "directory" : kindOf(stats);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? "missing" : `unreadable (${(err as Error).message})`;
  }
}
