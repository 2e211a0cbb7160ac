// Production context: markers that escalate rules with `in_production` (usually from ask to deny).
import { globMatch } from "../core/glob";
import type { Invocation } from "../shell/model";
import { DEFAULT_PRODUCTION_VARIABLES } from "../config/settings";
import type { EvalContext } from "../core/eval-context";
import { picksProductionEnvironment } from "../rules/migration-classes";

/**
 * Wrappers that run a command with a deployed environment's variables (DATABASE_URL and all), or on a deployed
 * machine, container or cluster (cloud run-command agents and platform ssh).
 */
export const PRODUCTION_WRAPPERS = new Set(["railway run", "railway ssh", "heroku run", "fly ssh console", "fly machine exec", "render ssh",
  "doctl compute ssh", "gcloud compute ssh", "gcloud compute ssh --command", "az ssh", "aws ssm send-command", "aws ssm start-session", "nomad alloc exec", "aws ecs execute-command",
  "az vm run-command invoke", "az vm run-command create", "az vmss run-command invoke", "az vmss run-command create",
  "az connectedmachine run-command invoke", "az connectedmachine run-command create", "az aks command invoke", "az container exec"]);

const NOCASE = { nocase: true };

/** Whether an environment (inline assignments or the process's) carries a production marker. */
export function productionInEnv(env: Readonly<Record<string, string | undefined>>, variables: Record<string, string> = DEFAULT_PRODUCTION_VARIABLES): boolean {
  // A loop, not Object.entries: this runs for every invocation, and the variables are few.
  for (const name in variables) {
    if (!Object.prototype.hasOwnProperty.call(variables, name)) continue;
    const value = env[name];
    if (value !== undefined && value !== "" && globMatch(value, variables[name], NOCASE)) return true;
  }
  return false;
}

const LOCAL_HOSTS = /^(?:localhost|127(?:\.\d+){3}|\[?::1\]?|0\.0\.0\.0|[^.]+\.local|host\.docker\.internal|db|postgres|mysql|redis)$/i;

/** A DATABASE_URL pointing at another machine: the kind of URL `railway run` injects. */
export function remoteDatabaseUrl(url: string | undefined): boolean {
  if (!url) return false;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]*)/i.exec(url);
  if (!m) return false;
  const host = decodeURIComponent(m[1]);
  return host !== "" && !host.startsWith("%2F") && !LOCAL_HOSTS.test(host);
}

const NO_ASSIGNMENTS: Readonly<Record<string, string>> = Object.freeze({});

/** Production for this invocation: the context says so, an inline marker does, or a wrapper injects prod variables. */
export function isProduction(invocation: Invocation, ctx: EvalContext): boolean {
  if (ctx.production) return true;
  // Most invocations assign nothing inline: no object to build then (this runs for every invocation, twice).
  const inline = invocation.env.length ? Object.fromEntries(invocation.env.filter((e) => !e.dynamic).map((e) => [e.name, e.value])) : NO_ASSIGNMENTS;
  if (productionInEnv(inline, ctx.productionVariables)) return true;
  // `php bin/console … --env=prod`, `mvn -Pprod …`, `rails … -e production`: the task's environment, picked on its command line.
  if (picksProductionEnvironment(invocation)) return true;
  return invocation.via.some((step) => PRODUCTION_WRAPPERS.has(step.wrapper));
}
