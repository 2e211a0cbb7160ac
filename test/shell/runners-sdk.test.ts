// ORM bulk deletes and cloud SDK deletes read as the SQL or CLI command they amount to; scoped or read-only calls are not.
import { describe, expect, it } from "vitest";
import { dataCalls } from "../../src/shell/code-data-calls";

describe("dataCalls", () => {
  it.each([
    ["ruby", "User.delete_all", ["psql", "-c", "DELETE FROM user"]],
    ["ruby", "Admin::AuditLog.all.destroy_all", ["psql", "-c", "DELETE FROM admin_audit_log"]],
    ["python", "Order.objects.all().delete()", ["psql", "-c", "DELETE FROM order"]],
    ["python", "import boto3; boto3.client('rds').delete_db_instance(DBInstanceIdentifier='p')", ["aws", "rds", "delete-db-instance"]],
    ["python", "import boto3; boto3.resource('s3').Bucket('b').objects.all().delete()", ["aws", "s3", "rm", "s3://b", "--recursive"]],
    ["javascript", "require('@aws-sdk/client-rds'); new DeleteDBInstanceCommand({})", ["aws", "rds", "delete-db-instance"]],
    ["python", "from google.cloud import storage; storage.Client().bucket('b').delete()", ["gcloud", "storage", "buckets", "delete", "gs://b"]],
  ])("%s %s", (language, code, argv) => {
    expect(dataCalls(language, code).map((d) => d.argv)).toContainEqual(argv);
  });

  it.each([
    ["ruby", "User.where(banned: true).delete_all"],
    ["ruby", "user.posts.delete_all"],
    ["python", "User.objects.filter(pk=3).delete()"],
    ["python", "import boto3; boto3.client('rds').describe_db_instances()"],
    ["python", "d = {}; d.delete()"],
    ["javascript", "const m = new Map(); m.delete('k')"],
  ])("nothing for %s %s", (language, code) => {
    expect(dataCalls(language, code)).toEqual([]);
  });

  it("stays bounded on long input", () => {
    expect(dataCalls("python", "import boto3\n" + "x.delete_a(1)\n".repeat(5000)).length).toBeLessThanOrEqual(32);
  });
});
