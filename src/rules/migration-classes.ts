// Target classes for migration tools and framework tasks: one table saying which task wipes the database, reverts every migration, reverts some, or purges a job queue or search index.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";

type Effect = "wipe" | "revert-all" | "revert" | "revert-one" | "purge";

/** The literal words after the program; a dynamic one stands as "" (it names no task). */
function wordsOf(inv: Invocation): string[] {
  return inv.argv.slice(1).map((w) => (w.dynamic ? "" : w.value));
}

/** Whether an option is given (`--all`, `-a`, `--force=true`), however its value is attached. */
function has(words: string[], names: string[]): boolean {
  return words.some((w) => names.some((n) => w === n || (w.startsWith(`${n}=`) && !/=(?:false|0|no)$/i.test(w))));
}

/** The value of an option: `--to 0`, `--to=0`, `-limit=0`. */
function valueOf(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n) return words[i + 1];
      if (words[i].startsWith(`${n}=`)) return words[i].slice(n.length + 1);
    }
  }
  return undefined;
}

const operands = (words: string[]) => words.filter((w) => w !== "" && !w.startsWith("-"));

/** Symfony Console (Laravel's artisan included) runs a command from any unambiguous abbreviation of its segments: `d:d:d` is `doctrine:database:drop`. */
function consoleCommand(word: string | undefined, full: string): boolean {
  if (!word) return false;
  const given = word.split(":");
  const parts = full.split(":");
  return given.length === parts.length && given.every((g, i) => g !== "" && parts[i].startsWith(g));
}

const ZERO = new Set(["0", "base", "zero"]);

/**
 * A rollback of more than the last migration: a count above one, or any target; the default single step is
 * "revert-one". Both ask (a down step drops data in a database guard may not see), denied in production; the
 * single step is told apart so the message names it (see databases.migrations-revert-last).
 */
function beyondOne(count: string | undefined, target?: string): Effect | undefined {
  if (target !== undefined) return ZERO.has(target) ? "revert-all" : "revert";
  if (count === undefined || count === "1") return "revert-one";
  return "revert";
}

/** Maven goals: `flyway:clean`, `org.flywaydb:flyway-maven-plugin:10.0.0:clean`, `liquibase:dropAll`. */
function maven(words: string[]): Effect | undefined {
  const goals = operands(words);
  if (goals.some((g) => /flyway[\w.-]*(?::[\w.-]+)?:clean$/i.test(g) || /liquibase[\w.-]*(?::[\w.-]+)?:drop-?all$/i.test(g))) return "wipe";
  // liquibase:rollback needs a count, tag or date: only a count of one is the last step.
  if (goals.some((g) => /liquibase[\w.-]*(?::[\w.-]+)?:rollback$/i.test(g)) && !words.includes("-Dliquibase.rollbackCount=1")) return "revert";
  if (goals.some((g) => /flyway[\w.-]*(?::[\w.-]+)?:undo$/i.test(g))) return "revert";
  return undefined;
}

const humps = (name: string) => name.split(/(?=[A-Z])/);

/** Gradle runs a task from a camel-case abbreviation: `fC` and `flyC` are `flywayClean` (when no other task matches). */
function gradleTask(given: string, full: string): boolean {
  if (given === full) return true;
  const g = humps(given);
  const f = humps(full);
  return g.length === f.length && g.every((h, i) => h !== "" && f[i].toLowerCase().startsWith(h.toLowerCase()) && (i === 0 || /^[A-Z]/.test(h)));
}

const GRADLE_WIPES = ["flywayClean", "liquibaseDropAll", "dropAll"];
/** Rollbacks of the Liquibase and Flyway plugins; the `…Sql` variants only print the SQL. */
const GRADLE_REVERTS = ["flywayUndo", "liquibaseRollback", "liquibaseRollbackCount", "liquibaseRollbackToDate", "rollback", "rollbackCount", "rollbackToDate"];

/** Gradle tasks (`flywayClean`, `:db:liquibaseDropAll`, `fC`); `-x TASK` excludes one. */
function gradle(words: string[]): Effect | undefined {
  const tasks = words.filter((w, i) => w !== "" && !w.startsWith("-") && words[i - 1] !== "-x" && words[i - 1] !== "--exclude-task").map((t) => t.replace(/^(?::[\w.-]+)*:/, ""));
  if (tasks.some((t) => GRADLE_WIPES.some((w) => gradleTask(t, w)))) return "wipe";
  if (tasks.some((t) => GRADLE_REVERTS.includes(t))) return "revert";
  return undefined;
}

/** One mix task with its arguments; `mix do a, b` and `mix do a + b` run several. */
function mixTask(task: string, args: string[]): Effect | undefined {
  if (/^(?:ecto|ash_postgres|ash_sqlite|ash_mysql)\.(?:drop|reset)$|^ash\.reset$/.test(task)) return "wipe";
  if (/^(?:ecto|ash_postgres|ash_sqlite|ash_mysql)\.rollback$/.test(task)) return has(args, ["--all"]) ? "revert-all" : beyondOne(valueOf(args, ["-n", "--step"]), valueOf(args, ["--to"]));
  return undefined;
}

function mix(words: string[]): Effect | undefined {
  if (words[0] !== "do") return mixTask(words[0] ?? "", words.slice(1));
  const groups: string[][] = [[]];
  for (const w of words.slice(1)) {
    // `ecto.drop,` `+` `ecto.drop,ecto.create`: commas and plus signs separate the tasks.
    const pieces = w === "+" ? [""] : w.split(",");
    pieces.forEach((p, i) => {
      if (i > 0 || w === "+") groups.push([]);
      if (p !== "") groups[groups.length - 1].push(p);
    });
  }
  const effects = groups.filter((g) => g.length > 0).map((g) => mixTask(g[0], g.slice(1)));
  return strongest(effects);
}

const ORDER: Effect[] = ["wipe", "revert-all", "revert", "purge", "revert-one"];
function strongest(effects: (Effect | undefined)[]): Effect | undefined {
  return ORDER.find((e) => effects.includes(e));
}

/** Symfony and Laravel console commands: `php bin/console doctrine:fixtures:load -n`, `php artisan queue:clear`. */
function consoleTask(words: string[]): Effect | undefined {
  const [command, ...rest] = operands(words);
  const is = (full: string) => consoleCommand(command, full);
  const force = has(words, ["--force", "-f"]);
  if ((is("doctrine:database:drop") || is("doctrine:schema:drop") || is("doctrine:mongodb:schema:drop")) && force) return "wipe";
  // The fixtures loader purges every table first unless told to append.
  if (is("doctrine:fixtures:load") && !has(words, ["--append"])) return "wipe";
  if (is("doctrine:schema:update") && force && has(words, ["--complete"])) return "wipe";
  if (is("doctrine:migrations:migrate") && !has(words, ["--dry-run", "--write-sql"])) {
    if (rest[0] === "first" || rest[0] === "0") return "revert-all";
    // `prev` and `current-1` are the last step; `current-5` goes further.
    if (rest[0] === "prev") return "revert-one";
    const back = /^current-(\d+)$/.exec(rest[0] ?? "");
    if (back) return beyondOne(back[1]);
  }
  if (is("doctrine:migrations:execute") && has(words, ["--down"]) && !has(words, ["--dry-run", "--write-sql"])) return "revert";
  if (["migrate:fresh", "migrate:reset", "migrate:refresh", "db:wipe"].some(is)) return "wipe";
  if (["queue:clear", "queue:flush", "horizon:clear"].some(is)) return "purge";
  return undefined;
}

/** The console script a PHP program runs (`php artisan`, `php bin/console`, `symfony console`, `sail artisan`): the words after it. */
function phpConsole(program: string, words: string[]): string[] | undefined {
  if (program === "artisan" || program === "console") return words;
  const i = words.findIndex((w) => !w.startsWith("-"));
  const script = words[i] ?? "";
  if (program === "symfony" || program === "sail") return script === "console" || script === "artisan" ? words.slice(i + 1) : undefined;
  return /(?:^|\/)(?:artisan|console)$/.test(script) ? words.slice(i + 1) : undefined;
}

const READERS: Record<string, (words: string[], inv: Invocation) => Effect | undefined> = {
  mvn: maven,
  mvnw: maven,
  gradle,
  gradlew: gradle,
  mix,
  wp: (w) => {
    const [group, verb] = operands(w);
    return (group === "site" && (verb === "empty" || verb === "delete")) || (group === "db" && ["reset", "drop", "clean"].includes(verb ?? "")) ? "wipe" : undefined;
  },
  drush: (w) => (["site:install", "site-install", "si", "sql:drop", "sql-drop"].includes(operands(w)[0] ?? "") ? "wipe" : undefined),
  "sea-orm-cli": (w) => {
    const [group, verb] = operands(w);
    if (group !== "migrate") return undefined;
    return verb === "fresh" ? "wipe" : verb === "refresh" || verb === "reset" ? "revert-all" : verb === "down" ? beyondOne(valueOf(w, ["-n", "--num"])) : undefined;
  },
  diesel: (w) => {
    const [group, verb] = operands(w);
    if (group !== "migration" || (verb !== "revert" && verb !== "redo")) return undefined;
    return has(w, ["--all", "-a"]) ? "revert-all" : beyondOne(valueOf(w, ["--number", "-n"]));
  },
  goose: (w) => {
    const ops = operands(w);
    if (ops.includes("create") || ops.includes("fix")) return undefined;
    const at = ops.indexOf("down-to");
    if (at >= 0) return beyondOne(undefined, ops[at + 1] ?? "");
    return ops.includes("down") || ops.includes("redo") ? "revert-one" : undefined;
  },
  tern: (w) => {
    if (operands(w)[0] !== "migrate") return undefined;
    const to = valueOf(w, ["--destination", "-d"]);
    // `-d -1` steps back once; `-d -3` three times; `-d 0` to before the first migration.
    return to === "0" ? "revert-all" : to?.startsWith("-") ? beyondOne(to.slice(1)) : undefined;
  },
  "sql-migrate": (w) => {
    const verb = operands(w)[0];
    if (verb !== "down" && verb !== "redo") return undefined;
    const limit = valueOf(w, ["-limit", "--limit"]);
    // `-limit=0` means no limit: every migration.
    return verb === "down" && limit === "0" ? "revert-all" : verb === "down" ? beyondOne(limit) : "revert-one";
  },
  atlas: (w) => {
    const [group, verb] = operands(w);
    if (group !== "migrate" || verb !== "down" || has(w, ["--dry-run"])) return undefined;
    return beyondOne(valueOf(w, ["--count"]), valueOf(w, ["--to-version", "--to-tag"]));
  },
  sqlx: (w) => sqlx(w),
  "cargo-sqlx": (w) => sqlx(w),
  cargo: (w) => (operands(w)[0] === "sqlx" ? sqlx(w.slice(w.indexOf("sqlx") + 1)) : undefined),
  yoyo: (w) => {
    const verb = operands(w)[0];
    // Without a revision, --batch answers yes for every applied migration.
    if (verb === "rollback") return has(w, ["--all", "-a"]) || (has(w, ["--batch", "-b"]) && valueOf(w, ["--revision", "-r"]) === undefined) ? "revert-all" : "revert";
    return undefined;
  },
  piccolo: (w) => {
    const [group, verb] = operands(w);
    if (group !== "migrations" || verb !== "backwards") return undefined;
    // The app `all` steps back every app.
    const id = valueOf(w, ["--migration_id"]);
    return id === "all" ? "revert-all" : operands(w)[2] === "all" ? "revert" : beyondOne(id);
  },
  "mikro-orm": (w) => {
    const verb = operands(w)[0];
    if (verb === "migration:fresh" || (verb === "schema:fresh" && !has(w, ["--dump", "-d"])) || (verb === "schema:drop" && has(w, ["--run", "-r"]))) return "wipe";
    if (verb === "migration:down") return beyondOne(undefined, valueOf(w, ["--to", "-t"]));
    return undefined;
  },
  payload: (w) => {
    const verb = operands(w)[0];
    return verb === "migrate:fresh" ? "wipe" : verb === "migrate:reset" || verb === "migrate:refresh" ? "revert-all" : undefined;
  },
  // The last batch (`knex migrate:rollback`, `migrate:down`); `--all` is databases.knex-rollback-all's.
  knex: (w) => {
    const verb = operands(w)[0];
    return (verb === "migrate:rollback" && !has(w, ["--all"])) || verb === "migrate:down" ? "revert-one" : undefined;
  },
  // `db:migrate:undo` (the last one, or the one `--name` names); `:all` is databases.sequelize-undo-all's.
  sequelize: (w) => (operands(w)[0] === "db:migrate:undo" ? "revert-one" : undefined),
  "sequelize-cli": (w) => (operands(w)[0] === "db:migrate:undo" ? "revert-one" : undefined),
  rails: (w, inv) => railsTask(w, inv),
  rake: (w, inv) => railsTask(w, inv),
  rq: (w) => (operands(w)[0] === "empty" ? "purge" : undefined),
  // What code in a framework runner amounts to (code-data-calls.ts): `Sidekiq::Queue.all.each(&:clear)`.
  "job-queue": (w) => (w[0] === "clear" ? "purge" : undefined),
  "manage.py": (w) => django(w),
  "django-admin": (w) => django(w),
  python: (w) => (/(?:^|\/)manage\.py$/.test(operands(w)[0] ?? "") ? django(w.slice(w.findIndex((x) => /manage\.py$/.test(x)) + 1)) : undefined),
};
READERS.python3 = READERS.python;

function sqlx(w: string[]): Effect | undefined {
  const [group, verb] = operands(w);
  if (group !== "migrate" || verb !== "revert" || has(w, ["--dry-run"])) return undefined;
  return beyondOne(undefined, valueOf(w, ["--target-version"]));
}

/** `rails db:migrate VERSION=0` unapplies every migration; `chewy:reset` drops and rebuilds the search indices. */
function railsTask(w: string[], inv: Invocation): Effect | undefined {
  const version = w.find((x) => x.startsWith("VERSION="))?.slice(8) ?? inv.env.find((e) => e.name === "VERSION" && !e.dynamic)?.value;
  if (w.includes("db:migrate") && version === "0") return "revert-all";
  if (w.some((x) => /^chewy:reset(?::|$)/.test(x))) return "purge";
  return undefined;
}

/** Django commands that empty a search index (haystack's clear_index, django-elasticsearch-dsl's `search_index --delete`). */
function django(w: string[]): Effect | undefined {
  const command = operands(w)[0];
  if (command === "clear_index" || (command === "search_index" && has(w, ["--delete"]))) return "purge";
  return undefined;
}

/** What the task this invocation runs does to the database, or undefined for everything else. */
export function migrationEffect(inv: Invocation): Effect | undefined {
  const words = wordsOf(inv);
  const console = ["php", "artisan", "console", "symfony", "sail"].includes(inv.program) ? phpConsole(inv.program, words) : undefined;
  if (console) return consoleTask(console);
  const reader = Object.prototype.hasOwnProperty.call(READERS, inv.program) ? READERS[inv.program] : undefined;
  return reader?.(words, inv);
}

/** Programs whose command line picks the framework environment or build profile the task runs in. */
const ENVIRONMENT_PICKERS = new Set(["mvn", "mvnw", "gradle", "gradlew", "mix", "php", "artisan", "console", "symfony", "sail", "rails", "rake",
  "sql-migrate", "knex", "sequelize", "sequelize-cli", "atlas", "java"]);
const PRODUCTION_NAME = /^prod(?:uction)?$/i;

/**
 * A production environment picked on the command line: `--env=prod`, `-e production`, `-env=production`,
 * a Maven/Gradle profile `-Pprod` (or `-Penv=prod`), `-Dspring.profiles.active=prod`, `RAILS_ENV=production`
 * given to rake as an argument. Escalates like a production marker in the environment (production.ts).
 */
export function picksProductionEnvironment(inv: Invocation): boolean {
  if (!ENVIRONMENT_PICKERS.has(inv.program)) return false;
  const words = wordsOf(inv);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(?:--?env(?:ironment)?|-e)(?:=(.*))?$/.exec(w);
    if (m && PRODUCTION_NAME.test(m[1] ?? words[i + 1] ?? "")) return true;
    const profile = /^-P(.*)$/.exec(w);
    if (profile && (inv.program.startsWith("mvn") || inv.program.startsWith("gradle"))) {
      const value = profile[1] === "" ? words[i + 1] ?? "" : profile[1];
      if (value.split(",").some((p) => PRODUCTION_NAME.test(p.replace(/^[\w.-]*(?:env|profile|environment)=/i, "")))) return true;
    }
    if (/^(?:-D|--)spring\.profiles\.active=(?:.*,)?prod(?:uction)?(?:,|$)/i.test(w) || /^(?:RAILS_ENV|RACK_ENV|MIX_ENV|APP_ENV)=prod(?:uction)?$/i.test(w)) return true;
  }
  return false;
}

/** Settings that make an application drop and recreate its schema when it starts (Hibernate / JPA). */
const SCHEMA_ON_START = /(?:spring\.jpa\.hibernate\.ddl-auto|hibernate\.hbm2ddl\.auto)=(?:create|create-drop)\b|(?:jakarta|javax)\.persistence\.schema-generation\.database\.action=(?:drop-and-create|drop)\b/i;
const SCHEMA_ON_START_ENV = new Set(["SPRING_JPA_HIBERNATE_DDL_AUTO", "HIBERNATE_HBM2DDL_AUTO", "SPRING_JPA_HIBERNATE_DDLAUTO"]);

type MigrationClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

export const MIGRATION_CLASSES: Record<string, MigrationClass> = {
  /** `mvn flyway:clean`, `php bin/console doctrine:fixtures:load -n`, `mix do ecto.drop, ecto.create`, `wp site empty`. */
  "wipes-database": (_p, inv) => migrationEffect(inv) === "wipe",
  /** `mix ecto.rollback --all`, `goose … down-to 0`, `rails db:migrate VERSION=0`, `sea-orm-cli migrate refresh`. */
  "reverts-every-migration": (_p, inv) => migrationEffect(inv) === "revert-all",
  /** `mix ecto.rollback -n 3`, `diesel migration revert -n 2`, `mvn liquibase:rollback`. */
  "reverts-migrations": (_p, inv) => migrationEffect(inv) === "revert",
  /** `mix ecto.rollback`, `diesel migration redo`, `goose down`: the last migration only. */
  "reverts-last-migration": (_p, inv) => migrationEffect(inv) === "revert-one",
  /** `rq empty --all`, `php artisan queue:clear`, `manage.py clear_index`, `rake chewy:reset`. */
  "purges-queue-or-index": (_p, inv) => migrationEffect(inv) === "purge",
  /** `--spring.jpa.hibernate.ddl-auto=create-drop` anywhere in the arguments, or `SPRING_JPA_HIBERNATE_DDL_AUTO=create` written on the command. */
  "recreates-schema-on-start": (_p, inv) =>
    inv.argv.some((w) => !w.dynamic && SCHEMA_ON_START.test(w.value)) ||
    inv.env.some((e) => SCHEMA_ON_START_ENV.has(e.name) && !e.dynamic && /^(?:create|create-drop)$/i.test(e.value)),
};
