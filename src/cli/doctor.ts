// `guard doctor`: is guard installed for each agent, shell and git, and does each installed integration refuse a harmless probe.
import type { Command } from "commander";
import { installContext } from "../install/context";
import { doctor, formatDoctor } from "../install/doctor";
import { formatSettingsReport, settingsReport } from "../config/provenance";

interface DoctorFlags {
  json?: boolean;
}

/** Exit code when an installed integration does not refuse the probe. */
const EXIT_BROKEN = 1;

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check every integration: installed or not, and whether it refuses a harmless probe command (nothing destructive runs)")
    .option("--json", "print the findings as JSON")
    .action((flags: DoctorFlags) => {
      const report = doctor({ context: installContext() });
      const settings = settingsReport(process.cwd());
      process.stdout.write(flags.json ? `${JSON.stringify({ ...report, settings }, null, 2)}\n` : formatDoctor(report) + formatSettingsReport(settings));
      process.exitCode = report.ok && settings.errors.length === 0 ? 0 : EXIT_BROKEN;
    });
}
