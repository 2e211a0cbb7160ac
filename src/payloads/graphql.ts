// A small GraphQL reader: which operations a document holds and the root fields each one selects.

export interface GraphqlOperation {
  type: "query" | "mutation" | "subscription";
  /** Root field names (aliases resolved to the field): `volumeDelete`, `projectDelete`. */
  fields: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

type Token = { kind: "name"; value: string } | { kind: "punct"; value: string };

/** Tokens of a GraphQL document, skipping strings, block strings and comments. Linear time. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      i = end < 0 ? text.length : end + 3;
    } else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      out.push({ kind: "name", value: text.slice(i, j) });
      i = j;
    } else {
      if ("{}():@$!=[]".includes(ch)) out.push({ kind: "punct", value: ch });
      i++;
    }
  }
  return out;
}

/** Operations and their root fields. A bare `{ … }` is a query; fragments are skipped. */
export function graphqlOperations(text: string): GraphqlOperation[] {
  const toks = tokens(text);
  const ops: GraphqlOperation[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    let type: GraphqlOperation["type"] | undefined;
    if (t.kind === "name" && (t.value === "query" || t.value === "mutation" || t.value === "subscription")) type = t.value;
    else if (t.kind === "punct" && t.value === "{") type = "query";
    else if (t.kind === "name" && t.value === "fragment") type = undefined;
    if (!type && !(t.kind === "name" && t.value === "fragment")) {
      i++;
      continue;
    }
    // Skip to the operation's selection set, past its name, variables and directives.
    let paren = 0;
    while (i < toks.length && !(toks[i].value === "{" && paren === 0)) {
      if (toks[i].value === "(") paren++;
      if (toks[i].value === ")") paren--;
      i++;
    }
    const fields: string[] = [];
    let depth = 0;
    paren = 0;
    for (; i < toks.length; i++) {
      const tok = toks[i];
      if (tok.value === "(") paren++;
      else if (tok.value === ")") paren--;
      else if (paren > 0) continue;
      else if (tok.value === "{") depth++;
      else if (tok.value === "}") {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (depth === 1 && tok.kind === "name" && toks[i - 1]?.value !== "@" && toks[i - 1]?.value !== "...") {
        // `alias: field` — the field is the name after the colon.
        if (toks[i + 1]?.value === ":") continue;
        if (toks[i - 1]?.value === "on") continue;
        fields.push(tok.value);
      }
    }
    if (type) ops.push({ type, fields });
  }
  return ops;
}

/**
 * The GraphQL document a request carries, or undefined when it is not GraphQL: a JSON body without a
 * `query` (a REST payload such as `{"name":"x"}`) is not a GraphQL `{ … }` query.
 */
export function graphqlOf(body: string, options: { graphqlEndpoint: boolean }): string | undefined {
  const trimmed = body.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      const items = Array.isArray(value) ? value : [value];
      const hasQuery = items.some((item) => item && typeof item === "object" && typeof (item as { query?: unknown }).query === "string");
      return hasQuery ? graphqlDocument(trimmed) : undefined;
    } catch {
      // Not JSON: a raw document (`{ me { id } }`), or JSON with shell text in it; read it as GraphQL.
    }
    return /"query"\s*:/.test(trimmed) || options.graphqlEndpoint || !trimmed.startsWith("[") ? graphqlDocument(trimmed) : undefined;
  }
  if (options.graphqlEndpoint || /^(?:query|mutation|subscription)\b/.test(trimmed)) return trimmed;
  return undefined;
}

/** The GraphQL document in an HTTP body: the `query` of a JSON body (or of each in a batch), or the raw text. */
export function graphqlDocument(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      const items = Array.isArray(value) ? value : [value];
      const queries = items.flatMap((item) => (item && typeof item === "object" && typeof (item as { query?: unknown }).query === "string" ? [(item as { query: string }).query] : []));
      if (queries.length) return queries.join("\n");
    } catch {
      // Not JSON (a shell variable inside it, say): fall through and read the raw text.
    }
    const m = /"query"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(trimmed);
    if (m) return m[1].replace(/\\"/g, '"').replace(/\\n/g, "\n");
  }
  return body;
}
