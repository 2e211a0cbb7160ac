// Which config layer set each effective setting: for `guard doctor`, so a team can see what the managed policy decides.
import { loadConfig, projectConfigPath, systemConfigPath, userConfigPath } from "./load";
import { combineWithProvenance, type Provenance } from "./settings";

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
  const from = (key: string, p: Provenance) => p[key] ?? "default";
  const rows: SettingsReport["settings"] = [
    { key: "mode", value: settings.mode, layer: from("mode", provenance) },
    { key: "read_only_databases", value: settings.readOnlyDatabases, layer: from("readOnlyDatabases", provenance) },
    { key: "protected_branches", value: settings.protectedBranches, layer: from("protectedBranches", provenance) },
    { key: "allowed_rm_paths", value: settings.allowedRmPaths, layer: from("allowedRmPaths", provenance) },
    { key: "isolation.enabled", value: settings.isolation.enabled, layer: from("isolation.enabled", provenance) },
    { key: "audit", value: settings.audit, layer: from("audit", provenance) },
    { key: "hooks.grant_allowed", value: settings.hooks.grantAllowed, layer: from("hooks.grant_allowed", provenance) },
    ...Object.entries(settings.ruleActions).map(([id, action]) => ({ key: `rules.${id}`, value: action, layer: from(`rules.${id}`, provenance) })),
    ...settings.enablePacks.map((pack) => ({ key: `packs.${pack}`, value: "enabled", layer: from(`packs.${pack}`, provenance) })),
  ];
  return { files, settings: rows, errors: config.errors.map((e) => `${e.file}: ${e.message}`) };
}

export function formatSettingsReport(report: SettingsReport): string {
  const lines = ["", "settings (which layer set each):"];
  for (const f of report.files) lines.push(`  ${f.layer.padEnd(8)} ${f.file}${f.present ? "" : " (absent)"}`);
  for (const s of report.settings) lines.push(`  ${s.key} = ${JSON.stringify(s.value)}  [${s.layer}]`);
  for (const e of report.errors) lines.push(`  ERROR ${e}`);
  return `${lines.join("\n")}\n`;
}
