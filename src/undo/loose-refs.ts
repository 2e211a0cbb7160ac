// Creates a snapshot ref and prunes old ones as loose ref files, the way git writes them, where that is exact; git does it otherwise.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Whether git itself would write these refs as plain loose files: not with reftable, shared-group
 * permissions (core.sharedRepository), a reflog for every ref (core.logAllRefUpdates=always) or a
 * config guard cannot read whole (an include).
 */
function plainLooseRefs(commonDir: string): boolean {
  if (existsSync(join(commonDir, "reftable"))) return false;
  let config: string;
  try {
    config = readFileSync(join(commonDir, "config"), "utf8");
  } catch {
    return false;
  }
  return !/^\s*(?:refstorage|sharedrepository|logallrefupdates\s*=\s*always)\b|^\s*\[\s*include/im.test(config);
}

/**
 * Creates `ref` (which must not exist yet) at `commit` and deletes the loose files of `drop`: what
 * `git update-ref --stdin` with `create` and `delete` lines does, without starting git. The new file
 * is written to `REF.lock` (created exclusively) and renamed into place, as git does. Returns false,
 * having written nothing, when git must do it: the repository is not plain (see above), a ref to
 * drop is in packed-refs, or anything fails before the rename.
 */
export function writeSnapshotRefs(commonDir: string, ref: string, commit: string, drop: string[], packed: ReadonlySet<string>): boolean {
  if (!/^[0-9a-f]{40}$/.test(commit) || drop.some((r) => packed.has(r)) || !plainLooseRefs(commonDir)) return false;
  const path = join(commonDir, ref);
  const lock = `${path}.lock`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(lock, "wx", 0o666);
    writeSync(fd, `${commit}\n`);
    closeSync(fd);
    fd = undefined;
    if (existsSync(path)) throw new Error(`${ref} exists`);
    renameSync(lock, path);
  } catch {
    if (fd !== undefined) closeSync(fd);
    rmSync(lock, { force: true });
    return false;
  }
  // The new ref is in place; an old one that cannot be removed now is pruned by a later snapshot.
  // Its reflog goes too, as git's delete removes it (there is one only if git wrote the ref with one).
  for (const old of drop) {
    try {
      rmSync(join(commonDir, old), { force: true });
      rmSync(join(commonDir, "logs", old), { force: true });
    } catch {
      // Left for the next prune.
    }
  }
  return true;
}
