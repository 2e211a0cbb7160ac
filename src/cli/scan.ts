// `guard scan FILE|-`: what guard would have asked or denied in a shell history, a script or an agent transcript.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { openPolicy } from "../engine/policy";
import { UsageError } from "./check";
import type { Verdict } from "../engine/evaluate";

export type ScanFormat = "transcript" | "history" | "zsh-history" | "script";

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

/** Commands of a history file: bash (`#1700000000` timestamp lines skipped) or zsh extended (`: 1700000000:0;cmd`). */
export function historyCommands(text: string, format: "history" | "zsh-history"): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (format === "history" && /^#\d+$/.test(line)) continue;
    const zsh = /^: \d+:\d+;(.*)$/.exec(line);
    out.push(zsh ? zsh[1] : line);
  }
  return out;
}

export function detectFormat(name: string, text: string): ScanFormat {
  const first = text.split("\n").find((l) => l.trim()) ?? "";
  if (name.endsWith(".jsonl") || first.trimStart().startsWith("{")) return "transcript";
  if (/^: \d+:\d+;/.test(first)) return "zsh-history";
  if (first.startsWith("#!") || /\.(?:ba|z)?sh$/.test(name)) return "script";
  return "history";
}

export interface ScanReport {
  format: ScanFormat;
  commands: number;
  asked: number;
  denied: number;
  rules: { rule: string; action: string; count: number; example: string }[];
}

export function scanText(text: string, options: { name: string; format?: ScanFormat; cwd: string }): ScanReport {
  const format = options.format ?? detectFormat(options.name, text);
  // A script runs as one program (its if/for/heredocs span lines); histories and transcripts are command by command.
  const commands = format === "script" ? [text] : format === "transcript" ? transcriptCommands(text) : historyCommands(text, format);
  const byRule = new Map<string, { rule: string; action: string; count: number; example: string }>();
  let asked = 0;
  let denied = 0;
  for (const command of commands) {
    const verdict: Verdict = openPolicy({ cwd: options.cwd, reuse: true }).check(command).verdict;
    if (verdict.decision === "ask") asked++;
    if (verdict.decision === "deny") denied++;
    for (const f of verdict.findings) {
      if (f.action === "allow") continue;
      const entry = byRule.get(f.rule) ?? { rule: f.rule, action: f.action, count: 0, example: verdict.command.slice(f.span.start, f.span.end) || command };
      entry.count++;
      byRule.set(f.rule, entry);
    }
  }
  const rules = [...byRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  return { format, commands: commands.length, asked, denied, rules };
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("report what guard would have asked or denied in a shell history, a script or a Claude Code transcript (- for stdin)")
    .argument("<file>", "the file to scan, or - for stdin")
    .option("--format <format>", "transcript, history, zsh-history or script (default: detected)")
    .option("--json", "print the report as JSON")
    .action((file: string, flags: { format?: ScanFormat; json?: boolean }) => {
      if (flags.format && !["transcript", "history", "zsh-history", "script"].includes(flags.format)) throw new UsageError(`unknown format ${flags.format}`);
      let text: string;
      try {
        text = readFileSync(file === "-" ? 0 : file, "utf8");
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
      }
      if (text.length > MAX_SCAN_BYTES) throw new UsageError(`${file} is larger than ${MAX_SCAN_BYTES} bytes`);
      const report = scanText(text, { name: file, format: flags.format, cwd: process.cwd() });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const lines = [`${report.commands} commands (${report.format}): ${report.denied} would be denied, ${report.asked} asked`];
      if (report.rules.length) lines.push("", "count  action  rule  (example)");
      for (const r of report.rules) lines.push(`${String(r.count).padStart(5)}  ${r.action.padEnd(6)}  ${r.rule}  (${r.example.split("\n")[0].slice(0, 100)})`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
