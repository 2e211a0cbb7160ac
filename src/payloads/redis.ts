// redis-cli commands (from stdin or its arguments) and the Lua scripts EVAL runs, as statement kinds shared with SQL.
import type { SqlStatement } from "./sql";

/** Commands that empty a whole database or every database. */
const FLUSHES = new Set(["FLUSHALL", "FLUSHDB"]);

/** Commands that run code guard cannot see from the command itself: a script stored by its hash, a function library. */
const OPAQUE_CODE = new Set(["EVALSHA", "EVALSHA_RO", "FCALL", "FCALL_RO", "FUNCTION"]);

/** Lua calls into Redis: `redis.call('flushall')`, `redis.pcall("DEL", KEYS[1])`. */
const LUA_CALL = /\bredis\s*\.\s*p?call\s*\(\s*(?:(["'])([A-Za-z_ ]+)\1|([^,)]))/g;

/** Inputs past this are cut, so one huge script cannot slow the check. */
const MAX_BYTES = 1_048_576;

/** Splits one redis-cli line into words the way redis-cli does: spaces separate, "…" and '…' quote, \ escapes inside "…". */
export function redisWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    let word = "";
    while (i < line.length && !/\s/.test(line[i])) {
      const q = line[i];
      if (q === '"' || q === "'") {
        i++;
        while (i < line.length && line[i] !== q) {
          if (q === '"' && line[i] === "\\" && i + 1 < line.length) i++;
          word += line[i++];
        }
        i++;
      } else word += line[i++];
    }
    words.push(word);
  }
  return words;
}

/** The strictest kind among a Lua script's calls: a flush, a call whose command is computed (dynamic), or none. */
function luaKind(script: string): SqlStatement["kind"] {
  let kind: SqlStatement["kind"] = "select";
  for (const m of script.slice(0, MAX_BYTES).matchAll(LUA_CALL)) {
    const name = m[2]?.trim().toUpperCase();
    if (name === undefined) kind = "dynamic";
    else if (FLUSHES.has(name)) return "drop-database";
  }
  return kind;
}

/**
 * Commands that change the server for every client rather than named keys: replicating from another host
 * (which discards this one's data), crashing it (DEBUG SEGFAULT), shutting it down, rewriting its
 * configuration, resetting cluster membership, swapping databases, loading modules, editing users.
 */
const SERVER_ADMIN = new Set(["REPLICAOF", "SLAVEOF", "DEBUG", "SHUTDOWN", "SWAPDB", "MODULE", "FAILOVER", "MIGRATE"]);
/** Admin commands whose first argument decides: `CONFIG SET` changes the server, `CONFIG GET` reads. */
const ADMIN_SUBCOMMANDS: Record<string, Set<string>> = {
  CONFIG: new Set(["SET", "REWRITE", "RESETSTAT"]),
  CLUSTER: new Set(["RESET", "FAILOVER", "FORGET", "FLUSHSLOTS", "DELSLOTS", "DELSLOTSRANGE", "SETSLOT", "MEET", "REPLICATE"]),
  ACL: new Set(["SETUSER", "DELUSER", "LOAD", "SAVE"]),
  CLIENT: new Set(["KILL", "PAUSE"]),
  SCRIPT: new Set(["FLUSH"]),
};

function serverAdmin(name: string, words: string[]): boolean {
  const sub = (words[1] ?? "").toUpperCase();
  // `REPLICAOF NO ONE` stops replicating and keeps the data; `DEBUG OBJECT key` only reads.
  if ((name === "REPLICAOF" || name === "SLAVEOF") && sub === "NO") return false;
  if (name === "DEBUG" && (sub === "OBJECT" || sub === "HELP")) return false;
  return SERVER_ADMIN.has(name) || ADMIN_SUBCOMMANDS[name]?.has(sub) === true;
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Trims whose bounds keep nothing: `XTRIM k MAXLEN 0`, `LTRIM k 1 0` (start past stop), `ZREMRANGEBYRANK k 0 -1`,
 * `ZREMRANGEBYSCORE k -inf +inf`, `ZREMRANGEBYLEX k - +`. They empty the stream, list or sorted set the way DELETE
 * without WHERE empties a table; a trim that keeps a tail (`XTRIM k MAXLEN 1000`, `LTRIM k 0 99`) is housekeeping.
 */
function emptiesKey(name: string, args: string[]): boolean {
  const [a = "", b = ""] = args;
  switch (name) {
    case "XTRIM": {
      const i = args.findIndex((w) => w.toUpperCase() === "MAXLEN");
      if (i < 0) return false;
      const n = ["=", "~"].includes(args[i + 1] ?? "") ? args[i + 2] : args[i + 1];
      return n !== undefined && INTEGER.test(n) && Number(n) === 0;
    }
    case "LTRIM": {
      if (!INTEGER.test(a) || !INTEGER.test(b)) return false;
      const [start, stop] = [Number(a), Number(b)];
      return Math.sign(start) === Math.sign(stop) || stop === 0 ? start > stop : false;
    }
    case "ZREMRANGEBYRANK":
      return INTEGER.test(a) && Number(a) === 0 && b === "-1";
    case "ZREMRANGEBYSCORE":
      return /^-inf$/i.test(a) && /^\+?inf$/i.test(b);
    case "ZREMRANGEBYLEX":
      return a === "-" && b === "+";
    default:
      return false;
  }
}

/** One command's kind: flushes drop everything; EVAL is judged by its script; stored scripts are unknown code. */
export function redisCommandKind(words: string[]): SqlStatement["kind"] {
  const name = (words[0] ?? "").toUpperCase();
  if (FLUSHES.has(name)) return "drop-database";
  if (emptiesKey(name, words.slice(2))) return "delete-without-where";
  if (serverAdmin(name, words)) return "server-admin";
  if (name === "EVAL" || name === "EVAL_RO") return words[1] === undefined ? "dynamic" : luaKind(words[1]);
  if (OPAQUE_CODE.has(name)) return "dynamic";
  return "other";
}

/** The commands of a redis-cli input (one per line), with where each is. Lines that only read or write named keys are "other". */
export function analyzeRedis(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  const src = text.slice(0, MAX_BYTES);
  let start = 0;
  for (const line of src.split("\n")) {
    const kind = redisCommandKind(redisWords(line));
    const trimmed = line.trim();
    if (trimmed !== "") out.push({ kind, text: trimmed, start: start + line.indexOf(trimmed), end: start + line.indexOf(trimmed) + trimmed.length });
    start += line.length + 1;
  }
  return out;
}
