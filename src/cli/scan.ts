// `guard scan FILE|-`: what guard would have asked or denied in a shell history, a script or an agent transcript.
// Commander wiring only: scan-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";
import { CliError } from "./errors";
import type { ScanFormat } from "./scan-command";

const FORMATS: readonly ScanFormat[] = ["transcript", "history", "zsh-history", "script", "audit-log"];

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("report what guard would have asked or denied in a shell history, a script or a Claude Code transcript (- for stdin)")
    .argument("<file>", "the file to scan, or - for stdin")
    .option("--format <format>", `${FORMATS.join(", ")} (default: detected)`)
    .option("--json", "print the report as JSON")
    .option("--profile <profile>", "default, or strict: also show what `profile: strict` would ask, by reason")
    .action(async (file: string, flags: { format?: ScanFormat; json?: boolean; profile?: string }) => {
      if (flags.format && !FORMATS.includes(flags.format)) throw new CliError(`unknown format ${flags.format} (known: ${FORMATS.join(", ")})`);
      if (flags.profile && flags.profile !== "default" && flags.profile !== "strict") throw new CliError(`unknown profile ${flags.profile} (known: default, strict)`);
      (await import("./scan-command")).scan(file, flags);
    });
}
