// Reading and writing the files guard installs into: atomic replacement that keeps the file's mode and follows symlinks (dotfile managers).
import { randomInt } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ensurePrivateDir } from "../core/user-dirs";
import { InstallError } from "./errors";

export function backupPath(path: string): string {
  return `${path}.guard-backup`;
}

/** undefined for a file that does not exist; anything else unreadable is an error, never "empty". */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InstallError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The real file behind a symlink, and its permission bits, when it exists. */
function existing(path: string): { target: string; mode?: number } {
  try {
    const target = realpathSync(path);
    return { target, mode: statSync(target).mode & 0o7777 };
  } catch {
    return { target: path };
  }
}

export function modeOf(path: string): number | undefined {
  return existing(path).mode;
}

export interface WriteOptions {
  /** Mode of a new file; an existing file keeps its own. */
  mode: number;
  privateDir?: boolean;
}

/** Written next to the file and renamed over it, so an agent reading it mid-write never sees half a config. */
export function writeText(path: string, text: string, options: WriteOptions): void {
  const { target, mode } = existing(path);
  const dir = dirname(target);
  try {
    if (options.privateDir) ensurePrivateDir(dir);
    else mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomInt(1e9)}.guard-tmp`);
    writeFileSync(tmp, text, { mode: mode ?? options.mode });
    // The umask must not widen or narrow what the file had (or what guard chose for a new one).
    chmodSync(tmp, mode ?? options.mode);
    renameSync(tmp, target);
  } catch (err) {
    throw new InstallError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

export function removeFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (err) {
    throw new InstallError(`cannot remove ${path}: ${(err as Error).message}`);
  }
}

/** Shared directories that stay even when empty: they are not the agent's and not guard's. */
const KEEP_DIRS = new Set([".config", ".local", ".git"]);

/**
 * After uninstall deleted a file, the directories left empty above it go too (`~/.cursor`,
 * `~/.gemini/`, `.codex/`): at most three levels, never home, a repository root, or a shared
 * directory such as `~/.config`, and only while they are empty.
 */
export function removeEmptyParents(path: string, stopAt: readonly string[]): void {
  let dir = dirname(path);
  for (let level = 0; level < 3; level++) {
    // Nothing inside .git either (its hooks/ directory is git's).
    if (stopAt.includes(dir) || KEEP_DIRS.has(basename(dir)) || basename(dirname(dir)) === ".git" || dirname(dir) === dir) return;
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return; // not empty, gone already, or not ours to remove: nothing more to tidy
    }
    dir = dirname(dir);
  }
}
