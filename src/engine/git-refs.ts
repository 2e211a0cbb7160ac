// Reads a git ref's commit id from the repository's files (loose ref, then packed-refs), without running git.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { readRegularFile } from "../core/read-regular";

/** packed-refs of a big monorepo can be large; past this the answer is "unknown". */
const MAX_REFS_BYTES = 4 * 1024 * 1024;

function readText(path: string): string | undefined {
  try {
    return readRegularFile(path, MAX_REFS_BYTES).toString("utf8");
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
    if (existsSync(path)) {
      const loose = readText(path)?.trim();
      return loose !== undefined && /^[0-9a-f]{40,64}$/.test(loose) ? loose : undefined;
    }
    if (packed === null) {
      const file = join(common, "packed-refs");
      const text = existsSync(file) ? readText(file) : "";
      packed = text === undefined ? undefined : new Map(text.split("\n").flatMap((line) => {
        const m = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line);
        return m ? [[m[2], m[1]] as [string, string]] : [];
      }));
    }
    if (packed === undefined) return undefined;
    return packed.get(name) ?? null;
  };
}
