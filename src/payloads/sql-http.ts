// SQL sent over HTTP to a database's own SQL endpoint (ClickHouse on 8123, Databricks, Snowflake, BigQuery, Supabase, Neon, D1, Turso, PlanetScale, rqlite, CrateDB, Hasura run_sql): read like a client's -c.
import type { Span } from "../core/finding";
import type { HttpFact } from "./http";
import type { SqlFact } from "./carriers";
import { analyzeSql } from "./sql";

/** Keys whose string values are SQL in the JSON bodies of the SQL APIs below. */
const SQL_KEYS = new Set(["statement", "query", "sql", "stmt", "q"]);
/** JSON is walked this deep and this wide; anything beyond is not read (the request is then unknown). */
const MAX_DEPTH = 8;
const MAX_STRINGS = 256;

/** How an endpoint carries SQL: the raw body (ClickHouse), or JSON fields (every REST SQL API). */
type Shape = "raw" | "json";

/**
 * The SQL endpoints guard knows, by host and path. ClickHouse's HTTP interface listens on 8123 (8443 with TLS on
 * ClickHouse Cloud) and takes the SQL as the body or a `query` parameter; the others take JSON.
 */
function endpointShape(fact: HttpFact): Shape | undefined {
  const host = fact.host ?? "";
  const path = fact.path ?? "/";
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

/** The SQL texts one request carries; undefined entries stand for SQL guard cannot read. */
function requestSql(fact: HttpFact, shape: Shape): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  const query = /[?&]query=([^&#]*)/.exec(fact.url ?? "");
  if (query) texts.push(decode(query[1]));
  // ClickHouse with `?query=`: the body is the data of an INSERT (one statement per request), not more SQL.
  if (query && shape === "raw") return texts;
  if (fact.bodyUnknown) texts.push(undefined);
  else if (fact.body !== undefined) {
    const form = /^query=([\s\S]*)$/.exec(fact.body);
    if (shape === "raw") texts.push(form ? decode(form[1]) : fact.body);
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
      const origin = `HTTP request to ${fact.host}`;
      const analysis = analyzeSql(text);
      if (analysis.truncated) out.push({ kind: "unknown", origin, source: "inline", span });
      for (const statement of analysis.statements) out.push({ kind: statement.kind, statement, origin, source: "inline", span });
    }
  }
  return out;
}
