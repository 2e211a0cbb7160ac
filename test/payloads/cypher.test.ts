// Cypher statements as SQL statement kinds: deletes and updates of everything a MATCH reaches, dropped or replaced databases, Cypher run from strings.
import { describe, expect, it } from "vitest";
import { analyzeCypher } from "../../src/payloads/cypher";

const kinds = (text: string) => analyzeCypher(text).map((s) => s.kind);

describe("cypher", () => {
  it.each([
    ["MATCH (n) DETACH DELETE n", "delete-without-where"],
    ["MATCH (n:User) DELETE n", "delete-without-where"],
    ["MATCH ()-[r:FOLLOWS]->() DELETE r", "delete-without-where"],
    ["MATCH (n:User {id: 1}) DETACH DELETE n", "delete"],
    ["MATCH (n) WHERE n.stale DELETE n", "delete"],
    ["DROP DATABASE shop IF EXISTS", "drop-database"],
    ["create or replace database shop", "drop-database"],
    ["DROP INDEX user_email", "drop-index"],
    ["DROP USER bob", "drop-other"],
    ["MATCH (n) SET n.x = 1", "update-without-where"],
    ["MATCH (n:User) WHERE n.id = 1 SET n.x = 1", "update"],
    ["CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", "delete-without-where"],
    ["CALL apoc.cypher.run($q, {})", "dynamic"],
    ["CALL apoc.schema.assert({}, {})", "drop-index"],
  ])("%s is %s", (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it("reads nothing destructive in strings, comments and queries", () => {
    expect(kinds("MATCH (n) RETURN n; // DETACH DELETE n\nRETURN 'DROP DATABASE x'; CREATE (n:User {name: 'DELETE'})")).toEqual([]);
  });

  it("locates each statement of a script", () => {
    const text = "MATCH (n) RETURN n;\nMATCH (n) DETACH DELETE n;";
    const [s] = analyzeCypher(text);
    expect(text.slice(s.start, s.end)).toBe("MATCH (n) DETACH DELETE n");
  });
});
