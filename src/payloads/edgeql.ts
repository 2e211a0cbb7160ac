// EdgeQL (`edgedb query`, `gel query`) spelled as the SQL the classifier knows, so the SQL rules judge it.

/**
 * An object type is a table, a database or branch is a database, and `reset schema to initial` drops every type the
 * schema has. `delete User` deletes every object of the type and `filter` is its WHERE; `update User set {…}` without
 * a filter changes them all. What is deleted is followed through `with` bindings and `for` loops
 * (`with u := (select User) delete u`, `for u in User union (delete u)`) and into deletes nested in other statements
 * (`with x := (delete User) select x`), so a prefix does not hide a delete.
 */
export function edgeqlAsSql(text: string): string {
  const tokens = tokenize(text);
  // Each delete is read back over its statement: past these bounds guard cannot tell what is narrowed, and reads the worst.
  if (tokens.length > MAX_TOKENS || tokens.filter((t) => t.word === "delete" || t.word === "update" || t.text === ":=").length > MAX_STATEMENTS) {
    return "DELETE FROM edgeql_object";
  }
  const aliases = bindings(tokens);
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.word !== "delete" && t.word !== "update") return;
    // Schema DDL's link policies (`on target delete allow`, `on source delete delete target`) delete nothing now.
    if (["target", "source"].includes(tokens[i - 1]?.word ?? "") || ["allow", "restrict", "deferred", "source", "target"].includes(tokens[i + 1]?.word ?? "")) return;
    const target = describe(tokens, i + 1, statementEnd(tokens, i), aliases, 0);
    const table = target.type ?? "edgeql_object";
    // `insert … unless conflict on .email else (update User set {…})`: the type there is the one conflicting object.
    const conflicting = tokens[i - 1]?.word === "else" || (tokens[i - 1]?.text === "(" && tokens[i - 2]?.word === "else");
    const where = target.filtered || conflicting ? " WHERE edgeql_filter" : "";
    out.push(t.word === "delete" ? `DELETE FROM ${table}${where}` : `UPDATE ${table} SET edgeql_property = 1${where}`);
  });
  // Definitions are read over the text with strings blanked, so a string that mentions them is not one.
  const masked = tokens.map((t) => (t.string ? "''" : t.text)).join(" ");
  for (const m of masked.matchAll(/\bdrop\s+(?:database|branch)\s+(\S+)/gi)) out.push(`DROP DATABASE ${m[1]}`);
  for (const m of masked.matchAll(/\bdrop\s+(?:abstract\s+)?(?:object\s+)?type\s+(\S+)/gi)) out.push(`DROP TABLE ${m[1]}`);
  if (/\breset\s+schema\s+to\s+initial\b/i.test(masked)) out.push("DROP SCHEMA default");
  return out.length ? out.join(";\n") : "SELECT 1";
}

/** Bounds on the text read: tokens, and deletes, updates and bindings together. */
const MAX_TOKENS = 50_000;
const MAX_STATEMENTS = 200;

interface Token {
  text: string;
  /** Lower-cased for a keyword or name, "" for punctuation and strings. */
  word: string;
  /** Brackets open before the token; a closing one counts the depth it closes back to. */
  depth: number;
  string?: true;
}

/** Words, strings, `:=` and single punctuation, with bracket depth: linear in the text, strings and comments skipped whole. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    const dollar = c === "$" ? /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64)) : null;
    if (c === "'" || c === '"' || c === "`" || dollar) {
      const close = dollar ? dollar[0] : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) j += !dollar && text[j] === "\\" ? 2 : 1;
      out.push({ text: text.slice(i, j + close.length), word: c === "`" ? text.slice(i + 1, j).toLowerCase() : "", depth, string: c === "`" ? undefined : true });
      i = j + close.length;
      continue;
    }
    const name = /^[A-Za-z_][\w]*(?:::[A-Za-z_][\w]*)*/.exec(text.slice(i, i + 512));
    if (name) {
      out.push({ text: name[0], word: name[0].toLowerCase(), depth });
      i += name[0].length;
      continue;
    }
    if (text.startsWith(":=", i)) {
      out.push({ text: ":=", word: "", depth });
      i += 2;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    out.push({ text: c, word: "", depth });
    if (c === "(" || c === "[" || c === "{") depth++;
    i++;
  }
  return out;
}

/** Keywords that start a statement's body after a `with` block. */
const BODY = new Set(["select", "insert", "update", "delete", "for", "group"]);

/** Where the expression starting at `from` ends: a closing bracket below its depth, a `;`, or the end. */
function statementEnd(tokens: Token[], from: number): number {
  const depth = tokens[from].depth;
  for (let j = from + 1; j < tokens.length; j++) {
    if (tokens[j].depth < depth || (tokens[j].text === ";" && tokens[j].depth === depth)) return j;
  }
  return tokens.length;
}

/** The expression an alias stands for: `with NAME := EXPR`, `for NAME in EXPR union`. */
type Aliases = Map<string, { from: number; to: number }>;

function bindings(tokens: Token[]): Aliases {
  const out: Aliases = new Map();
  tokens.forEach((t, i) => {
    if (t.word === "for" && tokens[i + 2]?.word === "in") {
      const to = tokens.findIndex((u, j) => j > i + 2 && u.depth === t.depth && (u.word === "union" || u.text === ";"));
      out.set(tokens[i + 1].word, { from: i + 3, to: to < 0 ? tokens.length : to });
    }
    if (t.text !== ":=" || !tokens[i - 1]?.word) return;
    // A with binding sits at its `with`'s depth, after `with` or a comma; a shape's `name := …` is inside braces.
    const before = tokens[i - 2];
    if (!before || (before.word !== "with" && before.text !== ",") || !inWith(tokens, i - 2)) return;
    const to = tokens.findIndex((u, j) => j > i && u.depth === t.depth && (u.text === "," || u.text === ";" || BODY.has(u.word)));
    out.set(tokens[i - 1].word, { from: i + 1, to: to < 0 ? tokens.length : to });
  });
  return out;
}

/** Whether the token at `at` (`with` or a comma) belongs to a `with` block: a `with` at its depth before it, with no body keyword between. */
function inWith(tokens: Token[], at: number): boolean {
  const depth = tokens[at].depth;
  for (let j = at; j >= 0; j--) {
    const t = tokens[j];
    if (t.depth < depth) return false;
    if (t.depth > depth) continue;
    if (t.word === "with") return true;
    if (BODY.has(t.word) || t.text === ";" || t.text === "{") return false;
  }
  return false;
}

/**
 * What the expression in tokens[from, to) names: its object type, and whether a `filter` narrows it (at its own level,
 * or in the select or alias it is made of). Aliases are followed a few levels deep; anything else is unknown and unfiltered.
 */
function describe(tokens: Token[], from: number, to: number, aliases: Aliases, hops: number): { type?: string; filtered: boolean } {
  let start = from;
  if (tokens[start]?.word === "select" || tokens[start]?.word === "detached") start++;
  const first = tokens[start];
  if (!first || start >= to || hops > 8) return { filtered: false };
  const depth = first.depth;
  const narrowed = (after: number) => tokens.slice(after, to).some((t) => t.depth === depth && t.word === "filter");
  if (first.text === "(") {
    const close = tokens.findIndex((t, j) => j > start && t.text === ")" && t.depth === depth);
    const end = close < 0 ? to : close;
    const inner = describe(tokens, start + 1, end, aliases, hops + 1);
    return { type: inner.type, filtered: inner.filtered || narrowed(end + 1) };
  }
  if (!first.word || first.string) return { filtered: narrowed(start + 1) };
  const alias = aliases.get(first.word);
  if (alias && alias.from !== from) {
    const bound = describe(tokens, alias.from, alias.to, aliases, hops + 1);
    return { type: bound.type, filtered: bound.filtered || narrowed(start + 1) };
  }
  return { type: first.text.replace(/^default::/i, ""), filtered: narrowed(start + 1) };
}
