// SQL run inside a transaction that ends in ROLLBACK changes nothing: `BEGIN; DELETE FROM orders; ROLLBACK;` is a rehearsal.
import type { SqlStatement, SqlStatementKind } from "./sql";

/**
 * What a rollback cannot take back: SQL built at run time (dblink_exec reaches another session), shell commands,
 * other files' SQL, and DROP DATABASE (never inside a transaction). Anything else between BEGIN and ROLLBACK is
 * undone by PostgreSQL and SQLite, DDL included.
 */
const OUTLIVES_ROLLBACK = new Set<SqlStatementKind>(["dynamic", "shell-escape", "include", "drop-database"]);

const BEGINS = /^(?:BEGIN(?:\s+(?:WORK|TRANSACTION|DEFERRED|IMMEDIATE|EXCLUSIVE)\b[^;]*)?|START\s+TRANSACTION\b[^;]*)\s*;?$/i;
const ROLLS_BACK = /^(?:ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?\s*;?$/i;
/** Ends or hands off the transaction before the rollback: what it did is kept. A client command (`\c`, `\set`) may do anything. */
const ENDS_OTHERWISE = /^(?:COMMIT|END|PREPARE\s+TRANSACTION|\\|\.)/i;

/**
 * The statements without those a later ROLLBACK discards. A window counts only when it opens with BEGIN or
 * START TRANSACTION, closes with a plain ROLLBACK (not ROLLBACK TO a savepoint), and nothing inside commits,
 * prepares the transaction, runs a client command or does something a rollback cannot undo.
 */
export function withoutRolledBack(statements: readonly SqlStatement[]): SqlStatement[] {
  const dropped = new Set<SqlStatement>();
  for (let i = 0; i < statements.length; i++) {
    if (!BEGINS.test(statements[i].text)) continue;
    let j = i + 1;
    while (j < statements.length && !ROLLS_BACK.test(statements[j].text) && !BEGINS.test(statements[j].text)) {
      if (ENDS_OTHERWISE.test(statements[j].text) || OUTLIVES_ROLLBACK.has(statements[j].kind)) break;
      j++;
    }
    if (j >= statements.length || !ROLLS_BACK.test(statements[j].text)) continue;
    for (let k = i + 1; k < j; k++) dropped.add(statements[k]);
    i = j;
  }
  return dropped.size ? statements.filter((s) => !dropped.has(s)) : [...statements];
}
