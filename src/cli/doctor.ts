// `guard doctor`: is guard installed for each agent, shell and git, and does each installed integration refuse a harmless probe.
import type { Command } from "commander";
import { GUARD_VERSION } from "../core/version";
import { EXIT } from "./exit-codes";

interface DoctorFlags {
  json?: boolean;
}

/** Whether the walls can go up on this machine, and what the config asks for. */
function sandboxStatus(mode: string): { mode: string; works: boolean; line: string } {
  const { findBwrap, probeBwrap } = require("../act/sandbox") as typeof import("../act/sandbox");
  const found = findBwrap();
  const probe = found.ok ? probeBwrap(found.path) : found;
  const state = probe.ok ? `works here (${found.ok ? found.path : ""})` : `cannot start here: ${probe.why}`;
  return { mode, works: probe.ok, line: `mode ${mode}; bubblewrap ${state}` };
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check every integration: installed or not, and whether it refuses a harmless probe command (nothing destructive runs)")
    .option("--json", "print the findings as JSON")
    .action(async (flags: DoctorFlags) => {
      // Loaded here: doctor's probes are not on the path of a check.
      const [{ installContext }, { doctor, formatDoctor }, { formatSettingsReport, settingsReport }, { doctorProblems, formatProblems }, { activeRules }] = await Promise.all([
        import("../install/install-context"), import("../install/doctor"), import("../config/provenance"), import("../install/doctor-problems"), import("../engine/active-rules"),
      ]);
      const report = doctor({ context: installContext() });
      const settings = settingsReport(process.cwd());
      // The rules as a check here would load them: a malformed .guard/rules file or config turns every command into ask.
      const active = activeRules(process.cwd());
      const problems = doctorProblems(report, active.errors);
      const sandbox = sandboxStatus(active.settings.sandbox.mode);
      if (!sandbox.works && active.settings.sandbox.mode === "required") problems.push({ problem: `sandbox.mode is required, but ${sandbox.line}: every guard exec and guard shell command is refused`, fix: "apt install bubblewrap (or allow unprivileged user namespaces), or set sandbox.mode: on" });
      // Project files whose loosening is ignored until `guard trust`, and whether decisions are anchored
      // in a system key or forgeable by the agent's user (docs/threat-model.md, "Trust model").
      const { systemKeyStatus } = await import("../core/system-key");
      const key = systemKeyStatus();
      const notices = [...active.notices.map((n) => n.message), !key.present
        ? "no system key: a same-user agent can forge approvals, trust records and the PIN file (see the trust model; sudo guard pin set --system)"
        : key.problem ? `system key in ${key.dir} cannot be believed: ${key.problem} (approvals and trust records fail closed)` : `system key in ${key.dir}: approvals and trust records must be signed`];
      const noticeText = notices.map((n) => `  NOTE ${n}\n`).join("");
      // The version comes first: doctor output is what users paste into bug reports.
      const header = `guard ${GUARD_VERSION} (node ${process.version}, ${process.platform})\n`;
      process.stdout.write(flags.json
        ? `${JSON.stringify({ version: GUARD_VERSION, node: process.version, ...report, sandbox, problems, settings, notices }, null, 2)}\n`
        : header + formatDoctor(report) + `\nsandbox      ${sandbox.line}\n` + formatProblems(problems, report) + formatSettingsReport(settings) + noticeText);
      process.exitCode = problems.length === 0 && settings.errors.length === 0 ? 0 : EXIT.failure;
    });
}
