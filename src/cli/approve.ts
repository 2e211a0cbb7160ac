// `guard approve CODE`: a human, at their own terminal, lets one refused command run once.
// Commander wiring only: approve-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerApprove(program: Command): void {
  program
    .command("approve")
    .description("approve, at your own terminal, a command guard refused with a one-time code")
    .argument("<code>", "the code from guard's message")
    .action(async (code: string) => (await import("./approve-command")).approve(code));
}
