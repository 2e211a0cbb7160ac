// The environment a command runs with: credentials isolated, guard's identity variables set, database clients read-only where asked.
import { randomUUID } from "../core/crypto";
import type { Settings } from "../config/settings";
import type { Invocation } from "../shell/model";
import { isolate, type EnvDecision } from "./isolation";

/** The option/env per database client that makes its session read-only; documented in README "Least privilege". */
const READ_ONLY_FLAGS: Record<string, string> = { sqlite3: "-readonly", sqlite: "-readonly", duckdb: "-readonly", mysql: "--safe-updates", mariadb: "--safe-updates" };

export interface CommandEnvironment {
  env: NodeJS.ProcessEnv;
  decisions: EnvDecision[];
  /** The argv to run, for the argv form: read-only flags inserted for database clients. */
  argv?: string[];
  readOnly: boolean;
}

/** Whether database clients start read-only for this command. */
export function readOnlyDatabases(settings: Settings, production: boolean): boolean {
  return settings.readOnlyDatabases === "always" || (settings.readOnlyDatabases === "production" && production);
}

export function commandEnvironment(options: {
  env: NodeJS.ProcessEnv;
  invocations: Invocation[];
  settings: Settings;
  production: boolean;
  entry: string;
  argv?: string[];
}): CommandEnvironment {
  const { env, decisions } = isolate(options.env, options.invocations, options.settings.isolation, options.production);
  // Downstream tools and logs can tell an agent's command from a human's.
  env.GUARD_AGENT = options.env.GUARD_AGENT || options.entry;
  env.GUARD_SESSION = options.env.GUARD_SESSION || randomUUID();
  const readOnly = readOnlyDatabases(options.settings, options.production);
  let argv = options.argv;
  if (readOnly) {
    // libpq clients (psql, pg_dump, ORMs on libpq) read PGOPTIONS; it works however the command is written.
    const current = env.PGOPTIONS ?? "";
    if (!current.includes("default_transaction_read_only")) env.PGOPTIONS = `${current} -c default_transaction_read_only=on`.trim();
    const flag = argv && READ_ONLY_FLAGS[argv[0].split("/").pop() ?? ""];
    if (argv && flag && !argv.includes(flag)) argv = [argv[0], flag, ...argv.slice(1)];
  }
  return { env, decisions, argv, readOnly };
}
