// `guard scan FILE|-`: what guard would have asked or denied in a shell history, a script or an agent transcript.
import { readFileSync, statSync } from "node:fs";
import { openPolicy } from "../engine/policy";
import { CliError } from "./errors";
import type { Verdict } from "../engine/evaluate";

export type ScanFormat = "transcript" | "history" | "zsh-history" | "script" | "audit-log";

/** Largest input scanned: a bigger file is refused rather than read without bound. */
export const MAX_SCAN_BYTES = 64 * 1024 * 1024;

/** Every Bash tool call in a Claude Code JSON Lines transcript (`tool_use` blocks named Bash). */
export function transcriptCommands(text: string): string[] {
  const out: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== "object" || depth > 32) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const v = value as Record<string, unknown>;
    const input = v.input as Record<string, unknown> | undefined;
    if (v.type === "tool_use" && v.name === "Bash" && input && typeof input.command === "string") out.push(input.command);
    for (const child of Object.values(v)) if (child && typeof child === "object") visit(child, depth + 1);
  };
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      visit(JSON.parse(line), 0);
    } catch {
      // A damaged line in a transcript is skipped; the rest is still scanned.
    }
  }
  return out;
}

/** zsh's extended-history entry header: `: <start>:<elapsed>;`. */
const ZSH_ENTRY = /^: \d+:\d+;/;

/**
 * Commands of a history file.
 * - zsh extended history: an entry starts with `: <time>:<elapsed>;`; zsh writes each newline inside a
 *   command as a backslash ending the line, so a line ending in `\` continues the entry (one backslash
 *   is removed, as zsh does when it reads the file back).
 * - bash: one command per line; with HISTTIMEFORMAT set, each entry is preceded by a `#<time>` line,
 *   and the lines between two of them are one (multi-line) command.
 */
export function historyCommands(text: string, format: "history" | "zsh-history"): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return format === "zsh-history" ? zshEntries(lines) : bashEntries(lines);
}

function zshEntries(lines: string[]): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let continues = false;
  for (const line of lines) {
    if (!continues && ZSH_ENTRY.test(line)) {
      if (current !== undefined) out.push(current);
      current = line.replace(ZSH_ENTRY, "");
    } else if (current !== undefined && continues) current += `\n${line}`;
    else {
      // A line outside any entry (a plain `setopt no_extended_history` line): its own command.
      if (current !== undefined) out.push(current);
      current = line;
    }
    continues = current.endsWith("\\");
    if (continues) current = current.slice(0, -1);
  }
  if (current !== undefined) out.push(current);
  return out.filter((c) => c.trim());
}

function bashEntries(lines: string[]): string[] {
  const stamped = lines.some((l) => /^#\d+$/.test(l));
  if (!stamped) return lines.filter((l) => l.trim());
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.some((l) => l.trim())) out.push(current.join("\n"));
    current = [];
  };
  for (const line of lines) {
    if (/^#\d+$/.test(line)) flush();
    else current.push(line);
  }
  flush();
  return out;
}

/**
 * zsh writes history "metafied": a byte in 0x83–0x9f (or NUL) is stored as 0x83 followed by the byte
 * xor 0x20. Undone before decoding, so UTF-8 text such as `—` reads back as it was typed.
 */
export function unmetafy(bytes: Buffer): Buffer {
  if (!bytes.includes(0x83)) return bytes;
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x83 && i + 1 < bytes.length) out[n++] = bytes[++i] ^ 0x20;
    else out[n++] = bytes[i];
  }
  return out.subarray(0, n);
}

/** A guard audit record: the fields its hash chain is made of. */
function isAuditRecordLine(line: string): boolean {
  try {
    const r = JSON.parse(line) as Record<string, unknown>;
    return r !== null && typeof r === "object" && typeof r.hash === "string" && typeof r.prev === "string" && typeof r.entry === "string";
  } catch {
    return false;
  }
}

export function detectFormat(name: string, text: string): ScanFormat {
  const first = text.split("\n").find((l) => l.trim()) ?? "";
  if (first.trimStart().startsWith("{") && isAuditRecordLine(first)) return "audit-log";
  if (name.endsWith(".jsonl") || first.trimStart().startsWith("{")) return "transcript";
  if (ZSH_ENTRY.test(first)) return "zsh-history";
  if (first.startsWith("#!") || /\.(?:ba|z)?sh$/.test(name)) return "script";
  return "history";
}

/** The commands of guard's own audit log (scanning it re-checks what was run under the current rules). */
function auditLogCommands(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    try {
      const r = JSON.parse(line) as { command?: unknown };
      if (typeof r.command === "string") out.push(r.command);
    } catch {
      // Not a record: skipped, as in a transcript.
    }
  }
  return out;
}

export interface ScanReport {
  format: ScanFormat;
  commands: number;
  asked: number;
  denied: number;
  rules: { rule: string; action: string; count: number; example: string }[];
  /** What the reader should know about the input: a format that may not be what they meant, nothing found. */
  warnings: string[];
  /** With `--profile strict`: commands the default profile allows that strict would ask about, and why (by reason and program). */
  strict?: { asked: number; reasons: { rule: string; count: number }[]; programs: { program: string; count: number }[] };
}

export interface ScanOptions {
  name: string;
  format?: ScanFormat;
  cwd: string;
  /** Called every few hundred commands on large inputs. */
  progress?: (done: number, total: number) => void;
  /** Also report what `profile: strict` would ask about. */
  strict?: boolean;
}

const STRICT_PREFIX = "guard.strict-";

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const sortedCounts = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

function commandsOf(text: string, format: ScanFormat): string[] {
  switch (format) {
    // A script runs as one program (its if/for/heredocs span lines); the others are command by command.
    case "script":
      return [text];
    case "transcript":
      return transcriptCommands(text);
    case "audit-log":
      return auditLogCommands(text);
    case "history":
    case "zsh-history":
      return historyCommands(text, format);
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

function warningsFor(format: ScanFormat, name: string, text: string, commands: string[]): string[] {
  const warnings: string[] = [];
  if (format === "audit-log") warnings.push(`${name} is guard's audit log, not a history: its commands are re-checked under today's rules (guard log shows what was decided then)`);
  if (format === "transcript" && commands.length === 0 && text.trim()) warnings.push(`${name} has no Bash tool calls: is it a Claude Code transcript? (--format history|zsh-history|script reads other files)`);
  if (text.includes("\0")) warnings.push(`${name} contains NUL bytes: it may be a binary file rather than a history, script or transcript`);
  return warnings;
}

export function scanText(text: string, options: ScanOptions): ScanReport {
  const format = options.format ?? detectFormat(options.name, text);
  const commands = commandsOf(text, format);
  const byRule = new Map<string, { rule: string; action: string; count: number; example: string }>();
  let asked = 0;
  let denied = 0;
  let strictAsked = 0;
  const strictReasons = new Map<string, number>();
  const strictPrograms = new Map<string, number>();
  commands.forEach((command, i) => {
    if (options.progress && i % 500 === 0) options.progress(i, commands.length);
    const verdict: Verdict = openPolicy({ cwd: options.cwd, reuse: true, strict: options.strict }).check(command).verdict;
    // Asked only because of strict: every other finding allows.
    if (options.strict && verdict.decision !== "allow" && verdict.findings.every((f) => f.action === "allow" || f.rule.startsWith(STRICT_PREFIX))) {
      strictAsked++;
      for (const f of verdict.findings.filter((x) => x.rule.startsWith(STRICT_PREFIX))) {
        bump(strictReasons, f.rule);
        bump(strictPrograms, f.detail ?? "?");
      }
    }
    if (verdict.decision === "ask") asked++;
    if (verdict.decision === "deny") denied++;
    for (const f of verdict.findings) {
      if (f.action === "allow") continue;
      const entry = byRule.get(f.rule) ?? { rule: f.rule, action: f.action, count: 0, example: verdict.command.slice(f.span.start, f.span.end) || command };
      entry.count++;
      byRule.set(f.rule, entry);
    }
  });
  const rules = [...byRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  const strict = options.strict
    ? { asked: strictAsked, reasons: sortedCounts(strictReasons).map(([rule, count]) => ({ rule, count })), programs: sortedCounts(strictPrograms).map(([program, count]) => ({ program, count })) }
    : undefined;
  return { format, commands: commands.length, asked, denied, rules, warnings: warningsFor(format, options.name, text, commands), ...(strict ? { strict } : {}) };
}

/** Reads the input as text; a zsh history is unmetafied first. Usage errors for what cannot be scanned. */
export function readScanInput(file: string, format: ScanFormat | undefined): string {
  if (file !== "-") {
    let stat;
    try {
      stat = statSync(file);
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    if (stat.isDirectory()) throw new CliError(`${file} is a directory: give a shell history, a script or a Claude Code transcript (.jsonl)`);
    if (!stat.isFile()) throw new CliError(`${file} is not a regular file`);
    if (stat.size > MAX_SCAN_BYTES) throw new CliError(`${file} is larger than ${MAX_SCAN_BYTES} bytes`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (bytes.length > MAX_SCAN_BYTES) throw new CliError(`${file} is larger than ${MAX_SCAN_BYTES} bytes`);
  const zsh = format === "zsh-history" || (format === undefined && ZSH_ENTRY.test(bytes.subarray(0, 64).toString("latin1")));
  return (zsh ? unmetafy(bytes) : bytes).toString("utf8");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function formatScanReport(report: ScanReport): string {
  const lines = [`${plural(report.commands, "command")} (${report.format}): ${report.denied} would be denied, ${report.asked} asked`];
  if (report.rules.length) lines.push("", "count  action  rule  (example)");
  for (const r of report.rules) lines.push(`${String(r.count).padStart(5)}  ${r.action.padEnd(6)}  ${r.rule}  (${r.example.split("\n")[0].slice(0, 100)})`);
  if (report.strict) {
    lines.push("", `strict profile: ${plural(report.strict.asked, "command")} the default profile allows would ask`);
    for (const r of report.strict.reasons) lines.push(`${String(r.count).padStart(5)}  ${r.rule}`);
    if (report.strict.programs.length) lines.push("", "most asked-about programs (add the harmless ones to known_harmless):");
    for (const p of report.strict.programs.slice(0, 15)) lines.push(`${String(p.count).padStart(5)}  ${p.program}`);
  }
  return `${lines.join("\n")}\n`;
}

export function scan(file: string, flags: { format?: ScanFormat; json?: boolean; profile?: string }) {
  const text = readScanInput(file, flags.format);
  // A progress line only where a person watches it, and only for inputs that take a while.
  const progress = process.stderr.isTTY ? (done: number, total: number) => total > 2000 && process.stderr.write(`\rguard scan: ${done}/${total} commands`) : undefined;
  const report = scanText(text, { name: file, format: flags.format, cwd: process.cwd(), progress, strict: flags.profile === "strict" });
  if (progress && report.commands > 2000) process.stderr.write("\r\x1b[K");
  for (const w of report.warnings) process.stderr.write(`guard: warning: ${w}\n`);
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatScanReport(report));
}
