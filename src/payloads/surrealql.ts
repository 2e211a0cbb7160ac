// SurrealQL (`surreal sql`) spelled as the SQL the classifier knows, so the SQL rules judge it.

/**
 * REMOVE is SurrealQL's DROP: a namespace or database holds tables as a SQL database does, a field is a
 * column. `DELETE user` (FROM is optional) empties the table; a record id (`user:tobie`, `user:1..9`)
 * names the records, which is a keyed delete like `WHERE id = …`.
 */
export function surrealAsSql(text: string): string {
  return text
    .replace(/\bREMOVE\s+(?:NAMESPACE|NS|DATABASE|DB)\b/gi, "DROP DATABASE")
    .replace(/\bREMOVE\s+TABLE\b/gi, "DROP TABLE")
    .replace(/\bREMOVE\s+INDEX\s+(?:IF\s+EXISTS\s+)?([\w`\u27e8\u27e9]+)\s+ON\s+(?:TABLE\s+)?[\w`\u27e8\u27e9]+/gi, "DROP INDEX $1")
    .replace(/\bREMOVE\s+FIELD\s+(?:IF\s+EXISTS\s+)?([\w.`\u27e8\u27e9[\]*]+)\s+ON\s+(?:TABLE\s+)?([\w`\u27e8\u27e9]+)/gi, "ALTER TABLE $2 DROP COLUMN $1")
    .replace(/\b(DELETE|UPDATE|UPSERT)\s+(?:FROM\s+)?(?:ONLY\s+)?([\w`\u27e8\u27e9]+):(?:\d+\.\.=?\d+|[\u27e8`][^\u27e9`]*[\u27e9`]|[\w`\u27e8\u27e9]+)/gi,
      (_m, verb: string, table: string) => `${verb.toUpperCase() === "DELETE" ? "DELETE FROM" : "UPDATE"} ${table} WHERE id = 0 AND `)
    .replace(/\bDELETE\s+(?!FROM\b)(?:ONLY\s+)?/gi, "DELETE FROM ")
    .replace(/\bUPSERT\b/gi, "UPDATE");
}
