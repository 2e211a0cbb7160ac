// Cypher (Neo4j, Memgraph; cypher-shell): the statements that delete every node or relationship, drop or replace a database, or build queries at run time, as statement kinds shared with SQL.
import type { SqlStatement, SqlStatementKind } from "./sql";

/** The text with string literals, backtick names and comments blanked (same length), so clause words are found only in code. */
function blank(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === "\\" && ch !== "`" ? 2 : 1;
      out += ch + " ".repeat(Math.max(0, Math.min(j, text.length) - i - 1)) + (j < text.length ? ch : "");
      i = j + 1;
      continue;
    }
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
      continue;
    }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * Whether the query part before a DELETE or SET narrows what it matches: a WHERE, a property map in a
 * pattern (`(n:User {id: 1})`), or a parameter or id lookup. `MATCH (n)` and `MATCH (n:Label)` reach every match.
 */
function narrowed(part: string): boolean {
  return /\bWHERE\b/i.test(part) || /\(\s*\w*\s*(?::\s*\w+\s*)*\{[^}]*\S[^}]*\}/.test(part) || /\bUNWIND\b|\bWITH\b[^;]*\bLIMIT\b/i.test(part);
}

function kindOf(code: string, original: string): SqlStatementKind {
  if (/^\s*(?:DROP\s+(?:COMPOSITE\s+)?DATABASE|CREATE\s+OR\s+REPLACE\s+(?:COMPOSITE\s+)?DATABASE)\b/i.test(code)) return "drop-database";
  if (/^\s*DROP\s+(?:CONSTRAINT|INDEX)\b/i.test(code)) return "drop-index";
  if (/^\s*(?:DROP\s+(?:USER|ROLE|ALIAS|SERVER)|STOP\s+DATABASE|DEALLOCATE|REVOKE)\b/i.test(code)) return /^\s*REVOKE/i.test(code) ? "revoke" : "drop-other";
  // Procedures that take Cypher as strings (apoc.periodic.iterate, apoc.cypher.run…) run code guard reads only as text.
  const call = /\bCALL\s+(apoc\.[\w.]+|db\.[\w.]+|dbms\.[\w.]+)/i.exec(code);
  if (call) {
    if (/^apoc\.schema\.assert$/i.test(call[1])) return "drop-index";
    if (/\b(?:DETACH\s+)?DELETE\b/i.test(original) && /^apoc\.(?:periodic|cypher|refactor|nodes\.delete)/i.test(call[1])) return "delete-without-where";
    if (/^apoc\.(?:cypher\.(?:run|doIt|runMany|runWrite|runFile)|periodic\.(?:submit|repeat|commit|iterate))/i.test(call[1])) return "dynamic";
  }
  if (/\b(?:DETACH\s+)?DELETE\b/i.test(code)) {
    const before = code.slice(0, /\b(?:DETACH\s+)?DELETE\b/i.exec(code)!.index);
    return narrowed(before) ? "delete" : "delete-without-where";
  }
  if (/\bREMOVE\b|\bSET\b/i.test(code) && /\bMATCH\b/i.test(code)) {
    const before = code.slice(0, /\bREMOVE\b|\bSET\b/i.exec(code)!.index);
    return narrowed(before) ? "update" : "update-without-where";
  }
  if (/^\s*(?:CREATE|MERGE)\b/i.test(code)) return "insert";
  if (/^\s*(?:MATCH|OPTIONAL\s+MATCH|RETURN|SHOW|WITH|UNWIND|EXPLAIN|PROFILE|:)/i.test(code)) return "select";
  return "other";
}

/** The statements of a Cypher script, `;`-separated, each with the kind a SQL rule reads. */
export function analyzeCypher(input: string): SqlStatement[] {
  const text = input.slice(0, 1_048_576);
  const code = blank(text);
  const out: SqlStatement[] = [];
  let start = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i < code.length && code[i] !== ";") continue;
    const piece = code.slice(start, i);
    if (piece.trim() !== "") {
      const lead = piece.length - piece.trimStart().length;
      const trail = piece.length - piece.trimEnd().length;
      const s = start + lead;
      const e = i - trail;
      const kind = kindOf(code.slice(s, e), text.slice(s, e));
      // "other" stays listed: a statement guard cannot classify that was built from expansions is unknown (carriers.ts).
      if (kind !== "select" && kind !== "insert") out.push({ kind, text: text.slice(s, e), start: s, end: e });
    }
    start = i + 1;
  }
  return out;
}
