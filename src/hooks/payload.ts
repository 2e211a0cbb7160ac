// Reading hook payloads: bounded stdin, JSON, and typed field access that refuses anything unexpected.
import { readSync } from "node:fs";

/** Hook payloads are small; a larger one is refused rather than read without bound. */
export const MAX_PAYLOAD_BYTES = 1_048_576;

export class PayloadError extends Error {}

/**
 * stdin read with read(2) first: a process.stdin stream costs a few milliseconds of start-up per hook.
 * Returns false when fd 0 cannot be read that way (EAGAIN on a non-blocking pipe, anything else odd),
 * and the stream reads the rest, exactly as before.
 */
function readStdinSync(add: (chunk: Buffer) => void): boolean {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch {
      return false;
    }
    if (n === 0) return true;
    add(Buffer.from(buffer.subarray(0, n)));
  }
}

export async function readPayload(stream?: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  const add = (buffer: Buffer) => {
    size += buffer.length;
    if (size > MAX_PAYLOAD_BYTES) throw new PayloadError(`payload larger than ${MAX_PAYLOAD_BYTES} bytes`);
    chunks.push(buffer);
  };
  if (stream !== undefined || !readStdinSync(add)) {
    for await (const chunk of stream ?? process.stdin) add(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new PayloadError("empty payload");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PayloadError(`payload is not JSON: ${(err as Error).message}`);
  }
}

export function object(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new PayloadError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function string(value: unknown, what: string): string {
  if (typeof value !== "string") throw new PayloadError(`${what} must be a string`);
  return value;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `toolArgs` arrives as a JSON string from some agents and as an object from others: accept both. */
export function objectOrJson(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return object(JSON.parse(value), what);
    } catch (err) {
      if (err instanceof PayloadError) throw err;
      throw new PayloadError(`${what} is not valid JSON`);
    }
  }
  return object(value, what);
}
