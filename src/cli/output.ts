// Writing to stdout and stderr: straight to the descriptor on the hot path (a process.stdout stream costs milliseconds to set up on a pipe), the stream when the descriptor would block.

/** `guard rules | head`: a closed pipe ends the output quietly instead of crashing. Touches process.stdout, so only for commands that stream. */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

/**
 * Writes all of `text` to fd 1 or 2 with write(2). EAGAIN (a non-blocking pipe that is full) hands
 * the rest to the process stream, which waits for the reader; EPIPE (the reader is gone) drops the
 * rest quietly, as endQuietlyOnClosedPipe does, and the exit code stays the verdict's.
 */
export function writeOut(fd: 1 | 2, text: string): void {
  if (text === "") return;
  const { writeSync } = require("node:fs") as typeof import("node:fs");
  let data = Buffer.from(text);
  while (data.length > 0) {
    try {
      data = data.subarray(writeSync(fd, data));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return;
      if (code !== "EAGAIN") throw err;
      const stream = fd === 1 ? process.stdout : process.stderr;
      if (fd === 1) endQuietlyOnClosedPipe();
      stream.write(data);
      return;
    }
  }
}

/**
 * isatty(fd) without loading node:tty on a pipe or a file, which is where agents run guard: node:tty
 * loads node:net and the stream modules, milliseconds per check. A terminal is always a character
 * device, so anything else is not one; a character device (a terminal, /dev/null) asks node:tty.
 */
export function isTerminal(fd: 1 | 2): boolean {
  const { fstatSync } = require("node:fs") as typeof import("node:fs");
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (require("node:tty") as typeof import("node:tty")).isatty(fd);
}
