// Paths that name a stream, not a file: writing to /dev/stdout, /dev/stderr, /dev/null or /dev/fd/N prints or discards, it overwrites nothing.

const STREAM = /^\/dev\/(?:stdout|stderr|null|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/;

/** Whether writing to `path` goes to a stream (the terminal, a pipe, the bit bucket) rather than into a file. */
export function isStreamDevice(path: string): boolean {
  return STREAM.test(path);
}
