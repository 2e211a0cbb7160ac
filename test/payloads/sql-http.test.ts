// SQL sent over HTTP to a database's SQL endpoint: which requests carry SQL, and what guard reads from them.
import { describe, expect, it } from "vitest";
import { sqlOverHttp } from "../../src/payloads/sql-http";
import type { HttpFact } from "../../src/payloads/http";

const SPAN = { start: 0, end: 0 };

function request(url: string, body: string | undefined, extra: Partial<HttpFact> = {}): HttpFact {
  const m = /^https?:\/\/([^/:?]+)(?::(\d+))?([^?]*)/.exec(url)!;
  const port = m[2] ? Number(m[2]) : url.startsWith("https") ? 443 : 80;
  return { client: "curl", method: body === undefined ? "GET" : "POST", url, host: m[1], port, path: m[3] || "/", hosts: [m[1]], local: false, headers: [], body, bodyUnknown: false, ...extra };
}

const kinds = (fact: HttpFact) => sqlOverHttp([fact], SPAN).map((f) => f.kind);

describe("SQL over HTTP", () => {
  it.each([
    ["ClickHouse body", request("http://clickhouse:8123/", "DROP TABLE analytics.events"), ["drop-table"]],
    ["ClickHouse query parameter", request("http://db.internal:8123/?query=TRUNCATE%20TABLE%20t", undefined), ["truncate"]],
    ["ClickHouse form field", request("http://clickhouse:8123/", "query=DROP+DATABASE+analytics"), ["drop-database"]],
    ["ClickHouse Cloud", request("https://abc.eu-west-1.aws.clickhouse.cloud:8443/", "SELECT 1"), ["select"]],
    ["Databricks statement", request("https://dbc-1.cloud.databricks.com/api/2.0/sql/statements", '{"statement":"DROP TABLE t","warehouse_id":"w"}'), ["drop-table"]],
    ["Snowflake statement", request("https://acme.snowflakecomputing.com/api/v2/statements", '{"statement":"DELETE FROM t"}'), ["delete-without-where"]],
    ["Supabase query", request("https://api.supabase.com/v1/projects/abc/database/query", '{"query":"DROP SCHEMA public CASCADE"}'), ["drop-schema"]],
    ["Turso pipeline", request("https://db-acme.turso.io/v2/pipeline", '{"requests":[{"type":"execute","stmt":{"sql":"DROP TABLE t"}}]}'), ["drop-table"]],
    ["rqlite list", request("http://localhost:4001/db/execute", '["DROP TABLE foo", "SELECT 1"]'), ["drop-table", "select"]],
  ])("%s", (_name, fact, expected) => {
    expect(kinds(fact)).toEqual(expected);
  });

  it("reads a ClickHouse INSERT's body as data, not SQL", () => {
    expect(kinds(request("http://clickhouse:8123/?query=INSERT%20INTO%20t%20FORMAT%20CSV", undefined, { bodyUnknown: true }))).toEqual(["insert"]);
  });

  it("fails closed on a body it cannot read or parse", () => {
    expect(kinds(request("https://api.supabase.com/v1/projects/abc/database/query", undefined, { bodyUnknown: true }))).toEqual(["unknown"]);
    expect(kinds(request("https://dbc-1.cloud.databricks.com/api/2.0/sql/statements", "{not json"))).toEqual(["unknown"]);
  });

  it.each([
    ["a search API's query field", request("https://api.example.com/search", '{"query":"DROP TABLE users"}')],
    ["a GraphQL body", request("https://api.example.com/graphql", '{"query":"mutation { deleteUser(id: 1) }"}')],
    ["a web app on 8080", request("http://localhost:8080/items", "DROP TABLE x")],
  ])("leaves %s alone", (_name, fact) => {
    expect(kinds(fact)).toEqual([]);
  });
});

describe("query languages of other data services over HTTP", () => {
  it.each([
    ["InfluxQL in the URL", request("http://localhost:8086/query?q=DROP+DATABASE+telegraf", undefined), ["drop-database"]],
    ["InfluxQL form body", request("http://metrics.internal:8086/query", "db=telegraf&q=DROP%20MEASUREMENT%20cpu"), ["drop-table"]],
    ["InfluxQL DROP SERIES", request("http://influx.example.com/query", "q=DROP SERIES FROM cpu WHERE host='a'"), ["delete"]],
    ["InfluxQL read", request("http://localhost:8086/query?q=SHOW+DATABASES", undefined), ["other"]],
    ["Trino statement", request("https://trino.internal:8443/v1/statement", "DROP TABLE hive.prod.orders"), ["drop-table"]],
    ["Neo4j transaction", request("http://localhost:7474/db/neo4j/tx/commit", '{"statements":[{"statement":"MATCH (n) DETACH DELETE n"}]}'), ["delete-without-where"]],
    ["Upstash path command", request("https://eu1-cat.upstash.io/flushall", undefined), ["drop-database"]],
    ["Upstash pipeline", request("https://eu1-cat.upstash.io/pipeline", '[["GET","a"],["FLUSHDB"]]'), ["other", "drop-database"]],
    ["Upstash keyed delete", request("https://eu1-cat.upstash.io/del/session:1", undefined), ["other"]],
  ])("%s", (_name, fact, expected) => {
    expect(kinds(fact)).toEqual(expected);
  });

  it("reads no query from an application's own /query or /flush paths", () => {
    expect(kinds(request("http://localhost:3000/query", '{"search":"x"}'))).toEqual([]);
    expect(kinds(request("http://localhost:3000/api/cache/flushall", undefined))).toEqual([]);
  });
});
