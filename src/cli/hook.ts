// `guard hook AGENT`: the pre-execution hook entry point for coding agents.
import type { Command } from "commander";
import { ADAPTERS } from "../hooks/agents";
import { runHook } from "../hooks/run";
import { UsageError } from "./check";

export function registerHook(program: Command): void {
  program
    .command("hook")
    .description(`answer an agent's pre-execution hook (reads its JSON payload on stdin): ${Object.keys(ADAPTERS).join(", ")}`)
    .argument("<agent>", "the agent whose protocol to speak")
    .action(async (agent: string) => {
      if (!Object.prototype.hasOwnProperty.call(ADAPTERS, agent)) throw new UsageError(`unknown agent ${agent}; known: ${Object.keys(ADAPTERS).join(", ")}`);
      let answer;
      try {
        answer = await runHook(agent);
      } catch (err) {
        // Agents run the command when a hook crashes; exit 2 is the one failure every hooked agent treats as a block.
        process.stderr.write(`guard: internal error, refusing: ${(err as Error)?.message ?? err}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(answer.stdout);
      process.stderr.write(answer.stderr);
      process.exitCode = answer.exitCode;
    });
}
