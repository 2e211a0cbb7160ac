// `guard log`: show, filter and verify the audit log of every verdict guard has given.
// Commander wiring only: log-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";
import type { LogFlags } from "./log-command";

export function registerLog(program: Command): void {
  program
    .command("log")
    .description("show the audit log of guard's verdicts, newest last")
    .option("--since <when>", "only records since an ISO date/time or a duration ago (10m, 2h, 7d)")
    .option("--decision <decision>", "only records with this decision (allow, ask or deny)")
    .option("--rule <id>", "only records with a finding of this rule (a trailing * matches a prefix: git.*)")
    .option("--json", "print the matching records as JSON Lines, unchanged")
    .option("--limit <n>", "print only the last n matching records (default 50, all with --json)")
    .option("--verify", "check that no record was edited, removed or reordered")
    .option("--summary", "what was asked and denied today and this week, by rule and by agent")
    .action(async (flags: LogFlags) => (await import("./log-command")).log(flags));
}
