// The config table: one row per key, and the loops over it that parse a file, combine the layers, apply the system floor and report provenance.
import { defaultSettings, type ConfigLayer, type Settings } from "./settings";
import { layerError, provenanceKey, type ConfigKey, type LayerName, type Provenance } from "./key-table";
import { RULE_KEYS } from "./keys-rules";
import { CONTEXT_KEYS } from "./keys-context";
import { PRIVILEGE_KEYS } from "./keys-privilege";

export type { ConfigKey, MergeRule, Provenance } from "./key-table";

/** Every key a config file may have, in the order errors and `guard doctor` list them. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  CONTEXT_KEYS.mode, RULE_KEYS.packs, RULE_KEYS.rules, RULE_KEYS.agents, CONTEXT_KEYS.extraRules, CONTEXT_KEYS.protectedBranches,
  CONTEXT_KEYS.production, CONTEXT_KEYS.allowedRmPaths, PRIVILEGE_KEYS.isolation, CONTEXT_KEYS.readOnlyDatabases, PRIVILEGE_KEYS.audit,
  RULE_KEYS.profile, RULE_KEYS.knownHarmless, PRIVILEGE_KEYS.hooks, PRIVILEGE_KEYS.sandbox, PRIVILEGE_KEYS.userConfig, PRIVILEGE_KEYS.undo,
];

const BY_NAME = new Map(CONFIG_KEYS.map((row) => [row.key, row]));

/** Validates one config file's data; every problem is reported, none is silently ignored. */
export function parseConfig(data: unknown, file: string, layer: LayerName): { layer: ConfigLayer; errors: string[] } {
  const errors: string[] = [];
  const settings: ConfigLayer["settings"] = {};
  const result = { layer: { layer, file, settings }, errors };
  if (data === null || data === undefined) return result;
  if (typeof data !== "object" || Array.isArray(data)) return { ...result, errors: ["the config must be a mapping"] };
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!BY_NAME.has(key)) errors.push(`unknown key \`${key}\` (known: ${CONFIG_KEYS.map((r) => r.key).join(", ")})`);
  for (const row of CONFIG_KEYS) {
    if (d[row.key] === undefined) continue;
    if (!row.layers.includes(layer)) errors.push(layerError(row));
    else row.parse(d[row.key], { layer, file, errors, settings });
  }
  return result;
}

export function combine(layers: ConfigLayer[]): Settings {
  return combineWithProvenance(layers).settings;
}

/**
 * Combines the layers over the defaults: the user file may change anything; the project file (which
 * an agent can edit) may only make guard stricter, except by naming rule ids (trusted first); the
 * system policy comes last as a floor the others cannot go below.
 */
export function combineWithProvenance(layers: ConfigLayer[]): { settings: Settings; provenance: Provenance } {
  const out = defaultSettings();
  const provenance: Provenance = {};
  const marker = (row: ConfigKey, layer: LayerName) => (sub?: string) => {
    provenance[provenanceKey(row.key, sub)] = layer;
  };
  for (const { layer, settings } of layers) {
    if (layer === "system") continue;
    for (const row of CONFIG_KEYS) row.combine(out, settings, layer, marker(row, layer));
  }
  const policy = layers.find((l) => l.layer === "system");
  if (policy) for (const row of CONFIG_KEYS) row.floor(out, policy.settings, marker(row, "system"));
  return { settings: out, provenance };
}

/** The layer that set a key (or one of its entries), `default` when none did. */
export function layerOf(provenance: Provenance, key: string, sub?: string): Provenance[string] {
  return provenance[provenanceKey(key, sub)] ?? "default";
}

/** One row of `guard doctor`'s settings report: the effective value and the layer it came from. */
export interface ProvenanceRow {
  key: string;
  value: unknown;
  layer: string;
}

export function provenanceRows(settings: Settings, provenance: Provenance): ProvenanceRow[] {
  return CONFIG_KEYS.flatMap((row) =>
    (row.report?.(settings) ?? []).map(({ sub, value }) => {
      return { key: provenanceKey(row.key, sub), value, layer: layerOf(provenance, row.key, sub) };
    }),
  );
}
