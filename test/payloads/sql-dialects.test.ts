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
  it("follows a delete through with bindings, for loops and nesting", () => {
    expect(kinds(edgeqlAsSql("with module default delete User"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("with u := (select User) delete u"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("with users := User, n := 1 delete users"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("with x := (delete User) select x { id }"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("for u in (select User) union (delete u)"))).toEqual(["delete-without-where"]);
    expect(kinds(edgeqlAsSql("with module default update User set { active := false }"))).toEqual(["update-without-where"]);
    expect(kinds(edgeqlAsSql("delete Post filter .id = <uuid>$id; delete Comment"))).toEqual(["delete", "delete-without-where"]);
  });
  it("keeps a filter given in the binding, the loop or the select it deletes", () => {
    expect(kinds(edgeqlAsSql("with u := (select User filter .id = <uuid>$id) delete u"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("with u := User, v := (select u filter .active = false) delete v"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("with x := (delete User filter .id = <uuid>$id) select x { id }"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("for id in array_unpack(<array<uuid>>$ids) union (delete User filter .id = id)"))).toEqual(["delete"]);
    expect(kinds(edgeqlAsSql("with u := (select User filter .name = 'x') update u set { name := 'y' }"))).toEqual(["update"]);
    // The else branch of an insert's conflict clause acts on the one conflicting object.
    expect(kinds(edgeqlAsSql("insert User { email := 'a@x' } unless conflict on .email else (update User set { seen := true })"))).toEqual(["update"]);
  });
  it("reads no delete in strings, shapes or link policies", () => {
    expect(kinds(edgeqlAsSql("select 'delete User'"))).toEqual(["select"]);
    expect(kinds(edgeqlAsSql("insert User { name := 'delete everything' }"))).toEqual(["select"]);
    expect(kinds(edgeqlAsSql("select User { name } filter .name = 'x'"))).toEqual(["select"]);
    expect(kinds(edgeqlAsSql("alter type Post { create link author -> User { on target delete allow } }"))).toEqual(["select"]);
  });
  it("drops branches, types and the whole schema", () => {
    expect(kinds(edgeqlAsSql("drop branch dev"))).toEqual(["drop-database"]);
    expect(kinds(edgeqlAsSql("drop type User"))).toEqual(["drop-table"]);
    expect(kinds(edgeqlAsSql("reset schema to initial"))).toEqual(["drop-schema"]);
  });
});
