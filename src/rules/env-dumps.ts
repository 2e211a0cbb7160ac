// Environment dumps and printed variables judged by what they print: the values of the environment guard sees, and where the output goes.
import type { Invocation } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { QUIET_READER_CLASSES } from "./quiet-readers";

/**
 * Variable names that hold a credential: a token, secret, password, key or a URL with a password in it. Narrower than
 * a word search (`TOKENIZERS_PARALLELISM`, `SSH_AUTH_SOCK`, `GPG_TTY` are not credentials).
 */
export const CREDENTIAL_VARIABLE = new RegExp(
  "(?:^|_)(?:TOKENS?|SECRETS?|PASSWORD|PASSWD|PASS|PASSPHRASE|PAT|DSN|CREDENTIALS?|APIKEY|PRIVATE)(?:_|$)" +
    "|(?:API|ACCESS|PRIVATE|SECRET|AUTH|SIGNING|ENCRYPTION|MASTER|SERVICE_ROLE|ANON)_?KEY" +
    "|(?:DATABASE|DB|REDIS|MONGO(?:DB)?|POSTGRES(?:QL)?|PG|MYSQL|AMQP|RABBITMQ|BROKER|CELERY_BROKER)_(?:URL|URI)$|CONNECTION_STRING|WEBHOOK_URL",
  "i",
);

/** Values shaped like a credential whatever the variable is called: provider token prefixes, JWTs, URLs with a password. */
const CREDENTIAL_VALUE = /^(?:gh[pousr]_|github_pat_|glpat-|sk-|sk_live_|rk_live_|xox[abpr]-|AKIA|ASIA|AIza|ya29\.|hvs\.|npm_|pypi-|sbp_|dop_v1_|eyJ[A-Za-z0-9_-]{10,}\.)|:\/\/[^/\s:@]+:[^/\s@]+@/;

/** A variable whose value would show a credential: by name (a path or a flag is not one), or by the value's shape. */
function holdsCredential(name: string, value: string | undefined): boolean {
  if (!value) return false;
  if (CREDENTIAL_VALUE.test(value)) return true;
  return CREDENTIAL_VARIABLE.test(name) && !/^(?:\/[^\s]*|true|false|0|1|yes|no)$/i.test(value);
}

/** Whether the environment guard sees (the agent's) holds a credential that a dump of it would print. */
export function environmentHoldsCredentials(ctx: Pick<EvalContext, "env">): boolean {
  return Object.entries(ctx.env).some(([name, value]) => holdsCredential(name, value));
}

/** `env`, `printenv`, `set`, `export [-p]`, `declare -x|-p`, `typeset -x|-p` with no names: every variable's value. */
export function dumpsWholeEnvironment(inv: Invocation): boolean {
  const args = inv.argv.slice(1);
  if (args.some((w) => w.dynamic)) return false;
  switch (inv.program) {
    case "env":
    case "printenv":
    case "set":
      return args.length === 0 || (inv.program === "env" && args.every((w) => /^(?:-0|--null)$/.test(w.value)));
    case "export":
      return args.every((w) => w.value === "-p");
    case "declare":
    case "typeset":
      return args.length === 0 || args.every((w) => /^-[xpr]+$/.test(w.value));
    default:
      return false;
  }
}

/**
 * Filters whose output carries no variable's value: a count or an exit status (`grep -c`, `grep -q`, `wc`), or the
 * names alone (`cut -d= -f1`, `awk -F= '{print $1}'`, or sed deleting from the first `=` on). What comes after them sees no value either.
 */
export function valuelessFilter(inv: Invocation): boolean {
  if (inv.stdin?.kind !== "pipe" || inv.argv.slice(1).some((w) => w.dynamic)) return false;
  const args = inv.argv.slice(1).map((w) => w.value);
  switch (inv.program) {
    case "wc":
      return args.every((a) => /^-[clmwL]+$/.test(a));
    case "grep":
    case "egrep":
    case "fgrep":
      return QUIET_READER_CLASSES["prints-no-file-content"]([], inv) && args.filter((a) => !a.startsWith("-")).length <= 1;
    case "cut":
      return args.join(" ").replace(/\s+/g, "") === "-d=-f1" || args.join(" ").replace(/\s+/g, "") === "-f1-d=";
    case "awk":
    case "gawk":
    case "mawk":
      return args.length === 2 && /^-F\s*=?$|^-F=$/.test(args[0]) && /^\{\s*print\s+\$1;?\s*\}$/.test(args[1]) || (args.length === 3 && args[0] === "-F" && args[1] === "=" && /^\{\s*print\s+\$1;?\s*\}$/.test(args[2]));
    case "sed":
      return args.length === 1 && /^s([/|#])=\.\*\1\1g?$/.test(args[0]);
    default:
      return false;
  }
}

/**
 * Programs that take a credential on stdin and keep it (`docker login --password-stdin`, `gh auth login --with-token`,
 * `gh secret set NAME`, `wrangler secret put NAME`): the value is handed over, not printed.
 */
function credentialConsumer(inv: Invocation): boolean {
  const words = inv.argv.map((w) => w.value);
  if (words.some((w) => /^--(?:password-stdin|with-token|token-stdin)$/.test(w))) return true;
  const path = words.slice(1).filter((w) => !w.startsWith("-")).slice(0, 2).join(" ");
  return (inv.program === "gh" && path === "secret set") || (inv.program === "wrangler" && path === "secret put") || (inv.program === "vercel" && path === "env add")
    || ((inv.program === "fly" || inv.program === "flyctl") && path === "secrets import") || (inv.program === "docker" && path === "secret create");
}

/** Whether stdout is written to a file (`> F`, `>> F`, `&> F`). */
function redirectsOutput(inv: Invocation): boolean {
  return inv.redirects.some((r) => /^(?:>|>>|>\||&>|&>>)$/.test(r.operator) && (r.fd === undefined || r.fd === 1));
}

/**
 * Where a printer's output ends up: `valueless` (a count or names only), `handed` (to a program that keeps a
 * credential from stdin), `terminal` (the conversation, through filters that only reorder, cut or page), or `elsewhere`
 * (a file, a pipe into anything else, a substitution).
 */
export function outputReach(inv: Invocation, display: (consumer: Invocation) => boolean): "valueless" | "handed" | "terminal" | "elsewhere" {
  if (inv.via.some((step) => /^(?:\$\(|`|<\(|>\()/.test(step.wrapper)) || redirectsOutput(inv)) return "elsewhere";
  for (let consumer = inv.consumer; consumer; consumer = consumer.consumer) {
    if (valuelessFilter(consumer)) return "valueless";
    if (credentialConsumer(consumer)) return "handed";
    if (redirectsOutput(consumer) || !display(consumer)) return "elsewhere";
  }
  return "terminal";
}

/** Parameter expansions that print a variable's value: `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME:0:8}`; not `${#NAME}`, `${NAME:+set}`, `${!PREFIX*}`. */
const VALUE_EXPANSION = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]*:?\+)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** `${!v}`: the value of a variable named at run time, any of them. */
const INDIRECT = /\$\{!([A-Za-z_][A-Za-z0-9_]*)\}/;

/**
 * The credential variables an echo, printf, printenv or `declare -p` prints (by name), and whether it prints a
 * variable named only at run time (`echo "${!v}"`).
 */
export function printedVariables(inv: Invocation): { names: string[]; indirect: boolean } {
  const args = inv.argv.slice(1);
  if (inv.program === "printenv") return { names: args.filter((w) => !w.dynamic && !w.value.startsWith("-")).map((w) => w.value), indirect: false };
  if (inv.program === "declare" || inv.program === "typeset") {
    if (!args.some((w) => /^-[a-zA-Z]*p/.test(w.value))) return { names: [], indirect: false };
    return { names: args.filter((w) => !w.dynamic && !w.value.startsWith("-")).map((w) => w.value), indirect: false };
  }
  const names: string[] = [];
  let indirect = false;
  // printf's format may hold expansions too; `echo -n`'s options hold none.
  for (const w of args) {
    if (!w.dynamic) continue;
    const text = w.shellText ?? w.raw;
    if (INDIRECT.test(text)) indirect = true;
    for (const m of text.matchAll(VALUE_EXPANSION)) names.push(m[1] ?? m[2]);
  }
  return { names, indirect };
}

/** Whether a printer shows a credential variable's value: one named like a credential or holding one, or any variable named at run time. */
export function credentialPrinted(inv: Invocation, ctx: EvalContext): boolean {
  const { names, indirect } = printedVariables(inv);
  if (names.some((n) => CREDENTIAL_VARIABLE.test(n) || CREDENTIAL_VALUE.test(ctx.env[n] ?? ""))) return true;
  return indirect && environmentHoldsCredentials(ctx);
}
