// `env | grep NODE_ENV`: an environment dump filtered down to lines that hold no credential, judged against the real environment.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";

/** Names (and patterns) that suggest a credential: the lines guard will not let a filter pass. */
const SECRET_NAME = /TOKEN|SECRET|PASS|PWD|KEY|AUTH|CRED|COOKIE|SESSION|PRIVATE|CERT|SIGN|DSN|URL|URI|CONN|BEARER|JWT|SALT/i;

/**
 * Providers and services whose variables carry credentials (RAILWAY_TOKEN, AWS_SECRET_ACCESS_KEY,
 * OPENAI_API_KEY…): a grep for their name passes those lines even when guard's own view of the
 * environment lacks them (a variable exported earlier in the agent's shell session).
 */
const PROVIDER_NAME = /RAILWAY|AWS|AMAZON|GITHUB|^GH_?|GITLAB|BITBUCKET|OPENAI|ANTHROPIC|CLAUDE|GEMINI|STRIPE|VERCEL|NETLIFY|HEROKU|SUPABASE|NEON|PLANETSCALE|^FLY|DIGITALOCEAN|^DO_|CLOUDFLARE|^CF_|GCP|GOOGLE|GCLOUD|AZURE|^ARM_|NPM|PYPI|TWINE|DOCKER|SLACK|TWILIO|SENDGRID|MAILGUN|SMTP|SENTRY|DATADOG|^DD_|^PG|POSTGRES|MYSQL|REDIS|MONGO|DATABASE|^DB_?|HUGGING|^HF_|REPLICATE|PULUMI|^TF_|TERRAFORM|VAULT|^OP_|ONEPASSWORD|DOPPLER|INFISICAL|KUBE|K8S|ARGO|^CI_|SSH|GPG|^NGROK|FIREBASE|FIGMA|LINEAR|NOTION|JIRA|ATLASSIAN/i;

/** grep options that change nothing about which lines pass, besides case and word/line anchoring. */
const PLAIN_OPTIONS = /^-[iwxFEGnshcqoH]+$|^--(?:ignore-case|word-regexp|line-regexp|fixed-strings|extended-regexp|basic-regexp|line-number|count|quiet|silent|only-matching|color(?:=\w+)?|colour(?:=\w+)?)$/;

/** A pattern that is a plain variable-name fragment (`NODE_ENV`, `^PATH=`, `LANG`), so guard knows which lines it passes. */
const NAME_PATTERN = /^\^?([A-Za-z_][A-Za-z0-9_]*)=?$/;

/** The single name a `grep [plain options] PATTERN` keeps, or undefined when the filter is anything else (-v, -A, -f, several patterns). */
function grepName(consumer: Invocation): string | undefined {
  if (!["grep", "egrep", "fgrep"].includes(consumer.program)) return undefined;
  const args: Word[] = consumer.argv.slice(1);
  const patterns: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w.dynamic) return undefined;
    if (w.value === "-e" || w.value === "--regexp") {
      if (!args[i + 1]) return undefined;
      patterns.push(args[++i]);
    } else if (w.value.startsWith("-") && w.value !== "-") {
      if (!PLAIN_OPTIONS.test(w.value)) return undefined;
    } else patterns.push(w);
  }
  // A file operand would make grep read it instead of the pipe; anything but one pattern is not a plain filter.
  if (patterns.length !== 1 || patterns[0].dynamic) return undefined;
  return NAME_PATTERN.exec(patterns[0].value)?.[1];
}

/**
 * `env | grep NAME`, `printenv | grep -i ^LANG=`: the dump goes only into a grep for one plain name
 * that is not credential-like, and no variable of the environment guard sees whose line that grep
 * would pass has a credential-like name. Anything else (`grep -i token`, `grep -v X`, `grep AWS`
 * with AWS_SECRET_ACCESS_KEY set) is not harmless.
 */
export function envDumpFilteredHarmlessly(inv: Invocation, ctx: EvalContext): boolean {
  const consumer = inv.consumer;
  if (!consumer || inv.redirects.some((r) => r.operator.includes(">"))) return false;
  const name = grepName(consumer);
  if (name === undefined || SECRET_NAME.test(name) || PROVIDER_NAME.test(name)) return false;
  const ignoreCase = consumer.argv.some((w) => /^-[a-zA-Z]*i/.test(w.value) || w.value === "--ignore-case");
  const needle = ignoreCase ? name.toLowerCase() : name;
  return Object.entries(ctx.env).every(([key, value]) => {
    const line = `${key}=${value ?? ""}`;
    return !(ignoreCase ? line.toLowerCase() : line).includes(needle) || !SECRET_NAME.test(key) || certificateLocation(key, value ?? "");
  });
}

/**
 * `NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca.pem`, `SSL_CERT_DIR=…`: a variable that is credential-like only
 * because it names certificates, and whose value is a file or directory path. Certificates are public,
 * and the line shows only where they are, so a grep that passes it shows no secret.
 */
function certificateLocation(key: string, value: string): boolean {
  return !SECRET_NAME.test(key.replace(/CERT(?:IFICATE)?S?/gi, "")) && /^\/[^\s]*$/.test(value);
}
