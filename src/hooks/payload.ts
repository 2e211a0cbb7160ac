// Reading hook payloads: bounded stdin, JSON, and typed field access that refuses anything unexpected.
import { readStdinDirect } from "./stdin-direct";

/** Hook payloads are small; a larger one is refused rather than read without bound. */
export const MAX_PAYLOAD_BYTES = 1_048_576;

export class PayloadError extends Error {}

export async function readPayload(stream?: NodeJS.ReadableStream): Promise<unknown> {
  const tooLarge = () => new PayloadError(`payload larger than ${MAX_PAYLOAD_BYTES} bytes`);
  const direct = stream ? undefined : await readStdinDirect(MAX_PAYLOAD_BYTES, tooLarge);
  return parsePayload(direct ?? (await readStream(stream ?? process.stdin, tooLarge)));
}

async function readStream(stream: NodeJS.ReadableStream, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const add = (buffer: Buffer) => {
    size += buffer.length;
    if (size > MAX_PAYLOAD_BYTES) throw tooLarge();
    chunks.push(buffer);
  };
  // A stream, not a blocking read(2): the entry deadline (a timer) must still fire on a payload that never ends.
  for await (const chunk of stream) add(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function parsePayload(bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
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
