// What is at a path, symbolic links not followed and nothing opened: the one probe the evaluation context and undo share.
import { lstatSync } from "node:fs";
import type { PathKind } from "./eval-context";

/** What is at a path: "missing" when nothing is; undefined when it cannot be told (no permission). */
export function statKind(path: string): PathKind | undefined {
  try {
    // Most paths asked about do not exist (a file a command creates): an error thrown for each costs more than the system call.
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return "missing";
    return stat.isFile() ? "file" : stat.isDirectory() ? "dir" : "other";
  } catch (err) {
    return (err as NodeJS.ErrnoException)?.code === "ENOENT" || (err as NodeJS.ErrnoException)?.code === "ENOTDIR" ? "missing" : undefined;
  }
}

/** Whether something (a file, a directory, a link, a device…) is known to be at a path. */
export function pathExists(path: string): boolean {
  const kind = statKind(path);
  return kind !== undefined && kind !== "missing";
}
