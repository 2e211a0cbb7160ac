// Snapshots of the rendered reports (human, agent, JSON) for representative findings; no colour, 80 columns, fixed findings, so they only change when the rendering does.
import { describe, expect, it } from "vitest";
import type { Verdict } from "../../src/engine/evaluate";
import type { Finding } from "../../src/core/finding";
import { renderPromptBody, renderRefusal, renderVerdict, type Refusal } from "../../src/report/human";
import { agentText, userText, type AgentOutcome } from "../../src/report/agent";
import { verdictJson } from "../../src/report/json";

/** Not a terminal: no colour, and the 80-column default width, whatever runs the tests. */
const PLAIN = { isTTY: false } as NodeJS.WriteStream;

/** A finding on the first occurrence of `part` in `command`. Fixed texts: the snapshots test the rendering, not the rules. */
function finding(command: string, part: string, over: Partial<Finding> & Pick<Finding, "rule" | "action">): Finding {
  const start = command.indexOf(part);
  if (start < 0) throw new Error(`${part} is not in ${command}`);
  return {
    severity: over.action === "deny" ? "critical" : "high",
    message: `${over.rule} message.`,
    why: `${over.rule} why.`,
    instead: `${over.rule} instead.`,
    span: { start, end: start + part.length },
    via: [],
    certain: true,
    ...over,
  };
}

function verdict(command: string, findings: Finding[]): Verdict {
  const order = ["allow", "ask", "deny"] as const;
  const decision = findings.reduce<Verdict["decision"]>((d, f) => (order.indexOf(f.action) > order.indexOf(d) ? f.action : d), "allow");
  return { decision, command, findings, invocations: [] };
}

/** Every rendering of one verdict, each under a heading, as one text to compare. */
function reports(v: Verdict, outcome: AgentOutcome, refusal?: Refusal): string {
  const sections: [string, string][] = [["human: guard check", renderVerdict(v, PLAIN)]];
  if (refusal) sections.push(["human: refusal on stderr (exec, shell)", renderRefusal(v, refusal, 77, PLAIN)]);
  if (v.decision === "ask") sections.push(["human: prompt body", renderPromptBody(v, PLAIN)]);
  sections.push(["agent: what the model reads", `${agentText(v, outcome)}\n`], ["agent: what the human sees in the agent's dialog", `${userText(v, outcome)}\n`]);
  sections.push(["json: check --json", `${JSON.stringify(verdictJson(v), null, 2)}\n`]);
  return sections.map(([title, text]) => `=== ${title} ===\n${text}`).join("\n");
}

const FORCE_PUSH = "git push --force origin main";
const VOLUME = "railway volume delete vol-123 --yes";
const SQL = `psql "$DATABASE_URL" -c 'SELECT count(*) FROM users; DROP TABLE users'`;
const CURL = `curl -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer x' -d '{"query":"mutation { volumeDelete(volumeId: \\"v\\") }"}' && rm -rf ./build`;
const LONG = `echo ${"x".repeat(90)} && sudo bash -c 'rm -rf /' && echo ${"y".repeat(60)}`;

const CASES: { name: string; verdict: Verdict; outcome: AgentOutcome; refusal?: Refusal }[] = [
  {
    name: "deny-underline",
    verdict: verdict(FORCE_PUSH, [finding(FORCE_PUSH, "git push --force origin main", { rule: "git.force-push", action: "deny", target: "main" })]),
    outcome: { kind: "deny" },
    refusal: { kind: "deny" },
  },
  {
    name: "ask",
    verdict: verdict(VOLUME, [finding(VOLUME, "railway volume delete vol-123", { rule: "railway.volume-delete", action: "ask", target: "vol-123" })]),
    outcome: { kind: "needs-approval", code: "K7Q2-MX4P", ttlMinutes: 10 },
    refusal: { kind: "needs-approval", code: "K7Q2-MX4P", ttlMinutes: 10 },
  },
  {
    name: "allow",
    verdict: verdict("ls -la", []),
    outcome: { kind: "run" },
  },
  {
    name: "allow-overridden",
    verdict: verdict("git push --force origin feature", [finding("git push --force origin feature", "git push --force", { rule: "git.force-push", action: "allow", overridden: { from: "ask", by: "~/.config/guard/config.yaml" } })]),
    outcome: { kind: "run" },
  },
  {
    name: "sql-statement",
    verdict: verdict(SQL, [finding(SQL, "DROP TABLE users", { rule: "sql.drop-table", action: "deny", target: "users", via: ["psql -c"] })]),
    outcome: { kind: "deny" },
    refusal: { kind: "deny" },
  },
  {
    name: "several-findings-one-span",
    verdict: verdict(CURL, [
      finding(CURL, CURL.slice(0, CURL.indexOf(" && ")), { rule: "railway.graphql-volume-delete", action: "deny" }),
      finding(CURL, "rm -rf ./build", { rule: "fs.rm-recursive", action: "ask", certain: false }),
      finding(CURL, CURL.slice(0, CURL.indexOf(" && ")), { rule: "http.infra-mutation", action: "ask", detail: "POST to backboard.railway.app\nsecond line not shown" }),
    ]),
    outcome: { kind: "refused", why: "no answer in time", prompted: false },
    refusal: { kind: "refused", why: "no answer in time" },
  },
  {
    name: "long-line-at-80-columns",
    verdict: verdict(LONG, [finding(LONG, "rm -rf /", { rule: "fs.rm-root", action: "deny", via: ["sudo", "bash -c"], detail: "escape \x1b[2J shown, not sent" })]),
    outcome: { kind: "deny" },
    refusal: { kind: "deny" },
  },
];

describe("rendered reports", () => {
  for (const c of CASES) {
    it(`${c.name}: human, agent and JSON`, async () => {
      const text = reports(c.verdict, c.outcome, c.refusal);
      // Stable across runs and terminals: no escape sequences, no line past 80 columns in the human report.
      expect(text).not.toMatch(/\x1b/);
      await expect(text).toMatchFileSnapshot(`./__snapshots__/reports/${c.name}.txt`);
    });
  }

  it("the human report stays within 80 columns for every case", () => {
    for (const c of CASES) {
      const human = renderVerdict(c.verdict, PLAIN);
      const underline = human.split("\n").filter((l) => l.startsWith("  $ ") || /^ {4}\^/.test(l));
      for (const line of underline) expect([...line].length, `${c.name}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});
