// Runs a check's common paths (a safe and a destructive command, each agent's answers) without side effects, once, in the run that writes the launcher's V8 code cache: the cache then holds them whichever command came first.
import { openPolicy } from "../engine/policy";
import { ADAPTERS, type HookDecision } from "../hooks/agents";
import { agentText, userText } from "../report/agent";
import { verdictJson } from "../report/json";
import { renderVerdict } from "../report/human";

/**
 * One safe and one destructive command: together they take a check through the parser, the
 * matcher and both outcomes' messages. Not more: every function in the cache is deserialised on
 * every start, and a cache warmed on 18 varied commands (1.15 MB) made each check and hook cost
 * about 8% more instructions than this one (0.84 MB), which costs about 3% less than a cache the
 * first run alone wrote (docs/performance.md, "Fifth pass").
 */
const COMMANDS = ["git status", "rm -rf /"];

/** A payload for each hook adapter: the shell tool and a file tool, as the agents send them. */
const PAYLOADS: unknown[] = [
  { tool_name: "Bash", tool_input: { command: "git status" }, cwd: "/tmp", session_id: "s", hook_event_name: "PreToolUse" },
  { tool_name: "Write", tool_input: { file_path: "/tmp/x" }, cwd: "/tmp", session_id: "s", hook_event_name: "PreToolUse" },
];

const DECISIONS: HookDecision[] = ["none", "allow", "ask", "deny"];

/** Never throws and never writes: no audit record, no output, no snapshot, no approval consumed. */
export function warmUp(cwd: string): void {
  try {
    const policy = openPolicy({ cwd });
    const quiet = { isTTY: false } as NodeJS.WriteStream;
    for (const command of COMMANDS) {
      try {
        const { verdict } = policy.check(command);
        JSON.stringify(verdictJson(verdict));
        renderVerdict(verdict, quiet);
        for (const kind of ["run", "ask", "deny"] as const) {
          agentText(verdict, { kind });
          userText(verdict, { kind });
        }
      } catch {
        // One command's failure says nothing about the others.
      }
    }
    for (const adapter of Object.values(ADAPTERS)) {
      for (const payload of PAYLOADS) {
        try {
          adapter.parse(payload);
        } catch {
          // Another agent's payload shape: the parse is what compiles.
        }
      }
      for (const decision of DECISIONS) {
        try {
          adapter.answer({ decision, agent: "a", user: "u" });
        } catch {
          // Nothing to keep: only the compiled code is wanted.
        }
      }
    }
  } catch {
    // The cache is an optimisation: a failed warm-up only leaves it smaller.
  }
}
