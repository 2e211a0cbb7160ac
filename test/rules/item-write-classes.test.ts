// DynamoDB's multi-item writes: deletes are found inline and in the file:// the AWS CLI reads; an unreadable request asks.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles().filter((f) => f.pack.enabledByDefault));
const FILES: Record<string, string> = {
  "deletes.json": JSON.stringify({ Users: [{ PutRequest: { Item: { id: { S: "1" } } } }, { DeleteRequest: { Key: { id: { S: "2" } } } }] }),
  "puts.json": JSON.stringify({ Users: [{ PutRequest: { Item: { id: { S: "1" } } } }] }),
  "transaction.json": JSON.stringify([{ Update: { TableName: "Users" } }, { Delete: { TableName: "Users", Key: { id: { S: "2" } } } }]),
  "transaction-puts.json": JSON.stringify([{ Put: { TableName: "Users", Item: { id: { S: "1" } } } }]),
  "skeleton.yaml": "TransactItems:\n  - Delete:\n      TableName: Users\n",
};

/** The rules that fire on `text`, with the files above readable. */
function rules(text: string): string[] {
  const verdict = evaluate(text, ruleset, { ...exampleContext(), readFile: (path) => FILES[path.replace(/^\.\//, "")] });
  return verdict.findings.map((f) => f.rule);
}

describe("dynamodb-deletes-items", () => {
  it.each([
    "aws dynamodb batch-write-item --request-items file://deletes.json",
    "aws dynamodb batch-write-item --request-items=file://./deletes.json",
    "aws dynamodb transact-write-items --transact-items file://transaction.json",
    "aws dynamodb transact-write-items --cli-input-yaml file://skeleton.yaml",
    "aws dynamodb transact-write-items --transact-items 'Delete={TableName=Users,Key={id={S=2}}}'",
    // Unreadable: the file is not there, or the value is a variable.
    "aws dynamodb batch-write-item --request-items file://gone.json",
    'aws dynamodb batch-write-item --request-items "$ITEMS"',
  ])("%s asks", (text) => {
    expect(rules(text)).toContain("aws.dynamodb-items-delete");
  });

  it.each([
    "aws dynamodb batch-write-item --request-items file://puts.json",
    "aws dynamodb transact-write-items --transact-items file://transaction-puts.json",
    "aws dynamodb batch-get-item --request-items file://deletes.json",
    "aws dynamodb delete-item --table-name Users --key '{\"id\":{\"S\":\"1\"}}'",
  ])("%s is left alone", (text) => {
    expect(rules(text)).not.toContain("aws.dynamodb-items-delete");
  });
});
