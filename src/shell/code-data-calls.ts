// ORM bulk deletes and cloud SDK delete calls in interpreter code, read as the SQL or CLI command they amount to.
import { dataSdkCalls } from "./code-data-sdks";

/** A command the code amounts to: checked by the same rules as the command itself. */
export interface DataCall {
  argv: string[];
  call: string;
}

/** `Model.delete_all` / `Model.destroy_all` with no scope before them (`User.where(…).delete_all` deletes only some). */
const RUBY_BULK = /(?:^|[^\w.:])((?:[A-Z]\w*::)*[A-Z]\w*)(?:\.(?:all|unscoped))?\.(delete_all|destroy_all)\b/g;
/** Django `Model.objects.all().delete()`, or `Model.objects.delete()` on a custom manager. */
const DJANGO_BULK = /(?:^|[^\w.])([A-Z]\w*)\.objects(?:\.all\(\s*\))?\.delete\(\s*\)/g;
/** Prisma / Mongoose / Sequelize: `prisma.user.deleteMany()`, `deleteMany({})`, `destroy({ where: {} , truncate: true })`. */
const JS_BULK = /\.(deleteMany|remove|destroy)\(\s*(?:\{\s*(?:where\s*:\s*\{\s*\}\s*,?\s*)?(?:truncate\s*:\s*true\s*)?\})?\s*\)/g;

/** Rails `connection.drop_table(:orders)` / `truncate(:orders)`, Laravel `Schema::dropIfExists('x')`, `DB::table('x')->truncate()`, `User::truncate()`. */
const RUBY_SCHEMA = /\bconnection\.(drop_table|truncate|truncate_tables)\(?\s*[:'"]?(\w+)/g;
const PHP_SCHEMA = /\bSchema::(?:drop|dropIfExists)\(\s*['"](\w+)['"]/g;
const PHP_TRUNCATE = /(?:\bDB::table\(\s*['"](\w+)['"]\s*\)|\b([A-Z]\w*)(?:::query\(\s*\))?)(?:->|::)truncate\(\s*\)/g;
/** `DB::table('x')->delete()` or `User::query()->delete()` with nothing between: every row. */
const PHP_DELETE_ALL = /(?:\bDB::table\(\s*['"](\w+)['"]\s*\)|\b([A-Z]\w*)::query\(\s*\))->delete\(\s*\)/g;
/** SQL handed to Laravel's `DB::statement('…')`/`unprepared`, or Ecto's `Repo.query!("…")`/`Ecto.Adapters.SQL.query(Repo, "…")`. */
const FRAMEWORK_SQL = /(?:\bDB::(?:statement|unprepared|delete|update)|\bRepo\.query!?|\bSQL\.query!?\(\s*[\w.]+\s*,)\(?\s*(["'])((?:(?!\1)[^\\]|\\.){1,4000})\1/g;
/** Ecto `Repo.delete_all(User)`: a schema module, not a query, deletes every row. */
const ECTO_DELETE_ALL = /\bRepo\.delete_all!?\(\s*((?:[A-Z]\w*\.)*[A-Z]\w*)\s*[,)]/g;
/** Sidekiq's queues and sets emptied from code (`Sidekiq::Queue.all.each(&:clear)`, `Sidekiq::RetrySet.new.clear`). */
const SIDEKIQ_CLEAR = /\bSidekiq::(Queue|RetrySet|ScheduledSet|DeadSet)\b[^;\n]*?(?:\.clear\b|&:clear)/g;

/** Schema, truncate and raw-SQL calls of Rails, Laravel and Ecto code, as the SQL they run; queue clears as a queue purge. */
function frameworkCalls(language: string, code: string): DataCall[] {
  const out: DataCall[] = [];
  const sql = (text: string, call: string) => out.push({ argv: ["psql", "-c", text], call });
  if (language === "ruby") {
    for (const m of code.matchAll(RUBY_SCHEMA)) sql(m[1] === "drop_table" ? `DROP TABLE ${m[2]}` : `TRUNCATE ${m[2]}`, m[1]);
    for (const m of code.matchAll(ECTO_DELETE_ALL)) sql(`DELETE FROM ${table(m[1].split(".").pop()!)}`, "Repo.delete_all");
    for (const m of code.matchAll(SIDEKIQ_CLEAR)) out.push({ argv: ["job-queue", "clear", m[1]], call: `Sidekiq::${m[1]} clear` });
  }
  if (language === "php") {
    for (const m of code.matchAll(PHP_SCHEMA)) sql(`DROP TABLE ${m[1]}`, "Schema::drop");
    for (const m of code.matchAll(PHP_TRUNCATE)) sql(`TRUNCATE ${m[1] ?? table(m[2])}`, "truncate");
    for (const m of code.matchAll(PHP_DELETE_ALL)) sql(`DELETE FROM ${m[1] ?? table(m[2])}`, "delete");
  }
  if (language === "ruby" || language === "php") {
    for (const m of code.matchAll(FRAMEWORK_SQL)) if (/\b(?:drop|truncate|delete|update|alter)\b/i.test(m[2])) sql(m[2], "query");
  }
  return out;
}

/** boto3 method names that destroy: `delete_db_instance`, `terminate_instances`. */
const BOTO_VERBS = /\.((?:delete|terminate|remove|purge|drop|destroy|deregister)_[a-z0-9_]+)\s*\(/g;
/** `@aws-sdk/client-rds` v3 commands: `new DeleteDBInstanceCommand(`. */
const AWS_V3 = /\bnew\s+((?:Delete|Terminate|Remove|Purge|Drop|Destroy|Deregister)[A-Za-z0-9]*)Command\s*\(/g;

/** google-cloud / azure methods that destroy: `.delete()`, `.delete_blob(`, `.begin_delete(`, `.deleteDatabase(`. */
const CLOUD_VERBS = /\.((?:begin_?)?(?:[Dd]elete|[Tt]erminate|[Pp]urge|[Dd]rop|[Dd]estroy)(?:_?[A-Za-z0-9]+)*)\s*\(/g;

/** `DeleteDBInstance` → `delete-db-instance`, as the AWS CLI spells operation names. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").toLowerCase();
}

function table(model: string): string {
  return model.replace(/::/g, "_").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** The AWS service a piece of code talks to: `boto3.client('rds')`, `@aws-sdk/client-rds`; undefined when none or several. */
function awsService(code: string): string | undefined {
  const services = new Set<string>();
  for (const m of code.matchAll(/boto3\.(?:client|resource)\(\s*['"]([a-z0-9-]+)['"]/g)) services.add(m[1]);
  for (const m of code.matchAll(/@aws-sdk\/client-([a-z0-9-]+)/g)) services.add(m[1]);
  return services.size === 1 ? [...services][0] : undefined;
}

/** A Redis client (redis-py, ioredis, node-redis, the Ruby gem) in the code. */
const REDIS_CLIENT = /\bredis\b|ioredis|\bRedis\s*[.(]/i;
/** Redis client methods that are server commands guard's redis rules judge: the command and its literal arguments. */
const REDIS_METHODS = /\.(flushall|flushdb|flushAll|flushDb|replicaof|slaveof|replicaOf|slaveOf|config_set|configSet|shutdown|debug_segfault|swapdb)\s*\(([^()]*)\)/g;
/** MongoDB drivers (pymongo, the Node driver, mongoose, motor). */
const MONGO_CLIENT = /pymongo|MongoClient|mongodb|mongoose|motor/i;
/** Driver calls that drop or empty: `drop_database('app')`, `db.users.drop()`, `delete_many({})`. */
const MONGO_METHODS = /\.(drop_database|dropDatabase|drop_collection|dropCollection|drop|delete_many|deleteMany|remove)\s*\(\s*(\{\s*\}|['"][^'"]*['"])?\s*\)/g;
/** SQLAlchemy / Flask-SQLAlchemy `metadata.drop_all(engine)`, `db.drop_all()`: every mapped table is dropped. */
const DROP_ALL = /\.drop_all\s*\(/;
/** SQL text handed to a driver through a wrapper (`execute(text("DROP TABLE t"))`, `sql.SQL("…")`): checked as SQL. */
const SQL_TEXT = /\b(?:text|SQL|sql\.SQL|literal_column)\s*\(\s*(["'])((?:(?!\1)[^\\]|\\.){1,4000})\1/g;

/** `redis://host:6379`, `host='prod-redis'`, `{host: "x"}`: where the client connects, as redis-cli's -h. */
function redisHost(code: string): string[] {
  const m = /rediss?:\/\/(?:[^@/'"\s]*@)?([\w.-]+)/.exec(code) ?? /\bhost\s*[=:]\s*["']([\w.-]+)["']/.exec(code);
  return m ? ["-h", m[1]] : [];
}

/** The literal words of a call's arguments (`'dir', '/tmp'` → dir /tmp); non-literals as a placeholder. */
function literalWords(args: string): string[] {
  return args.split(",").map((a) => a.trim()).filter(Boolean).map((a) => /^["']([^"']*)["']$/.exec(a)?.[1] ?? "x");
}

/** Redis, MongoDB and SQLAlchemy calls, as the redis-cli, mongosh and psql commands they amount to. */
function storeCalls(language: string, code: string): DataCall[] {
  const out: DataCall[] = [];
  if (REDIS_CLIENT.test(code)) {
    for (const m of code.matchAll(REDIS_METHODS)) {
      const words = m[1].replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase().split(" ");
      out.push({ argv: ["redis-cli", ...redisHost(code), ...words, ...literalWords(m[2])], call: m[1] });
    }
  }
  if (MONGO_CLIENT.test(code)) {
    for (const m of code.matchAll(MONGO_METHODS)) {
      const name = m[1];
      // `.remove()` / `.drop()` with a filter or name are judged by what they name; pandas' `df.drop(columns=…)` has arguments.
      if (/^(?:drop_database|dropDatabase)$/.test(name)) out.push({ argv: ["mongosh", "--eval", "db.dropDatabase()"], call: name });
      else if (/^(?:drop_collection|dropCollection|drop)$/.test(name) && (name !== "drop" || m[2] === undefined)) out.push({ argv: ["mongosh", "--eval", "db.collection.drop()"], call: name });
      else if (m[2] !== undefined && m[2].startsWith("{")) out.push({ argv: ["mongosh", "--eval", "db.collection.deleteMany({})"], call: name });
    }
  }
  // The Kubernetes client: `CoreV1Api().delete_namespace('prod')`, `delete_namespaced_pod(…)`, `delete_collection_namespaced_…`.
  if (/\bkubernetes\b|@kubernetes\/client-node/.test(code)) {
    for (const m of code.matchAll(/\.(delete_namespace|deleteNamespace)\s*\(\s*(?:name\s*=\s*)?(?:["']([\w.-]+)["'])?/g)) out.push({ argv: ["kubectl", "delete", "namespace", m[2] ?? "x"], call: m[1] });
    for (const m of code.matchAll(/\.(?:delete_collection_namespaced|delete_namespaced|deleteNamespaced|deleteCollectionNamespaced)_?([A-Za-z_]+)\s*\(/g)) out.push({ argv: ["kubectl", "delete", m[1].toLowerCase(), "--all"], call: `delete ${m[1]}` });
  }
  // The Docker SDK: `docker.from_env().volumes.list()` … `.remove()`, `.prune()`.
  if (/\bdocker\.(?:from_env|DockerClient|APIClient)\b|require\(\s*["']dockerode["']\)/.test(code)) {
    const kind = /\.volumes\b|remove_volume|getVolume/.test(code) ? "volume" : /\.images\b|remove_image/.test(code) ? "image" : "container";
    if (/\.(?:remove|remove_volume|remove_image|remove_container)\s*\(/.test(code)) out.push({ argv: ["docker", kind, "rm", "-f", "x"], call: `${kind}.remove` });
    if (/\.prune\s*\(|\.prune_(?:volumes|containers|images)\s*\(|prune(?:Volumes|Containers|Images)\s*\(/.test(code)) out.push({ argv: ["docker", kind, "prune", "-f"], call: `${kind}.prune` });
  }
  if (language === "python" && DROP_ALL.test(code)) out.push({ argv: ["psql", "-c", "DROP TABLE every_mapped_table"], call: "drop_all" });
  for (const m of code.matchAll(SQL_TEXT)) {
    if (/\b(?:drop|truncate|delete|update|alter)\b/i.test(m[2])) out.push({ argv: ["psql", "-c", m[2]], call: "text" });
  }
  return out;
}

/** What ORM and cloud SDK calls in `code` (in `language`, as interpreter-code.ts names it) amount to. Bounded: a few linear regex scans. */
export function dataCalls(language: string, code: string): DataCall[] {
  const out: DataCall[] = [...storeCalls(language, code), ...frameworkCalls(language, code), ...dataSdkCalls(code)];
  // An unscoped bulk delete is DELETE without WHERE on the model's table.
  if (language === "ruby") for (const m of code.matchAll(RUBY_BULK)) out.push({ argv: ["psql", "-c", `DELETE FROM ${table(m[1])}`], call: `${m[1]}.${m[2]}` });
  if (language === "python") for (const m of code.matchAll(DJANGO_BULK)) out.push({ argv: ["psql", "-c", `DELETE FROM ${table(m[1])}`], call: `${m[1]}.objects.delete()` });
  if (language === "javascript" && /prisma|mongoose|sequelize|typeorm|knex|drizzle/i.test(code)) {
    for (const m of code.matchAll(JS_BULK)) out.push({ argv: ["psql", "-c", "DELETE FROM model"], call: m[1] });
  }
  const service = awsService(code);
  if (language === "python" && /\bboto3\b/.test(code)) {
    // `Bucket('x').objects.all().delete()` empties the bucket, like `aws s3 rm --recursive`.
    for (const m of code.matchAll(/\.Bucket\(\s*['"]([^'"]+)['"]\s*\)\.(?:objects|object_versions)\.(?:all\(\s*\)\.)?delete\(/g)) {
      out.push({ argv: ["aws", "s3", "rm", `s3://${m[1]}`, "--recursive"], call: "Bucket.objects.delete" });
    }
    for (const m of code.matchAll(BOTO_VERBS)) out.push({ argv: ["aws", service ?? "unknown-service", m[1].replace(/_/g, "-")], call: m[1] });
    // Resource objects: `ec2.instances.all()` … `i.terminate()`, `bucket.delete()`, `table.delete()`.
    if (/boto3\.resource\(/.test(code)) for (const m of code.matchAll(/\.(terminate|delete)\s*\(\s*\)/g)) out.push({ argv: ["aws", service ?? "unknown-service", m[1] === "terminate" ? "terminate-instances" : "delete"], call: m[1] });
  }
  if (language === "javascript") {
    for (const m of code.matchAll(AWS_V3)) out.push({ argv: ["aws", service ?? "unknown-service", kebab(m[1])], call: `${m[1]}Command` });
  }
  // google-cloud and azure SDKs: method names do not say which service, so a destroying call asks through
  // the generic destroying-verb rule (`cloud-sdk delete-…`), except a Cloud Storage bucket delete, which is exact.
  if (/\b(?:from|import)\s+(?:google\.cloud|azure)\b|@google-cloud\/|@azure\//.test(code)) {
    for (const m of code.matchAll(/\.bucket\(\s*['"]([^'"]+)['"]\s*\)\.delete\(/g)) out.push({ argv: ["gcloud", "storage", "buckets", "delete", `gs://${m[1]}`], call: "bucket.delete" });
    for (const m of code.matchAll(CLOUD_VERBS)) out.push({ argv: ["cloud-sdk", kebab(m[1]).replace(/_/g, "-")], call: m[1] });
  }
  return out.slice(0, 32);
}
