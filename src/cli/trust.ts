// `guard trust`: a human, at a terminal, lets this repository's .guard.yaml loosen rules, for exactly its current content.
// Commander wiring only: trust-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";
import type { TrustFlags } from "./trust-command";

export function registerTrust(program: Command): void {
  program
    .command("trust")
    .description("let this repository's .guard.yaml loosen rules (like direnv allow): records its exact content outside the repository; any change voids it")
    .option("--status", "say whether the project files are trusted, and what is ignored until they are")
    .option("--revoke", "forget the trust for this repository (loosening entries are ignored again)")
    .option("--cwd <dir>", "the repository (default: the current directory)")
    .action(async (flags: TrustFlags) => (await import("./trust-command")).trust(flags));
}
