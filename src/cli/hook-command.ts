// What `guard hook AGENT` does once its arguments are known: shared by the commander command and the start-up fast path. Every failure blocks: agents run the command when a hook fails any other way.
import { ADAPTERS } from "../hooks/agents";
import { runHook } from "../hooks/answer";
import type { HookAnswer } from "../hooks/agents";
import { writeOut } from "./output";
import { EXIT } from "./exit-codes";

function blocked(reason: string): HookAnswer {
  return { stdout: "", stderr: `guard: ${reason}; refusing this tool call (guard fails closed). Run guard doctor.\n`, exitCode: EXIT.hookBlock };
}

/** A refusal in the agent's own form (Copilot CLI ignores exit codes), falling back to exit 2. */
function refusal(agent: string, reason: string): HookAnswer {
  try {
    const answer = ADAPTERS[agent].answer({ decision: "deny", agent: `guard refused this tool call: ${reason}. Do not try another way to do the same thing: stop and ask the user.`, user: `guard refused: ${reason}` });
    return { ...answer, stderr: `${answer.stderr}guard: ${reason}\n`, exitCode: answer.exitCode || (answer.stdout ? 0 : EXIT.hookBlock) };
  } catch {
    return blocked(reason);
  }
}

export async function answerHook(args: string[]): Promise<HookAnswer> {
  const known = Object.keys(ADAPTERS);
  // A typo'd agent name or an extra argument (`--verbose`) must block, not exit 64 (which agents treat as "go ahead").
  if (args.length === 0) return blocked(`no agent named; known: ${known.join(", ")}`);
  const [agent, ...extra] = args;
  if (!Object.prototype.hasOwnProperty.call(ADAPTERS, agent)) return blocked(`unknown agent ${JSON.stringify(agent)}; known: ${known.join(", ")}`);
  if (extra.length) return refusal(agent, `unexpected argument ${JSON.stringify(extra[0])} to guard hook ${agent}`);
  try {
    return await runHook(agent);
  } catch (err) {
    return refusal(agent, `internal error: ${(err as Error)?.message ?? err}`);
  }
}

/** Answers the hook and writes the answer in the agent's protocol. */
export async function runHookCommand(args: string[]): Promise<void> {
  const answer = await answerHook(args);
  writeOut(1, answer.stdout);
  writeOut(2, answer.stderr);
  process.exitCode = answer.exitCode;
}
