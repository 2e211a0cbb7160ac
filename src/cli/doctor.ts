// `guard doctor`: is guard installed for each agent, shell and git, and does each installed integration refuse a harmless probe.
import type { Command } from "commander";
import { GUARD_VERSION } from "../core/version";

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
    .action(async (flags: DoctorFlags) => {
      // Loaded here: doctor's probes are not on the path of a check.
      const [{ installContext }, { doctor, formatDoctor }, { formatSettingsReport, settingsReport }] = await Promise.all([
        import("../install/context"), import("../install/doctor"), import("../config/provenance"),
      ]);
      const report = doctor({ context: installContext() });
      const settings = settingsReport(process.cwd());
      // The version comes first: doctor output is what users paste into bug reports.
      const header = `guard ${GUARD_VERSION} (node ${process.version}, ${process.platform})\n`;
      process.stdout.write(flags.json ? `${JSON.stringify({ version: GUARD_VERSION, node: process.version, ...report, settings }, null, 2)}\n` : header + formatDoctor(report) + formatSettingsReport(settings));
      process.exitCode = report.ok && settings.errors.length === 0 ? 0 : EXIT_BROKEN;
    });
}
