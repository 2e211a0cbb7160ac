// `guard doctor` as a function: for each target and scope, is guard installed, and does the installed integration refuse a probe.
import type { InstallContext } from "./install-context";
import { checkAgent } from "./doctor-agents";
import { checkGit } from "./doctor-git";
import { checkOpencode } from "./doctor-opencode";
import { checkBash, checkZsh } from "./doctor-shells";
import type { DoctorReport, ScopeCheck, TargetCheck } from "./doctor-types";
import { makeProbe, type Probe } from "./probe";
import { isAgentIntegration, supportedScopes, INTEGRATIONS, type Scope, type Integration } from "./integrations";

export interface DoctorOptions {
  context: InstallContext;
  /** Default: every target. */
  targets?: Integration[];
}

function checkScope(target: Integration, scope: Scope, context: InstallContext, probe: Probe): ScopeCheck {
  if (isAgentIntegration(target)) return checkAgent(target, scope, context, probe);
  switch (target) {
    case "opencode":
      return checkOpencode(scope, context, probe);
    case "bash":
      return checkBash(scope, context, probe);
    case "zsh":
      return checkZsh(context, probe);
    case "git":
      return checkGit(context, probe);
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}

export function doctor(options: DoctorOptions): DoctorReport {
  const probe = makeProbe(options.context.env);
  try {
    const targets: TargetCheck[] = (options.targets ?? [...INTEGRATIONS]).map((target) => {
      const scopes = supportedScopes(target).map((scope) => {
        try {
          const check = checkScope(target, scope, options.context, probe);
          if (check.ok === false && probe.auditMode) check.problem = `${check.problem} (note: \`mode: audit\` in guard's config lets every command through)`;
          return check;
        } catch (err) {
          // A check that crashes is reported, not allowed to hide the others.
          return { scope, installed: true, ok: false, files: [], problem: `guard doctor could not check this: ${(err as Error)?.message ?? err}` };
        }
      });
      const installed = scopes.filter((s) => s.installed);
      const status = installed.length === 0 ? "not-installed" : installed.every((s) => s.ok) ? "ok" : "broken";
      return { target, status, scopes };
    });
    return { ok: targets.every((t) => t.status !== "broken"), targets };
  } finally {
    probe.cleanup();
  }
}

/** One line per target: OK, not installed, or BROKEN: what to fix. */
export function formatDoctor(report: DoctorReport): string {
  const width = Math.max(...report.targets.map((t) => t.target.length)) + 2;
  const lines = report.targets.map((t) => {
    const installed = t.scopes.filter((s) => s.installed);
    let text: string;
    if (t.status === "not-installed") text = "not installed";
    else if (t.status === "broken") {
      text = `BROKEN: ${installed.filter((s) => !s.ok).map((s) => `${s.scope}: ${s.problem}`).join("; ")}`;
    } else {
      const notes = installed.map((s) => s.note).filter(Boolean);
      text = `OK (${installed.map((s) => s.scope).join(", ")})${notes.length ? `; ${notes.join("; ")}` : ""}`;
    }
    return `${t.target.padEnd(width)}${text}`;
  });
  return `${lines.join("\n")}\n`;
}
