// Data-service SDK calls in interpreter code (vector stores, search engines, InfluxDB, Neo4j), read as the HTTP request or client command they amount to.
import { blankStrings, matchBracket } from "./code-lex";
import { valueOf } from "./code-values";

/** A command the code amounts to: checked by the same rules as the command itself. */
interface SdkCall {
  argv: string[];
  call: string;
}

/** One SDK method: the service's import, the method names, and the command a call amounts to (from its argument text). */
interface SdkMethod {
  sdk: RegExp;
  method: RegExp;
  command: (args: string, name: string | undefined) => string[];
}

const curl = (method: string, url: string, body?: string) => ["curl", "-X", method, url, ...(body !== undefined ? ["--data-raw", body] : [])];

/**
 * How much a bulk delete's arguments select, in the body shape the data-services reader knows (data-deletes.ts): named ids,
 * a filter, or nothing in particular (everything).
 */
function selection(args: string, ids: RegExp, filter: RegExp, keys: { ids: string; filter: string }): string {
  if (/\bdelete_?all\s*[=:]\s*(?:True|true)|deleteAll\s*\(/.test(args)) return '{"deleteAll":true}';
  const m = filter.exec(args);
  const filterText = m ? m.slice(1).find((g) => g !== undefined) ?? "" : undefined;
  const everything = `{"${keys.filter}":{}}`;
  const some = `{"${keys.filter}":{"selected":true}}`;
  if (filterText !== undefined) return /^\s*(?:\{\s*\}|\[\s*\]|["']\s*["']|None|null|must\s*=\s*\[\s*\])?\s*$/.test(filterText) ? everything : some;
  if (ids.test(args)) return `{"${keys.ids}":["x"]}`;
  return args.trim() === "" ? everything : some;
}

/** The first argument's literal value (a collection or index name), else a placeholder. */
function first(args: string): string {
  const text = /^\s*(?:\w+\s*=\s*)?([^,]+)/.exec(args)?.[1];
  const value = text === undefined ? undefined : valueOf(text, "python") ?? valueOf(text, "javascript");
  return value !== undefined && /^[\w.-]+$/.test(value) ? value : "collection";
}

const QDRANT = /qdrant/i;
const PINECONE = /pinecone/i;
const CHROMA = /chromadb/i;
const WEAVIATE = /weaviate/i;
const MILVUS = /pymilvus|milvus/i;
const ALGOLIA = /algoliasearch/i;
const ELASTIC = /elasticsearch|opensearch/i;
const INFLUX = /\binfluxdb\b|InfluxDBClient/;
const NEO4J = /\bneo4j\b/;

const METHODS: SdkMethod[] = [
  { sdk: QDRANT, method: /^(?:delete_collection|deleteCollection)$/, command: (a) => curl("DELETE", `http://qdrant:6333/collections/${first(a)}`) },
  { sdk: QDRANT, method: /^delete$/, command: (a) => curl("POST", "http://qdrant:6333/collections/c/points/delete", selection(a, /PointIdsList|points(?:_selector)?\s*[=:]\s*\[/, /Filter\(([^()]*)\)|filter\s*[=:]\s*(\{[^}]*\}?)/, { ids: "points", filter: "filter" })) },
  { sdk: PINECONE, method: /^(?:delete_index|deleteIndex|delete_collection|deleteCollection)$/, command: (a) => curl("DELETE", `https://api.pinecone.io/indexes/${first(a)}`) },
  { sdk: PINECONE, method: /^(?:delete|deleteAll|deleteMany|delete_many)$/, command: (a, name) => curl("POST", "https://index.svc.pinecone.io/vectors/delete", name === "deleteAll" ? '{"deleteAll":true}' : selection(a, /ids\s*[=:]|^\s*\[/, /filter\s*[=:]\s*(\{[^}]*\}?)|^\s*(\{[^}]*\}?)/, { ids: "ids", filter: "filter" })) },
  { sdk: CHROMA, method: /^(?:delete_collection|deleteCollection|reset)$/, command: (a) => curl("DELETE", `http://chroma:8000/api/v1/collections/${first(a)}`) },
  { sdk: CHROMA, method: /^delete$/, command: (a) => curl("POST", "http://chroma:8000/api/v1/collections/c/delete", selection(a, /ids\s*[=:]/, /where(?:_document)?\s*[=:]\s*(\{[^}]*\}?)/, { ids: "ids", filter: "where" })) },
  { sdk: WEAVIATE, method: /^(?:delete_class|delete_all|deleteAll|deleteClass)$/, command: (a) => curl("DELETE", `http://weaviate:8080/v1/schema/${first(a)}`) },
  { sdk: WEAVIATE, method: /^(?:delete_many|deleteMany)$/, command: () => curl("DELETE", "http://weaviate:8080/v1/batch/objects", '{"match":{"where":{"selected":true}}}') },
  { sdk: MILVUS, method: /^(?:drop_collection|dropCollection|drop_database|dropDatabase|drop_partition|dropPartition)$/, command: (a) => curl("POST", "http://milvus:19530/v2/vectordb/collections/drop", JSON.stringify({ collectionName: first(a) })) },
  { sdk: MILVUS, method: /^delete$/, command: (a) => curl("POST", "http://milvus:19530/v2/vectordb/entities/delete", JSON.stringify({ filter: /(?:filter|expr)\s*=\s*(["'])(.*?)\1/.exec(a)?.[2] ?? (/\bids\s*=/.test(a) ? "id in [0]" : "") })) },
  { sdk: ALGOLIA, method: /^(?:clear_objects|clearObjects)$/, command: () => curl("POST", "https://app.algolia.net/1/indexes/index/clear") },
  { sdk: ALGOLIA, method: /^(?:delete_by|deleteBy)$/, command: () => curl("POST", "https://app.algolia.net/1/indexes/index/deleteByQuery", '{"params":"filters=selected"}') },
  { sdk: ALGOLIA, method: /^(?:delete_index|deleteIndex)$/, command: (a) => curl("DELETE", `https://app.algolia.net/1/indexes/${first(a)}`) },
  { sdk: ELASTIC, method: /^delete_by_query$|^deleteByQuery$/, command: (a) => curl("POST", "http://elasticsearch:9200/index/_delete_by_query", /match_all/.test(a) ? '{"query":{"match_all":{}}}' : '{"query":{"term":{"selected":true}}}') },
  { sdk: INFLUX, method: /^(?:drop_database|drop_measurement|drop_retention_policy|delete_series)$/, command: (a, name) => ["influx", "-execute", `${name === "delete_series" ? "DROP SERIES FROM" : name!.replace(/_/g, " ").toUpperCase()} ${first(a)}`] },
];

/** Deletes the receiver names: `es.indices.delete(index=X)`, Weaviate v4's `client.collections.delete(NAME)`. */
const RECEIVER_DELETES: { sdk: RegExp; call: RegExp; command: (args: string) => string[] }[] = [
  { sdk: ELASTIC, call: /\.indices\.delete\s*\(/g, command: (a) => curl("DELETE", `http://elasticsearch:9200/${first(a)}`) },
  { sdk: WEAVIATE, call: /\.collections\.delete\s*\(/g, command: (a) => curl("DELETE", `http://weaviate:8080/v1/schema/${first(a)}`) },
];
/** Receivers whose `delete` is not a data-service SDK's: HTTP clients and file modules, read elsewhere. */
const OTHER_RECEIVER = /(?:^|\W)(?:requests|httpx|os|shutil|fs|axios|session|Session\(\s*\))\s*$/;
/** Cypher handed to the Neo4j driver: `session.run('…')`, `driver.execute_query('…')`, `tx.run(…)`. */
const NEO4J_QUERY = /\.(?:run|execute_query|executeQuery|execute_write|execute_read)\s*\(\s*(["'`])((?:(?!\1)[^\\]|\\.){1,4000})\1/g;
/** InfluxQL handed to the 1.x client: `client.query('DROP …')`. */
const INFLUX_QUERY = /\.query\s*\(\s*(["'])((?:(?!\1)[^\\]|\\.){1,4000})\1/g;

/** Bounded: a one-liner or a script makes few calls. */
const MAX_CALLS = 32;

/** What the data-service SDK calls in `code` amount to. Only calls of an SDK the code imports or names are read. */
export function dataSdkCalls(code: string): SdkCall[] {
  const sdks = METHODS.filter((m) => m.sdk.test(code));
  const out: SdkCall[] = [];
  if (sdks.length) {
    const searchable = blankStrings(code, "python");
    for (const m of searchable.matchAll(/\.([A-Za-z_]\w*)\s*\(/g)) {
      const spec = sdks.find((s) => s.method.test(m[1]));
      if (!spec || OTHER_RECEIVER.test(searchable.slice(Math.max(0, m.index! - 40), m.index!))) continue;
      const open = m.index! + m[0].length - 1;
      const args = code.slice(open + 1, matchBracket(code, open, "python") - 1);
      out.push({ argv: spec.command(args, m[1]), call: m[1] });
      if (out.length >= MAX_CALLS) return out;
    }
  }
  for (const r of RECEIVER_DELETES.filter((d) => d.sdk.test(code))) {
    for (const m of code.matchAll(r.call)) {
      const open = m.index! + m[0].length - 1;
      out.push({ argv: r.command(code.slice(open + 1, matchBracket(code, open, "python") - 1)), call: m[0].replace(/^\.|\s*\($/g, "") });
    }
  }
  if (NEO4J.test(code)) for (const m of code.matchAll(NEO4J_QUERY)) out.push({ argv: ["cypher-shell", m[2]], call: "neo4j run" });
  if (INFLUX.test(code)) for (const m of code.matchAll(INFLUX_QUERY)) out.push({ argv: ["influx", "-execute", m[2]], call: "influxdb query" });
  return out.slice(0, MAX_CALLS);
}
