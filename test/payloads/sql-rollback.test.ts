// A transaction that ends in ROLLBACK changes nothing; anything that commits, hands the transaction off or escapes it keeps its statements checked.
import { describe, expect, it } from "vitest";
import { analyzeSql } from "../../src/payloads/sql";
import { withoutRolledBack } from "../../src/payloads/sql-rollback";

const kinds = (sql: string) => withoutRolledBack(analyzeSql(sql).statements).map((s) => s.kind);

describe("statements a ROLLBACK discards", () => {
  it("drops what lies between BEGIN and a plain ROLLBACK", () => {
    expect(kinds("BEGIN; DELETE FROM orders; ROLLBACK;")).not.toContain("delete-without-where");
    expect(kinds("START TRANSACTION; DROP TABLE users; ROLLBACK WORK")).not.toContain("drop-table");
  });

  it("keeps statements after the rollback, and windows that commit first", () => {
    expect(kinds("BEGIN; DELETE FROM a; ROLLBACK; DELETE FROM b;")).toContain("delete-without-where");
    expect(kinds("BEGIN; DELETE FROM a; COMMIT; ROLLBACK;")).toContain("delete-without-where");
    expect(kinds("BEGIN; DELETE FROM a; END; ROLLBACK;")).toContain("delete-without-where");
    expect(kinds("BEGIN; DELETE FROM a; PREPARE TRANSACTION 'x'; ROLLBACK;")).toContain("delete-without-where");
  });

  it("keeps a window closed by ROLLBACK TO a savepoint, or never closed", () => {
    expect(kinds("BEGIN; DELETE FROM a; ROLLBACK TO SAVEPOINT s; COMMIT;")).toContain("delete-without-where");
    expect(kinds("BEGIN; DELETE FROM a;")).toContain("delete-without-where");
  });

  it("keeps a window holding what a rollback cannot undo", () => {
    expect(kinds("BEGIN; DELETE FROM a; SELECT dblink_exec('DELETE FROM b'); ROLLBACK;")).toContain("delete-without-where");
    expect(kinds("BEGIN; DELETE FROM a; \\! rm -rf /tmp/x\nROLLBACK;")).toContain("delete-without-where");
  });
});
