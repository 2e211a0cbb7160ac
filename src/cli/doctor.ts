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
      // Project files whose loosening is ignored until `guard trust`, said once here too.
      const { activeRules } = await import("../rules/active");
      const notices = activeRules(process.cwd()).notices.map((n) => n.message);
      // Whether decisions are anchored in a system key, or forgeable by the agent's user (docs/threat-model.md).
      const { systemKeyStatus } = await import("../core/system-key");
      const key = systemKeyStatus();
      notices.push(!key.present
        ? "no system key: a same-user agent can forge approvals, trust records and the PIN file (see the trust model; sudo guard pin set --system)"
        : key.problem ? `system key in ${key.dir} cannot be believed: ${key.problem} (approvals and trust records fail closed)` : `system key in ${key.dir}: approvals and trust records must be signed`);
      const noticeText = notices.map((n) => `  NOTE ${n}\n`).join("");
      // The version comes first: doctor output is what users paste into bug reports.
      const header = `guard ${GUARD_VERSION} (node ${process.version}, ${process.platform})\n`;
      process.stdout.write(flags.json ? `${JSON.stringify({ version: GUARD_VERSION, node: process.version, ...report, settings, notices }, null, 2)}\n` : header + formatDoctor(report) + formatSettingsReport(settings) + noticeText);
      process.exitCode = report.ok && settings.errors.length === 0 ? 0 : EXIT_BROKEN;
    });
}
