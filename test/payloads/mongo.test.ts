// mongosh scripts: aggregations and mapReduce that write their results over a collection are `write-into`, with the collection as target.
import { describe, expect, it } from "vitest";
import { analyzeMongo } from "../../src/payloads/mongo";

const kinds = (code: string) => analyzeMongo(code).map((s) => [s.kind, s.target]);

describe("aggregation output stages", () => {
  it.each([
    ['db.c.aggregate([{$match: {}}, {$out: "users"}])', "users"],
    ["db.c.aggregate([{ '$out': 'users' }])", "users"],
    ['db.c.aggregate([{$out: {db: "reports", coll: "daily"}}])', "daily"],
    ['db.c.aggregate([{$merge: "users"}])', "users"],
    ['db.c.aggregate([{$merge: {into: "users", whenMatched: "replace"}}])', "users"],
    ['db.getCollection("x").aggregate([{$group: {_id: 1}}, {$merge: {into: "y"}}])', "y"],
    ['db.runCommand({aggregate: "orders", pipeline: [{$out: "orders"}], cursor: {}})', "orders"],
    ['db.logs.mapReduce(m, r, {out: "totals"})', "totals"],
    ['db.logs.mapReduce(m, r, {out: {merge: "totals"}})', "totals"],
  ])("%s writes into %s", (code, target) => {
    expect(kinds(code)).toEqual([["write-into", target]]);
  });

  it.each([
    "db.c.aggregate([{$match: {}}])",
    'db.c.aggregate([{$group: {_id: "$status", n: {$sum: 1}}}, {$sort: {n: -1}}])',
    "db.logs.mapReduce(m, r, {out: {inline: 1}})",
    'db.c.find({note: "$out"})',
    "db.runCommand({aggregate: 'orders', pipeline: [{$match: {}}], cursor: {}})",
  ])("%s writes nothing", (code) => {
    expect(kinds(code)).toEqual([]);
  });
});

// deleteMany is judged as SQL judges DELETE … WHERE: a filter every existing document meets deletes them all.
describe("deleteMany filters that match every document", () => {
  it.each([
    "db.users.deleteMany({ createdAt: { $lt: new Date() } })",
    'db.users.deleteMany({ "created_at": { "$lte": ISODate() } })',
    "db.users.deleteMany({ insertedAt: { $lt: Date.now() } })",
    "db.users.deleteMany({ _id: { $exists: 1 } })",
    "db.users.deleteMany({ id: { $gt: 0 } })",
  ])("%s deletes every document", (code) => {
    expect(kinds(code)).toEqual([["delete-without-where", "users"]]);
  });

  it.each([
    "db.users.deleteMany({ expiresAt: { $lt: new Date() } })",
    'db.users.deleteMany({ createdAt: { $lt: new Date("2020-01-01") } })',
    "db.users.deleteMany({ status: { $ne: null } })",
    "db.users.deleteMany({ _id: { $in: [1, 2] } })",
  ])("%s deletes only what it selects", (code) => {
    expect(kinds(code)).toEqual([["delete", "users"]]);
  });
});
