// Where the git working tree a path belongs to starts: found by walking up to a `.git`, without spawning git.
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The nearest directory at or above `start` that holds `.git`, if any. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < 256; i++) {
    try {
      statSync(join(dir, ".git"));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
  return undefined;
}
