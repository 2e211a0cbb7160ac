// `guard env`: what a command run through guard would see — each credential variable, kept or removed, and why.
import { commandEnvironment } from "../act/environment";
import { commandText } from "./command-text";
import { openPolicy } from "../engine/policy";

export function envReport(args: string[], flags: { json?: boolean }) {
  const text = args.length ? commandText(args) : "";
  const policy = openPolicy();
  const { verdict, production } = policy.check(text);
  const rules = policy;
  const prepared = commandEnvironment({ env: process.env, invocations: verdict.invocations, settings: rules.settings, production, entry: "exec", argv: args.length > 1 ? args : undefined });
  const report = {
    isolation: rules.settings.isolation.enabled,
    production,
    readOnlyDatabases: prepared.readOnly,
    variables: prepared.decisions,
    kept: Object.keys(prepared.env).length,
    added: { GUARD_AGENT: prepared.env.GUARD_AGENT, ...(prepared.readOnly ? { PGOPTIONS: prepared.env.PGOPTIONS } : {}) },
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [
    `token isolation: ${report.isolation ? "on" : "off (user config)"}; production context: ${production ? "yes" : "no"}; database clients read-only: ${prepared.readOnly ? "yes" : "no"}`,
    ...(prepared.decisions.length ? prepared.decisions.map((d) => `  ${d.kept ? "kept   " : "removed"} ${d.name}: ${d.why}`) : ["  no credential variables in this environment"]),
    `${report.kept} variables passed on; guard adds GUARD_AGENT=${prepared.env.GUARD_AGENT} and GUARD_SESSION${prepared.readOnly ? ` and PGOPTIONS=${prepared.env.PGOPTIONS}` : ""}.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
