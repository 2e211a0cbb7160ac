// `guard hook AGENT`: the pre-execution hook entry point for coding agents. Every failure blocks: agents run the command when a hook fails any other way.
import type { Command } from "commander";
import { ADAPTERS } from "../hooks/agents";

export function registerHook(program: Command): void {
  program
    .command("hook")
    .description(`answer an agent's pre-execution hook (reads its JSON payload on stdin): ${Object.keys(ADAPTERS).join(", ")}`)
    .argument("[agent...]", "the agent whose protocol to speak")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (args: string[]) => (await import("./hook-command")).runHookCommand(args));
}
