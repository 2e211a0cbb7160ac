// `guard log --summary`: what was asked and denied today and this week, by rule and by agent, and how asks ended.
import type { AuditRecord } from "../act/audit";
import { GUARD_VERSION } from "../core/version";

export type AskOutcome = "approved" | "refused" | "pending" | "ran";

/**
 * How an ask ended, from the record: approved at a prompt or with a code, refused (a wrong answer,
 * a timeout, a cancel — the note says which), or handed back to the agent/human to approve later.
 */
export function askOutcome(record: AuditRecord): AskOutcome | undefined {
  if (record.decision !== "ask") return undefined;
  if (record.approval) return "approved";
  if (record.note?.startsWith("not approved")) return "refused";
  if (record.exitCode !== undefined) return "ran"; // audit mode: recorded, not enforced
  return "pending";
}

interface Period {
  label: string;
  records: number;
  allowed: number;
  asked: number;
  denied: number;
  asks: Record<AskOutcome, number>;
  rules: { rule: string; asked: number; denied: number }[];
  agents: { agent: string; asked: number; denied: number; total: number }[];
}

export interface LogSummary {
  version: string;
  periods: Period[];
}

function agentOf(record: AuditRecord): string {
  return record.source?.agent ?? (record.source?.integration ? `${record.source.integration} integration` : record.entry);
}

function period(label: string, records: AuditRecord[]): Period {
  const rules = new Map<string, { rule: string; asked: number; denied: number }>();
  const agents = new Map<string, { agent: string; asked: number; denied: number; total: number }>();
  const asks: Record<AskOutcome, number> = { approved: 0, refused: 0, pending: 0, ran: 0 };
  for (const r of records) {
    const agent = agents.get(agentOf(r)) ?? { agent: agentOf(r), asked: 0, denied: 0, total: 0 };
    agent.total++;
    if (r.decision === "ask") agent.asked++;
    if (r.decision === "deny") agent.denied++;
    agents.set(agent.agent, agent);
    const outcome = askOutcome(r);
    if (outcome) asks[outcome]++;
    if (r.decision === "allow") continue;
    for (const id of new Set(r.rules)) {
      const entry = rules.get(id) ?? { rule: id, asked: 0, denied: 0 };
      if (r.decision === "ask") entry.asked++;
      else entry.denied++;
      rules.set(id, entry);
    }
  }
  const count = (d: string) => records.filter((r) => r.decision === d).length;
  return {
    label,
    records: records.length,
    allowed: count("allow"),
    asked: count("ask"),
    denied: count("deny"),
    asks,
    rules: [...rules.values()].sort((a, b) => b.asked + b.denied - (a.asked + a.denied) || a.rule.localeCompare(b.rule)),
    agents: [...agents.values()].sort((a, b) => b.total - a.total || a.agent.localeCompare(b.agent)),
  };
}

/** Today (since local midnight) and the last 7 days. */
export function summarize(all: AuditRecord[], now = new Date()): LogSummary {
  // exec/shell write a start and an end record per command: count the command once (a start whose
  // end never came — guard killed while it ran — still counts).
  const ended = new Set(all.flatMap((r) => (r.phase === "end" && r.startSeq !== undefined ? [r.startSeq] : [])));
  const records = all.filter((r) => !(r.phase === "start" && ended.has(r.seq)));
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const weekAgo = now.getTime() - 7 * 24 * 3600 * 1000;
  const since = (t: number) => records.filter((r) => Date.parse(r.time) >= t);
  return { version: GUARD_VERSION, periods: [period("today", since(midnight.getTime())), period("last 7 days", since(weekAgo))] };
}

export function formatSummary(summary: LogSummary, path: string): string {
  const lines = [`guard ${summary.version} — audit log ${path}`];
  for (const p of summary.periods) {
    lines.push("", `${p.label}: ${p.records} command${p.records === 1 ? "" : "s"} — ${p.allowed} allowed, ${p.asked} asked, ${p.denied} denied`);
    if (p.asked) lines.push(`  asks: ${p.asks.approved} approved, ${p.asks.refused} refused, ${p.asks.pending} left for approval${p.asks.ran ? `, ${p.asks.ran} ran unenforced (audit mode)` : ""}`);
    if (p.rules.length) {
      lines.push("  by rule:");
      for (const r of p.rules.slice(0, 10)) lines.push(`    ${String(r.denied).padStart(4)} denied ${String(r.asked).padStart(4)} asked  ${r.rule}`);
      if (p.rules.length > 10) lines.push(`    … and ${p.rules.length - 10} more rules (guard log --summary --json lists all)`);
    }
    if (p.agents.length) {
      lines.push("  by agent:");
      for (const a of p.agents) lines.push(`    ${String(a.total).padStart(5)} command${a.total === 1 ? " " : "s"} ${String(a.denied).padStart(4)} denied ${String(a.asked).padStart(4)} asked  ${a.agent}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
