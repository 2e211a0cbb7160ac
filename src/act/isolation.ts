// Token isolation: the environment a command run through guard gets — credentials removed unless granted to its programs.
import { globMatch } from "../core/glob";
import type { IsolationSettings } from "../config/isolation-settings";
import type { Invocation } from "../shell/model";

/** Credential variables removed by default (see README, "Least privilege"). */
export const DEFAULT_ISOLATED = [
  "RAILWAY_TOKEN", "RAILWAY_API_TOKEN", "FLY_API_TOKEN", "FLY_ACCESS_TOKEN", "HEROKU_API_KEY", "VERCEL_TOKEN", "NETLIFY_AUTH_TOKEN",
  "RENDER_API_KEY", "SUPABASE_ACCESS_TOKEN", "NEON_API_KEY", "PLANETSCALE_SERVICE_TOKEN", "PLANETSCALE_SERVICE_TOKEN_ID",
  "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "DIGITALOCEAN_ACCESS_TOKEN", "GH_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN",
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CLIENT_SECRET",
  "ARM_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN", "TF_TOKEN_app_terraform_io", "NPM_TOKEN", "NODE_AUTH_TOKEN", "DOCKER_PASSWORD",
  "KUBECONFIG_DATA", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STRIPE_SECRET_KEY", "SENTRY_AUTH_TOKEN",
];

export interface EnvDecision {
  name: string;
  kept: boolean;
  why: string;
}

/** Variables that are credentials only in production context: a remote database URL points at real data. */
const PRODUCTION_ONLY = ["DATABASE_URL", "PGPASSWORD", "MYSQL_PWD", "REDIS_URL", "MONGODB_URI"];

function isCredential(name: string, settings: IsolationSettings, production: boolean): string | undefined {
  if (DEFAULT_ISOLATED.includes(name)) return "a credential on guard's default list";
  const pattern = settings.patterns.find((p) => globMatch(name, p));
  if (pattern) return `matches the configured pattern ${pattern}`;
  if (production && PRODUCTION_ONLY.includes(name)) return "a database credential, and this is production context";
  return undefined;
}

/**
 * The environment for a command: every credential variable removed unless the config grants it to
 * a program, and then only when every command the text runs is one of those programs (so
 * `vercel deploy && curl …` does not hand the token to curl).
 */
export function isolate(env: NodeJS.ProcessEnv, invocations: Invocation[], settings: IsolationSettings, production: boolean): { env: NodeJS.ProcessEnv; decisions: EnvDecision[] } {
  const out: NodeJS.ProcessEnv = {};
  const decisions: EnvDecision[] = [];
  const programs = [...new Set(invocations.map((i) => i.program))];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const credential = settings.enabled ? isCredential(name, settings, production) : undefined;
    if (!credential) {
      out[name] = value;
      continue;
    }
    const granted = settings.grants[name] ?? [];
    if (granted.length && programs.length && programs.every((p) => granted.includes(p))) {
      out[name] = value;
      decisions.push({ name, kept: true, why: `${credential}; granted to ${granted.join(", ")}, and the command runs only ${programs.join(", ")}` });
    } else {
      decisions.push({ name, kept: false, why: granted.length ? `${credential}; granted to ${granted.join(", ")}, but the command also runs ${programs.filter((p) => !granted.includes(p)).join(", ") || "nothing"}` : credential });
    }
  }
  return { env: out, decisions };
}

/**
 * One stderr line naming what was withheld and how to grant it — never the values. Without it a
 * new user sees "unauthorized" from a CLI and no reason; `isolation: {notice: false}` silences it.
 */
export function withheldNotice(decisions: EnvDecision[], settings: IsolationSettings): string | undefined {
  if (settings.notice === false) return undefined;
  const withheld = decisions.filter((d) => !d.kept).map((d) => d.name);
  if (withheld.length === 0) return undefined;
  const example = withheld[0];
  return `guard: withheld from this command: ${withheld.join(", ")} (credentials are not passed to agents' commands; to grant one, add isolation: {grants: {${example}: [PROGRAM]}} to ~/.config/guard/config.yaml; guard env explains each; isolation: {notice: false} hides this line)\n`;
}
