// `env | grep NODE_ENV`: an environment dump filtered down to lines that hold no credential, judged against the real environment.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { valuelessFilter } from "./env-dumps";

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

/** `grep NAME` on the dump: harmless when NAME is a plain, non-credential name no credential-like variable's line contains. */
function grepHarmless(consumer: Invocation, ctx: EvalContext): boolean {
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
 * Filters that only reorder, cut or page what they read from the pipe and print it (`sort`, `head -n 20`,
 * `cut -d= -f1`, `less`): their options, and which of them take a value. An operand (a file to read, or
 * uniq's output file), an output option (`sort -o`) or any other option is not a display filter.
 * `tr` takes character sets, never files, so any operand is fine.
 */
const DISPLAY_FILTERS: Record<string, { flags: RegExp; valued: RegExp; anyOperand?: true }> = {
  sort: { flags: /^-[bdfgiMhnRrsuVz]+$|^--(?:ignore-leading-blanks|dictionary-order|ignore-case|general-numeric-sort|ignore-nonprinting|month-sort|human-numeric-sort|numeric-sort|random-sort|reverse|stable|unique|version-sort|zero-terminated)$/, valued: /^-[tk]|^--(?:field-separator|key)(?:=|$)/ },
  uniq: { flags: /^-[cdDiuz]+$|^--(?:count|repeated|ignore-case|unique|zero-terminated)$/, valued: /^-[fsw]|^--(?:skip-fields|skip-chars|check-chars)(?:=|$)/ },
  head: { flags: /^-[qvz]+$|^-\d+$/, valued: /^-[nc]|^--(?:lines|bytes)(?:=|$)/ },
  tail: { flags: /^-[qvz]+$|^-\d+$/, valued: /^-[nc]|^--(?:lines|bytes)(?:=|$)/ },
  cut: { flags: /^-[sz]+$|^--(?:only-delimited|complement|zero-terminated)$/, valued: /^-[dfcb]|^--(?:delimiter|fields|characters|bytes)(?:=|$)/ },
  column: { flags: /^-[tnex]+$/, valued: /^-[sco]|^--(?:separator|output-separator|columns)(?:=|$)/ },
  tr: { flags: /^-[cdsCt]+$/, valued: /^$/, anyOperand: true },
  cat: { flags: /^-[AbeEnstTuv]+$/, valued: /^$/ },
  nl: { flags: /^-[p]+$/, valued: /^-[bdfhilnsvw]/ },
  tac: { flags: /^-[br]+$/, valued: /^-s/ },
  wc: { flags: /^-[clmwL]+$/, valued: /^$/ },
  less: { flags: /^-[RSXFNiI]+$/, valued: /^$/ },
  more: { flags: /^$/, valued: /^$/ },
};

/** Whether `inv` only reorders, cuts or pages its piped input to its output (see DISPLAY_FILTERS). */
export function displayFilter(inv: Invocation): boolean {
  const spec = DISPLAY_FILTERS[inv.program];
  if (!spec || inv.stdin?.kind !== "pipe") return false;
  const args = inv.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w.dynamic) return false;
    if (spec.flags.test(w.value)) continue;
    if (w.value.startsWith("-") && w.value !== "-" && spec.valued.test(w.value)) {
      // `-n 20`, `--key 1`: the value is the next word; `-n20`, `--lines=20`: attached.
      if (/^-[A-Za-z]$|^--[a-z-]+$/.test(w.value)) i++;
      continue;
    }
    if (!spec.anyOperand || w.value.startsWith("-")) return false;
  }
  return true;
}

/**
 * `env | grep NAME`, `printenv | grep -i ^LANG=`, `printenv | sort`, `env | sort | less`: the dump reaches
 * the same terminal that a bare `env` prints to (which guard allows), through filters that only reorder, cut
 * or page it, or through a grep for one plain name that is not credential-like, where no variable of the
 * environment guard sees whose line that grep would pass has a credential-like name. A filter that writes a
 * file, a program that sends it anywhere (`| curl -d @-`, `| tee`, `> env.txt`), a dump inside a substitution,
 * or a grep hunting for credentials (`grep -i token`, `grep -v X`, `grep AWS` with AWS_SECRET_ACCESS_KEY set)
 * is not harmless.
 */
export function envDumpFilteredHarmlessly(inv: Invocation, ctx: EvalContext): boolean {
  // `curl -d "$(env | sort)"`: a substitution's output becomes another command's argument.
  if (inv.via.some((step) => /^(?:\$\(|`|<\(|>\()/.test(step.wrapper))) return false;
  const writes = (i: Invocation) => i.redirects.some((r) => r.operator.includes(">"));
  if (!inv.consumer || writes(inv)) return false;
  // A grep that may pass a credential's line (`grep -i ^npm_`): harmless only if a filter after it drops every value.
  let leaks = false;
  for (let consumer: Invocation | undefined = inv.consumer; consumer; consumer = consumer.consumer) {
    if (writes(consumer)) return false;
    // `env | grep -c .`, `env | cut -d= -f1`, `env | wc -l`: counts or names, no value, whatever comes after.
    if (valuelessFilter(consumer)) return true;
    if (displayFilter(consumer)) continue;
    // A harmless grep lets nothing secret through, whatever comes after it in the pipeline.
    if (grepHarmless(consumer, ctx)) return !leaks;
    if (!plainGrep(consumer)) return false;
    leaks = true;
  }
  return !leaks;
}

/** A grep reading the pipe with options that only pick lines (no file operand, no output file). */
function plainGrep(consumer: Invocation): boolean {
  if (!["grep", "egrep", "fgrep"].includes(consumer.program)) return false;
  const args = consumer.argv.slice(1);
  return !args.some((w) => w.dynamic) && args.filter((w) => !w.value.startsWith("-")).length === 1 && args.every((w) => !w.value.startsWith("-") || PLAIN_OPTIONS.test(w.value));
}

/**
 * `NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca.pem`, `SSL_CERT_DIR=…`: a variable that is credential-like only
 * because it names certificates, and whose value is a file or directory path. Certificates are public,
 * and the line shows only where they are, so a grep that passes it shows no secret.
 */
function certificateLocation(key: string, value: string): boolean {
  return !SECRET_NAME.test(key.replace(/CERT(?:IFICATE)?S?/gi, "")) && /^\/[^\s]*$/.test(value);
}
