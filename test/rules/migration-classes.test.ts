// Migration tools and framework tasks: which rule each form reaches, the test environment left alone, and production picked on the command line.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

function verdict(command: string): { decision: string; rules: string[] } {
  const v = evaluate(command, ruleset, exampleContext());
  return { decision: v.decision, rules: v.findings.filter((f) => f.action !== "allow").map((f) => f.rule) };
}

describe("tasks that wipe the database", () => {
  it.each([
    "mvn flyway:clean",
    "mvn org.flywaydb:flyway-maven-plugin:clean",
    "./gradlew :db:flywayClean",
    "gradle fC",
    "./gradlew flyC flywayMigrate",
    "gradle lDA",
    "mix do ecto.drop, ecto.create",
    "mix do ecto.create,ecto.drop",
    "mix do ecto.drop + ecto.setup",
    "php bin/console d:d:d --force",
    "symfony console doctrine:fixtures:load -n",
    "./bin/console doctrine:fixtures:load",
    "wp db clean --yes",
  ])("%s is denied", (command) => {
    expect(verdict(command)).toEqual({ decision: "deny", rules: expect.arrayContaining(["databases.framework-wipe"]) });
  });

  it.each([
    "gradle build -x flywayClean",
    "gradle flywayMigrate",
    "gradle fM",
    "gradle liquibaseRollbackSql -PliquibaseCommandValue=1",
    "gradle dependencies",
    "mix do deps.get, compile",
    "php bin/console doctrine:database:drop",
    "php bin/console doctrine:fixtures:load --append",
    "php bin/console d:m:m -n",
  ])("%s is allowed", (command) => {
    expect(verdict(command).decision).toBe("allow");
  });

  it.each([
    "MIX_ENV=test mix do ecto.drop, ecto.create",
    "APP_ENV=test php bin/console doctrine:database:drop --force",
    "php bin/console doctrine:database:drop --force --env=test",
    "php artisan migrate:fresh --env=testing",
  ])("%s runs in the test environment and is allowed", (command) => {
    expect(verdict(command).decision).toBe("allow");
  });

  it("a DATABASE_URL on the command points a test-environment task elsewhere", () => {
    expect(verdict("DATABASE_URL=postgres://db.internal/app MIX_ENV=test mix ecto.reset").decision).toBe("deny");
  });
});

describe("rollbacks", () => {
  it("one step back asks, as every framework's does; more asks; all of them is denied", () => {
    expect(verdict("mix ecto.rollback").rules).toEqual(["databases.migrations-revert-last"]);
    expect(verdict("mix ecto.rollback --step 1").decision).toBe("ask");
    expect(verdict("mix ecto.rollback --step 4").rules).toEqual(["databases.migrations-revert"]);
    expect(verdict("mix ecto.rollback --all").rules).toEqual(["databases.migrations-revert-all"]);
  });

  it.each([
    "mix ecto.rollback", "goose down", "diesel migration revert", "sqlx migrate revert", "knex migrate:rollback", "npx sequelize-cli db:migrate:undo",
    "php bin/console doctrine:migrations:migrate prev", "npx mikro-orm migration:down", "sea-orm-cli migrate down", "rails db:rollback", "alembic downgrade -1",
    "flask db downgrade", "php artisan migrate:rollback", "typeorm migration:revert -d ds.ts", "migrate -path m -database x down 1",
  ])("the last migration, one consistent answer: %s asks", (command) => {
    expect(verdict(command).decision).toBe("ask");
  });

  it.each(["MIX_ENV=test mix ecto.rollback", "RAILS_ENV=test bin/rails db:rollback", "php artisan migrate:rollback --env=testing", "MIX_ENV=test mix ecto.rollback -n 3"])(
    "against a named test environment it is everyday: %s",
    (command) => {
      expect(verdict(command).decision).toBe("allow");
    },
  );

  it("one step back in production is denied", () => {
    expect(verdict("MIX_ENV=prod mix ecto.rollback").decision).toBe("deny");
    expect(verdict("php bin/console doctrine:migrations:migrate prev -n --env=prod").decision).toBe("deny");
  });
});

describe("a production environment picked on the command line", () => {
  it.each([
    "mvn -Pprod liquibase:rollback -Dliquibase.rollbackCount=2",
    "./gradlew -Penv=production flywayUndo",
    "php artisan queue:clear --env=production --force",
    "rails db:rollback -e production",
    "rake db:rollback RAILS_ENV=production",
  ])("%s escalates to deny", (command) => {
    expect(verdict(command).decision).toBe("deny");
  });

  it("a profile that only mentions prod in another setting does not", () => {
    expect(verdict("mvn -Pproduct-docs liquibase:rollback -Dliquibase.rollbackCount=2").decision).toBe("ask");
  });
});
