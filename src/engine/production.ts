// Production context: markers that escalate rules with `in_production` (usually from ask to deny).
import type { Invocation } from "../shell/model";
import type { EvalContext } from "./context";

/** Variables whose value `production`/`prod` marks a production environment. */
export const PRODUCTION_VARIABLES = ["NODE_ENV", "RAILS_ENV", "RACK_ENV", "APP_ENV", "MIX_ENV", "FLASK_ENV", "ENVIRONMENT", "RAILWAY_ENVIRONMENT", "RAILWAY_ENVIRONMENT_NAME", "VERCEL_ENV", "STAGE"];

/** Wrappers that run a command with a deployed environment's variables (DATABASE_URL and all). */
export const PRODUCTION_WRAPPERS = new Set(["railway run", "railway shell", "heroku run", "fly ssh console", "flyctl ssh console"]);

const PRODUCTION_VALUE = /^(?:prod|production)$/i;

/** Whether an environment (inline assignments or the process's) carries a production marker. */
export function productionInEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return PRODUCTION_VARIABLES.some((name) => PRODUCTION_VALUE.test(env[name] ?? ""));
}

/** Production for this invocation: the context says so, an inline marker does, or a wrapper injects prod variables. */
export function isProduction(invocation: Invocation, ctx: EvalContext): boolean {
  if (ctx.production) return true;
  const inline = Object.fromEntries(invocation.env.filter((e) => !e.dynamic).map((e) => [e.name, e.value]));
  if (productionInEnv(inline)) return true;
  return invocation.via.some((step) => PRODUCTION_WRAPPERS.has(step.wrapper));
}
