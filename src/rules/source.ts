// A rule file's rules filed by the shard a check asks for: a fresh parse held in memory, or a cache entry parsed and re-validated one shard at a time.
import { checkedFileMeta, checkedRule } from "./cache-check";
import { keysOf } from "./builtin-store";
import type { Rule, RuleFile } from "./types";

/** A rule file as the ruleset reads it: its pack and specs up front, its rules per shard key (builtin-store.ts keysOf). */
export interface RuleSource {
  /** The file without its rules: name, pack, program specs, notes. */
  file: Omit<RuleFile, "rules" | "digest">;
  /** Every rule's id, in file order, and (in `lines`) its line: duplicate and unknown-id checks parse no rule. */
  ids: string[];
  lines: number[];
  /** The rules filed under `key`, in file order, each with its position in the file; the same object for a rule each time. */
  shard(key: string): [ordinal: number, rule: Rule][];
  /** Every rule, in file order. */
  all(): Rule[];
}

/** A RuleFile back from a source (guard rules, guard test, the examples): parses every shard. */
export function ruleFileOf(source: RuleSource, digest?: string): RuleFile {
  return { ...source.file, rules: source.all(), ...(digest ? { digest } : {}) };
}

/** A source over a file parsed just now. */
export function memorySource(file: RuleFile): RuleSource {
  const { rules, digest: _digest, ...meta } = file;
  const byKey = new Map<string, [number, Rule][]>();
  rules.forEach((rule, i) => {
    for (const key of keysOf(rule)) {
      const list = byKey.get(key) ?? [];
      list.push([i, rule]);
      byKey.set(key, list);
    }
  });
  return { file: meta, ids: rules.map((r) => r.id), lines: rules.map((r) => r.line), shard: (key) => byKey.get(key) ?? [], all: () => rules };
}

/**
 * The stored header: the file's meta, its rules' ids and lines, and the shard keys with where each
 * shard's JSON is after the header line (shard i from offsets[i] to offsets[i + 1]). Flat lists of
 * strings and numbers: a thousand rules are a few arrays to parse, not thousands of small objects.
 */
interface Header {
  file: Omit<RuleFile, "rules" | "digest">;
  ids: string[];
  lines: number[];
  keys: string[];
  offsets: number[];
}

/** The cache entry for a parsed file: one header line, then each shard's `[ordinal, rule]` list as JSON. */
export function serialiseSource(file: RuleFile): string {
  const source = memorySource(file);
  const keys = [...new Set(file.rules.flatMap(keysOf))];
  const parts = keys.map((key) => JSON.stringify(source.shard(key)));
  const offsets = [0];
  for (const part of parts) offsets.push(offsets[offsets.length - 1] + Buffer.byteLength(part));
  const header: Header = { file: source.file, ids: source.ids, lines: source.lines, keys, offsets };
  return `${JSON.stringify(header)}\n${parts.join("")}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkedHeader(value: unknown, file: string, size: number): Header | undefined {
  if (!isObject(value) || !checkedFileMeta(value.file, file)) return undefined;
  const { ids, lines, keys, offsets } = value;
  if (!Array.isArray(ids) || !Array.isArray(lines) || !Array.isArray(keys) || !Array.isArray(offsets)) return undefined;
  if (lines.length !== ids.length || offsets.length !== keys.length + 1 || offsets[0] !== 0 || offsets[keys.length] > size) return undefined;
  if (!ids.every((id) => typeof id === "string") || !lines.every(Number.isInteger) || !keys.every((k) => typeof k === "string")) return undefined;
  for (let i = 0; i < keys.length; i++) if (!Number.isInteger(offsets[i + 1]) || offsets[i + 1] < offsets[i]) return undefined;
  return value as unknown as Header;
}

/** A cache entry as text: its header line, the size of what follows it, and any range of that. */
export interface StoredText {
  header: string;
  size: number;
  /** Text of [start, end), counted from the first byte after the header line; throws if it cannot be read. */
  slice(start: number, end: number): string;
}

/**
 * A source over a cache entry, or undefined when its header is not what serialiseSource writes for
 * `file`. The entry is a file the agent's user can write, so nothing in it is believed as is: each
 * shard is re-validated when first parsed (every rule the exact shape a fresh parse gives, filed
 * under a key it really has, at a position whose id the header lists), and at the first entry that
 * is not, `reparse` is called and the rest is served from the YAML itself.
 */
export function storedSource(text: StoredText, file: string, reparse: () => RuleSource): RuleSource | undefined {
  let header: Header | undefined;
  try {
    header = checkedHeader(JSON.parse(text.header), file, text.size);
  } catch {
    return undefined;
  }
  if (!header) return undefined;
  const { ids, lines, keys, offsets } = header;
  let fallback: RuleSource | undefined;
  const fresh = (): RuleSource => (fallback ??= reparse());
  const parsed = new Map<string, [number, Rule][]>();
  // One object per rule, whichever shard it came from (a rule naming two programs is filed twice).
  const byOrdinal = new Map<number, Rule>();
  const readShard = (key: string): [number, Rule][] | undefined => {
    const at = keys.indexOf(key);
    if (at < 0) return [];
    let value: unknown;
    try {
      value = JSON.parse(text.slice(offsets[at], offsets[at + 1]));
    } catch {
      return undefined;
    }
    if (!Array.isArray(value)) return undefined;
    const list: [number, Rule][] = [];
    for (const entry of value) {
      if (!Array.isArray(entry) || entry.length !== 2 || !Number.isInteger(entry[0])) return undefined;
      const [ordinal, rule] = entry as [number, unknown];
      const checked = ordinal >= 0 && ordinal < ids.length ? checkedRule(rule, file) : undefined;
      if (!checked || checked.id !== ids[ordinal] || checked.line !== lines[ordinal] || !keysOf(checked).includes(key)) return undefined;
      const same = byOrdinal.get(ordinal);
      if (!same) byOrdinal.set(ordinal, checked);
      list.push([ordinal, same ?? checked]);
    }
    return list;
  };
  return {
    file: header.file,
    ids,
    lines,
    shard(key) {
      if (fallback) return fallback.shard(key);
      let list = parsed.get(key);
      if (!list) {
        const read = readShard(key);
        if (!read) return fresh().shard(key);
        list = read;
        parsed.set(key, list);
      }
      return list;
    },
    all() {
      if (!fallback) {
        for (const key of keys) this.shard(key);
        // Every rule the header lists must be in some shard; a gap is a damaged entry.
        if (!fallback && byOrdinal.size === ids.length) return ids.map((_, i) => byOrdinal.get(i)!);
      }
      return fresh().all();
    },
  };
}
