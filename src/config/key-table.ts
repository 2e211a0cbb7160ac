// The shape of one config key's row: its type, the layers that may set it, how layers merge, and where its provenance is recorded.
import { actionRank, type Action } from "../core/action";
import type { ConfigLayer, Settings } from "./settings";

export type LayerName = "system" | "user" | "project";
export type LayerSettings = ConfigLayer["settings"];
/** Which layer set each effective setting: `key`, or `key.sub` (`rules.git.force-push`, `isolation.enabled`). */
export type Provenance = Record<string, "default" | LayerName>;

/**
 * How a later layer combines with what is there: `replace` the value, `union` with it (lists, maps),
 * keep the `stricter` of the two, or (the system policy) set a `floor` the others cannot go below.
 * `ignored`: the layer may write the key but it has no effect there.
 */
export type MergeRule = "replace" | "union" | "stricter" | "floor" | "ignored";

export interface ParseAt {
  layer: LayerName;
  file: string;
  /** Messages start with the key path (`audit.mirror must be…`): load.ts finds the line from it. */
  errors: string[];
  /** The layer's parsed settings, written by each row. */
  settings: LayerSettings;
}

/** Records that this row (or one of its entries, `sub`) got its value from the layer being applied. */
export type Mark = (sub?: string) => void;

export interface ConfigKey {
  /** The key in the YAML file. */
  key: string;
  /** What it holds, in words (documentation and the docs test). */
  type: string;
  /** The layers that may set it at all; a value-level restriction (the project may only tighten) is in `parse`. */
  layers: readonly LayerName[];
  /** How the user and project layers combine over the defaults, and how the system policy applies. */
  merge: { user: MergeRule; project: MergeRule; system: MergeRule };
  /** Validates the value (present in the file) into `at.settings`, reporting every problem. */
  parse(value: unknown, at: ParseAt): void;
  /** Applies a user or project layer's parsed value over `out`. */
  combine(out: Settings, s: LayerSettings, layer: "user" | "project", mark: Mark): void;
  /** Applies the system policy as a floor, after every other layer. */
  floor(out: Settings, policy: LayerSettings, mark: Mark): void;
  /** What `guard doctor` shows for this key: one entry per value (`sub` names an entry of a map or list). */
  report?(settings: Settings): { sub?: string; value: unknown }[];
}

/** The provenance key for a row or one of its entries. */
export function provenanceKey(key: string, sub?: string): string {
  return sub === undefined ? key : `${key}.${sub}`;
}

/** `X can only be set in …`: the message for a key set in a layer it is not allowed in. */
export function layerError(row: ConfigKey): string {
  const where = row.layers.includes("user") ? "your user config or the system policy" : "the system policy (/etc/guard/config.yaml)";
  return `${row.key} can only be set in ${where}`;
}

export function strings(value: unknown, what: string, errors: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    errors.push(`${what} must be a list of strings`);
    return undefined;
  }
  return value as string[];
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** Whether `a` is at least as strict as `b`. */
export function atLeast(a: Action, b: Action): boolean {
  return actionRank(a) >= actionRank(b);
}
