// `guard hook AGENT`: read the agent's payload, check it through the policy core, and answer in exactly the agent's format.
import { quote } from "shell-quote";
import { resolve } from "node:path";
import { agentText, userText, type AgentOutcome } from "../report/agent";
import { adapterFor, type HookAnswer, type HookRequest } from "./agents";
import { PayloadError, readPayload } from "./payload";
import { checkToolCall } from "./tool-call";
import { checkFileCall } from "./file-call";

/** bin/guard beside the running bundle (dist/guard.cjs). */
function guardBin(): string {
  return resolve(__dirname, "..", "bin", "guard");
}

export interface HookOptions {
  stdin?: NodeJS.ReadableStream;
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
  const source: Record<string, string> = {};
  if (request.session) source.session = request.session;
  if (request.model) source.model = request.model;
  if (request.file) {
    // The agent's own file tools: guard's protected paths and credential files; everything else is no opinion.
    const result = await checkFileCall({ agent, ...request.file, cwd: request.cwd ?? process.cwd(), source }, adapter);
    if (!result) return adapter.answer({ decision: "none", agent: "", user: "" });
    const answer = adapter.answer({ decision: result.answer, agent: result.agentMessage, user: result.userMessage });
    return { ...answer, stderr: result.warning + answer.stderr };
  }
  // Not a shell command: no opinion, so the agent's own rules for its other tools apply.
  if (request.command === undefined) return adapter.answer({ decision: "none", agent: "", user: "" });
  const result = await checkToolCall({ agent, command: request.command, cwd: request.cwd ?? process.cwd(), source }, adapter);
  const decision = result.answer;
  // Opt-in: run the command through guard exec, so token isolation and read-only databases apply to hooked agents too.
  // A rewrite only takes effect with an answer that lets the call proceed (allow, or ask).
  const rewrite = result.routeThroughGuard && (decision === "allow" || decision === "ask") ? `${quote([process.execPath, guardBin()])} exec -- ${quote([request.command])}` : undefined;
  const answer = adapter.answer({ decision, agent: result.agentMessage, user: result.userMessage, ...(rewrite ? { rewrite } : {}) });
  return { ...answer, stderr: result.warning + answer.stderr };
}
