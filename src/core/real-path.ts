// Where a write to a path lands: symbolic links followed (also a dangling last link, which the write creates) and /proc's root and cwd links read as the paths they stand for.
import { lstatSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { posix } from "node:path";

/** Links followed before giving up (the kernel's own limit is 40). */
const MAX_HOPS = 40;

/**
 * `/proc/self/root/x`, `/proc/123/task/4/root/x` → `/x`; `/proc/self/cwd/x` → `cwd/x` (the writer's own
 * directory, `cwd`). Another process's cwd is left to the filesystem, which can read that link.
 */
export function procLinkPath(path: string, cwd: string): string {
  const m = /^\/proc\/(self|thread-self|\d+)(?:\/task\/\d+)?\/(root|cwd)(?=\/|$)(.*)$/.exec(path);
  if (!m) return path;
  if (m[2] === "root") return posix.resolve("/", `.${m[3] || "/"}`);
  return m[1] === "self" || m[1] === "thread-self" ? posix.resolve(cwd, `.${m[3] || "/"}`) : path;
}

/**
 * The path a write to absolute `path` reaches once every existing symbolic link on the way is followed,
 * including a dangling link as the last component (writing through it creates its target). Undefined when
 * it cannot be told (a loop, no permission).
 */
export function realWritePath(path: string, cwd = "/"): string | undefined {
  return follow(procLinkPath(posix.resolve(path), cwd), 0);
}

function follow(path: string, hops: number): string | undefined {
  if (hops > MAX_HOPS || path.length > 4096) return undefined;
  // Most written paths do not exist yet (`> out.log`). realpath and the link check would each throw for them, and
  // an exception costs several times the system call: lstat without throwing tells first that nothing is there.
  // Any other answer (a file, a link, an error such as ENOTDIR or EACCES) takes the full sequence below.
  let here: Stats | undefined | null;
  try {
    here = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    here = null;
  }
  if (here !== undefined) {
    try {
      return realpathSync.native(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code !== "ENOENT" && code !== "ENOTDIR") return undefined;
    }
    if (path === "/") return "/";
    try {
      if ((here ?? lstatSync(path)).isSymbolicLink()) return follow(posix.resolve(posix.dirname(path), readlinkSync(path)), hops + 1);
    } catch {
      // Nothing there: the parent decides where it would be created.
    }
  } else if (path === "/") return "/";
  const parent = follow(posix.dirname(path), hops);
  return parent === undefined ? undefined : posix.join(parent, posix.basename(path));
}
