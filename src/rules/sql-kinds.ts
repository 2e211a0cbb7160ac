// The SQL facts a rule can match: statement kinds from the SQL analyser, plus `unknown` for unreadable input.
export const SQL_KINDS: readonly string[] = [
  "drop-database", "drop-schema", "drop-table", "drop-other", "truncate",
  "delete-without-where", "delete", "update-without-where", "update", "alter-drop",
  "select", "insert", "create", "alter", "grant", "revoke", "other",
  "drop-owned", "drop-index", "dynamic", "shell-escape", "include", "read-write",
  "replace-table", "file-write", "server-admin", "drop-scratch-table",
  // A database client reads SQL guard cannot see: a file it cannot read, or a pipe from a program.
  "unknown",
];
