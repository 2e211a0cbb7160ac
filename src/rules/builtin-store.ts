// The built-in rules split by the program they match, so a check parses only the rules of the programs it runs, plus the rules that apply to every command.
import { shapesOf, type Rule, type RuleFile } from "./types";

/** A rule and the index of its file in `BuiltinIndex.files`. */
export type ShardEntry = [file: number, rule: Rule];

export interface BuiltinIndex {
  /** Each rule file without its rules (pack, programs), in load order. */
  files: Omit<RuleFile, "rules">[];
  /** Every rule's id, file and line, in load order: duplicate and unknown-id checks need no rule parsed. */
  ids: { id: string; file: string; line: number }[];
  /** Shard key → [start, end) byte offsets after the header line. */
  shards: Record<string, [number, number]>;
}

export interface BuiltinStore {
  index: BuiltinIndex;
  /** The enabled-or-not rules of one shard, in load order; [] for a key with none. */
  shard(key: string): ShardEntry[];
}

export const GENERIC = "generic";
export const PROGRAMLESS = "programless";
export const programKey = (program: string): string => `program:${program}`;

/** The shards a rule is tried from, exactly as buildRuleset files it. */
export function keysOf(rule: Rule): string[] {
  const keys = new Set<string>();
  for (const shape of shapesOf(rule)) {
    for (const program of shape.programs) keys.add(programKey(program));
    if (shape.programs.length === 0) keys.add(shape.destroyingVerb ? GENERIC : PROGRAMLESS);
  }
  return [...keys];
}

function split(files: RuleFile[]): { index: BuiltinIndex; entries: Map<string, ShardEntry[]> } {
  const entries = new Map<string, ShardEntry[]>();
  const ids: BuiltinIndex["ids"] = [];
  files.forEach((file, i) => {
    for (const rule of file.rules) {
      ids.push({ id: rule.id, file: rule.file, line: rule.line });
      for (const key of keysOf(rule)) {
        const list = entries.get(key) ?? [];
        list.push([i, rule]);
        entries.set(key, list);
      }
    }
  });
  const shards = Object.fromEntries([...entries.keys()].map((key): [string, [number, number]] => [key, [0, 0]]));
  const index: BuiltinIndex = { files: files.map(({ rules: _rules, ...meta }) => meta), ids, shards };
  return { index, entries };
}

/** A store over rule files already in memory (a source checkout, where rules/*.yaml is read). */
export function storeFromFiles(files: RuleFile[]): BuiltinStore {
  const { index, entries } = split(files);
  return { index, shard: (key) => entries.get(key) ?? [] };
}

/** The build's file: one header line (the index), then each shard's JSON at its offsets. */
export function serialiseStore(files: RuleFile[]): Buffer {
  const { index, entries } = split(files);
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [key, list] of entries) {
    const bytes = Buffer.from(asciiJson(list));
    index.shards[key] = [offset, offset + bytes.length];
    parts.push(bytes);
    offset += bytes.length;
  }
  return Buffer.concat([Buffer.from(`${asciiJson(index)}\n`), ...parts]);
}

/** JSON with every non-ASCII character escaped: V8 then parses it as a one-byte string, not a two-byte one (a single `—` in a message doubles the work). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Reads the build's file; each shard is parsed the first time a check asks for it. */
export function storeFromBuffer(data: Buffer): BuiltinStore {
  const newline = data.indexOf(10);
  const index = JSON.parse(data.toString("utf8", 0, newline)) as BuiltinIndex;
  const base = newline + 1;
  const parsed = new Map<string, ShardEntry[]>();
  return {
    index,
    shard(key) {
      let list = parsed.get(key);
      if (!list) {
        const at = Object.prototype.hasOwnProperty.call(index.shards, key) ? index.shards[key] : undefined;
        list = at ? (JSON.parse(data.toString("utf8", base + at[0], base + at[1])) as ShardEntry[]) : [];
        parsed.set(key, list);
      }
      return list;
    },
  };
}

/** Every rule file with its rules, rebuilt from the store (guard rules, guard test): parses every shard. */
export function filesFromStore(store: BuiltinStore): RuleFile[] {
  const files: RuleFile[] = store.index.files.map((meta) => ({ ...meta, rules: [] }));
  const byId = new Map<string, ShardEntry>();
  for (const key of Object.keys(store.index.shards)) for (const entry of store.shard(key)) byId.set(entry[1].id, entry);
  for (const { id } of store.index.ids) {
    const entry = byId.get(id);
    if (entry) files[entry[0]].rules.push(entry[1]);
  }
  return files;
}
