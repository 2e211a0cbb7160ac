// Query languages sent over HTTP to a database's own endpoint (ClickHouse on 8123, Databricks, Snowflake, BigQuery, Supabase, Neon, D1, Turso, PlanetScale, rqlite, CrateDB, Hasura run_sql, Trino/Presto, InfluxDB 1.x, Neo4j, Upstash Redis): read like a client's -c.
import type { Span } from "../core/finding";
import type { HttpFact } from "./http";
import type { SqlFact } from "./carriers";
import { analyzeSql, type SqlStatement } from "./sql";
import { analyzeCypher } from "./cypher";
import { analyzeRedis } from "./redis";
import { analyzeMongo } from "./mongo";
import { influxAsSql } from "./influxql";
import { decodePath } from "./data-deletes";

/** Keys whose string values are SQL in the JSON bodies of the SQL APIs below. */
const SQL_KEYS = new Set(["statement", "query", "sql", "stmt", "q"]);
/** JSON is walked this deep and this wide; anything beyond is not read (the request is then unknown). */
const MAX_DEPTH = 8;
const MAX_STRINGS = 256;

/**
 * How an endpoint carries its queries: the raw body (ClickHouse, Trino), JSON fields (every REST SQL API),
 * InfluxDB 1.x's `q=` parameter, Neo4j's JSON `statements` (Cypher), Upstash's Redis command as the URL path or a JSON array,
 * or a MongoDB Data API action (`/action/deleteMany` with a `filter`), read as the mongosh call it is.
 */
type Shape = "raw" | "json" | "influx" | "cypher" | "redis" | "mongo";

/** Redis commands that empty a store: a path starting with one is an Upstash-style REST command on any host. */
const REDIS_FLUSH_PATH = /^\/(?:flushall|flushdb)(?:\/|$)/i;

/**
 * The SQL endpoints guard knows, by host and path. ClickHouse's HTTP interface listens on 8123 (8443 with TLS on
 * ClickHouse Cloud) and takes the SQL as the body or a `query` parameter; the others take JSON.
 */
function endpointShape(fact: HttpFact): Shape | undefined {
  const host = fact.host ?? "";
  const path = decodePath(fact.path ?? "/");
  if (fact.port === 8123 || /(?:^|[.-])clickhouse(?:[.-]|$)/.test(host) || host.endsWith(".clickhouse.cloud")) return "raw";
  if (/\/api\/2\.\d\/sql\/statements\/?$/.test(path)) return "json"; // Databricks SQL Statement Execution API
  if (host.endsWith(".snowflakecomputing.com") && /\/api\/v2\/statements\/?$/.test(path)) return "json";
  if (/^\/v1\/projects\/[^/]+\/database\/query\/?$/.test(path)) return "json"; // Supabase Management API
  if (host.endsWith(".neon.tech") && /^\/sql\/?$/.test(path)) return "json";
  if (/\/d1\/database\/[^/]+\/(?:query|raw)\/?$/.test(path)) return "json"; // Cloudflare D1
  if (/^\/v[23]\/pipeline\/?$|^\/v1\/execute\/?$/.test(path) && (host.endsWith(".turso.io") || fact.port === 8080)) return "json"; // libSQL / Turso
  if (/^\/db\/(?:execute|request)\/?$/.test(path)) return "json"; // rqlite
  if (/^\/_sql\/?$/.test(path)) return "json"; // CrateDB
  if (host === "bigquery.googleapis.com" && /^\/bigquery\/v2\/projects\/[^/]+\/(?:queries|jobs)\/?$/.test(path)) return "json";
  if (host.endsWith(".psdb.cloud") && /\/Execute\/?$/.test(path)) return "json"; // PlanetScale HTTP
  if (/^\/v[12]\/query\/?$/.test(path) && /run_sql/.test(fact.body ?? "")) return "json"; // Hasura run_sql
  if (/^\/v1\/statement\/?$/.test(path)) return "raw"; // Trino / Presto client protocol: the body is the statement
  // InfluxDB 1.x (and 2.x's 1.x compatibility API): InfluxQL in `q=`, in the URL or a form body.
  if (/^\/query\/?$/.test(path) && (fact.port === 8086 || /influx/.test(host) || /[?&]q=/.test(fact.url ?? "") || /(?:^|&)q=/.test(fact.body ?? ""))) return "influx";
  // Neo4j's HTTP API: `/db/NAME/tx/commit`, `/db/NAME/tx[/ID[/commit]]`, 4.x `/db/data/transaction`, 5.x Query API `/db/NAME/query/v2`.
  if (/^\/db\/[^/]+\/(?:tx(?:\/[^/]+)?(?:\/commit)?|query\/v2|transaction(?:\/[^/]+)?(?:\/commit)?)\/?$/.test(path)) return "cypher";
  // MongoDB Atlas Data API (and its self-hosted look-alikes): `POST …/action/deleteMany {"filter": …}`.
  if (/\/action\/(?:deleteMany|deleteOne|updateMany|updateOne|replaceOne|aggregate)\/?$/.test(path)) return "mongo";
  // Upstash Redis REST: the command is the path (`/flushall`, `/del/key`) or a JSON array body (`["FLUSHALL"]`, `/pipeline`).
  if (host.endsWith(".upstash.io") || /UPSTASH|REDIS_REST/i.test(fact.host === undefined ? fact.url ?? "" : "") || REDIS_FLUSH_PATH.test(path)) return "redis";
  return undefined;
}

/** String values under SQL keys (and bare strings in arrays, rqlite's `["DROP TABLE t"]`); undefined when the JSON cannot be read. */
function jsonSql(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const walk = (v: unknown, depth: number, sqlSlot: boolean): void => {
    if (depth > MAX_DEPTH || out.length >= MAX_STRINGS) return;
    if (typeof v === "string") {
      if (sqlSlot) out.push(v);
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1, sqlSlot || typeof item === "string");
    } else if (v && typeof v === "object") {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) walk(item, depth + 1, SQL_KEYS.has(key.toLowerCase()));
    }
  };
  walk(value, 0, false);
  return out;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** `q=` values of a URL's query or a form body (`q=DROP…&db=x`); undefined entries could not be decoded. */
function formValues(text: string, name: string): (string | undefined)[] {
  return [...text.matchAll(new RegExp(`(?:^|[?&])${name}=([^&#]*)`, "g"))].map((m) => decode(m[1]));
}

/** The Redis commands of an Upstash REST request: the path's segments, or the JSON body's array (arrays of arrays for a pipeline). */
function redisCommands(fact: HttpFact): (string | undefined)[] {
  const path = (fact.path ?? "/").replace(/^\/+|\/+$/g, "");
  const out: (string | undefined)[] = [];
  if (path !== "" && !/^(?:pipeline|multi-exec)$/i.test(path)) out.push(path.split("/").map((p) => JSON.stringify(decode(p) ?? p)).join(" "));
  if (fact.bodyUnknown) out.push(undefined);
  else if (fact.body !== undefined && fact.body.trim().startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(fact.body);
    } catch {
      return [...out, undefined];
    }
    const commands = Array.isArray(value) && value.every(Array.isArray) ? value : [value];
    for (const command of (commands as unknown[]).slice(0, MAX_STRINGS)) {
      if (Array.isArray(command)) out.push(command.map((w) => JSON.stringify(String(w))).join(" "));
    }
  }
  return out;
}

/** A Data API action as the mongosh call it amounts to: `db.C.deleteMany(FILTER)`; undefined when the body cannot be read. */
function mongoAction(fact: HttpFact): string | undefined {
  const action = /\/action\/(\w+)\/?$/.exec(decodePath(fact.path ?? ""))?.[1];
  if (fact.bodyUnknown || action === undefined) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(fact.body ?? "{}") as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const collection = typeof body.collection === "string" && /^[\w.-]+$/.test(body.collection) ? body.collection : "collection";
  const args = action === "aggregate" ? [body.pipeline ?? []] : [body.filter ?? {}, ...(body.update ? [body.update] : [])];
  return `db.${collection}.${action}(${args.map((a) => JSON.stringify(a)).join(", ")})`;
}

/** The query texts one request carries; undefined entries stand for text guard cannot read. */
function requestSql(fact: HttpFact, shape: Shape): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  if (shape === "redis") return redisCommands(fact);
  if (shape === "mongo") return [mongoAction(fact)];
  if (shape === "influx") {
    // With `-G` curl moves the body into the URL; guard keeps it as the body too, so each text is read once.
    // A JSON body (`{"q": "DROP …"}`, as interpreter code serialises a dict) is read by its `q` key.
    const body = fact.body === undefined ? [] : fact.body.trim().startsWith("{") ? jsonSql(fact.body) ?? [undefined] : formValues(fact.body, "q");
    const all = [...formValues(fact.url ?? "", "q"), ...body];
    if (fact.bodyUnknown) all.push(undefined);
    return [...new Set(all)].map((t) => (t === undefined ? undefined : influxAsSql(t)));
  }
  const query = /[?&]query=([^&#]*)/.exec(fact.url ?? "");
  if (query) texts.push(decode(query[1]));
  // ClickHouse with `?query=`: the body is the data of an INSERT (one statement per request), not more SQL.
  if (query && shape === "raw") return texts;
  if (fact.bodyUnknown) texts.push(undefined);
  else if (fact.body !== undefined) {
    const form = /^query=([\s\S]*)$/.exec(fact.body);
    if (shape === "raw") texts.push(form ? decode(form[1]) : fact.body);
    else if (shape === "cypher" && !fact.body.trim().startsWith("{")) texts.push(fact.body);
    else {
      const found = jsonSql(fact.body);
      if (found) texts.push(...found);
      else texts.push(undefined);
    }
  }
  return texts;
}

/** SQL facts of the requests an HTTP client makes to SQL endpoints; empty when none goes to one. */
export function sqlOverHttp(facts: readonly HttpFact[], span: Span): SqlFact[] {
  const out: SqlFact[] = [];
  for (const fact of facts) {
    const shape = endpointShape(fact);
    if (!shape) continue;
    for (const text of requestSql(fact, shape)) {
      if (text === undefined) {
        out.push({ kind: "unknown", origin: `HTTP request to ${fact.host ?? "a SQL endpoint"}`, source: "inline", span });
        continue;
      }
      const origin = `HTTP request to ${fact.host ?? "a database endpoint"}`;
      const analysis: { statements: SqlStatement[]; truncated: boolean } = shape === "cypher" ? { statements: analyzeCypher(text), truncated: false }
        : shape === "mongo" ? { statements: analyzeMongo(text), truncated: false }
        : shape === "redis" ? { statements: analyzeRedis(text), truncated: false } : analyzeSql(text);
      if (analysis.truncated) out.push({ kind: "unknown", origin, source: "inline", span });
      for (const statement of analysis.statements) out.push({ kind: statement.kind, statement, origin, source: "inline", span });
    }
  }
  return out;
}
