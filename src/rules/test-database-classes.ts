// Target classes for test databases: dropping and recreating them is what test suites do on every run.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { findOption, type ParsedArgs } from "../shell/program-args";

/** `app_test`, `test_app`, `app-test`, `app_test_2`, `myapp_testing`: named as a test database, parallel workers' copies included. */
const TEST_DATABASE = /(?:^|[_-])test(?:s|ing)?(?:[_-]\d+)?$|^test(?:s|ing)?[_-]/i;

export function isTestDatabaseName(name: string): boolean {
  return TEST_DATABASE.test(name);
}

/** The variables that pick a framework's environment (Rails, Rack, Mix, Symfony and Laravel); DATABASE_URL overrides whatever they pick. */
const ENV_NAMES = ["RAILS_ENV", "RACK_ENV", "MIX_ENV", "APP_ENV"];
/** Laravel names its test environment `testing`. */
const TEST_ENVIRONMENTS = new Set(["test", "testing"]);

type TestDatabaseClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

export const TEST_DATABASE_CLASSES: Record<string, TestDatabaseClass> = {
  /** `dropdb --if-exists app_test`: every database named is a literal test database name. */
  "names-only-test-databases": (positionals) =>
    positionals.length > 0 && positionals.every((w) => !w.dynamic && isTestDatabaseName(w.value)),

  /**
   * `RAILS_ENV=test bin/rails db:reset`, `rails db:reset -e test`, `MIX_ENV=test mix ecto.reset`, `php bin/console
   * doctrine:database:drop --force --env=test`: the task runs against the test database from the project's
   * configuration. Not when DATABASE_URL is set (inline or inherited): it points the task elsewhere.
   */
  "runs-in-test-environment": (_p, inv, ctx, parsed) => {
    if (inv.env.some((e) => e.name === "DATABASE_URL") || ctx.env.DATABASE_URL !== undefined) return false;
    const inline = inv.env.filter((e) => ENV_NAMES.includes(e.name));
    const option = findOption(parsed, ["-e", "--environment", "--env"]);
    const values = [...inline.map((e) => (e.dynamic ? "" : e.value)), ...(option?.value !== undefined ? [option.value] : [])];
    if (values.length === 0) values.push(...ENV_NAMES.map((n) => ctx.env[n]).filter((v): v is string => v !== undefined));
    return values.length > 0 && values.every((v) => TEST_ENVIRONMENTS.has(v));
  },
};
