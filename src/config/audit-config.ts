// The `audit:` config key: copies of the log the agent cannot reach, and how the local log rotates.
import { dirname, resolve } from "node:path";
import type { AuditCopies } from "./settings";
import { parseSize } from "./size";

const AUDIT_KEYS = ["mirror", "syslog", "max_size", "keep_segments"];
/** A segment count beyond this is a typo, not a retention policy (raise max_size instead). */
const MAX_SEGMENTS = 10_000;

/** Validates `audit:` (user config or system policy only: the layer check is the caller's). */
export function parseAudit(value: unknown, file: string, errors: string[]): AuditCopies | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    errors.push("audit must be {mirror, syslog, max_size, keep_segments}");
    return undefined;
  }
  const a = value as Record<string, unknown>;
  for (const key of Object.keys(a)) if (!AUDIT_KEYS.includes(key)) errors.push(`unknown audit key \`${key}\` (known: ${AUDIT_KEYS.join(", ")})`);
  if (a.mirror !== undefined && typeof a.mirror !== "string") errors.push("audit.mirror must be a file path");
  if (a.syslog !== undefined && a.syslog !== true && a.syslog !== false && typeof a.syslog !== "string") errors.push("audit.syslog must be true, false or a socket path");
  const maxBytes = a.max_size === undefined ? undefined : parseSize(a.max_size);
  if (a.max_size !== undefined && maxBytes === undefined) errors.push("audit.max_size must be a size such as 10MB, 512KB or 0 (never rotate)");
  const keep = a.keep_segments;
  const keepOk = keep === undefined || (Number.isInteger(keep) && (keep as number) >= 1 && (keep as number) <= MAX_SEGMENTS);
  if (!keepOk) errors.push(`audit.keep_segments must be a whole number from 1 to ${MAX_SEGMENTS}`);
  return {
    ...(typeof a.mirror === "string" ? { mirror: resolve(dirname(file), a.mirror) } : {}),
    ...(a.syslog === true || typeof a.syslog === "string" ? { syslog: a.syslog as true | string } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(keep !== undefined && keepOk ? { keepSegments: keep as number } : {}),
  };
}
