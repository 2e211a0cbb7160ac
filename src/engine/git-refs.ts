// Reads git refs' commit ids from the repository's files (loose ref, then packed-refs), without running git.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readRegularFile } from "../core/read-regular";

/** packed-refs of a big monorepo can be large; past this the answer is "unknown". */
const MAX_REFS_BYTES = 4 * 1024 * 1024;

function readText(path: string, maxBytes = MAX_REFS_BYTES): string | undefined {
  try {
    return readRegularFile(path, maxBytes).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Refs live in the common directory: a linked worktree's gitdir names it in `commondir`. */
function commonDir(gitDir: string): string {
  const pointer = readText(join(gitDir, "commondir"))?.trim();
  return pointer ? resolve(gitDir, pointer) : gitDir;
}

/**
 * A reader of full ref names (`refs/heads/feature/x`) → commit id; `null` when the ref certainly does
 * not exist, undefined when guard cannot tell (reftable storage, unreadable or oversized files, a
 * symbolic ref).
 */
export function refReader(gitDir: string): (name: string) => string | null | undefined {
  const common = commonDir(gitDir);
  // Repositories using the reftable format keep no loose refs or packed-refs: nothing here is known.
  if (existsSync(join(common, "reftable"))) return () => undefined;
  let packed: Map<string, string> | undefined | null = null;
  return (name) => {
    if (!/^refs\/[^\0]+$/.test(name) || name.split("/").some((part) => part === ".." || part === "." || part === "")) return undefined;
    const path = join(common, name);
    if (existsSync(path)) return looseRef(path);
    if (packed === null) packed = packedRefs(common);
    if (packed === undefined) return undefined;
    return packed.get(name) ?? null;
  };
}

/** A loose ref file's commit id; undefined for a symbolic ref or anything else. */
function looseRef(path: string): string | undefined {
  const loose = readText(path)?.trim();
  return loose !== undefined && /^[0-9a-f]{40,64}$/.test(loose) ? loose : undefined;
}

/** Past this, listing refs from files costs more than asking git: `refsIn` leaves it to the caller's git. */
const SMALL_PACKED_REFS = 512 * 1024;

/** packed-refs as name → id (peeled `^` lines skipped); an absent file is empty, an unreadable or bigger one undefined. */
function packedRefs(common: string, maxBytes = MAX_REFS_BYTES): Map<string, string> | undefined {
  const file = join(common, "packed-refs");
  const text = existsSync(file) ? readText(file, maxBytes) : "";
  return text === undefined ? undefined : new Map(text.split("\n").flatMap((line) => {
    const m = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line);
    return m ? [[m[2], m[1]] as [string, string]] : [];
  }));
}

/**
 * The refs directly in one directory of refs (`refs/guard/snapshots`, no deeper), name → id, loose
 * over packed, and which of them packed-refs holds; undefined when guard cannot tell them all
 * (reftable, a symbolic or unreadable ref, a subdirectory, more than `max` of them).
 */
export function refsIn(gitDir: string, dir: string, max = 10_000): { refs: Map<string, string>; packed: Set<string> } | undefined {
  const common = commonDir(gitDir);
  if (existsSync(join(common, "reftable"))) return undefined;
  const packedAll = packedRefs(common, SMALL_PACKED_REFS);
  if (!packedAll) return undefined;
  const refs = new Map([...packedAll].filter(([name]) => name.startsWith(`${dir}/`) && !name.slice(dir.length + 1).includes("/")));
  const packed = new Set(refs.keys());
  let names: string[];
  try {
    names = readdirSync(join(common, dir));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? { refs, packed } : undefined;
  }
  if (names.length > max) return undefined;
  for (const name of names) {
    // A lock file is a ref being written: git's own listing skips it too.
    if (name.endsWith(".lock")) continue;
    const id = looseRef(join(common, dir, name));
    if (id === undefined) return undefined;
    refs.set(`${dir}/${name}`, id);
  }
  return { refs, packed };
}
