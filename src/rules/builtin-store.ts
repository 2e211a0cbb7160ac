// The built-in rules split by the program they match, so a check parses only the rules of the programs it runs, plus the rules that apply to every command.
import { openSync, readSync } from "node:fs";
import type { GlobOptions } from "../core/glob";
import { addPrebuiltGlobs, globKey, prebuildGlob, type PrebuiltGlob } from "../core/glob";
import { shapesOf, type Rule, type RuleFile } from "./types";
import type { ProgramSpec } from "../shell/program-args";

/** A rule and the index of its file in `BuiltinIndex.files`. */
export type ShardEntry = [file: number, rule: Rule];

export interface BuiltinIndex {
  /** Each rule file without its rules (pack, programs), in load order. Parsed when first read: a check needs only `packs`. */
  files: Omit<RuleFile, "rules">[];
  /** Each rule file's pack, in load order: which files are enabled, and the pack names a config may use. */
  packs: RuleFile["pack"][];
  /** Every rule's id, file and line, in load order: duplicate and unknown-id checks need no rule parsed. */
  ids: { id: string; file: string; line: number }[];
  /**
   * Shard key → [start, end) byte offsets after the header line of its rules, and the end of the
   * JSON that follows them: the regular expressions of their globs, compiled at build time.
   */
  shards: Record<string, [number, number] | [number, number, number]>;
}

export interface BuiltinStore {
  index: BuiltinIndex;
  /** The enabled-or-not rules of one shard, in load order; [] for a key with none. */
  shard(key: string): ShardEntry[];
  /** A program's option spec merged over every built-in file, enabled or not (how its commands parse); parsed on first ask. */
  spec(program: string): ProgramSpec | undefined;
}

/** Two specs of one program merged (conflicting ones are a load error, program-specs.ts): a later file adds valued options, never removes them. */
export function mergeSpec(prev: ProgramSpec | undefined, spec: ProgramSpec): ProgramSpec {
  return prev ? { valued: [...new Set([...prev.valued, ...spec.valued])], singleDashLong: prev.singleDashLong || spec.singleDashLong, precise: prev.precise || spec.precise } : spec;
}

/** Program specs from several files, in order, each program's merged with mergeSpec. */
export function mergePrograms(files: Pick<RuleFile, "programs">[]): Map<string, ProgramSpec> {
  const programs = new Map<string, ProgramSpec>();
  for (const file of files) for (const [name, spec] of Object.entries(file.programs)) programs.set(name, mergeSpec(programs.get(name), spec));
  return programs;
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
  const index: BuiltinIndex = { files: files.map(({ rules: _rules, ...meta }) => meta), packs: files.map((f) => f.pack), ids, shards };
  return { index, entries };
}

/** A store over rule files already in memory (a source checkout, where rules/*.yaml is read). */
export function storeFromFiles(files: RuleFile[]): BuiltinStore {
  const { index, entries } = split(files);
  const specs = mergePrograms(files);
  return { index, shard: (key) => entries.get(key) ?? [], spec: (program) => specs.get(program) };
}

/** The globs a rule compiles when it is tried (rules/match.ts ruleGlobs), passed in so this file needs no matcher. */
export type GlobsOf = (rule: Rule) => [pattern: string, options: GlobOptions][];

/**
 * The build's file: one header line (the index), then each shard's JSON at its offsets, followed
 * (with `globsOf`) by the regular expressions of the shard's globs, so a check does not parse them.
 */
export function serialiseStore(files: RuleFile[], globsOf?: GlobsOf): Buffer {
  const { index, entries } = split(files);
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [key, list] of entries) {
    const bytes = Buffer.from(asciiJson(list));
    parts.push(bytes);
    if (globsOf) {
      const globs: Record<string, PrebuiltGlob> = {};
      for (const [, rule] of list) for (const [pattern, options] of globsOf(rule)) globs[globKey(pattern, options)] ??= prebuildGlob(pattern, options);
      const compiled = Buffer.from(asciiJson(globs));
      parts.push(compiled);
      index.shards[key] = [offset, offset + bytes.length, offset + bytes.length + compiled.length];
    } else index.shards[key] = [offset, offset + bytes.length];
    offset = index.shards[key].at(-1)!;
  }
  // Each program's merged spec on its own: a check parses the specs of the programs it meets, not all of them.
  const specs: Record<string, [number, number]> = {};
  for (const [program, spec] of mergePrograms(files)) {
    const bytes = Buffer.from(asciiJson(spec));
    parts.push(bytes);
    specs[program] = [offset, (offset += bytes.length)];
  }
  // The files' metadata and every rule id last, outside the header: only guard rules, guard test, config
  // rule files and duplicate or unknown-id checks read them.
  const meta = Buffer.from(asciiJson(index.files));
  const ids = Buffer.from(asciiJson(index.ids));
  const header: StoredIndex = { packs: index.packs, shards: index.shards, specs, files: [offset, offset + meta.length], ids: [offset + meta.length, offset + meta.length + ids.length] };
  return Buffer.concat([Buffer.from(`${asciiJson(header)}\n`), ...parts, meta, ids]);
}

/** The header line as stored: where the specs, the files' metadata and the id list are, each parsed when first read. */
interface StoredIndex extends Omit<BuiltinIndex, "ids" | "files"> {
  specs: Record<string, [number, number]>;
  files: [number, number];
  ids: [number, number];
}

/** JSON with every non-ASCII character escaped: V8 then parses it as a one-byte string, not a two-byte one (a single `—` in a message doubles the work). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The stored file's bytes as text: its header line, and any range after it. */
interface StoredText {
  header: string;
  /** Text of [start, end), offsets counted from the first byte after the header line. */
  slice(start: number, end: number): string;
}

/** The build's file already in memory (tests, and the build's own check). */
export function storeFromBuffer(data: Buffer): BuiltinStore {
  const newline = data.indexOf(10);
  const base = newline + 1;
  return storeFromText({ header: data.toString("utf8", 0, newline), slice: (start, end) => data.toString("utf8", base + start, base + end) });
}

/**
 * The build's file read piecewise: the header line, then each shard at its offsets when a check
 * first asks for it. A check needs about a tenth of the file, so it does not read all 2 MB.
 */
export function storeFromFile(path: string): BuiltinStore {
  // Kept open for the process's life: every shard then comes from the same file, even when an upgrade
  // replaces it meanwhile (the descriptor keeps the old one), so the offsets always fit the header read.
  const fd = openSync(path, "r");
  const chunks: Buffer[] = [];
  let length = 0;
  let newline = -1;
  while (newline < 0) {
    const chunk = Buffer.allocUnsafe(128 * 1024);
    const got = readSync(fd, chunk, 0, chunk.length, length);
    if (got === 0) throw new Error(`${path}: no header line`);
    const at = chunk.subarray(0, got).indexOf(10);
    if (at >= 0) newline = length + at;
    chunks.push(chunk.subarray(0, got));
    length += got;
  }
  const head = Buffer.concat(chunks, length);
  const base = newline + 1;
  return storeFromText({
    header: head.toString("utf8", 0, newline),
    slice(start, end) {
      const bytes = Buffer.allocUnsafe(end - start);
      let done = 0;
      while (done < bytes.length) {
        const got = readSync(fd, bytes, done, bytes.length - done, base + start + done);
        if (got === 0) throw new Error(`${path}: ends inside a shard`);
        done += got;
      }
      return bytes.toString("utf8");
    },
  });
}

/** Each shard is parsed the first time a check asks for it. */
function storeFromText(text: StoredText): BuiltinStore {
  const stored = JSON.parse(text.header) as StoredIndex;
  let ids: BuiltinIndex["ids"] | undefined;
  let files: BuiltinIndex["files"] | undefined;
  const index: BuiltinIndex = {
    get files() {
      files ??= JSON.parse(text.slice(stored.files[0], stored.files[1])) as BuiltinIndex["files"];
      return files;
    },
    packs: stored.packs,
    shards: stored.shards,
    get ids() {
      ids ??= JSON.parse(text.slice(stored.ids[0], stored.ids[1])) as BuiltinIndex["ids"];
      return ids;
    },
  };
  const parsed = new Map<string, ShardEntry[]>();
  const specs = new Map<string, ProgramSpec | undefined>();
  const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
  return {
    index,
    spec(program) {
      if (!specs.has(program)) {
        const at = own(stored.specs, program) ? stored.specs[program] : undefined;
        specs.set(program, at ? (JSON.parse(text.slice(at[0], at[1])) as ProgramSpec) : undefined);
      }
      return specs.get(program);
    },
    shard(key) {
      let list = parsed.get(key);
      if (!list) {
        const at = own(index.shards, key) ? index.shards[key] : undefined;
        list = at ? (JSON.parse(text.slice(at[0], at[1])) as ShardEntry[]) : [];
        if (at?.[2] !== undefined) addPrebuiltGlobs(JSON.parse(text.slice(at[1], at[2])) as Record<string, PrebuiltGlob>);
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
