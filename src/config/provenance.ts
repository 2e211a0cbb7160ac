// Which config layer set each effective setting: for `guard doctor`, so a team can see what the managed policy decides.
import { loadConfig, projectConfigPath, systemConfigPath, userConfigPath } from "./load";
import { combineWithProvenance, provenanceRows } from "./keys";

export interface SettingsReport {
  files: { layer: string; file: string; present: boolean }[];
  settings: { key: string; value: unknown; layer: string }[];
  errors: string[];
}

export function settingsReport(cwd: string, env: NodeJS.ProcessEnv = process.env): SettingsReport {
  const config = loadConfig(cwd, env);
  const { settings, provenance } = combineWithProvenance(config.layers);
  const present = new Set(config.layers.map((l) => l.file));
  const files = [
    { layer: "system", file: systemConfigPath(env) },
    { layer: "user", file: userConfigPath(env) },
    { layer: "project", file: projectConfigPath(cwd) },
  ].map((f) => ({ ...f, present: present.has(f.file) }));
  const rows = provenanceRows(settings, provenance);
  return { files, settings: rows, errors: config.errors.map((e) => `${e.file}: ${e.message}`) };
}

export function formatSettingsReport(report: SettingsReport): string {
  const lines = ["", "settings (which layer set each):"];
  for (const f of report.files) lines.push(`  ${f.layer.padEnd(8)} ${f.file}${f.present ? "" : " (absent)"}`);
  for (const s of report.settings) lines.push(`  ${s.key} = ${JSON.stringify(s.value)}  [${s.layer}]`);
  for (const e of report.errors) lines.push(`  ERROR ${e}`);
  return `${lines.join("\n")}\n`;
}
