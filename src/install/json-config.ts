// Reading and writing agents' JSON config files: refuse what is not a JSON object, keep the file's indentation and final newline.
import { InstallError } from "./errors";

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Never guess at a file that does not parse: overwriting it would lose the user's settings. */
export function parseJsonObject(text: string, path: string): JsonObject {
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch (err) {
    throw new InstallError(`${path} is not valid JSON (${(err as Error).message}); guard will not overwrite it. Fix or move the file, then run this again.`);
  }
  if (!isJsonObject(value)) throw new InstallError(`${path} does not hold a JSON object; guard will not overwrite it. Fix or move the file, then run this again.`);
  return value;
}

/** The indentation of the file's first indented line (two spaces for a new or one-line file). */
function indentOf(text: string | undefined): string {
  const m = text ? /\n([ \t]+)\S/.exec(text) : null;
  return m ? m[1] : "  ";
}

/** Serialises like the file it replaces: same indentation, final newline kept (added for a new file). */
export function formatJson(value: unknown, like: string | undefined): string {
  const newline = like === undefined || like === "" || like.endsWith("\n");
  return JSON.stringify(value, null, indentOf(like)) + (newline ? "\n" : "");
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    // Key order does not change what a config means: an entry the user reordered is still guard's.
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
