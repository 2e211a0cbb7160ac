// SurrealQL and EdgeQL are read as the SQL statement kinds the sql pack judges.
import { describe, expect, it } from "vitest";
import { analyzeSql } from "../../src/payloads/sql";
import { surrealAsSql } from "../../src/payloads/surrealql";
import { edgeqlAsSql } from "../../src/payloads/edgeql";

const kinds = (sql: string) => analyzeSql(sql).statements.map((s) => s.kind);

describe("SurrealQL", () => {
  it("reads REMOVE as DROP", () => {
    expect(kinds(surrealAsSql("REMOVE DATABASE app;"))).toEqual(["drop-database"]);
    expect(kinds(surrealAsSql("REMOVE NS app"))).toEqual(["drop-database"]);
    expect(kinds(surrealAsSql("REMOVE TABLE user"))).toEqual(["drop-table"]);
    expect(kinds(surrealAsSql("REMOVE FIELD email ON TABLE user"))).toEqual(["alter-drop"]);
  });
  it("empties a table with DELETE and no WHERE, but a record id names one record", () => {
    expect(kinds(surrealAsSql("DELETE user;"))).toEqual(["delete-without-where"]);
    expect(kinds(surrealAsSql("UPDATE user SET active = false"))).toEqual(["update-without-where"]);
    expect(kinds(surrealAsSql("DELETE user:tobie;"))).toEqual(["delete"]);
    expect(kinds(surrealAsSql("DELETE user:1..100"))).toEqual(["delete"]);
    expect(kinds(surrealAsSql("DELETE FROM person WHERE age < 18"))).toEqual(["delete"]);
  });
  it("leaves reads alone", () => {
    expect(kinds(surrealAsSql("SELECT * FROM user WHERE note = 'REMOVE TABLE x'"))).toEqual(["select"]);
  });
});

describe("EdgeQL", () => {
  it("deletes every object without a filter", () => {
    expect(kinds(edgeqlAsSql("delete User"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("update User set { name := 'x' }"))).toEqual(["update-without-where"]);
    expect(kinds(edgeqlAsSql("delete (select User)"))).toEqual(["delete-without-where"]);
  });
  it("reads filter as WHERE", () => {
    expect(kinds(edgeqlAsSql("delete User filter .name = 'x'"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("delete (select User filter .id = <uuid>$id)"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("update User filter .id = <uuid>$id set { name := 'x' }"))).toEqual(["update"]);
  });
  it("drops branches, types and the whole schema", () => {
    expect(kinds(edgeqlAsSql("drop branch dev"))).toEqual(["drop-database"]);
    expect(kinds(edgeqlAsSql("drop type User"))).toEqual(["drop-table"]);
    expect(kinds(edgeqlAsSql("reset schema to initial"))).toEqual(["drop-schema"]);
  });
});
