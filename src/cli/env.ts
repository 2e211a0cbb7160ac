// `guard env`: what a command run through guard would see — each credential variable, kept or removed, and why.
// Commander wiring only: env-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerEnv(program: Command): void {
  program
    .command("env")
    .description("show which environment variables a command run through guard exec/shell would see, and why")
    .argument("[command...]", "the command (grants to programs depend on it)")
    .option("--json", "print JSON")
    .passThroughOptions()
    .action(async (args: string[], flags: { json?: boolean }) => (await import("./env-command")).envReport(args, flags));
}
