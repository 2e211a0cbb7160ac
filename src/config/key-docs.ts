// The config table rendered as the Markdown table in docs/configuration.md (a test keeps the two equal).
import { CONFIG_KEYS } from "./keys";

export const KEY_TABLE_START = "<!-- config-keys:start (generated from src/config/keys.ts) -->";
export const KEY_TABLE_END = "<!-- config-keys:end -->";

export function renderKeyTable(): string {
  const lines = [
    "| key | value | user file | project file | system policy |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const row of CONFIG_KEYS) {
    const type = row.type.replace(/\|/g, "\\|");
    const merge = (["user", "project", "system"] as const).map((layer) => (row.layers.includes(layer) ? row.merge[layer] : "refused"));
    lines.push(`| \`${row.key}\` | ${type} | ${merge.join(" | ")} |`);
  }
  return [KEY_TABLE_START, ...lines, KEY_TABLE_END].join("\n");
}
