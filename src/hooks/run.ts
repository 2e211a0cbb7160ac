// `guard hook AGENT`: read the agent's payload, evaluate the command, and answer in exactly the agent's format.
import { recordAudit } from "../act/record";
import { approvalTtlMs, consumeApproval, requestApproval } from "../act/approvals";
import { agentText, userText, type AgentOutcome } from "../report/agent";
import { check } from "../cli/session";
import { adapterFor, type AgentAdapter, type HookAnswer, type HookRequest } from "./agents";
import { PayloadError, readPayload } from "./payload";
import { quote } from "shell-quote";
import { takeSnapshotIfNeeded, trashPromptNote } from "../undo/take";
import { resolve } from "node:path";

/** bin/guard beside the running bundle (dist/guard.cjs). */
function guardBin(): string {
  return resolve(__dirname, "..", "bin", "guard");
}

export interface HookOptions {
  stdin?: NodeJS.ReadableStream;
  /** `mode: audit` in the user config: decide and log, but answer allow (shadow rollout). */
  auditMode?: boolean;
}

function outcomeFor(adapter: AgentAdapter, request: Required<Pick<HookRequest, "command">> & { cwd: string }, decision: "allow" | "ask" | "deny"): AgentOutcome {
  if (decision !== "ask") return { kind: decision };
  if (adapter.canAsk) return { kind: "ask" };
  // No approval UI in this agent: a human approves out of band with a one-time code.
  if (consumeApproval(request.command, request.cwd)) return { kind: "allow" };
  try {
    return { kind: "needs-approval", code: requestApproval(request.command, request.cwd), ttlMinutes: Math.round(approvalTtlMs() / 60_000) };
  } catch {
    return { kind: "deny" }; // no approval store: refuse outright
  }
}

/** Never throws, and never answers allow for a payload it could not read. */
export async function runHook(agent: string, options: HookOptions = {}): Promise<HookAnswer> {
  const adapter = adapterFor(agent);
  let request: HookRequest;
  try {
    request = adapter.parse(await readPayload(options.stdin));
  } catch (err) {
    const reason = err instanceof PayloadError ? err.message : `internal error: ${(err as Error)?.message ?? err}`;
    const outcome: AgentOutcome = { kind: "unreadable", reason };
    return adapter.answer({ decision: "deny", agent: agentText(undefined, outcome), user: userText(undefined, outcome) });
  }
  if (request.command === undefined) return adapter.answer({ decision: "allow", agent: "guard: not a shell command", user: "guard: allowed" });
  const cwd = request.cwd ?? process.cwd();
  const { verdict, rules, ctx } = check(request.command, { cwd, agent });
  const outcome = outcomeFor(adapter, { command: request.command, cwd }, verdict.decision);
  const source: Record<string, string> = { agent };
  if (request.session) source.session = request.session;
  if (request.model) source.model = request.model;
  const logged = recordAudit({
    entry: "hook", cwd, command: request.command, decision: verdict.decision, rules: verdict.findings.map((f) => f.rule), source,
    ...(options.auditMode && verdict.decision !== "allow" ? { note: "audit mode: not enforced" } : {}),
    ...(outcome.kind === "allow" && verdict.decision === "ask" ? { approval: { how: "code" as const, at: new Date().toISOString() } } : {}),
  }, rules.settings);
  const warning = logged.ok ? "" : `guard: warning: could not write the audit log: ${logged.errors.join("; ")}\n`;
  const shown: AgentOutcome = options.auditMode ? { kind: "allow" } : outcome;
  const decision = shown.kind === "allow" ? "allow" : shown.kind === "ask" ? "ask" : "deny";
  // Opt-in: run the command through guard exec, so token isolation and read-only databases apply to hooked agents too.
  const rewrite = rules.settings.isolation.routeHooks ? `${quote([process.execPath, guardBin()])} exec -- ${quote([request.command])}` : undefined;
  // A pre-tool hook runs before the command: the snapshot (and, for an ask, the trash copy) is taken here.
  const undo = { command: request.command, cwd, home: ctx.home, agent, settings: rules.settings.undo, asked: verdict.decision === "ask" };
  const notes = decision === "deny" || rewrite ? [] : await takeSnapshotIfNeeded(verdict.invocations, undo);
  const undoNote = decision === "ask" && !rewrite ? await trashPromptNote(verdict.invocations, undo) : undefined;
  // Agents show either text in their approval prompt: both say whether a copy is kept.
  const note = undoNote ? ` ${undoNote.trim()}` : "";
  const answer = adapter.answer({ decision, agent: agentText(verdict, shown) + note, user: userText(verdict, shown) + note, ...(rewrite ? { rewrite } : {}) });
  return { ...answer, stderr: warning + notes.map((n) => `${n}\n`).join("") + answer.stderr };
}
