// InfluxQL (InfluxDB 1.x, and 2.x's v1 API and shell) spelled as the SQL the classifier knows, so the SQL rules judge it.

/**
 * A measurement is a table, dropping series deletes points (`DROP SERIES FROM cpu` is `DELETE FROM cpu`, with its WHERE),
 * and a retention policy holds a database's data as a schema holds tables.
 */
export function influxAsSql(text: string): string {
  return text
    .replace(/\bDROP\s+MEASUREMENT\b/gi, "DROP TABLE")
    .replace(/\bDROP\s+SERIES\b(?:\s+FROM\b)?/gi, "DELETE FROM")
    .replace(/\bDROP\s+RETENTION\s+POLICY\b/gi, "DROP SCHEMA");
}
