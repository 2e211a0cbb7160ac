// The hook's payload read from fd 0 with plain reads: `process.stdin` loads node's net and stream modules, about 5 ms a hook.
//
// A blocking read(2) is not an option: a payload that never ends would hold the process past the
// entry deadline (core/deadline.ts), whose timer cannot fire during a synchronous read, and a
// thread-pool read would keep `process.exit` waiting. So fd 0 is put in non-blocking mode (as
// `process.stdin` itself does for a pipe or socket) and, when no bytes are ready, the read waits
// on a timer: the event loop keeps turning, and the deadline fires as it would with the stream.
import { fstatSync, readSync } from "node:fs";

/** The pipe handle that set fd 0 non-blocking; held so it is never collected (closing it would close fd 0). */
const held: unknown[] = [];

/** Puts fd 0 in non-blocking mode through libuv's pipe handle, the way node's stdin stream does; false when it cannot. */
function makeNonBlocking(): boolean {
  try {
    // process.binding is deprecated for most modules but still serves `pipe_wrap` (no warning); if a
    // later node drops it, the caller falls back to the stream, which works everywhere.
    const binding = (process as unknown as { binding(name: string): { Pipe: new (type: number) => { open(fd: number): number }; constants: { SOCKET: number } } }).binding("pipe_wrap");
    const pipe = new binding.Pipe(binding.constants.SOCKET);
    if (pipe.open(0) !== 0) return false;
    held.push(pipe);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * fd 0 read to its end, or undefined when this way cannot read it (a terminal, a character device, an
 * old node): the caller then reads `process.stdin`. Throws `tooLarge()` past `limit` bytes.
 */
export async function readStdinDirect(limit: number, tooLarge: () => Error): Promise<Buffer | undefined> {
  let kind: "file" | "stream";
  try {
    const stat = fstatSync(0);
    if (stat.isFile()) kind = "file";
    else if (stat.isFIFO() || stat.isSocket()) kind = "stream";
    else return undefined;
  } catch {
    return undefined;
  }
  if (kind === "stream" && !makeNonBlocking()) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  let waitMs = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(65_536);
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      // Nothing ready yet: the agent may still be writing. Back off up to 4 ms; the deadline timer runs meanwhile.
      waitMs = Math.min(4, waitMs + 1);
      await sleep(waitMs);
      continue;
    }
    if (n === 0) break;
    waitMs = 0;
    size += n;
    if (size > limit) throw tooLarge();
    chunks.push(buffer.subarray(0, n));
  }
  return Buffer.concat(chunks, size);
}
