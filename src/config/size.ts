// Sizes in config: a number of bytes or `512KB`, `50MB`, `2 GB` (powers of 1024).

/** Bytes, or undefined when `raw` is not a size. */
export function parseSize(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(raw);
  if (!m) return undefined;
  const power = " kmgt".indexOf(m[2].toLowerCase() || " ");
  const bytes = Math.round(Number(m[1]) * 1024 ** power);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
