// Tests for the SQL lexer/classifier that decides whether SQL passed to psql/mysql/sqlite3 is destructive.
import { describe, it, expect } from "vitest";
import { analyzeSql, MAX_SQL_BYTES, type SqlStatementKind } from "../../src/payloads/sql";

const kinds = (sql: string): SqlStatementKind[] => analyzeSql(sql).statements.map((s) => s.kind);

describe("analyzeSql: statement kinds", () => {
  it.each<[string, SqlStatementKind[]]>([
    ["SELECT * FROM users", ["select"]],
    ["VALUES (1), (2)", ["select"]],
    ["INSERT INTO t (a) VALUES (1)", ["insert"]],
    ["REPLACE INTO t VALUES (1)", ["insert"]],
    ["CREATE TABLE t (id int)", ["create"]],
    ["GRANT SELECT ON t TO bob", ["grant"]],
    ["REVOKE ALL ON t FROM bob", ["revoke"]],
    // MySQL replication and binary-log administration; PostgreSQL's RESET only resets a session setting.
    ["RESET MASTER", ["drop-other"]],
    ["RESET BINARY LOGS AND GTIDS", ["drop-other"]],
    ["PURGE BINARY LOGS BEFORE NOW()", ["drop-other"]],
    ["PURGE MASTER LOGS TO 'mysql-bin.010'", ["drop-other"]],
    ["RESET REPLICA ALL", ["server-admin"]],
    ["RESET SLAVE", ["server-admin"]],
    ["RESET PERSIST", ["server-admin"]],
    ["RESET statement_timeout", ["other"]],
    ["RESET QUERY CACHE", ["other"]],
    ["SELECT pg_drop_replication_slot('standby1')", ["drop-other"]],
    ["SELECT slot_name FROM pg_replication_slots", ["select"]],
    ["BEGIN", ["other"]],
    ["VACUUM FULL", ["other"]],
    ["DROP DATABASE prod", ["drop-database"]],
    ["DROP SCHEMA IF EXISTS analytics CASCADE", ["drop-schema"]],
    ["DROP TABLE IF EXISTS a, b", ["drop-table"]],
    ["DROP TEMPORARY TABLE tmp", ["drop-scratch-table"]],
    ["DROP INDEX CONCURRENTLY IF EXISTS idx_users", ["drop-index"]],
    ["DROP OWNED BY bob", ["drop-owned"]],
    ["DROP USER bob", ["drop-other"]],
    ["TRUNCATE users", ["truncate"]],
    ["DELETE FROM users", ["delete-without-where"]],
    ["DELETE FROM users WHERE id = 1", ["delete"]],
    ["UPDATE users SET a=1 WHERE id=2", ["update"]],
    ["UPDATE users SET a = 1", ["update-without-where"]],
    ["ALTER TABLE users DROP COLUMN email", ["alter-drop"]],
    // ClickHouse: a TTL expires rows as soon as it is set; DETACH hides an object until ATTACH (SQLite's DETACH DATABASE only closes a file).
    ["ALTER TABLE events MODIFY TTL ts + INTERVAL 1 SECOND", ["alter-drop"]],
    ["ALTER TABLE events MODIFY COLUMN payload String TTL ts + INTERVAL 1 DAY", ["alter-drop"]],
    ["ALTER TABLE events REMOVE TTL", ["alter"]],
    ["DETACH TABLE events PERMANENTLY", ["drop-other"]],
    ["DETACH DICTIONARY d", ["drop-other"]],
    ["DETACH DATABASE aux", ["other"]],
    ["DETACH aux", ["other"]],
    ["ALTER TABLE users DROP CONSTRAINT users_fk", ["alter-drop"]],
    ["ALTER TABLE users DROP email", ["alter-drop"]],
    ["ALTER TABLE users ALTER COLUMN email DROP NOT NULL", ["alter"]],
    ["ALTER TABLE users ALTER COLUMN email DROP DEFAULT", ["alter"]],
    ["ALTER TABLE users ADD COLUMN x int", ["alter"]],
    ["ALTER ROLE bob WITH LOGIN", ["alter"]],
    ["ALTER TABLE logs TRUNCATE PARTITION p0", ["truncate"]],
    ["MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", ["delete"]],
    // Replacing tables, server files, server-wide changes, scratch tables.
    ["CREATE OR REPLACE TABLE ds.users AS SELECT 1", ["replace-table"]],
    ["create or replace transient table raw.e (id int)", ["replace-table"]],
    ["CREATE OR REPLACE TEMP TABLE s AS SELECT 1", ["create"]],
    ["CREATE OR REPLACE VIEW v AS SELECT 1", ["create"]],
    ["CREATE OR REPLACE SCHEMA analytics", ["drop-schema"]],
    ["SELECT * FROM t INTO OUTFILE '/tmp/x'", ["file-write"]],
    ["SELECT a INTO DUMPFILE '/var/www/x.php' FROM t", ["file-write"]],
    ["SELECT 'INTO OUTFILE' FROM t", ["select"]],
    ["SELECT lo_export(1, '/tmp/x')", ["file-write"]],
    ["COPY t TO '/tmp/t.csv'", ["file-write"]],
    ["COPY (SELECT 1) TO STDOUT", ["other"]],
    ["SELECT pg_terminate_backend(42)", ["server-admin"]],
    ["SELECT lo_unlink(42)", ["drop-other"]],
    ["ALTER SYSTEM SET work_mem = '1GB'", ["server-admin"]],
    ["ALTER SYSTEM SET default_transaction_read_only = off", ["read-write"]],
    ["SET GLOBAL max_connections = 1", ["server-admin"]],
    ["SET search_path = app", ["other"]],
    ["KILL QUERY 12", ["server-admin"]],
    ["DROP TABLE IF EXISTS tmp_users", ["drop-scratch-table"]],
    ["DROP TABLE app.events_test, temp", ["drop-scratch-table"]],
    ["DROP TABLE tmp_users, users", ["drop-table"]],
    ["DROP TABLE attempts", ["drop-table"]],
    ["TRUNCATE TABLE test_events", ["drop-scratch-table"]],
    ["TRUNCATE test_events CASCADE", ["truncate"]],
    ["TRUNCATE testimonials", ["truncate"]],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });
});

describe("analyzeSql: keywords are case-insensitive", () => {
  it.each<[string, SqlStatementKind[]]>([
    ["drop database prod", ["drop-database"]],
    ["dElEtE fRoM users", ["delete-without-where"]],
    ["Update users Set a = 1 Where id = 2", ["update"]],
    ["truncate table Users", ["truncate"]],
    ["SeLeCt 1", ["select"]],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });
});

describe("analyzeSql: quotes and comments hide keywords", () => {
  it.each<[string, SqlStatementKind[]]>([
    ["SELECT 'DROP TABLE x'", ["select"]],
    ["SELECT 'it''s; DROP TABLE x'", ["select"]],
    ["SELECT E'\\'; DROP TABLE x'", ["select"]],
    ["SELECT $$DROP TABLE x$$", ["select"]],
    ["SELECT $a$ ; DROP TABLE x $a$", ["select"]],
    ["SELECT $body$ $$; DROP TABLE x; $$ $body$", ["select"]],
    ["/* DROP TABLE x */ SELECT 1", ["select"]],
    ["/* outer /* DROP TABLE x; */ still comment */ SELECT 1", ["select"]],
    ['SELECT "drop table"', ["select"]],
    ['SELECT "a""; DROP TABLE x"', ["select"]],
    ["SELECT `drop table x` FROM t", ["select"]],
    ["-- DROP TABLE x", []],
    ["# DROP TABLE x", []],
    ["SELECT 1 -- ; DROP TABLE x", ["select"]],
    ["SELECT 1 # DROP TABLE x", ["select"]],
    ["/* only a comment */", []],
    [";;; ;", []],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it("does not take # glued to an operator as a comment (PostgreSQL #> and <#>)", () => {
    expect(kinds("SELECT data #> '{a}' FROM t; DROP TABLE x")).toEqual(["select", "drop-table"]);
    expect(kinds("SELECT a <#> b FROM t; DROP TABLE x")).toEqual(["select", "drop-table"]);
  });

  it("runs the content of MySQL executable comments", () => {
    expect(kinds("/*!40101 DROP TABLE x */")).toEqual(["drop-table"]);
  });
});

describe("analyzeSql: multiple statements and offsets", () => {
  it.each<[string, SqlStatementKind[]]>([
    ["SELECT 1; DROP TABLE users", ["select", "drop-table"]],
    ["SELECT 1;\nDELETE FROM t;\nSELECT 2;", ["select", "delete-without-where", "select"]],
    ["BEGIN; TRUNCATE a; COMMIT", ["other", "truncate", "other"]],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it("reports trimmed text and offsets that slice back to it", () => {
    const sql = "  SELECT 1 ;  DROP TABLE t  -- bye\n";
    const { statements } = analyzeSql(sql);
    expect(statements.map((s) => s.text)).toEqual(["SELECT 1", "DROP TABLE t"]);
    for (const s of statements) expect(sql.slice(s.start, s.end)).toBe(s.text);
    expect(statements[1].start).toBe(14);
  });
});

describe("analyzeSql: targets", () => {
  it.each<[string, SqlStatementKind, string | undefined]>([
    ["DROP DATABASE IF EXISTS prod", "drop-database", "prod"],
    ["DROP SCHEMA analytics CASCADE", "drop-schema", "analytics"],
    ["DROP TABLE IF EXISTS a, b", "drop-table", "a"],
    ['DROP TABLE "My Table"', "drop-table", "My Table"],
    ["DROP TABLE `db`.`t`", "drop-table", "db.t"],
    ["DROP INDEX idx_users", "drop-index", "idx_users"],
    ["DROP OWNED BY bob", "drop-owned", undefined],
    ["TRUNCATE TABLE ONLY public.users", "truncate", "public.users"],
    ["DELETE FROM public.users WHERE x > 1", "delete", "public.users"],
    ["DELETE FROM ONLY users", "delete-without-where", "users"],
    ["DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = 1", "delete", "t1"],
    ['UPDATE ONLY "Users" SET a = 1', "update-without-where", "Users"],
    ["UPDATE LOW_PRIORITY users SET a = 1 WHERE id = 3", "update", "users"],
    ["ALTER TABLE IF EXISTS users DROP COLUMN email", "alter-drop", "users"],
  ])("%s", (sql, kind, target) => {
    const [s] = analyzeSql(sql).statements;
    expect(s.kind).toBe(kind);
    expect(s.target).toBe(target);
  });
});

describe("analyzeSql: WHERE at depth 0 and tautologies", () => {
  it.each<[string, SqlStatementKind]>([
    ["DELETE FROM t WHERE 1=1", "delete-without-where"],
    ["DELETE FROM t WHERE 1 = 1", "delete-without-where"],
    ["DELETE FROM t WHERE true", "delete-without-where"],
    ["DELETE FROM t WHERE (1=1)", "delete-without-where"],
    ["DELETE FROM t WHERE 'a'='a'", "delete-without-where"],
    ["DELETE FROM t WHERE 1", "delete-without-where"],
    ["DELETE FROM t WHERE id = 5 OR 1 = 1", "delete-without-where"],
    ["DELETE FROM t WHERE id = id", "delete-without-where"],
    ["DELETE FROM t WHERE 1=1 AND id = 5", "delete"],
    ["DELETE FROM t WHERE random() = random()", "delete"],
    ["DELETE FROM t WHERE 'a' = 'b'", "delete"],
    ["DELETE FROM t LIMIT 10", "delete-without-where"],
    ["DELETE FROM t WHERE id = 1 LIMIT 10", "delete"],
    ["DELETE FROM t USING (SELECT id FROM x WHERE y = 1) s", "delete-without-where"],
    ["DELETE FROM t WHERE id IN (SELECT id FROM x WHERE 1=1)", "delete"],
    ["UPDATE t SET a = 1 WHERE TRUE", "update-without-where"],
    ["UPDATE t SET a = 1 WHERE (1 = 1) RETURNING *", "update-without-where"],
    ["UPDATE t SET a = (SELECT b FROM c WHERE c.id = t.id)", "update-without-where"],
    ["UPDATE t SET a = 1 WHERE t.id = 7", "update"],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual([expected]);
  });
});

describe("analyzeSql: CTEs, parentheses and EXPLAIN", () => {
  it.each<[string, SqlStatementKind[]]>([
    ["WITH x AS (SELECT 1) DELETE FROM t", ["delete-without-where"]],
    ["WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", ["delete-without-where"]],
    ["WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", ["select"]],
    [
      "WITH a AS NOT MATERIALIZED (UPDATE t SET x = 1 RETURNING *), b AS (DELETE FROM u WHERE id = 1 RETURNING *) SELECT 1",
      ["update-without-where", "delete"],
    ],
    ["WITH d AS (DELETE FROM a RETURNING *) DELETE FROM b WHERE id = 1", ["delete-without-where", "delete"]],
    ["WITH o AS (WITH i AS (TRUNCATE t) SELECT 1) SELECT 2", ["truncate"]],
    ["((SELECT 1))", ["select"]],
    ["(DELETE FROM t)", ["delete-without-where"]],
    ["EXPLAIN DELETE FROM t", ["select"]],
    ["EXPLAIN VERBOSE DROP TABLE t", ["select"]],
    ["EXPLAIN ANALYZE DELETE FROM t", ["delete-without-where"]],
    ["explain analyse verbose update t set a = 1", ["update-without-where"]],
    ["EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", ["update-without-where"]],
    ["EXPLAIN (ANALYZE false) DELETE FROM t", ["select"]],
    ["EXPLAIN ANALYZE WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", ["delete-without-where"]],
  ])("%s", (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it("gives every entry of one statement the same text and offsets", () => {
    const sql = "WITH d AS (DELETE FROM a RETURNING *) UPDATE b SET x = 1";
    const { statements } = analyzeSql(sql);
    expect(statements.map((s) => [s.kind, s.target])).toEqual([
      ["delete-without-where", "a"],
      ["update-without-where", "b"],
    ]);
    expect(new Set(statements.map((s) => `${s.start}-${s.end}-${s.text}`)).size).toBe(1);
  });
});

describe("analyzeSql: client commands", () => {
  it("splits psql meta-commands into their own statements", () => {
    const { statements } = analyzeSql("\\c prod\nDROP TABLE x;\n  \\! rm -rf /\nSELECT 1");
    expect(statements.map((s) => [s.kind, s.text])).toEqual([
      ["other", "\\c prod"],
      ["drop-table", "DROP TABLE x"],
      ["shell-escape", "\\! rm -rf /"],
      ["select", "SELECT 1"],
    ]);
  });

  it("ends the pending statement at a meta-command and resumes SQL after psql's \\\\ separator", () => {
    expect(analyzeSql("SELECT 1 \\gset\nSELECT 2").statements.map((s) => s.text)).toEqual(["SELECT 1", "\\gset", "SELECT 2"]);
    expect(kinds("\\x \\\\ DELETE FROM t")).toEqual(["other", "delete-without-where"]);
  });

  it("treats sqlite3 dot-commands as client commands", () => {
    expect(analyzeSql(".shell rm -rf /\nSELECT 1").statements.map((s) => [s.kind, s.text])).toEqual([
      ["shell-escape", ".shell rm -rf /"],
      ["select", "SELECT 1"],
    ]);
  });

  it("follows mysql DELIMITER changes", () => {
    const sql = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nDROP TABLE t;";
    expect(analyzeSql(sql).statements.map((s) => [s.kind, s.text])).toEqual([
      ["other", "DELIMITER //"],
      ["create", "CREATE PROCEDURE p() BEGIN SELECT 1"],
      ["other", "END"],
      ["other", "DELIMITER ;"],
      ["drop-table", "DROP TABLE t"],
    ]);
    expect(kinds("DELIMITER $$\nDROP TABLE a$$\nSELECT 1$$")).toEqual(["other", "drop-table", "select"]);
  });
});

describe("analyzeSql: dialect-dependent readings", () => {
  it("finds statements hidden by MySQL backslash escapes", () => {
    expect(kinds("UPDATE t SET n='O\\'Brien' WHERE id=1; DELETE FROM t")).toContain("delete-without-where");
  });

  it("prefers the reading that lexes cleanly when another ends inside a quote", () => {
    expect(analyzeSql("UPDATE t SET name='O\\'Brien' WHERE id=1").statements).toMatchObject([{ kind: "update", target: "t" }]);
    expect(kinds("SELECT 'O\\'Brien'")).toEqual(["select"]);
    expect(kinds("INSERT INTO t VALUES ('C:\\'); DELETE FROM t WHERE id = 1")).toEqual(["insert", "delete"]);
    expect(kinds("SELECT 'a\\")).toEqual(["select"]);
  });

  it("finds statements hidden by a # that PostgreSQL reads as an operator", () => {
    expect(kinds("SELECT 5 # 3; DROP TABLE x")).toContain("drop-table");
    // psql sends `SELECT 1 #` (a syntax error) and then runs the DROP on its own.
    expect(kinds("SELECT 1 # ; DROP TABLE x")).toEqual(["select", "drop-table"]);
  });

  it("finds statements after a MySQL `--x` that is not a comment there", () => {
    expect(kinds("SELECT 1--x; DROP TABLE y")).toContain("drop-table");
  });
});

describe("analyzeSql: unterminated input", () => {
  it.each<[string, SqlStatementKind[], string]>([
    ["SELECT 'abc", ["select"], "SELECT 'abc"],
    ['DROP TABLE x; SELECT "abc', ["drop-table", "select"], 'SELECT "abc'],
    ["DELETE FROM t /* unterminated", ["delete-without-where"], "DELETE FROM t /* unterminated"],
    ["SELECT $$ never closed; DROP TABLE x", ["select"], "SELECT $$ never closed; DROP TABLE x"],
    ["SELECT E'abc\\", ["select"], "SELECT E'abc\\"],
    ["/* never closed DROP TABLE x", [], ""],
  ])("%s", (sql, expected, lastText) => {
    const { statements } = analyzeSql(sql);
    expect(statements.map((s) => s.kind)).toEqual(expected);
    expect(statements.length === 0 ? "" : statements[statements.length - 1].text).toBe(lastText);
  });
});

/** Fixed-seed LCG (Numerical Recipes constants) so the fuzz cases are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

describe("analyzeSql: robustness", () => {
  it("analyses a 1 MB input", () => {
    const unit = "SELECT 'a;b' FROM t WHERE x = 1; ";
    const count = Math.floor((MAX_SQL_BYTES - 20) / unit.length);
    const sql = unit.repeat(count) + "DROP TABLE tail";
    expect(sql.length).toBeLessThanOrEqual(MAX_SQL_BYTES);
    const result = analyzeSql(sql);
    expect(result.truncated).toBe(false);
    expect(result.statements).toHaveLength(count + 1);
    expect(result.statements[count]).toMatchObject({ kind: "drop-table", target: "tail" });
  });

  it("analyses only the first MAX_SQL_BYTES of a larger input", () => {
    const result = analyzeSql("SELECT 1; ".repeat(MAX_SQL_BYTES / 8) + "DROP TABLE hidden");
    expect(result.truncated).toBe(true);
    expect(result.statements.every((s) => s.kind === "select")).toBe(true);
    expect(result.statements[result.statements.length - 1].end).toBeLessThanOrEqual(MAX_SQL_BYTES);
  });

  it("counts UTF-8 bytes, not UTF-16 units, for the cap", () => {
    const result = analyzeSql("é".repeat(MAX_SQL_BYTES / 2 + 1));
    expect(result.truncated).toBe(true);
  });

  it("survives pathological nesting", () => {
    expect(kinds("(".repeat(200_000) + "DELETE FROM t")).toEqual(["delete-without-where"]);
    expect(() => analyzeSql("WITH a AS (".repeat(50_000) + "DELETE FROM t")).not.toThrow();
    expect(() => analyzeSql("DELETE FROM t WHERE " + "(a OR ".repeat(50_000))).not.toThrow();
    expect(() => analyzeSql("/*".repeat(100_000))).not.toThrow();
    expect(() => analyzeSql("$a$".repeat(100_000))).not.toThrow();
  });

  it("never throws on pseudo-random input", () => {
    const next = lcg(0x5eed);
    const alphabet = "SELECT DROP TABLE DELETE FROM WHERE UPDATE SET WITH AS EXPLAIN ANALYZE ();,.'\"`$#-/*\\\n\t=1aE!";
    for (let round = 0; round < 400; round++) {
      const length = next() % 300;
      let sql = "";
      for (let k = 0; k < length; k++) {
        // Alternate between raw UTF-16 units (binary garbage, lone surrogates) and SQL-ish characters.
        sql += round % 2 === 0 ? String.fromCharCode(next() & 0xffff) : alphabet[next() % alphabet.length];
      }
      const result = analyzeSql(sql);
      for (const s of result.statements) {
        expect(sql.slice(s.start, s.end)).toBe(s.text);
        expect(s.text.length).toBeGreaterThan(0);
      }
    }
  });
});
