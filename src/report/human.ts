// Human-readable rendering of verdicts and explanations: the only importer of chalk, loaded only when it colours a terminal.
import type { ChalkInstance } from "chalk";
import type { Verdict } from "../engine/evaluate";
import type { Finding } from "../core/finding";
import type { Invocation } from "../shell/model";
import type { Span } from "../core/finding";
import { payloadLines } from "./payloads";

/** The colours a renderer writes with; other renderers name this type instead of importing chalk. */
export type Palette = ChalkInstance;

/**
 * What chalk at level 0 gives, without loading chalk (its colour detection loads node:tty, node:os
 * and the net streams: milliseconds on every check): every style, however chained, is the identity.
 */
const PLAIN: Palette = new Proxy((text: string) => text, { get: () => PLAIN }) as unknown as Palette;

/** Colour only for terminals, and never when NO_COLOR is set (https://no-color.org). */
export function palette(stream: NodeJS.WriteStream): Palette {
  const off = "NO_COLOR" in process.env && process.env.NO_COLOR !== "" || !stream.isTTY;
  if (off) return PLAIN;
  const { Chalk } = require("chalk") as typeof import("chalk");
  return new Chalk({ level: 1 });
}

const LABEL: Record<string, (c: Palette, s: string) => string> = {
  allow: (c, s) => c.green.bold(s),
  ask: (c, s) => c.yellow.bold(s),
  deny: (c, s) => c.red.bold(s),
};

/** How a character is shown: control characters and other invisible bytes as escapes, never raw. */
function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === "\t") return "\\t";
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `\\x${code.toString(16).padStart(2, "0")}`;
  // Bidi overrides and zero-width characters can make the shown text differ from what runs.
  if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff) return `\\u{${code.toString(16)}}`;
  return ch;
}

/** Terminal width for underlines: the stream's columns, else 80. */
function widthOf(stream?: NodeJS.WriteStream): number {
  return stream?.isTTY && stream.columns ? Math.max(40, stream.columns) : 80;
}

/**
 * The source line holding `span`, with a caret underline beneath the matched part. Control
 * characters are shown escaped (a raw ESC would drive the reader's terminal), and a line wider than
 * the terminal is cut to a window around the match with `…`, so the carets stay under the text.
 */
export function underline(text: string, span: Span, c: Palette, width = 80): string[] {
  const lineStart = text.lastIndexOf("\n", Math.max(0, span.start - 1)) + 1;
  let lineEnd = text.indexOf("\n", span.start);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  // Display text, and the display column at which each source offset starts.
  const pieces: string[] = [];
  const col: number[] = [];
  let at = 0;
  for (let i = 0; i < line.length; ) {
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 0);
    const shown = visible(ch);
    for (let k = 0; k < ch.length; k++) col[i + k] = at;
    pieces.push(shown);
    at += [...shown].length;
    i += ch.length;
  }
  col[line.length] = at;
  const display = pieces.join("");
  const chars = [...display];
  const from = col[Math.min(Math.max(0, span.start - lineStart), line.length)];
  const to = Math.max(from + 1, col[Math.min(line.length, Math.max(0, span.end - lineStart))]);
  // "  $ " before the text; the window leaves room for an ellipsis on each side.
  const room = Math.max(20, width - 4 - 2);
  let start = 0;
  if (chars.length > room) start = Math.max(0, Math.min(from - Math.floor(room / 4), chars.length - room));
  const end = Math.min(chars.length, start + room);
  const shownText = `${start > 0 ? "…" : ""}${chars.slice(start, end).join("")}${end < chars.length ? "…" : ""}`;
  const lead = start > 0 ? 1 : 0;
  const markFrom = from - start + lead;
  const markTo = Math.min(to, end) - start + lead;
  const marks = " ".repeat(markFrom) + "^".repeat(Math.max(1, markTo - markFrom));
  return [`  $ ${shownText}`, `    ${c.red(marks)}`];
}

/** The finding's head, underline (once per span: several findings on one part are not repeated) and texts. */
function findingLines(text: string, finding: Finding, c: Palette, width = 80, underlined?: Set<string>): string[] {
  const head = `${LABEL[finding.action](c, finding.action.toUpperCase())}  ${c.bold(finding.rule)} ${c.dim(`(${finding.severity}${finding.certain ? "" : ", uncertain"})`)}`;
  const key = `${finding.span.start}:${finding.span.end}`;
  const repeat = underlined?.has(key) ?? false;
  underlined?.add(key);
  const lines = [head, ...(repeat ? [`  ${c.dim("(the same part of the command as above)")}`] : underline(text, finding.span, c, width))];
  lines.push(`  ${c.bold("what:")}    ${finding.message}`);
  lines.push(`  ${c.bold("why:")}     ${finding.why}`);
  lines.push(`  ${c.bold("instead:")} ${finding.instead}`);
  if (finding.via.length) lines.push(`  ${c.bold("via:")}     ${finding.via.join(" › ")}`);
  if (finding.detail) lines.push(`  ${c.bold("detail:")}  ${[...finding.detail.split("\n")[0]].map(visible).join("")}`);
  return lines;
}

/** Every finding guard acts on, each span underlined once. */
function findingsBlock(verdict: Verdict, c: Palette, stream?: NodeJS.WriteStream): string[] {
  const width = widthOf(stream);
  const underlined = new Set<string>();
  const lines: string[] = [];
  // Findings on the same part of the command sit together, so "as above" is right above.
  const shown = verdict.findings.filter((f) => f.action !== "allow");
  const firstAt = new Map<string, number>();
  shown.forEach((f, i) => firstAt.set(`${f.span.start}:${f.span.end}`, firstAt.get(`${f.span.start}:${f.span.end}`) ?? i));
  const ordered = shown.map((f, i) => ({ f, i, group: firstAt.get(`${f.span.start}:${f.span.end}`) ?? i })).sort((a, b) => a.group - b.group || a.i - b.i);
  for (const { f } of ordered) lines.push(...findingLines(verdict.command, f, c, width, underlined), "");
  return lines;
}

export function renderVerdict(verdict: Verdict, stream: NodeJS.WriteStream = process.stdout): string {
  const c = palette(stream);
  const shown = verdict.findings.filter((f) => f.action !== "allow");
  if (shown.length === 0) {
    // A rule that matched but was set to allow by config is said so: "no rule matched" would hide the override.
    const overridden = verdict.findings.filter((f) => f.overridden);
    if (overridden.length === 0) return `${LABEL.allow(c, "ALLOW")}  no rule matched\n`;
    return overridden.map((f) => `${LABEL.allow(c, "ALLOW")}  ${c.bold(f.rule)} matched, overridden: ${f.overridden!.from} → ${f.action} by ${f.overridden!.by}\n`).join("");
  }
  const lines = findingsBlock(verdict, c, stream);
  const decision = verdict.decision;
  lines.push(`${LABEL[decision](c, decision.toUpperCase())}: ${decision === "deny" ? "do not run this command, and do not try another way to do the same thing; ask the user." : "ask the user before running this command."}`);
  return `${lines.join("\n")}\n`;
}

function wordList(invocation: Invocation): string {
  return invocation.argv.map((w) => (w.dynamic ? `${w.raw} (dynamic)` : JSON.stringify(w.value))).join(" ");
}

function stdinText(invocation: Invocation): string | undefined {
  const s = invocation.stdin;
  if (!s) return undefined;
  switch (s.kind) {
    case "heredoc":
      return `here-document (${s.text.length} characters${s.quoted ? ", quoted" : ""})`;
    case "herestring":
      return `here-string ${s.word.raw}`;
    case "file":
      return `file ${s.path.raw}`;
    case "pipe":
      return `pipe from ${s.producer ? s.producer.program || s.producer.argv[0].raw : "a compound command"}`;
    default: {
      const unreachable: never = s;
      return unreachable;
    }
  }
}

export function renderExplanation(verdict: Verdict, stream: NodeJS.WriteStream = process.stdout): string {
  const c = palette(stream);
  const lines = [`${c.bold("Command:")} ${[...verdict.command].map((ch) => (ch === "\n" ? ch : visible(ch))).join("")}`, ""];
  lines.push(c.bold(`Commands that would run (${verdict.invocations.length}):`));
  verdict.invocations.forEach((inv, i) => {
    lines.push(`  ${i + 1}. ${c.cyan(inv.program || "(dynamic)")}  ${c.dim(JSON.stringify(verdict.command.slice(inv.span.start, inv.span.end)))}`);
    lines.push(`     argv:  ${wordList(inv)}`);
    if (inv.via.length) lines.push(`     via:   ${inv.via.map((v) => v.wrapper).join(" › ")}`);
    if (inv.env.length) lines.push(`     env:   ${inv.env.map((e) => `${e.name}=${e.dynamic ? "(dynamic)" : JSON.stringify(e.value)}`).join(" ")}`);
    const stdin = stdinText(inv);
    if (stdin) lines.push(`     stdin: ${stdin}`);
    if (inv.pipeline.size > 1) lines.push(`     pipeline: ${inv.pipeline.index + 1} of ${inv.pipeline.size}`);
    if (inv.appendedArgs) lines.push(`     more arguments are added at run time by ${inv.appendedArgs === "stdin" ? "xargs" : "find"}`);
    for (const line of payloadLines(verdict.payloads?.[i])) lines.push(`     ${line}`);
  });
  lines.push("");
  if (verdict.findings.length === 0) lines.push(c.bold("Rules matched: none"));
  else {
    lines.push(c.bold("Rules matched:"));
    for (const f of verdict.findings) {
      lines.push(`  - ${LABEL[f.action](c, f.action)} ${f.rule}${f.certain ? "" : " (uncertain: a dynamic word decides, so at most ask)"}${f.overridden ? ` (overridden: ${f.overridden.from} → ${f.action} by ${f.overridden.by})` : ""}: ${f.message}`);
      if (f.detail) lines.push(`      ${c.dim(f.detail.split("\n")[0])}`);
    }
  }
  lines.push("");
  const top = verdict.findings.find((f) => f.action === verdict.decision);
  const reason = top && verdict.decision !== "allow" ? `the strictest finding is ${top.rule}` : "no rule asked or denied";
  lines.push(`${c.bold("Decision:")} ${LABEL[verdict.decision](c, verdict.decision.toUpperCase())} (${reason}; allow < ask < deny, the strictest wins)`);
  return `${lines.join("\n")}\n`;
}

/** Shown on the terminal before the human types the confirmation. */
export function renderPromptBody(verdict: Verdict, stream: NodeJS.WriteStream): string {
  const c = palette(stream);
  const lines = [c.bold("guard: this command needs your approval"), "", ...findingsBlock(verdict, c, stream)];
  return `${lines.join("\n")}\n`;
}

/** The outcomes that refuse to run a command (act/outcome.ts). */
export type Refusal =
  | { kind: "deny" }
  | { kind: "ask" }
  | { kind: "refused"; why: string; prompted?: boolean }
  | { kind: "needs-approval"; code: string; ttlMinutes: number };

const NO_WORKAROUND = "Do not try another way to do the same thing: stop and ask the user.";

/** The message on stderr when guard refuses to run a command: written for the agent and the human. */
export function renderRefusal(verdict: Verdict, refusal: Refusal, exitCode: number, stream: NodeJS.WriteStream = process.stderr): string {
  const c = palette(stream);
  // The person who just answered the prompt reads this on the same terminal: they saw the findings
  // in the prompt, and the lines meant for an agent ("ask the user") are not for them.
  if (refusal.kind === "refused" && refusal.prompted && stream.isTTY) {
    return `${c.red.bold("✖ Not approved")} (${refusal.why}): the command did not run.\n`;
  }
  const title = refusal.kind === "deny" ? "BLOCKED" : refusal.kind === "needs-approval" ? "NEEDS APPROVAL" : "NOT APPROVED";
  const lines = [`${LABEL[refusal.kind === "deny" ? "deny" : "ask"](c, `guard: ${title}`)} (exit ${exitCode}); the command did not run.`, "", ...findingsBlock(verdict, c, stream)];
  switch (refusal.kind) {
    case "deny":
      lines.push(`guard blocked this command. ${NO_WORKAROUND}`);
      break;
    case "ask":
      lines.push(`This command needs the user's approval. ${NO_WORKAROUND}`);
      break;
    case "refused":
      lines.push(`The command was not approved (${refusal.why}). ${NO_WORKAROUND}`);
      break;
    case "needs-approval":
      lines.push(
        "This command needs a human's approval. Stop and ask the user to run, in their own terminal:",
        "",
        `    guard approve ${refusal.code}`,
        "",
        `then run exactly the same command again from the same directory. The approval is good for one run within ${refusal.ttlMinutes} minutes.`,
        "Do not try another way to do the same thing.",
      );
      break;
    default: {
      const unreachable: never = refusal;
      void unreachable;
    }
  }
  return `${lines.join("\n")}\n`;
}
