// SQL run through a cloud CLI's data API: which commands carry SQL, and what guard reads from them.
import { describe, expect, it } from "vitest";
import { cloudSqlFacts } from "../../src/payloads/sql-cloud";
import { extract } from "../../src/shell/extract";

/** The SQL fact kinds of the first command in `text`; `files` are what a `file://` value reads. */
function kinds(text: string, files: Record<string, string> = {}): string[] {
  const [invocation] = extract(text).invocations;
  return cloudSqlFacts(invocation, { readFile: (path) => files[path] }).map((f) => f.kind);
}

describe("SQL through cloud data APIs", () => {
  it.each([
    ["aws athena start-query-execution --query-string 'DROP TABLE t'", ["drop-table"]],
    ["aws --region eu-west-1 redshift-data execute-statement --sql='TRUNCATE t' --database d", ["truncate"]],
    ["aws redshift-data batch-execute-statement --sqls 'SELECT 1' 'DELETE FROM t' --database d", ["select", "delete-without-where"]],
    ["aws rds-data execute-statement --resource-arn a --secret-arn s --sql 'DELETE FROM t WHERE id = 1'", ["delete"]],
    ["aws dynamodb batch-execute-statement --statements '[{\"Statement\":\"SELECT * FROM t\"}]'", ["select"]],
    ["aws dynamodb execute-statement --statement 'SELECT * FROM t'", ["select"]],
    ["gcloud spanner databases execute-sql db --instance i --sql 'DROP TABLE t'", ["drop-table"]],
  ])("%s", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("reads file:// values, and fails closed when the file or the value cannot be read", () => {
    expect(kinds("aws athena start-query-execution --query-string file://q.sql", { "q.sql": "DROP TABLE t" })).toEqual(["drop-table"]);
    expect(kinds("aws athena start-query-execution --query-string file://gone.sql")).toEqual(["unknown"]);
    expect(kinds('aws rds-data execute-statement --resource-arn a --secret-arn s --sql "$SQL"')).toContain("unknown");
  });

  it.each(["aws s3 ls", "aws redshift-data describe-statement --id 1", "gcloud spanner databases list --instance i", "aws athena list-work-groups"])(
    "%s carries no SQL",
    (text) => {
      expect(kinds(text)).toEqual([]);
    },
  );
});
