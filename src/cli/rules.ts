// `guard rules`: the packs and rules in force here, and `guard rules show ID` for one rule with its examples.
// Commander wiring only: rules-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";

export function registerRules(program: Command): void {
  const rules = program
    .command("rules")
    .description("list the rule packs and rules in force here (config applied)")
    .option("--json", "print JSON")
    .action(async (flags: { json?: boolean }) => (await import("./rules-command")).listRules(flags));
  rules
    .command("show")
    .description("print one rule with its examples")
    .argument("<id>", "the rule id")
    .option("--json", "print JSON")
    .action(async (id: string, flags: { json?: boolean }) => (await import("./rules-command")).showRule(id, flags));
}
