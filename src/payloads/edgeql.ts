// EdgeQL (`edgedb query`, `gel query`) spelled as the SQL the classifier knows, so the SQL rules judge it.

/**
 * `delete User` deletes every object of the type and `filter` is its WHERE; `update User set {…}` without a
 * filter changes them all. An object type is a table, a database or branch is a database, and
 * `reset schema to initial` drops every type the schema has.
 */
export function edgeqlAsSql(text: string): string {
  return text
    .replace(/\bdrop\s+(?:database|branch)\b/gi, "DROP DATABASE")
    .replace(/\bdrop\s+(?:abstract\s+)?(?:object\s+)?type\b/gi, "DROP TABLE")
    .replace(/\breset\s+schema\s+to\s+initial\b/gi, "DROP SCHEMA default")
    // `delete (select User filter …)`: the select's filter narrows the delete.
    .replace(/\bdelete\s+(?:\(\s*select\s+)?(?!from\b)/gi, "DELETE FROM ")
    .replace(/\bfilter\b/gi, "WHERE");
}
