// `guard log`: show, filter and verify the audit log of every verdict guard has given.
import { auditLogPath, readAudit, verifyAudit, type AuditRecord, type VerifyResult } from "../act/audit";
import { compareWithMirror } from "../act/record";
import { openPolicy } from "../engine/policy";
import { ACTIONS, type Action } from "../core/action";
import { EXIT } from "./exit-codes";
import { CliError } from "./errors";
import { palette, type Palette } from "../report/human";
import { askOutcome, formatSummary, summarize, type AskOutcome } from "./log-summary";

export interface LogFlags {
  since?: string;
  decision?: string;
  rule?: string;
  json?: boolean;
  limit?: string;
  verify?: boolean;
  summary?: boolean;
}

export interface LogFilter {
  since?: number;
  decision?: Action;
  rule?: string;
  limit?: number;
}

const DEFAULT_HUMAN_LIMIT = 50;


function runVerify(path: string): number {
  let result: VerifyResult;
  try {
    result = verifyAudit(path);
  } catch (err) {
    process.stderr.write(`guard: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  // With a configured mirror (user config or system policy), a truncated or pruned local log shows.
  const mirror = openPolicy().settings.audit.mirror;
  const gaps = mirror && path === auditLogPath() ? compareWithMirror(path, mirror) : [];
  if (result.ok && !gaps.length) {
    const what = result.missing ? "no log yet" : `${result.records} records${segmentsNote(result)}, chain intact${mirror ? `, matches the mirror ${mirror}` : ""}`;
    process.stdout.write(`audit log OK: ${what} (${path})\n`);
    return EXIT.allow;
  }
  process.stdout.write(gaps.map((g) => `${path}: ${g}\n`).join(""));
  process.stdout.write(result.problems.map((p) => `${p.file ?? path}${p.line ? `:${p.line}` : ""}: ${p.problem}\n`).join(""));
  if (result.rotated) process.stdout.write(`${path}: note: the ${result.rotated} oldest record(s) were removed by rotation (audit.keep_segments); the rest was checked from there\n`);
  return EXIT.failure;
}

/** Where the records are when the log has rotated: how many segments, and how many records rotation removed. */
function segmentsNote(result: VerifyResult): string {
  const parts = [];
  if (result.segments) parts.push(`in ${result.segments} rotated segment(s) and the live file`);
  if (result.rotated) parts.push(`after ${result.rotated} older record(s) removed by rotation`);
  return parts.length ? ` ${parts.join(", ")}` : "";
}

function runShow(path: string, flags: LogFlags): number {
  const filter = parseFilter(flags, Date.now());
  let log: ReturnType<typeof readAudit>;
  try {
    log = readAudit(path);
  } catch (err) {
    process.stderr.write(`guard: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  // Damaged lines are not records, but the user should know they exist.
  for (const p of log.problems) process.stderr.write(`guard: ${p.file ?? path}:${p.line}: ${p.problem} (see guard log --verify)\n`);
  const limit = filter.limit ?? (flags.json ? Infinity : DEFAULT_HUMAN_LIMIT);
  const matching = log.records.filter((r) => matches(r, filter));
  const shown = limit >= matching.length ? matching : matching.slice(matching.length - limit);
  if (flags.json) process.stdout.write(shown.map((r) => `${JSON.stringify(r)}\n`).join(""));
  else process.stdout.write(renderHuman(shown, path));
  return EXIT.allow;
}

function parseFilter(flags: LogFlags, now: number): LogFilter {
  return {
    since: flags.since === undefined ? undefined : parseSince(flags.since, now),
    decision: flags.decision === undefined ? undefined : parseDecision(flags.decision),
    rule: flags.rule,
    limit: flags.limit === undefined ? undefined : parseLimit(flags.limit),
  };
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `10m`, `2h`, `7d` ago, or an ISO date (`2025-01-31`, UTC midnight) or date-time. Milliseconds since the epoch. */
export function parseSince(when: string, now: number): number {
  const relative = /^(\d+)([smhdw])$/.exec(when.trim());
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]];
  const time = /^\d{4}-\d{2}-\d{2}/.test(when) ? Date.parse(when) : NaN;
  if (Number.isNaN(time)) {
    throw new CliError(`--since: "${when}" is neither an ISO date/time (2025-01-31, 2025-01-31T09:00) nor a duration (10m, 2h, 7d)`);
  }
  return time;
}

function parseDecision(decision: string): Action {
  const found = ACTIONS.find((a) => a === decision.toLowerCase());
  if (!found) throw new CliError(`--decision: "${decision}" is not one of ${ACTIONS.join(", ")}`);
  return found;
}

function parseLimit(limit: string): number {
  if (/^-\d+$/.test(limit)) throw new CliError(`--limit: ${limit} is negative; give how many of the newest records to show, e.g. --limit 20`);
  if (!/^\d+$/.test(limit) || Number(limit) === 0) throw new CliError(`--limit: "${limit}" is not a positive whole number, e.g. --limit 20`);
  return Number(limit);
}

function runSummary(path: string, flags: LogFlags): number {
  let records: AuditRecord[];
  try {
    records = readAudit(path).records;
  } catch (err) {
    process.stderr.write(`guard: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  const summary = summarize(records);
  process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, path));
  return 0;
}

function matches(record: AuditRecord, filter: LogFilter): boolean {
  if (filter.decision && record.decision !== filter.decision) return false;
  if (filter.since !== undefined && !(Date.parse(record.time) >= filter.since)) return false;
  if (filter.rule !== undefined && !record.rules.some((id) => ruleMatches(id, filter.rule as string))) return false;
  return true;
}

/** Exact id, or a prefix when the pattern ends in `*` (`git.*`). */
export function ruleMatches(id: string, pattern: string): boolean {
  return pattern.endsWith("*") ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

const DECISION_STYLE: Record<string, (c: Palette, s: string) => string> = {
  allow: (c, s) => c.green(s),
  ask: (c, s) => c.yellow.bold(s),
  deny: (c, s) => c.red.bold(s),
};

function renderHuman(records: AuditRecord[], path: string): string {
  if (records.length === 0) return `no matching audit records (${path})\n`;
  const c = palette(process.stdout);
  return records.map((r) => `${humanLine(r, c)}\n`).join("");
}

/** How an ask ended, in the human listing: approved and refused are told apart at a glance. */
const ASK_OUTCOME: Record<AskOutcome, (c: Palette, r: AuditRecord) => string> = {
  approved: (c, r) => c.green(`[approved by ${r.approval?.how === "code" ? "guard approve" : "prompt"}]`),
  refused: (c) => c.red("[refused]"),
  pending: (c) => c.dim("[waiting for approval]"),
  ran: (c) => c.dim("[ran: audit mode]"),
};

/** `time  DECISION  entry  rules  command`, then the exit code and note when present. */
function humanLine(record: AuditRecord, c: Palette): string {
  const label = record.decision.toUpperCase().padEnd(5);
  const style = DECISION_STYLE[record.decision] ?? ((_: Palette, s: string) => s);
  const parts = [record.time, style(c, label), record.entry.padEnd(7), record.rules.length ? record.rules.join(",") : "-", printable(record.command)];
  const outcome = askOutcome(record);
  if (outcome) parts.push(ASK_OUTCOME[outcome](c, record));
  if (record.exitCode !== undefined) parts.push(c.dim(`(exit ${record.exitCode})`));
  if (record.note !== undefined) parts.push(c.dim(`[${printable(record.note)}]`));
  return parts.join("  ");
}

/** One record per line, and no terminal escape sequences from an agent's command reach the terminal. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\t") return "\\t";
    if (ch === "\r") return "\\r";
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

export function log(flags: LogFlags) {
  const path = auditLogPath();
  process.exitCode = flags.verify ? runVerify(path) : flags.summary ? runSummary(path, flags) : runShow(path, flags);
}
