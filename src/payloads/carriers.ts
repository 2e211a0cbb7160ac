// Database clients as SQL carriers: where each one takes its SQL from, and what that SQL does.
import type { Invocation, Word } from "../shell/model";
import type { Span } from "../core/finding";
import { literalStdin } from "../shell/stdin";
import { findOption, optionValues, parseArgs, type ArgSpec, type ParsedArgs } from "../shell/program-args";
import { acceptsAbbreviations } from "../shell/conventions";
import type { ProgramSpec } from "../shell/program-args";
import { withoutRolledBack } from "./sql-rollback";
import { analyzeSql, type SqlStatement } from "./sql";
import { mysqlWordCommand } from "./sql-client";
import { analyzeMongo } from "./mongo";
import { wordText } from "../shell/words";
import { analyzeRedis } from "./redis";
import { analyzeCypher } from "./cypher";
import { wordPartSpans } from "./word-offsets";
import { influxAsSql } from "./influxql";
import { surrealAsSql } from "./surrealql";
import { edgeqlAsSql } from "./edgeql";

/** One statement-level fact a rule can match, located in the command text. */
export interface SqlFact {
  kind: string;
  statement?: SqlStatement;
  /** Where the SQL came from: `-c`, `-f FILE`, `stdin`, a positional. */
  origin: string;
  /** How it reached the client. */
  source: PayloadSource;
  span: Span;
}

/** How a payload reaches its carrier. */
export type PayloadSource = "inline" | "file" | "heredoc" | "variable" | "pipe" | "config";

interface SqlSource {
  text: string | undefined;
  /** Built from a word with expansions: what the client receives is partly unknown. */
  dynamic?: boolean;
  origin: string;
  source: PayloadSource;
  span: Span;
  /** The literal command-line word the text is (the end of), so a statement's own span can be found. */
  word?: Word;
}

interface Carrier {
  spec: ProgramSpec;
  /** Options whose value is SQL. */
  inline: string[];
  /** Options whose value is a file of SQL. */
  files: string[];
  /** Positional arguments from this index on are SQL (sqlite3 and duckdb after the database, bq after `query`). */
  positionalSqlFrom?: number;
  /** The client is a subcommand of the program: `bq query`, `clickhouse client`, `wrangler d1 execute`; a list gives each word's spellings. */
  subcommand?: (string | string[])[];
  /** mysql's line commands `system` and `source`, which look like SQL words. */
  mysqlCommands?: boolean;
  /** The payload's language: SQL, a mongosh script (JavaScript), or redis-cli commands (its arguments are one command). */
  language?: "sql" | "mongo" | "redis" | "cypher" | "influxql" | "surrealql" | "edgeql" | "mysqlsh";
  /** Positional arguments that name script files (`mongosh app reset.js`). */
  scriptArgs?: RegExp;
  /** The server undoes everything between BEGIN and ROLLBACK, DDL included (PostgreSQL, SQLite, DuckDB). */
  rollback?: boolean;
  /** Another SQL command of the same program, tried when this one's subcommand is not given (`php artisan db`, `php bin/console dbal:run-sql`). */
  also?: Carrier;
  /** Words after `--` go to the client the program starts (`manage.py dbshell -- -c SQL`), whichever that is. */
  passthrough?: boolean;
}

const PSQL: Carrier = {
  spec: { valued: ["-c", "--command", "-f", "--file", "-d", "--dbname", "-h", "--host", "-p", "--port", "-U", "--username", "-v", "--set", "--variable", "-o", "--output", "-L", "--log-file", "-P", "--pset", "-T", "-F", "-R"], singleDashLong: false },
  inline: ["-c", "--command"],
  files: ["-f", "--file"],
  rollback: true,
};

const MYSQL: Carrier = {
  // `-p` is not valued: `-pSECRET` attaches, a bare `-p` prompts.
  spec: { valued: ["-e", "--execute", "-u", "--user", "-h", "--host", "-P", "--port", "-D", "--database", "-S", "--socket", "--init-command", "--login-path", "--defaults-file", "--defaults-extra-file", "--default-character-set"], singleDashLong: false },
  // --init-command runs its SQL on connect, before anything else.
  inline: ["-e", "--execute", "--init-command"],
  files: [],
  mysqlCommands: true,
};

const SQLITE: Carrier = {
  spec: { valued: ["-cmd", "-init", "-separator", "-newline", "-nullvalue", "-mmap", "-lookaside", "-pagecache", "-vfs", "-maxsize"], singleDashLong: true },
  inline: ["-cmd"],
  files: ["-init"],
  positionalSqlFrom: 1,
  rollback: true,
};

const DUCKDB: Carrier = {
  spec: { valued: ["-c", "-cmd", "-s", "-init", "-f", "-separator", "-newline", "-nullvalue"], singleDashLong: true },
  inline: ["-c", "-cmd", "-s"],
  files: ["-init", "-f"],
  positionalSqlFrom: 1,
  rollback: true,
};

const CLICKHOUSE: Carrier = {
  spec: { valued: ["-q", "--query", "-h", "--host", "--port", "-u", "--user", "-d", "--database", "--password", "--queries-file", "--format", "-f", "--config-file", "-C"], singleDashLong: false },
  inline: ["-q", "--query"],
  files: ["--queries-file"],
};

const CQLSH: Carrier = {
  spec: { valued: ["-e", "--execute", "-f", "--file", "-u", "--username", "-p", "--password", "-k", "--keyspace", "--cqlshrc", "--encoding", "--cqlversion", "--protocol-version", "--connect-timeout", "--request-timeout", "-b", "--secure-connect-bundle"], singleDashLong: false },
  inline: ["-e", "--execute"],
  files: ["-f", "--file"],
};

/** `bq query [flags] 'SQL'`: the SQL is the positional after `query`; absl flags take `--flag=value` or `--flag value`. */
const BQ: Carrier = {
  spec: { valued: ["--project_id", "--location", "--format", "--dataset_id", "--destination_table", "--parameter", "--max_rows", "-n", "--job_id", "--api", "--apilog", "--maximum_bytes_billed", "--label", "--destination_kms_key", "--time_partitioning_field", "--clustering_fields", "--flagfile"], singleDashLong: true },
  inline: [],
  files: [],
  subcommand: ["query"],
  positionalSqlFrom: 1,
};

const SNOWSQL: Carrier = {
  spec: { valued: ["-q", "--query", "-f", "--filename", "-a", "--accountname", "-u", "--username", "-d", "--dbname", "-s", "--schemaname", "-r", "--rolename", "-w", "--warehouse", "-o", "--option", "-c", "--connection", "--config", "-D", "--variable", "-h", "--host", "-p", "--port", "--authenticator", "--private-key-path"], singleDashLong: false },
  inline: ["-q", "--query"],
  files: ["-f", "--filename"],
};

/** usql, cockroach sql, sqlcmd, mycli/litecli: `-c`/`-e`/`-Q` SQL, `-f`/`-i` files. */
const USQL: Carrier = { spec: { valued: ["-c", "--command", "-f", "--file", "-o", "--out", "-v", "--set", "-U", "--username"], singleDashLong: false }, inline: ["-c", "--command"], files: ["-f", "--file"] };
const COCKROACH: Carrier = { spec: { valued: ["-e", "--execute", "-f", "--file", "--url", "--host", "-u", "--user", "-d", "--database", "--certs-dir", "--format"], singleDashLong: false }, inline: ["-e", "--execute"], files: ["-f", "--file"], subcommand: ["sql"] };
const SQLCMD: Carrier = { spec: { valued: ["-Q", "-q", "-i", "-S", "-U", "-P", "-d", "-o", "-v", "-s", "-W", "-h"], singleDashLong: false }, inline: ["-Q", "-q"], files: ["-i"] };
const MYCLI: Carrier = { spec: { valued: ["-e", "--execute", "-u", "--user", "-h", "--host", "-P", "--port", "-D", "--database", "-S", "--socket"], singleDashLong: false }, inline: ["-e", "--execute"], files: [] };

/** mongosh: `--eval CODE`, `--file F`, script files as arguments, or a script on stdin. */
const MONGOSH: Carrier = {
  spec: { valued: ["--eval", "-u", "--username", "--host", "--port", "--authenticationDatabase", "--authenticationMechanism", "-f", "--file", "--apiVersion", "--tlsCAFile", "--tlsCertificateKeyFile"], singleDashLong: false },
  inline: ["--eval"],
  files: ["-f", "--file"],
  language: "mongo",
  scriptArgs: /\.(?:c|m)?js$/i,
};

const FLY_POSTGRES: Carrier = {
  spec: { valued: ["-a", "--app", "-d", "--database", "-u", "--user", "-c", "--config", "-r", "--region"], singleDashLong: false },
  inline: [],
  files: [],
  subcommand: [["postgres", "pg", "mpg"], "connect"],
  rollback: true,
};
/** `rails dbconsole` / `rails db` starts the app's database client: SQL on its stdin runs there. */
const RAILS_DBCONSOLE: Carrier = { spec: { valued: ["-e", "--environment", "--db", "--database", "-c"], singleDashLong: false }, inline: [], files: [], subcommand: [["dbconsole", "db"]] };
const DBSHELL: Carrier = { spec: { valued: ["--settings", "--pythonpath", "--database", "-v", "--verbosity"], singleDashLong: false }, inline: [], files: [], subcommand: ["dbshell"], passthrough: true };
/**
 * The arguments a database shell passes on to psql, mysql or sqlite3: their SQL options and files, and
 * sqlite3's SQL arguments (a database name read as SQL classifies as nothing).
 */
const PASSED_ON: Carrier = {
  spec: { valued: ["-c", "--command", "-e", "--execute", "-f", "--file", "-h", "--host", "-p", "--port", "-U", "-u", "--user", "--username", "-d", "--dbname", "-D", "--database", "-v", "--set", "-P", "-o", "--output"], singleDashLong: false },
  inline: ["-c", "--command", "-e", "--execute"],
  files: ["-f", "--file"],
  positionalSqlFrom: 0,
};
/** redis-cli: the positional arguments are one command; with none, each line of stdin is a command (`echo FLUSHALL | redis-cli`). */
const REDIS: Carrier = {
  spec: { valued: ["-h", "-p", "-s", "-a", "-u", "-n", "-r", "-i", "-d", "-D", "-t", "-X", "--user", "--pass", "--rdb", "--functions-rdb", "--pipe-timeout", "--lru-test",
    "--memkeys-samples", "--pattern", "--count", "--quoted-pattern", "--intrinsic-latency", "--eval", "--cluster", "--sni", "--cacert", "--cacertdir",
    "--tls-ciphers", "--tls-ciphersuites", "--cert", "--key", "--show-pushes"], singleDashLong: false },
  inline: [],
  files: [],
  language: "redis",
};

/** cypher-shell (Neo4j): the query as its argument, `-f FILE`, or statements on stdin. */
const CYPHER_SHELL: Carrier = {
  spec: { valued: ["-a", "--address", "--uri", "-u", "--username", "-p", "--password", "-d", "--database", "--format", "-f", "--file", "-P", "--param",
    "--encryption", "--access-mode", "--impersonate", "--history", "--log", "--sample-rows", "--idle-timeout", "--error-format"], singleDashLong: false },
  inline: [],
  files: ["-f", "--file"],
  positionalSqlFrom: 0,
  language: "cypher",
};

/** Trino / Presto CLI: `--execute SQL`, `-f FILE`, or statements on stdin. */
const TRINO: Carrier = {
  spec: { valued: ["--execute", "-f", "--file", "--server", "--catalog", "--schema", "--user", "--output-format", "--session", "--source", "--client-tags",
    "--client-info", "--extra-credential", "--resource-estimate", "--client-request-timeout", "--truststore-path", "--keystore-path", "--access-token",
    "--krb5-principal", "--krb5-config-path", "--krb5-keytab-path", "--http-proxy", "--socks-proxy", "--timezone", "--network-logging", "--config"], singleDashLong: false },
  inline: ["--execute"],
  files: ["-f", "--file"],
};

/** The InfluxDB 1.x CLI (`influx -execute 'DROP …'`, statements on stdin) and 2.x's `influx v1 shell`. */
const INFLUX: Carrier = {
  spec: { valued: ["-execute", "--execute", "-host", "--host", "-port", "-database", "-username", "-password", "-format", "-precision", "-path", "-import", "-consistency",
    "-t", "--token", "-o", "--org", "--configs-path", "-c", "--active-config"], singleDashLong: true },
  inline: ["-execute", "--execute"],
  files: [],
  language: "influxql",
};

/** Hadoop-family SQL shells: `spark-sql`, `hive` and `beeline` run `-e SQL`, and `-f`/`-i` files (the init file is SQL too). */
const SPARK_SQL: Carrier = {
  spec: { valued: ["-e", "-f", "-i", "-d", "--define", "--hiveconf", "--hivevar", "--database", "--master", "--conf", "--name", "--jars", "--packages",
    "--properties-file", "--driver-memory", "--executor-memory", "--deploy-mode", "--class", "--num-executors", "--executor-cores", "--queue", "--files",
    "--py-files", "--driver-class-path", "--driver-java-options", "--driver-library-path", "--exclude-packages", "--repositories", "--total-executor-cores",
    "--keytab", "--principal", "--driver-cores", "--proxy-user", "--archives"], singleDashLong: false },
  inline: ["-e"],
  files: ["-f", "-i"],
};
const BEELINE: Carrier = {
  spec: { valued: ["-e", "-f", "-i", "-u", "-n", "-p", "-d", "-w", "-a", "--hiveconf", "--hivevar", "--property-file", "--outputformat", "--delimiterForDSV"], singleDashLong: false },
  inline: ["-e"],
  files: ["-f", "-i"],
};
/** impala-shell: `-q SQL`, `-f`/`--query_file FILE`; `-c` only continues after errors. */
const IMPALA: Carrier = {
  spec: { valued: ["-q", "--query", "-f", "--query_file", "-i", "--impalad", "-d", "--database", "-u", "--user", "-o", "--output_file", "--var", "--config_file",
    "--ca_cert", "-b", "--kerberos_host_fqdn", "--output_delimiter", "-s", "--kerberos_service_name", "-Q", "--query_option", "--protocol", "--http_path"], singleDashLong: false },
  inline: ["-q", "--query"],
  files: ["-f", "--query_file"],
};
/** MySQL Shell: `-e` runs its code in the session's language: SQL with `--sql`, else JavaScript or Python whose `session.runSql('…')` / `session.sql('…')` strings are the SQL. */
const MYSQLSH: Carrier = {
  spec: { valued: ["-e", "--execute", "-f", "--file", "-u", "--user", "--dbuser", "-h", "--host", "-P", "--port", "-D", "--schema", "--database", "-S", "--socket", "--uri",
    "--login-path", "--name"], singleDashLong: false },
  inline: ["-e", "--execute"],
  files: ["-f", "--file"],
  language: "mysqlsh",
};
/** `surreal sql --conn URL` reads SurrealQL on stdin (its `-e` is the endpoint, not a query). */
const SURREAL: Carrier = {
  spec: { valued: ["-e", "--endpoint", "--conn", "-u", "--user", "--username", "-p", "--pass", "--password", "--ns", "--namespace", "--db", "--database", "--auth-level", "-t", "--token"], singleDashLong: false },
  inline: [],
  files: [],
  subcommand: ["sql"],
  language: "surrealql",
};
/** `edgedb query 'delete User'` / `gel query`: each argument after `query` is an EdgeQL statement, `--file` a file of them. */
const EDGEDB: Carrier = {
  spec: { valued: ["-I", "--instance", "-d", "--database", "-b", "--branch", "-H", "--host", "-P", "--port", "-u", "--user", "--dsn", "--credentials-file",
    "--tls-ca-file", "--tls-security", "-F", "--output-format", "--file", "--input-language"], singleDashLong: false },
  inline: [],
  files: ["--file"],
  subcommand: ["query"],
  positionalSqlFrom: 1,
  language: "edgeql",
};
/** `snow sql -q SQL`, `-f FILE` or stdin: the Snowflake CLI's SQL command. */
const SNOW: Carrier = {
  spec: { valued: ["-q", "--query", "-f", "--filename", "-c", "--connection", "--environment", "--account", "--accountname", "--user", "--username", "--password",
    "--database", "--dbname", "--schema", "--schemaname", "--role", "--rolename", "--warehouse", "-D", "--variable", "--format", "--host", "--port", "--authenticator",
    "--private-key-file", "--private-key-path", "--token-file-path", "--config-file", "--project", "--retain-comments"], singleDashLong: false },
  inline: ["-q", "--query"],
  files: ["-f", "--filename"],
  subcommand: ["sql"],
};
/** `wp db query 'SQL'` (WP-CLI runs it through mysql), or SQL on stdin. */
const WP_DB: Carrier = { spec: { valued: [], singleDashLong: false }, inline: [], files: [], subcommand: ["db", "query"], positionalSqlFrom: 2, mysqlCommands: true };

/** Symfony's `bin/console dbal:run-sql SQL` (`doctrine:query:sql` before DBAL 3) runs its argument on the app's database. */
const SYMFONY_COMMANDS = ["dbal:run-sql", "doctrine:query:sql"];
const CONSOLE_SQL: Carrier = { spec: { valued: ["--env", "-e", "--connection"], singleDashLong: false }, inline: [], files: [], subcommand: [SYMFONY_COMMANDS], positionalSqlFrom: 1 };
/** Laravel's `php artisan db` and PlanetScale's `pscale shell DB BRANCH` open a database client that reads SQL from stdin. */
const ARTISAN_DB: Carrier = {
  spec: { valued: ["-d", "-c", "--database"], singleDashLong: false },
  inline: [],
  files: [],
  subcommand: [["artisan", "./artisan"], ["db"]],
  also: { ...CONSOLE_SQL, subcommand: [["bin/console", "./bin/console", "app/console", "console"], SYMFONY_COMMANDS], positionalSqlFrom: 2 },
};
/** Drupal's `drush sql:query SQL` (or `--file F`). */
const DRUSH: Carrier = { spec: { valued: ["--file", "--database", "--target", "--db-url", "--uri", "-l", "--root", "-r"], singleDashLong: false }, inline: [], files: ["--file"], subcommand: [["sql:query", "sql-query", "sqlq"]], positionalSqlFrom: 1 };

const SQL_CARRIERS: Record<string, Carrier> = {
  influx: INFLUX,
  console: CONSOLE_SQL,
  symfony: { ...CONSOLE_SQL, subcommand: ["console", SYMFONY_COMMANDS], positionalSqlFrom: 2 },
  drush: DRUSH,
  "spark-sql": SPARK_SQL,
  hive: SPARK_SQL,
  beeline: BEELINE,
  "impala-shell": IMPALA,
  mysqlsh: MYSQLSH,
  surreal: SURREAL,
  edgedb: EDGEDB,
  gel: EDGEDB,
  snow: SNOW,
  wp: WP_DB,
  php: ARTISAN_DB,
  // `pscale shell DB BRANCH --execute SQL`: the options after the branch reach the mysql client it starts.
  pscale: { spec: { valued: ["--org", "--service-token", "--service-token-id", "--role", "-e", "--execute"], singleDashLong: false }, inline: ["-e", "--execute"], files: [], subcommand: ["shell"], mysqlCommands: true },
  trino: TRINO,
  presto: TRINO,
  "presto-cli": TRINO,
  "cypher-shell": CYPHER_SHELL,
  "redis-cli": REDIS,
  "valkey-cli": REDIS,
  "keydb-cli": REDIS,
  mongosh: MONGOSH,
  mongo: MONGOSH,
  psql: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite3: SQLITE,
  sqlite: SQLITE,
  duckdb: DUCKDB,
  "clickhouse-client": CLICKHOUSE,
  clickhouse: { ...CLICKHOUSE, subcommand: ["client"] },
  // Platform CLIs that run SQL: `prisma db execute --file F`, `wrangler d1 execute DB --command SQL`, `heroku pg:psql -c SQL`, `turso db shell DB SQL`.
  prisma: { spec: { valued: ["--file", "--schema", "--url", "--config"], singleDashLong: false }, inline: [], files: ["--file"], subcommand: ["db", "execute"] },
  wrangler: { spec: { valued: ["--command", "--file", "--env", "-e", "--config", "-c", "--persist-to"], singleDashLong: false }, inline: ["--command"], files: ["--file"], subcommand: ["d1", "execute"] },
  heroku: { spec: { valued: ["-c", "--command", "-f", "--file", "-a", "--app", "-r", "--remote"], singleDashLong: false }, inline: ["-c", "--command"], files: ["-f", "--file"], subcommand: ["pg:psql"], rollback: true },
  // Database shells of hosting CLIs, which read SQL from stdin: `railway connect postgres <<< SQL`, `fly postgres connect -a db < f.sql`.
  railway: { spec: { valued: ["-e", "--environment", "-s", "--service"], singleDashLong: false }, inline: [], files: [], subcommand: ["connect"] },
  fly: FLY_POSTGRES,
  flyctl: FLY_POSTGRES,
  // `supabase db query --linked 'SQL'`: the SQL is the argument after the subcommand.
  supabase: { spec: { valued: ["--db-url", "-f", "--file", "--workdir", "--project-ref", "-o", "--output"], singleDashLong: false }, inline: [], files: ["-f", "--file"], subcommand: ["db", ["query", "execute"]], positionalSqlFrom: 2 },
  turso: { spec: { valued: ["--location", "--instance"], singleDashLong: false }, inline: [], files: [], subcommand: ["db", "shell"], positionalSqlFrom: 3 },
  // Django's `manage.py dbshell` starts the project's SQL client: SQL on its stdin runs there.
  "manage.py": DBSHELL,
  rails: RAILS_DBCONSOLE,
  "django-admin": DBSHELL,
  cqlsh: CQLSH,
  bq: BQ,
  snowsql: SNOWSQL,
  usql: USQL,
  cockroach: COCKROACH,
  sqlcmd: SQLCMD,
  mycli: MYCLI,
  litecli: { ...MYCLI, positionalSqlFrom: undefined },
};

export function sqlCarrier(program: string): Carrier | undefined {
  return Object.prototype.hasOwnProperty.call(SQL_CARRIERS, program) ? SQL_CARRIERS[program] : undefined;
}

/** Options that carry SQL in any client, so that SQL given there keeps stdin from being read as SQL. */
const ANY_INLINE = ["-c", "--command", "-e", "--execute", "-q", "--query", "-Q", "--eval"];

function sources(invocation: Invocation, carrier: Carrier, parsed: ParsedArgs, ctx: Reader): SqlSource[] {
  const out: SqlSource[] = [];
  for (const { value, word, attached } of optionValues(parsed, invocation, carrier.inline)) {
    // An attached value (`--command=SQL`) is already split from its option; an attached one with
    // expansions cannot be split reliably, so it is unknown SQL.
    const text = !attached ? wordText(word) : word.dynamic ? undefined : value;
    out.push({ text, dynamic: word.dynamic, origin: "inline", source: word.dynamic ? "variable" : "inline", span: word.span, word });
  }
  for (const { value, word } of optionValues(parsed, invocation, carrier.files)) {
    // `psql -f -`: the SQL comes from stdin.
    if (value === "-") continue;
    const text = word.dynamic || !ctx.readFile ? undefined : ctx.readFile(value);
    out.push({ text, origin: `file ${word.raw}`, source: "file", span: word.span });
  }
  if (carrier.scriptArgs) {
    for (const word of parsed.positionals.filter((w) => carrier.scriptArgs!.test(w.value))) {
      const text = word.dynamic || !ctx.readFile ? undefined : ctx.readFile(word.value);
      out.push({ text, origin: `file ${word.raw}`, source: "file", span: word.span });
    }
  }
  // redis-cli: its arguments are one command, `redis-cli EVAL "script" 0` included (`-x` reads only the last argument from stdin).
  if (carrier.language === "redis") {
    // redis-cli stops reading options at the command name: `ZREMRANGEBYRANK k 0 -1` and `-inf` are the command's arguments.
    const first = parsed.positionals[0] === undefined ? -1 : invocation.argv.indexOf(parsed.positionals[0]);
    const words = first > 0 ? invocation.argv.slice(first) : parsed.positionals;
    // Unknown only where the command or the script is: `redis-cli GET "$KEY"` still only reads.
    const dynamic = words[0]?.dynamic === true || (/^EVAL/i.test(words[0]?.value ?? "") && words[1]?.dynamic === true);
    if (words.length > 0) {
      const line = words.map((w) => JSON.stringify(wordText(w))).join(" ");
      out.push({ text: line, dynamic, origin: "argument", source: dynamic ? "variable" : "inline", span: { start: words[0].span.start, end: words[words.length - 1].span.end } });
    }
    // `redis-cli --eval script.lua`: the file is a Lua script, run as EVAL would.
    for (const { value, word } of optionValues(parsed, invocation, ["--eval"])) {
      const script = word.dynamic || !ctx.readFile ? undefined : ctx.readFile(value);
      out.push({ text: script === undefined ? undefined : `EVAL ${JSON.stringify(script)} 0`, origin: `file ${word.raw}`, source: "file", span: word.span });
    }
  }
  if (carrier.positionalSqlFrom !== undefined) {
    for (const word of parsed.positionals.slice(carrier.positionalSqlFrom)) {
      out.push({ text: wordText(word), dynamic: word.dynamic, origin: "argument", source: word.dynamic ? "variable" : "inline", span: word.span, word });
    }
  }
  // With no SQL in its arguments a client reads stdin: a heredoc, a here-string, a pipe or a file.
  // An option the client declares for something else is not SQL: `rails dbconsole -e production` names an environment.
  const anyInline = ANY_INLINE.filter((o) => carrier.inline.includes(o) || !carrier.spec.valued?.includes(o));
  const hasArgSql = out.length > 0 || findOption(parsed, anyInline) !== undefined;
  const stdin = invocation.stdin;
  if (!hasArgSql && stdin) {
    if (stdin.kind === "file") {
      const text = stdin.path.dynamic || !ctx.readFile ? undefined : ctx.readFile(stdin.path.value);
      out.push({ text, origin: `stdin from ${stdin.path.raw}`, source: "file", span: stdin.span });
    } else {
      out.push({ text: literalStdin(stdin), origin: "stdin", source: stdin.kind === "pipe" ? "pipe" : "heredoc", span: stdin.span });
    }
  }
  return out;
}

/** Query languages that spell SQL's statements their own way, rewritten so the SQL classifier reads them. */
function asSql(text: string, language: Carrier["language"]): string {
  if (language === "influxql") return influxAsSql(text);
  if (language === "surrealql") return surrealAsSql(text);
  if (language === "edgeql") return edgeqlAsSql(text);
  if (language === "mysqlsh") return mysqlshAsSql(text);
  return text;
}

/** MySQL Shell code: the SQL strings of `session.runSql('…')`, `session.sql("…")`, `run_sql`; text without them is SQL (`--sql`). */
function mysqlshAsSql(text: string): string {
  const calls = [...text.matchAll(/\b(?:runSql|run_sql|sql)\(\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((m) => m[2]);
  return calls.length > 0 ? calls.join(";\n") : text;
}

/** Files run by `\i`, `.read` or `source` are read this many levels deep; deeper ones are unknown. */
const MAX_INCLUDE_DEPTH = 3;

/** Facts of one SQL text: its statements, and those of the files it includes (`\i reset.sql`). */
function textFacts(text: string, source: SqlSource, carrier: Carrier, ctx: Reader, depth: number, inMemory = false): SqlFact[] {
  const facts: SqlFact[] = [];
  const analysis = carrier.language === "mongo" ? { statements: analyzeMongo(text), truncated: false } : carrier.language === "redis" ? { statements: analyzeRedis(text), truncated: false }
    : carrier.language === "cypher" ? { statements: analyzeCypher(text), truncated: false } : analyzeSql(asSql(text, carrier.language));
  // `BEGIN; DELETE FROM orders; ROLLBACK;` rehearses a change: what the rollback undoes is not checked.
  if (carrier.rollback) analysis.statements = withoutRolledBack(analysis.statements);
  // `sqlite3 :memory: 'create table t(a); drop table t'`: a private in-memory database; its rows live only in the process.
  if (inMemory && !REACHES_FILES.test(text)) analysis.statements = analysis.statements.filter((s) => !IN_MEMORY_CHANGES.has(s.kind));
  // `psql -c "$SQL"`: a statement guard cannot classify, made of expansions, is unknown SQL.
  const opaque = source.dynamic && analysis.statements.some((s) => s.kind === "other");
  if (analysis.truncated || opaque) facts.push({ kind: "unknown", origin: source.origin, source: source.source, span: source.span });
  const spanOf = source.word && depth === 0 ? wordPartSpans(source.word, text) : undefined;
  for (const found of analysis.statements) {
    const command = carrier.mysqlCommands && found.kind === "other" ? mysqlWordCommand(found.text) : undefined;
    const statement: SqlStatement = command ? { ...found, ...command } : found;
    // An inline statement underlines itself, not the whole `-c` string it sits in.
    const own = spanOf?.(statement.start, statement.end);
    facts.push({ kind: statement.kind, statement, origin: source.origin, source: source.source, span: own ?? source.span });
    // `\!` with nothing after it opens an interactive shell: what runs there is unknown.
    if (statement.kind === "shell-escape" && statement.shell === undefined) facts.push({ kind: "unknown", origin: source.origin, source: source.source, span: source.span });
    if (statement.kind !== "include") continue;
    const included = statement.include && depth < MAX_INCLUDE_DEPTH && ctx.readFile ? ctx.readFile(statement.include) : undefined;
    const origin = `${source.origin} › ${statement.text}`;
    if (included === undefined) facts.push({ kind: "unknown", origin, source: "file", span: source.span });
    else facts.push(...textFacts(included, { ...source, text: included, dynamic: false, origin, source: "file" }, carrier, ctx, depth + 1));
  }
  return facts;
}

/** The part of the context the carriers read: files named in the command. */
export interface Reader {
  readFile?: (path: string) => string | undefined;
  /** Where home and the project are: a database file in them is never scratch (see scratchDatabase). */
  home?: string;
  cwd?: string;
  repoRoot?: string;
}

const CARRIER_SPECS = new Map<string, ArgSpec>();

/** How a client's arguments parse: the same for every invocation of the program, so built once. */
function carrierSpec(program: string, carrier: Carrier): ArgSpec {
  let spec = CARRIER_SPECS.get(program);
  if (!spec) {
    spec = { ...carrier.spec, abbreviations: acceptsAbbreviations(program), known: [...carrier.inline, ...carrier.files] };
    // Only programs with a carrier get here: guard's own table, so the map stays small.
    CARRIER_SPECS.set(program, spec);
  }
  return spec;
}

/** Data changes that, in an in-memory or scratch database, touch nothing anyone keeps. */
const IN_MEMORY_CHANGES = new Set<SqlStatement["kind"]>(["drop-table", "replace-table", "truncate", "delete-without-where", "update-without-where", "alter-drop",
  "drop-other", "drop-scratch-table", "drop-index", "delete", "update", "alter"]);
/** SQL or dot-commands that reach a database file from an in-memory session (ATTACH, .open, .restore, VACUUM INTO…). */
const REACHES_FILES = /\battach\b|(?:^|[;\n])\s*\.(?:open|restore|clone|backup|save|import|output|once|read|load)\b|\bvacuum\b[^;]*\binto\b/i;

/**
 * sqlite3 and duckdb on an in-memory database named as one: `:memory:` or an empty name (a private temporary
 * database). Options before the name are skipped by the parser; a dynamic name could be a file.
 */
function inMemoryDatabase(carrier: Carrier, parsed: ParsedArgs, ctx: Reader): boolean {
  if (carrier !== SQLITE && carrier !== DUCKDB) return false;
  const name = parsed.positionals[0];
  // With no name at all the database is in memory too, but guard asks then as before: the SQL may name tables the user expects to exist.
  return name !== undefined && !name.dynamic && (name.value === ":memory:" || name.value === "" || scratchDatabase(name.value, ctx));
}

/** Temp directories whose files are scratch: a database file made there (`sqlite3 /tmp/scratch.db`) is a throwaway. */
const SCRATCH_DIRS = ["/tmp/", "/var/tmp/", "/dev/shm/"];

/**
 * A database file named by an absolute path in a temp directory, and not in home or the project (HOME
 * or a checkout may lie under /tmp in containers): dropping its tables loses nothing anyone keeps.
 */
function scratchDatabase(path: string, ctx: Reader): boolean {
  if (!path.startsWith("/") || path.split("/").includes("..") || !SCRATCH_DIRS.some((d) => path.startsWith(d))) return false;
  const inside = (dir: string | undefined) => dir === undefined || path === dir || path.startsWith(`${dir.replace(/\/+$/, "")}/`);
  // Unknown home or project: not scratch.
  if (ctx.home === undefined || inside(ctx.home)) return false;
  return ![ctx.cwd, ctx.repoRoot].some((d) => d !== undefined && inside(d));
}

/** SQL facts for a database client invocation; undefined when the program is not a SQL carrier. */
export function sqlFacts(invocation: Invocation, ctx: Reader): SqlFact[] | undefined {
  let carrier = sqlCarrier(invocation.program);
  if (!carrier) return undefined;
  // `psql --comm='DROP …'`: getopt_long clients read a unique prefix as the option.
  let parsed = parseArgs(invocation, carrierSpec(invocation.program, carrier));
  // `bq ls`, `cockroach start`: the program carries SQL only in its SQL subcommand (or in another one it also has).
  const given = (c: Carrier, p: ParsedArgs) => !c.subcommand || c.subcommand.every((word, i) => [word].flat().includes(p.positionals[i]?.value ?? ""));
  for (let depth = 1; !given(carrier, parsed); depth++) {
    if (!carrier.also) return [];
    carrier = carrier.also;
    parsed = parseArgs(invocation, carrierSpec(`${invocation.program}#${depth}`, carrier));
  }
  const facts: SqlFact[] = [];
  const inMemory = inMemoryDatabase(carrier, parsed, ctx);
  for (const source of sources(invocation, carrier, parsed, ctx)) {
    if (source.text === undefined) facts.push({ kind: "unknown", origin: source.origin, source: source.source, span: source.span });
    else facts.push(...textFacts(source.text, source, carrier, ctx, 0, inMemory));
  }
  const dashes = carrier.passthrough ? invocation.argv.findIndex((w, i) => i > 0 && !w.dynamic && w.value === "--") : -1;
  if (dashes > 0) {
    const passed: Invocation = { ...invocation, argv: [invocation.argv[0], ...invocation.argv.slice(dashes + 1)], stdin: undefined };
    const passedParsed = parseArgs(passed, carrierSpec("(passed on)", PASSED_ON));
    for (const source of sources(passed, PASSED_ON, passedParsed, ctx)) {
      if (source.text === undefined) facts.push({ kind: "unknown", origin: source.origin, source: source.source, span: source.span });
      else facts.push(...textFacts(source.text, source, PASSED_ON, ctx, 0));
    }
  }
  return facts;
}

/** Shell commands the SQL of a client runs (`\! cmd`, `.shell cmd`, `COPY … PROGRAM 'cmd'`): extraction checks them as commands. */
export function sqlShellCommands(invocation: Invocation, ctx: Reader): { text: string; span: Span; label: string }[] {
  const facts = sqlFacts(invocation, ctx) ?? [];
  return facts.flatMap((f) => (f.kind === "shell-escape" && f.statement?.shell ? [{ text: f.statement.shell, span: f.span, label: `${invocation.program} ${f.statement.text.split(/\s/)[0]}` }] : []));
}
