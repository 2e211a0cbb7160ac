// The payloads an invocation carries — SQL statements, HTTP requests with their GraphQL operations — computed once, before matching.
import type { Invocation } from "../shell/model";
import { sqlFacts, type Reader, type SqlFact } from "./carriers";
import { httpFacts, type HttpFact, type HttpReader } from "./http";
import { sqlOverHttp } from "./sql-http";
import { cloudSqlFacts } from "./sql-cloud";

/** Facts about what a command sends to a database or an API. Rules read these; they do no I/O of their own. */
export interface Payloads {
  /** Statements of the SQL (or mongosh script) a database client runs; undefined: not a database client. */
  sql?: SqlFact[];
  /** Requests an HTTP client makes; undefined: not an HTTP client. */
  http?: HttpFact[];
}

/** Reads the payloads of one invocation: the files it names and its config files go through `reader`. */
export function payloadsOf(invocation: Invocation, reader: HttpReader & Reader): Payloads {
  if (!invocation.program) return {};
  const http = httpFacts(invocation, reader);
  // `curl clickhouse:8123 --data-binary 'DROP TABLE t'`: SQL sent to a database's HTTP endpoint is checked like a client's.
  const overHttp = http ? sqlOverHttp(http, invocation.span) : [];
  // `aws redshift-data execute-statement --sql 'DROP TABLE t'`: SQL run through a cloud data API.
  const viaApi = cloudSqlFacts(invocation, reader);
  const extra = [...overHttp, ...viaApi];
  const sql = extra.length ? [...(sqlFacts(invocation, reader) ?? []), ...extra] : sqlFacts(invocation, reader);
  return { ...(sql ? { sql } : {}), ...(http ? { http } : {}) };
}
