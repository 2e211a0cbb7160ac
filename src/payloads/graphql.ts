// GraphQL documents in HTTP bodies: which operations they hold and the root fields each selects, read with the reference parser.
import type { DocumentNode, FragmentDefinitionNode, SelectionSetNode } from "graphql";

export interface GraphqlOperation {
  type: "query" | "mutation" | "subscription";
  /** The operation's name, when it has one. */
  name?: string;
  /** Root field names (aliases resolved to the field, fragment spreads followed): `volumeDelete`, `projectDelete`. */
  fields: string[];
}

export interface GraphqlReading {
  operations: GraphqlOperation[];
  /** False when the reference parser rejected the text and the lenient reader below was used instead. */
  exact: boolean;
}

/** Documents past this many tokens are not parsed exactly (bounded time); the lenient reader takes over. */
const MAX_TOKENS = 50_000;

type Parse = (source: string, options: { noLocation: boolean; maxTokens: number }) => DocumentNode;
let parser: Parse | undefined;

/** The reference parser, loaded on the first GraphQL body: most commands never carry one. */
function parse(): Parse {
  parser ??= (require("graphql/language/parser") as typeof import("graphql/language/parser")).parse as Parse;
  return parser;
}

/** Root fields of a selection set, following fragment spreads and inline fragments (each fragment once). */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const selection of set.selections) {
    if (selection.kind === "Field") out.push(selection.name.value);
    else if (selection.kind === "InlineFragment") out.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (selection.kind === "FragmentSpread" && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) out.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return out;
}

/** Operations by the reference parser; undefined when the text is not a valid document. */
function exactOperations(text: string): GraphqlOperation[] | undefined {
  let doc: DocumentNode;
  try {
    doc = parse()(text, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return undefined;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of doc.definitions) if (def.kind === "FragmentDefinition") fragments.set(def.name.value, def);
  const ops: GraphqlOperation[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== "OperationDefinition") continue;
    ops.push({ type: def.operation as GraphqlOperation["type"], ...(def.name ? { name: def.name.value } : {}), fields: rootFields(def.selectionSet, fragments) });
  }
  return ops;
}

/**
 * The operations of a document. The reference parser reads it exactly (fragments, aliases, block
 * strings, every line terminator); text it rejects (a document with shell expansions left in it, a
 * fragment of one) is read by a lenient tokenizer instead, and the reading says so.
 */
export function readGraphql(text: string): GraphqlReading {
  const exact = exactOperations(text);
  return exact ? { operations: exact, exact: true } : { operations: lenientOperations(text), exact: false };
}

/** Operations and their root fields, exact where the document parses. */
export function graphqlOperations(text: string): GraphqlOperation[] {
  return readGraphql(text).operations;
}

// ---------------------------------------------------------------------------------------------
// Lenient reader, for text the reference parser rejects
// ---------------------------------------------------------------------------------------------

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
      // A comment ends at LF or CR, as the spec says: `# x\rmutation { … }` is a mutation.
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      i = end < 0 ? text.length : end + 3;
    } else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n" && text[i] !== "\r") i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      out.push({ kind: "name", value: text.slice(i, j) });
      i = j;
    } else if (text.startsWith("...", i)) {
      out.push({ kind: "punct", value: "..." });
      i += 3;
    } else {
      if ("{}():@$!=[]".includes(ch)) out.push({ kind: "punct", value: ch });
      i++;
    }
  }
  return out;
}

/** Operations and their root fields, leniently. A bare `{ … }` is a query; fragment bodies count as fields of every operation. */
function lenientOperations(text: string): GraphqlOperation[] {
  const toks = tokens(text);
  const ops: GraphqlOperation[] = [];
  const fragmentFields: string[] = [];
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
    else fragmentFields.push(...fields);
  }
  // Without a parse guard cannot tell which operation spreads which fragment: a mutation may spread any of them.
  return ops.map((op) => (op.type === "mutation" && fragmentFields.length ? { ...op, fields: [...op.fields, ...fragmentFields] } : op));
}

/** The `query` strings of a JSON body (one request, or each of a batch); undefined when the body is not JSON. */
function jsonQueries(trimmed: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => (item && typeof item === "object" && typeof (item as { query?: unknown }).query === "string" ? [(item as { query: string }).query] : []));
}

/**
 * The GraphQL document a request carries, or undefined when it is not GraphQL: a JSON body without a
 * `query` (a REST payload such as `{"name":"x"}`) is not a GraphQL `{ … }` query.
 */
export function graphqlOf(body: string, options: { graphqlEndpoint: boolean }): string | undefined {
  const trimmed = body.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const queries = jsonQueries(trimmed);
    if (queries) return queries.length ? queries.join("\n") : undefined;
    // Not JSON: a raw document (`{ me { id } }`), or JSON with shell text in it; read it as GraphQL.
    return /"query"\s*:/.test(trimmed) || options.graphqlEndpoint || !trimmed.startsWith("[") ? graphqlDocument(trimmed) : undefined;
  }
  if (options.graphqlEndpoint || /^(?:query|mutation|subscription)\b/.test(trimmed)) return trimmed;
  return undefined;
}

/** The GraphQL document in an HTTP body: the `query` of a JSON body (or of each in a batch), or the raw text. */
export function graphqlDocument(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const queries = jsonQueries(trimmed);
    if (queries?.length) return queries.join("\n");
    // Not JSON (a shell variable inside it, say), or no query in it: read the raw text.
    const m = /"query"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(trimmed);
    if (m) return m[1].replace(/\\"/g, '"').replace(/\\n/g, "\n");
  }
  return body;
}
