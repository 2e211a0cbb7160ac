// What is at a path, symbolic links not followed and nothing opened: the one probe the evaluation context and undo share.
import { lstatSync, opendirSync } from "node:fs";
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

/** Past this many entries a directory's listing is unknown: a glob there is judged by its pattern alone. */
const MAX_LISTED = 10_000;

/** The names in a directory, read once per lister; [] when there is no such directory, undefined when unreadable or too large. */
export function directoryLister(): (path: string) => string[] | undefined {
  const seen = new Map<string, string[] | undefined>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, listNames(path));
    return seen.get(path);
  };
}

function listNames(path: string): string[] | undefined {
  let dir;
  try {
    dir = opendirSync(path);
  } catch (err) {
    // A glob in a directory that is not there expands to nothing (bash passes the pattern itself on).
    return (err as NodeJS.ErrnoException)?.code === "ENOENT" || (err as NodeJS.ErrnoException)?.code === "ENOTDIR" ? [] : undefined;
  }
  const names: string[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      if (names.length >= MAX_LISTED) return undefined;
      names.push(entry.name);
    }
    return names;
  } catch {
    return undefined;
  } finally {
    dir.closeSync();
  }
}
