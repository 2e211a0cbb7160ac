// `guard init`: find the agents and shells on this machine, show what installing guard for them would change, install on confirmation, then run doctor.
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { CliError } from "./errors";
import { INTEGRATIONS, type Integration } from "../install/integrations";
import { EXIT } from "./exit-codes";

interface InitFlags {
  yes?: boolean;
  dryRun?: boolean;
  only?: string;
  shells?: boolean;
}

/** Shell integrations check every bash/zsh command of the account, the user's own scripts included: opt-in. */
const SHELL_TARGETS: readonly Integration[] = ["bash", "zsh"];

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function parseOnly(only: string | undefined): Integration[] | undefined {
  if (!only) return undefined;
  const names = only.split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!(INTEGRATIONS as readonly string[]).includes(name)) throw new CliError(`unknown target ${name}; known: ${INTEGRATIONS.join(", ")}`);
  return names as Integration[];
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("set guard up on this machine: detect agents and shells, show what would be installed, install on confirmation, then run doctor")
    .option("--yes", "install without asking (for scripts)")
    .option("--dry-run", "show what would be installed, with diffs, and write nothing")
    .option("--only <targets>", "comma-separated targets to consider instead of the detected ones")
    .option("--shells", "also install into the detected shells (bash, zsh): every command of your account is then checked")
    .action(async (flags: InitFlags) => {
      if (!flags.yes && !flags.dryRun && !process.stdin.isTTY) throw new CliError("guard init asks before it installs: run it at a terminal, or pass --yes (or --dry-run to see the plan)");
      const [{ installContext }, { detectTargets }, installer, { InstallError }, { doctor, formatDoctor }] = await Promise.all([
        import("../install/install-context"), import("../install/detect"), import("../install/install"), import("../install/errors"), import("../install/doctor"),
      ]);
      const context = installContext();
      const only = parseOnly(flags.only);
      const detected = only ? only.map((target) => ({ target, evidence: "named with --only" })) : detectTargets(context);
      const skippedShells = only || flags.shells ? [] : detected.filter((d) => SHELL_TARGETS.includes(d.target));
      const found = detected.filter((d) => !skippedShells.includes(d));
      const shellNote = skippedShells.length ? `also found ${skippedShells.map((d) => `${d.target} (${d.evidence})`).join(", ")}: not installed unless you pass --shells (then every ${skippedShells.map((d) => d.target).join("/")} command of this account is checked)\n` : "";
      if (found.length === 0) {
        process.stdout.write(shellNote);
        process.stdout.write(`guard init: no agent or shell found to install into (looked for ${INTEGRATIONS.filter((t) => t !== "git").join(", ")}).\nnext: guard install <agent> for one that is installed elsewhere, or guard install git --project in a repository.\n`);
        return;
      }
      // The plan: what each install would change, as a dry run, before anything is written.
      const plans = found.map((d) => ({ ...d, report: installer.install({ target: d.target, dryRun: true, context }) }));
      const lines = ["guard init found:", ...plans.map((p) => `  ${p.target.padEnd(12)} ${p.evidence}; ${p.report.changed ? "guard would be installed" : "guard is already installed"}`)];
      process.stdout.write(`${lines.join("\n")}\n${shellNote}`);
      const pending = plans.filter((p) => p.report.changed);
      if (flags.dryRun) {
        for (const p of pending) process.stdout.write(`\n${installer.formatReport(p.report)}`);
        return;
      }
      if (pending.length > 0 && !flags.yes && !(await confirm(`Install guard for ${pending.map((p) => p.target).join(", ")}? [y/N] `))) {
        process.stdout.write("Nothing was installed.\n");
        return;
      }
      let failed = false;
      for (const p of pending) {
        try {
          process.stdout.write(installer.formatReport(installer.install({ target: p.target, context })));
        } catch (err) {
          if (!(err instanceof InstallError)) throw err;
          process.stderr.write(`guard: ${p.target}: ${err.message}\n`);
          failed = true;
        }
      }
      const report = doctor({ context, targets: found.map((d) => d.target) });
      process.stdout.write(`\nguard doctor:\n${formatDoctor(report)}`);
      process.exitCode = failed || !report.ok ? EXIT.failure : 0;
    });
}
