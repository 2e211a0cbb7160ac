// `guard exec`: check a command, then run it, ask a human, or refuse (exit 77).
// Commander wiring only: exec-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerExec(program: Command): void {
  program
    .command("exec")
    .description("check a command and run it if allowed: one argument is a shell string (run with bash -c), several are an argv (run directly)")
    .argument("[command...]", "the command to run")
    .option("--shell <path>", "the shell that runs a single-string command", process.env.GUARD_SHELL || "bash")
    .passThroughOptions()
    .action(async (args: string[], flags: { shell: string }) => (await import("./exec-command")).execCommand(args, flags));
}
