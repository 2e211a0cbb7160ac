// File names of local data no tool makes again: embedded databases (SQLite, DuckDB, Access, Realm, LevelDB…), database dumps and infrastructure state.

/**
 * Extensions of database files and of their write-ahead logs and journals (deleting `app.db-wal`
 * loses the transactions not yet checkpointed into `app.db`).
 */
const DATABASE_FILE = /\.(?:db|db3|sqlite|sqlite3|sdb|duckdb|ddb|mdb|accdb|realm|ldb|kdbx|mv\.db|h2\.db|fdb|gdb)(?:-wal|-shm|-journal)?$/i;

/** `prod.db`, `data/app.sqlite3`, `cache.duckdb`, `app.db-wal`: the last segment names a database file (Windows' Thumbs.db cache is not one). */
export function isDatabaseFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return DATABASE_FILE.test(name) && name.toLowerCase() !== "thumbs.db";
}

/** A test suite's database: the name before the extension says test (`test.db`, `app_test.sqlite3`, `test-app.db`, `app.test.db`). */
const TEST_STEM = /(?:^|[._-])test(?:s|ing)?(?:[_-]\d+)?$|^test(?:s|ing)?[._-]/i;

/** A database file the test suite makes again on its next run: deleting or replacing it loses nothing. */
export function isTestDatabaseFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return isDatabaseFile(name) && TEST_STEM.test(name.replace(DATABASE_FILE, ""));
}

/**
 * Database dumps (`prod-2026-12-01.sql`, `db.dump`, `dump.rdb`, `*.sql.gz`) and infrastructure state
 * (`terraform.tfstate`, its `.backup`): kept out of git on purpose (ignored, usually), so git cannot bring them
 * back and guard's undo snapshots, which leave ignored files out, hold no copy. A committed migration or schema
 * `.sql` is tracked, and judged as tracked.
 */
const DUMP_OR_STATE_FILE = /\.(?:sql|dump|pgdump|rdb|bson)(?:\.(?:gz|bz2|xz|zst|zip))?$|\.tfstate(?:\.backup)?$/i;

/** A local data file: a database (not a test suite's), a dump or a state file. */
export function isDataFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return (isDatabaseFile(name) && !isTestDatabaseFile(name)) || DUMP_OR_STATE_FILE.test(name);
}

/**
 * Directories named for data (`data/`, `dumps/`, `backups/`, `exports/`, `uploads/`): whatever git does not track in
 * them is the project's data, not build output, even when .gitignore lists the directory.
 */
const DATA_DIRS = new Set(["data", "dumps", "dump", "backups", "backup", "db", "exports", "uploads"]);

/** A path (relative to the repository root) that is a data file, or a file git does not track inside a data directory. */
export function isDataPath(rel: string): boolean {
  return isDataFile(rel) || rel.split("/").slice(0, -1).some((segment) => DATA_DIRS.has(segment.toLowerCase()));
}
