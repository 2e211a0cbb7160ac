// Copies files outside any working tree into the freedesktop trash (files/ + info/*.trashinfo) and puts them back.
import { appendFileSync, closeSync, cpSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { ensurePrivateDir, stateDir } from "../core/user-dirs";
import { redact } from "../core/redact";
import { pathExists } from "../core/path-kind";

type Env = Readonly<Record<string, string | undefined>>;

/** `$XDG_DATA_HOME/Trash`, by default `~/.local/share/Trash` (the home trash of the freedesktop spec). */
export function trashDir(env: Env = process.env): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), ".local", "share"), "Trash");
}

function journalPath(env: Env): string {
  return join(stateDir(env), "trash.jsonl");
}

export interface TrashItem {
  path: string;
  /** Its name under Trash/files/. */
  name: string;
}

export interface TrashEntry {
  id: string;
  time: string;
  command: string;
  agent: string;
  cwd: string;
  items: TrashItem[];
  restored?: string;
}

/** Total bytes under `paths`, counting stops once past `limit` (so a huge tree costs no more than the bound). */
export function measure(paths: string[], limit: number): { bytes: number; over: boolean } {
  let bytes = 0;
  let entries = 0;
  const stack = [...paths];
  while (stack.length) {
    const path = stack.pop()!;
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) bytes += stat.size;
    if (bytes > limit || ++entries > 200_000) return { bytes, over: true };
    if (stat.isDirectory()) {
      try {
        for (const name of readdirSync(path)) stack.push(join(path, name));
      } catch {
        // Unreadable: the copy will say so.
      }
    }
  }
  return { bytes, over: false };
}

/** The spec's info file: the original path percent-encoded, and the local deletion time without a zone. */
function trashInfo(path: string, when: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`;
  const encoded = path.split("/").map((part) => encodeURIComponent(part)).join("/");
  return `[Trash Info]\nPath=${encoded}\nDeletionDate=${local}\n`;
}

/** Claims a unique name by creating its .trashinfo exclusively first, as the spec asks. */
function claimName(trash: string, path: string, when: Date): string {
  const base = basename(path) || "root";
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base}.${n}`;
    let fd: number;
    try {
      fd = openSync(join(trash, "info", `${name}.trashinfo`), "wx", 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw err;
    }
    if (existsSync(join(trash, "files", name))) {
      closeSync(fd);
      rmSync(join(trash, "info", `${name}.trashinfo`), { force: true });
      continue;
    }
    writeSync(fd, trashInfo(path, when));
    closeSync(fd);
    return name;
  }
  throw new Error(`no free name in the trash for ${base}`);
}

export interface TrashRequest {
  paths: string[];
  command: string;
  agent: string;
  cwd: string;
  env?: Env;
  now?: Date;
}

/** Copies each path (not moves: the command itself does the deleting) and records the entry in guard's journal. */
export function copyToTrash(request: TrashRequest): TrashEntry {
  const env = request.env ?? process.env;
  const when = request.now ?? new Date();
  const trash = trashDir(env);
  ensurePrivateDir(join(trash, "files"));
  ensurePrivateDir(join(trash, "info"));
  const items: TrashItem[] = [];
  for (const path of request.paths) {
    const name = claimName(trash, path, when);
    try {
      cpSync(path, join(trash, "files", name), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    } catch (err) {
      rmSync(join(trash, "info", `${name}.trashinfo`), { force: true });
      rmSync(join(trash, "files", name), { recursive: true, force: true });
      throw err;
    }
    items.push({ path, name });
  }
  const entry: TrashEntry = { id: Math.random().toString(16).slice(2, 10).padEnd(8, "0"), time: when.toISOString(), command: redact(request.command), agent: request.agent, cwd: request.cwd, items };
  appendFileSync(join(ensurePrivateDir(stateDir(env)), "trash.jsonl"), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  return entry;
}

/** guard's trash entries whose copies are still in the trash, oldest first. */
export function listTrash(env: Env = process.env): TrashEntry[] {
  let text: string;
  try {
    text = readFileSync(journalPath(env), "utf8");
  } catch {
    return [];
  }
  const entries = new Map<string, TrashEntry>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const record = JSON.parse(line) as TrashEntry | { id: string; restored: string };
      if ("items" in record) entries.set(record.id, record);
      else entries.delete(record.id);
    } catch {
      // A torn line: skip it, keep the rest.
    }
  }
  const trash = trashDir(env);
  return [...entries.values()].filter((e) => e.items.some((item) => existsSync(join(trash, "files", item.name))));
}

/**
 * Moves each copy back to where it was. Whatever is at that path now goes to the trash first (as its own
 * entry), so restoring loses nothing either.
 */
export function restoreTrash(entry: TrashEntry, env: Env = process.env): { restored: string[]; displaced?: TrashEntry } {
  const trash = trashDir(env);
  const present = entry.items.filter((item) => existsSync(join(trash, "files", item.name)));
  const inTheWay = present.map((item) => item.path).filter((path) => pathExists(path));
  const displaced = inTheWay.length
    ? copyToTrash({ paths: inTheWay, command: `guard undo ${entry.id}`, agent: "guard undo", cwd: entry.cwd, env })
    : undefined;
  const restored: string[] = [];
  for (const item of present) {
    if (pathExists(item.path)) rmSync(item.path, { recursive: true, force: true });
    const from = join(trash, "files", item.name);
    mkdirSync(dirname(item.path), { recursive: true });
    try {
      renameSync(from, item.path);
    } catch {
      cpSync(from, item.path, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
      rmSync(from, { recursive: true, force: true });
    }
    rmSync(join(trash, "info", `${item.name}.trashinfo`), { force: true });
    restored.push(item.path);
  }
  appendFileSync(journalPath(env), `${JSON.stringify({ id: entry.id, restored: new Date().toISOString() })}\n`, { mode: 0o600 });
  return { restored, displaced };
}
