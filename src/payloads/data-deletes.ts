// Bulk-delete endpoints of data services (vector stores, search engines, Prometheus, Consul KV): how much a request deletes, read from its selector as SQL's WHERE is.

/**
 * What a bulk delete removes: `all` (no selector, an empty filter, `deleteAll`, a clear), `some` (a filter
 * selects), `keyed` (named ids only, like `DELETE … WHERE id IN (…)`), `unknown` (a body guard cannot read).
 */
export type DeleteScope = "all" | "some" | "keyed" | "unknown";

/** The part of a request this reader needs (a subset of HttpFact, so the module has no cycle with http.ts). */
export interface DeleteRequest {
  method: string;
  methodUnknown?: boolean;
  url?: string;
  path?: string;
  body?: string;
  bodyUnknown: boolean;
}

type Json = Record<string, unknown>;

interface Endpoint {
  methods: string[];
  path: RegExp;
  /** The scope from the request's JSON body merged with its URL query parameters. */
  scope: (args: Json) => DeleteScope;
}

/** A selector that selects nothing in particular: absent, `{}`, `""`, `[]`, or made only of such parts (Qdrant `{"must": []}`). */
function empty(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.every((v) => empty(v, depth + 1));
  if (typeof value === "object") return Object.values(value as Json).every((v) => empty(v, depth + 1));
  return false;
}

/** Ids named one by one: a non-empty list of literals. */
function ids(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" || typeof v === "number");
}

/** The common shape: ids → keyed; a filter → some, or all when it selects nothing; neither → all (the service's own default, or guard failing closed). */
function selector(idKeys: string[], filterKeys: string[]): Endpoint["scope"] {
  return (args) => {
    if (args.deleteAll === true || args.deleteAll === "true" || args.delete_all === true) return "all";
    const filters = filterKeys.filter((k) => args[k] !== undefined);
    if (filters.some((k) => !empty(args[k]))) return "some";
    if (idKeys.some((k) => ids(args[k]) || (typeof args[k] === "string" && args[k] !== "") || typeof args[k] === "number")) return "keyed";
    return "all";
  };
}

/** Milvus's filter is an expression: `id in [1, 2]` or `pk == 3` names keys, anything else selects. */
function milvus(args: Json): DeleteScope {
  const filter = typeof args.filter === "string" ? args.filter.trim() : typeof args.expr === "string" ? args.expr.trim() : "";
  if (ids(args.id) || typeof args.id === "number" || typeof args.id === "string") return "keyed";
  if (filter === "") return "all";
  return /^\w*(?:id|pk)\s*(?:in\s*\[[^\]]*\]|==\s*[\w"'-]+)$/i.test(filter) ? "keyed" : "some";
}

/** Algolia's deleteByQuery: the search `params` (`filters=…&query=…`); none of them set deletes every record. */
function algolia(args: Json): DeleteScope {
  const params = typeof args.params === "string" ? new URLSearchParams(args.params) : undefined;
  const keys = ["filters", "query", "facetFilters", "numericFilters", "tagFilters", "aroundLatLng", "insideBoundingBox", "insidePolygon"];
  const set = keys.some((k) => (params?.get(k) ?? "") !== "" || !empty(args[k]));
  return set ? "some" : "all";
}

/**
 * A Prometheus series selector that every series meets: `{__name__=~".+"}`, `{__name__=~".*"}`, `{job=~".*"}`. An unencoded
 * `+` in a URL reads as a space, so `.+` written bare in the URL is taken as meant.
 */
const EVERY_SERIES = /^\{(?:\w+=~["']\.[*+]?["'])?\}$/;

/** Prometheus (and VictoriaMetrics) `delete_series?match[]=…`: each selector deletes the series it names, over all time. */
function prometheus(args: Json): DeleteScope {
  const selectors = [args.match].flat().filter((m): m is string => typeof m === "string").map((m) => m.replace(/\s+/g, ""));
  if (selectors.length === 0) return "all";
  return selectors.some((m) => EVERY_SERIES.test(m)) ? "all" : "some";
}

const ENDPOINTS: Endpoint[] = [
  // Qdrant: `POST /collections/C/points/delete` with `points` (ids) or a `filter` (a POST to `…/points` only reads points by id).
  { methods: ["POST"], path: /^\/collections\/[^/]+\/points\/delete\/?$/, scope: selector(["points"], ["filter"]) },
  { methods: ["DELETE"], path: /^\/collections\/[^/]+\/points\/?$/, scope: selector(["points"], ["filter"]) },
  // Pinecone data plane: `POST /vectors/delete` with `ids`, `filter` or `deleteAll` (query parameters on the old DELETE form).
  { methods: ["POST", "DELETE"], path: /^\/vectors\/delete\/?$/, scope: selector(["ids"], ["filter"]) },
  // Chroma: `POST …/collections/C/delete` with `ids`, `where`, `where_document`; neither deletes every record.
  { methods: ["POST"], path: /^\/api\/v[12]\/(?:tenants\/[^/]+\/databases\/[^/]+\/)?collections\/[^/]+\/delete\/?$/, scope: selector(["ids"], ["where", "where_document"]) },
  // Milvus REST: v2 `entities/delete` with a filter expression, v1 `vector/delete`.
  { methods: ["POST"], path: /^\/v2\/vectordb\/entities\/delete\/?$|^\/v1\/vector\/delete\/?$/, scope: milvus },
  // Weaviate batch delete: `DELETE /v1/batch/objects` with `match: {class, where}`.
  { methods: ["DELETE", "POST"], path: /^\/v1\/batch\/objects\/?$/, scope: (args) => (empty((args.match as Json | undefined)?.where) ? "all" : "some") },
  // Algolia: clear an index (or its rules or synonyms), delete by query.
  { methods: ["POST"], path: /^\/1\/indexes\/[^/]+\/(?:clear|rules\/clear|synonyms\/clear)\/?$/, scope: () => "all" },
  { methods: ["POST"], path: /^\/1\/indexes\/[^/]+\/deleteByQuery\/?$/, scope: algolia },
  // Meilisearch: delete documents by filter, or a batch of ids.
  { methods: ["POST"], path: /^\/indexes\/[^/]+\/documents\/delete\/?$/, scope: selector([], ["filter"]) },
  // Typesense: `DELETE /collections/C/documents?filter_by=…`.
  { methods: ["DELETE"], path: /^\/collections\/[^/]+\/documents\/?$/, scope: selector([], ["filter_by"]) },
  // Prometheus / VictoriaMetrics TSDB admin API.
  { methods: ["POST", "PUT", "GET"], path: /^\/api\/v1\/admin\/tsdb\/delete_series\/?$/, scope: prometheus },
  // Consul KV: `DELETE /v1/kv/PREFIX?recurse` deletes every key under the prefix; without it, the one key.
  { methods: ["DELETE"], path: /^\/v1\/kv(?:\/|$)/, scope: (args) => (args.recurse !== undefined && args.recurse !== "false" ? "all" : "keyed") },
];

/** URL query parameters as JSON-ish values (`deleteAll=true`, repeated `ids=`). */
function queryArgs(url: string | undefined): Json {
  const q = url?.indexOf("?") ?? -1;
  if (!url || q < 0) return {};
  const out: Json = {};
  for (const part of url.slice(q + 1).replace(/#.*$/, "").split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decodeSafe(eq < 0 ? part : part.slice(0, eq)).replace(/\[\]$/, "");
    const value = eq < 0 ? "" : decodeSafe(part.slice(eq + 1));
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  // A repeated key is a list of ids; a single one stays a string (`ids=a` is one id).
  if (typeof out.ids === "string") out.ids = [out.ids];
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** How much a request to a bulk-delete endpoint deletes; undefined when it goes to none. */
export function deleteScope(request: DeleteRequest): DeleteScope | undefined {
  // `/points/%64elete` is `/points/delete` to a server that decodes its path before routing.
  const path = decodePath(request.path ?? "");
  const endpoint = ENDPOINTS.find((e) => e.path.test(path) && (request.methodUnknown || e.methods.includes(request.method)));
  if (!endpoint) return undefined;
  if (request.bodyUnknown) return "unknown";
  let body: Json = {};
  if (request.body !== undefined && request.body.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(request.body);
      body = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : {};
    } catch {
      // A form body (`params=…`) or text guard cannot read as JSON.
      if (!/^[\w[\]]+=/.test(request.body)) return "unknown";
      body = queryArgs(`?${request.body}`);
    }
  }
  return endpoint.scope({ ...queryArgs(request.url), ...body });
}
