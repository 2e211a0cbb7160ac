// guard log --summary and the ask outcomes in guard log: what was asked and denied, by rule and by agent, approved told apart from refused.
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/act/audit";
import { askOutcome, formatSummary, summarize } from "../../src/cli/log-summary";

let seq = 0;
function record(fields: Partial<AuditRecord>): AuditRecord {
  seq++;
  return { v: 1, seq, time: "2026-12-04T10:00:00.000Z", entry: "hook", cwd: "/w", command: "x", decision: "allow", rules: [], prev: "", hash: String(seq), ...fields } as AuditRecord;
}

const now = new Date("2026-12-04T18:00:00.000Z");
const records = [
  record({ decision: "deny", rules: ["git.force-push"], source: { agent: "claude-code" } }),
  record({ decision: "deny", rules: ["git.force-push", "git.protected"], source: { agent: "claude-code" } }),
  record({ decision: "ask", rules: ["sql.drop"], entry: "exec", approval: { how: "prompt", at: "t" }, exitCode: 0 }),
  record({ decision: "ask", rules: ["sql.drop"], entry: "exec", note: "not approved: the answer was not \"yes\"" }),
  record({ decision: "ask", rules: ["sql.drop"], source: { agent: "codex" } }),
  record({ decision: "allow", source: { integration: "bash" } }),
  // Three days ago: in the week, not today.
  record({ decision: "deny", rules: ["fs.rm"], time: "2026-12-01T10:00:00.000Z", source: { agent: "cursor" } }),
  // Last month: in neither.
  record({ decision: "deny", rules: ["old.rule"], time: "2026-11-01T10:00:00.000Z" }),
];

describe("askOutcome", () => {
  it("tells approved, refused and waiting asks apart", () => {
    expect(records.map(askOutcome)).toEqual([undefined, undefined, "approved", "refused", "pending", undefined, undefined, undefined]);
  });
});

describe("guard log --summary", () => {
  const summary = summarize(records, now);
  const [today, week] = summary.periods;

  it("counts today and the last 7 days separately", () => {
    expect(today).toMatchObject({ label: "today", records: 6, allowed: 1, asked: 3, denied: 2 });
    expect(week).toMatchObject({ label: "last 7 days", records: 7, denied: 3 });
    expect(week.rules.map((r) => r.rule)).not.toContain("old.rule");
  });

  it("reports how asks ended", () => {
    expect(today.asks).toEqual({ approved: 1, refused: 1, pending: 1, ran: 0 });
  });

  it("counts by rule (once per record) and by agent", () => {
    expect(today.rules[0]).toEqual({ rule: "sql.drop", asked: 3, denied: 0 });
    expect(today.rules.find((r) => r.rule === "git.force-push")).toEqual({ rule: "git.force-push", asked: 0, denied: 2 });
    expect(today.agents.find((a) => a.agent === "claude-code")).toEqual({ agent: "claude-code", asked: 0, denied: 2, total: 2 });
    expect(today.agents.map((a) => a.agent)).toEqual(expect.arrayContaining(["exec", "codex", "bash integration"]));
  });

  it("prints the version first, for bug reports", () => {
    const text = formatSummary(summary, "/state/audit.jsonl");
    expect(text.split("\n")[0]).toMatch(/^guard \S+ — audit log \/state\/audit\.jsonl$/);
    expect(text).toContain("today: 6 commands — 1 allowed, 3 asked, 2 denied");
    expect(text).toContain("asks: 1 approved, 1 refused, 1 left for approval");
    expect(text).toMatch(/ 1 command +0 denied +1 asked +codex/);
  });
});
