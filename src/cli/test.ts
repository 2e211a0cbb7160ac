// `guard test`: runs every rule's examples and checks the rule files themselves.
// Commander wiring only: test-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerTest(program: Command): void {
  program
    .command("test")
    .description("run the examples of rule files (default: built-in and project rules)")
    .argument("[paths...]", "rule files or directories to test")
    .option("--variants", "also check that wrapped, prefixed, quoted and nested variants of every match example are at least as strict")
    .action(async (paths: string[], flags: { variants?: boolean }) => (await import("./test-command")).testRules(paths, flags));
}
