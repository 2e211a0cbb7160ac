// Reads rule files: YAML text → validated rules, with file:line for every error.
import { accessSync, constants, readdirSync, statSync, type BigIntStats } from "node:fs";
import { directoryState, readRegularFile, UnreadableFileError } from "../core/read-regular";
import { createHash } from "../core/crypto";
import { basename, join, resolve } from "node:path";
import { sha256Hex } from "../core/sha256";
import { memorySource, type RuleSource } from "./source";
import type { Document, LineCounter } from "yaml";
import type { RuleFile } from "./types";
import { validatePack, validatePrograms, validateRule } from "./validate";
import { Validator, type Path } from "./validator";
import { TOP_ROWS } from "./keys";
import { readSets, withSets } from "./sets";

export interface RuleFileError {
  file: string;
  line: number;
  /** 1-based, where known. */
  column?: number;
  message: string;
}

/** `file:line:column: message`, the form editors and terminals turn into links. */
export function formatRuleFileError(e: RuleFileError): string {
  return `${e.file}:${e.line}${e.column ? `:${e.column}` : ""}: ${e.message}`;
}

export class RuleLoadError extends Error {
  constructor(readonly errors: RuleFileError[]) {
    super(errors.map(formatRuleFileError).join("\n"));
  }
}

/** Largest rule file guard reads: a bigger one is an error, not a slow start. */
export const MAX_RULE_FILE_BYTES = 2_000_000;

/** yaml loads only when a rule file is actually parsed: built-in rules are precompiled, project rules cached. */
function yaml(): typeof import("yaml") {
  return require("yaml") as typeof import("yaml");
}

function lineFinder(doc: Document, counter: LineCounter): (path: Path) => number {
  const { isNode } = yaml();
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return 1;
  };
}

/**
 * The first YAML syntax error, at its own line and column. The parser reports one error per token
 * after the first (a tab on line 15 gives a dozen "unexpected token" errors), and `prettyErrors:
 * false` leaves their positions unset, so the position comes from the error's offset, and only the
 * first is reported: the rest are that error's echoes.
 */
export function yamlSyntaxError(errors: readonly { message: string; pos: [number, number] }[], counter: LineCounter, file: string, text: string): RuleFileError {
  const first = errors[0];
  const { line, col } = counter.linePos(first.pos[0]);
  // The commonest cause, and the parser's message does not name it.
  const lineText = text.split("\n")[line - 1] ?? "";
  const tab = /^[ ]*\t/.test(lineText) ? ": YAML does not allow tabs for indentation, use spaces" : "";
  const more = errors.length > 1 ? ` (fix this first: the ${errors.length - 1} error(s) after it follow from it)` : "";
  return { file, line, column: col, message: `YAML: ${first.message.split("\n")[0]}${tab}${more}` };
}

/** Parses one rule file. The top level is a list of rules, or `{pack: {...}, programs: {...}, rules: [...]}`. */
export function parseRuleFile(text: string, file: string): RuleFile {
  if (text.length > MAX_RULE_FILE_BYTES) throw new RuleLoadError([{ file, line: 1, message: `rule file is larger than ${MAX_RULE_FILE_BYTES} bytes` }]);
  const { LineCounter: Counter, parseDocument } = yaml();
  const counter = new Counter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new RuleLoadError([yamlSyntaxError(doc.errors, counter, file, text)]);
  const lineOf = lineFinder(doc, counter);
  const v = new Validator();
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  let rulesValue: unknown = data;
  let rulesPath: Path = [];
  let programs = {};
  const fallbackPack = basename(file).replace(/\.ya?ml$/, "").toLowerCase().replace(/[^a-z0-9-]+/g, "-") || "rules";
  let pack = validatePack(undefined, ["pack"], fallbackPack, v);
  if (data && typeof data === "object" && !Array.isArray(data)) {
    const top = data as Record<string, unknown>;
    for (const key of Object.keys(top)) {
      if (!TOP_ROWS.some((r) => r.key === key)) v.error([key], `unknown top-level key \`${key}\` (expected ${TOP_ROWS.map((r) => r.key).join(", ")})`);
    }
    pack = validatePack(top.pack, ["pack"], fallbackPack, v);
    programs = validatePrograms(top.programs, ["programs"], v);
    rulesValue = withSets(v, top.rules ?? [], ["rules"], readSets(v, top.sets, ["sets"]));
    rulesPath = ["rules"];
  }
  const rules = [];
  if (!Array.isArray(rulesValue)) v.error(rulesPath, "rules must be a list");
  else {
    for (let i = 0; i < rulesValue.length; i++) {
      const rule = validateRule(rulesValue[i], [...rulesPath, i], file, lineOf, v);
      if (rule) rules.push(rule);
    }
  }
  if (v.errors.length) throw new RuleLoadError(v.errors.map((e) => ({ file, line: lineOf(e.path), message: e.message })));
  const notes = v.notes.map((n) => ({ line: lineOf(n.path), message: n.message }));
  return { file, pack, programs, rules, ...(notes.length ? { notes } : {}) };
}

/**
 * Where parsed rule files are cached: parsing and validating YAML costs far more than reading JSON,
 * and project rule files are read on every check. Undefined: no caching.
 */
export interface RuleCache {
  /** `file` is the display name the entry must carry: a cached parse of another file is no hit. `reparse`: where a damaged shard falls back to. */
  get(key: string, file: string, reparse: () => RuleSource): RuleSource | undefined;
  set(key: string, file: RuleFile): void;
}

export function loadRuleFile(path: string, displayName = path): RuleFile {
  let bytes: Buffer;
  try {
    // A FIFO, socket or device at a rule path is refused unopened: it would hang every check.
    bytes = readRegularFile(path, MAX_RULE_FILE_BYTES);
  } catch (err) {
    throw new RuleLoadError([{ file: displayName, line: 1, message: err instanceof UnreadableFileError && err.kind === "missing" ? "cannot read: the file does not exist" : (err as Error).message }]);
  }
  // The digest of exactly the bytes parsed: what `guard trust` records and compares.
  return { ...parseRuleFile(bytes.toString("utf8"), displayName), digest: createHash("sha256").update(bytes).digest("hex") };
}

/** A rule file as loaded: its rules, and what ties them to the file's content. */
export interface LoadedSource {
  source: RuleSource;
  /** sha256 of the bytes parsed, when the YAML was read now (absent on a cache hit: nothing was read). */
  digest?: string;
  /** The cache key of the file's state (absent for a file not cached: changed just now, or not one this process could change). */
  statKey?: string;
  /** Whether a result derived from these rules may be cached (examples): a cache was given and the file is one this process could change. */
  cacheable: boolean;
}

/** How long a file must have been left alone before its parse is cached under its stat key. */
const SETTLED_MS = 2_000;

/**
 * The cache key of a file's current state: its path, device, inode, size, and modification and
 * change times in nanoseconds, with the name its rules carry; undefined when the file must be read
 * instead. The change time (ctime) moves on every write, rename onto the path, chmod or touch, and
 * cannot be set back without changing the system clock, so a new content under the same key needs a
 * write inside the file system's timestamp granularity (a few milliseconds): a file changed within
 * the last SETTLED_MS is never cached, as git treats a racily clean index entry.
 */
function statKey(path: string, displayName: string, stats: BigIntStats, now: number): string | undefined {
  const changed = Number((stats.ctimeNs > stats.mtimeNs ? stats.ctimeNs : stats.mtimeNs) / 1_000_000n);
  if (!(changed < now - SETTLED_MS)) return undefined;
  return sha256Hex([displayName, resolve(path), stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].join("\0"));
}

/**
 * Whether this process could change the file: write it, or (its owner, on a writable file system)
 * chmod it first, as a checkout that leaves files read-only until edited does. Then anything a cache
 * entry could say, the agent could have written into the file itself. A file another user owns (a
 * system policy's rule file) or one on a read-only mount is not.
 */
function changeable(path: string, stats: BigIntStats): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EACCES" && process.getuid !== undefined && stats.uid === BigInt(process.getuid());
  }
}

/**
 * Loads a rule file through the cache only where the cache cannot make guard believe anything it
 * would not believe from the file itself. The caller passes no cache where the exact content matters
 * beyond what the rules say (a trust record covers the project's files: active-rules.ts); a file
 * this process could not change (a system policy's rule file, a read-only mount) is always read,
 * since a forged entry could drop rules the agent has no other way to remove. For a file the agent
 * can change, a forged or stale entry says nothing the agent could not have put in the file, and
 * every rule in it is re-validated as a fresh parse's shape before use. A hit reads only the entry's
 * header; each program's rules are parsed when a command runs it.
 */
export function loadRuleSource(path: string, displayName = path, cache?: RuleCache, now: () => number = Date.now): LoadedSource {
  const fresh = (cacheable = false): LoadedSource => {
    const file = loadRuleFile(path, displayName);
    return { source: memorySource(file), digest: file.digest, cacheable };
  };
  if (!cache) return fresh();
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch {
    return fresh();
  }
  // Anything but a settled, writable regular file of allowed size is read, and refused or reported, as before.
  const cacheable = stats.isFile() && stats.size <= BigInt(MAX_RULE_FILE_BYTES) && changeable(path, stats);
  const key = cacheable ? statKey(path, displayName, stats, now()) : undefined;
  if (!key) return fresh(cacheable);
  const hit = cache.get(key, displayName, () => memorySource(loadRuleFile(path, displayName)));
  if (hit) return { source: hit, statKey: key, cacheable };
  const file = loadRuleFile(path, displayName);
  // The entry is written only if the file is still in the state the key names: a write during the read makes the key stale.
  let unchanged = false;
  try {
    unchanged = statKey(path, displayName, statSync(path, { bigint: true }), now()) === key;
  } catch {
    // Gone since: nothing to cache.
  }
  if (unchanged) cache.set(key, file);
  return { source: memorySource(file), digest: file.digest, cacheable, ...(unchanged ? { statKey: key } : {}) };
}

/**
 * All `*.yaml` / `*.yml` files in a directory, in name order. A path that is not a directory (a FIFO,
 * a file) or cannot be listed is an error that fails closed, never a crash.
 */
export function ruleFilesIn(dir: string, displayName = dir): string[] {
  const state = directoryState(dir);
  if (state === "missing") return [];
  if (state !== "directory") throw new RuleLoadError([{ file: displayName, line: 1, message: `refused: ${state}, not a directory of rule files` }]);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new RuleLoadError([{ file: displayName, line: 1, message: `cannot list the rule directory: ${(err as Error).message}` }]);
  }
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
