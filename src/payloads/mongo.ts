// mongosh scripts: the calls that drop databases and collections or touch every document, as statement kinds shared with SQL.
import type { SqlStatement } from "./sql";

/** Calls guard classifies, by method name. */
const CALLS = /\.\s*(dropDatabase|drop|deleteMany|remove|updateMany|update|dropIndexes|dropIndex|dropAllUsers|dropUser|dropAllRoles|dropRole|runCommand|adminCommand|bulkWrite|aggregate|mapReduce)\s*\(/g;

/** An aggregation stage that writes its results into a collection: `{$out: "c"}`, `{$merge: {into: "c"}}`. */
const WRITE_STAGE = /["']?\$(?:out|merge)["']?\s*:/;

/** mapReduce's `out` other than `{inline: 1}`: the results replace (or merge or reduce into) a collection. */
const MAP_REDUCE_OUT = /\bout["']?\s*:(?!\s*\{\s*["']?inline)/;

/** The current time, bare: `new Date()`, `Date.now()`, `ISODate()`, `new Date(Date.now())`. */
const NOW = String.raw`(?:new)?(?:Date|ISODate)\((?:Date\.now\(\))?\)|Date\.now\(\)|\$\$NOW`;
/** Fields that record when a document was made, as SQL's created_at (sql.ts createdBeforeNow). */
const CREATED_FIELD = String.raw`(?:created|inserted|added)(?:_?(?:at|on|date|time))?`;
/**
 * Filters that hold for every document, as the SQL analyser judges a WHERE: nothing, `{}`, the key `_id`/`id`
 * that exists or is not null, a key `> 0`, or a creation time before now (`{createdAt: {$lt: new Date()}}`).
 */
const EVERY_DOCUMENT = new RegExp(String.raw`^\{(?:(?:_id|id):\{\$(?:exists:(?:true|1)|ne:null|gt:0|gte:[01])\}|${CREATED_FIELD}:\{\$lte?:(?:${NOW})\})\}$`, "i");

/** A filter that matches every document (see EVERY_DOCUMENT). */
function matchesEverything(filter: string): boolean {
  const f = filter.replace(/\s+/g, "");
  return f === "" || f === "{}" || EVERY_DOCUMENT.test(f.replace(/["']/g, ""));
}

/** The text of the call's arguments, up to the matching `)`, skipping strings; and its first argument. */
function callArguments(code: string, open: number): { all: string; first: string } {
  let depth = 0;
  let firstEnd = -1;
  for (let i = open; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      const close = code.indexOf(ch, i + 1);
      i = close < 0 ? code.length : close;
      continue;
    }
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) {
        const all = code.slice(open + 1, i);
        return { all, first: firstEnd < 0 ? all : code.slice(open + 1, firstEnd) };
      }
    } else if (ch === "," && depth === 1 && firstEnd < 0) firstEnd = i;
  }
  const all = code.slice(open + 1);
  return { all, first: firstEnd < 0 ? all : code.slice(open + 1, firstEnd) };
}

/** `db.users.drop()` → users; `db.getCollection("x").drop()` → x. */
function collectionBefore(code: string, dot: number): string | undefined {
  const m = /(?:\.([A-Za-z_$][\w$]*)|getCollection\(\s*["']([^"']+)["']\s*\))\s*$/.exec(code.slice(Math.max(0, dot - 200), dot));
  return m ? m[1] ?? m[2] : undefined;
}

function classify(name: string, args: { all: string; first: string }): SqlStatement["kind"] {
  switch (name) {
    case "dropDatabase":
      return "drop-database";
    case "drop":
      return "drop-table";
    case "deleteMany":
    case "remove":
      return matchesEverything(args.first) ? "delete-without-where" : "delete";
    case "updateMany":
      return matchesEverything(args.first) ? "update-without-where" : "update";
    case "update":
      return matchesEverything(args.first) && /multi\s*:\s*true/.test(args.all) ? "update-without-where" : "update";
    case "dropIndexes":
    case "dropIndex":
      return "drop-index";
    case "runCommand":
    case "adminCommand":
      if (/\bdropDatabase\s*:/.test(args.first)) return "drop-database";
      if (/\bdrop\s*:/.test(args.first)) return "drop-table";
      if (/\beval\s*:/.test(args.first)) return "dynamic";
      if (/\b(?:aggregate|mapReduce)\s*:/.test(args.first) && (WRITE_STAGE.test(args.first) || MAP_REDUCE_OUT.test(args.first))) return "write-into";
      return "other";
    case "bulkWrite":
      return bulkWriteKind(args.all);
    case "aggregate":
      return WRITE_STAGE.test(args.all) ? "write-into" : "other";
    case "mapReduce":
      return MAP_REDUCE_OUT.test(args.all) ? "write-into" : "other";
    default:
      return "drop-other";
  }
}

/**
 * `bulkWrite([{deleteMany: {filter: {}}}, …])`: the strictest of its operations. A deleteMany or updateMany whose
 * filter matches every document (or has no filter) touches the whole collection; other writes are ordinary.
 */
function bulkWriteKind(ops: string): SqlStatement["kind"] {
  let kind: SqlStatement["kind"] = "other";
  for (const m of ops.matchAll(/\b(deleteMany|updateMany|deleteOne|updateOne|replaceOne|insertOne)["']?\s*:\s*\{/g)) {
    const body = callArguments(ops, m.index! + m[0].length - 1).all;
    const filter = /\bfilter["']?\s*:\s*\{/.exec(body);
    const all = !filter || matchesEverything(`{${callArguments(body, filter.index + filter[0].length - 1).all}}`);
    if (m[1] === "deleteMany" && all) return "delete-without-where";
    if (m[1] === "updateMany" && all) kind = "update-without-where";
    else if (kind === "other" && m[1].startsWith("delete")) kind = "delete";
    else if (kind === "other" && m[1] !== "insertOne") kind = "update";
  }
  return kind;
}

/** The collection `$out: "c"`, `$merge: "c"`, `$merge: {into: "c"}`, `$out: {coll: "c"}` or mapReduce's `out: "c"` writes into. */
function writtenCollection(args: string): string | undefined {
  const m = /(?:\$out|\$merge|\bout)["']?\s*:\s*(?:["']([^"']+)["']|\{[^}]*?\b(?:into|coll|replace|merge|reduce)["']?\s*:\s*["']([^"']+)["'])/.exec(args);
  return m ? m[1] ?? m[2] : undefined;
}

/** The destructive calls of a mongosh script, located in it. Calls that read (`find`, `countDocuments`) are not listed. */
export function analyzeMongo(code: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  const text = code.slice(0, 1_048_576);
  for (const m of text.matchAll(CALLS)) {
    const open = m.index! + m[0].length - 1;
    const args = callArguments(text, open);
    const kind = classify(m[1], args);
    if (kind === "other") continue;
    const end = Math.min(text.length, open + args.all.length + 2);
    const target = kind === "write-into" ? writtenCollection(args.all) : kind === "drop-table" || kind.startsWith("delete") || kind.startsWith("update") ? collectionBefore(text, m.index!) : undefined;
    out.push({ kind, text: text.slice(m.index! + 1, end).trim(), start: m.index! + 1, end, ...(target ? { target } : {}) });
  }
  // eval() and new Function() build code at run time.
  if (/\b(?:eval|Function)\s*\(/.test(text)) out.push({ kind: "dynamic", text: "eval", start: 0, end: 0 });
  return out;
}
