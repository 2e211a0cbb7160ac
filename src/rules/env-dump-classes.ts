// Target classes for environment values shown: a whole dump reaching the conversation, and a credential variable printed.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { CREDENTIAL_VARIABLE, credentialPrinted, dumpsWholeEnvironment, environmentHoldsCredentials, outputReach } from "./env-dumps";
import { displayFilter } from "./env-filter";
import { isSecretRead, namedPaths } from "./secret-file-class";

/** Output written only into files that hold credentials anyway (`echo "NPM_TOKEN=$NPM_TOKEN" >> .env`). */
function intoSecretFilesOnly(inv: Invocation, ctx: EvalContext): boolean {
  const targets = inv.redirects.filter((r) => /^(?:>|>>|>\||&>|&>>)$/.test(r.operator) && (r.fd === undefined || r.fd === 1));
  return targets.length > 0 && !inv.consumer && targets.every((r) => r.target !== undefined && namedPaths(r.target, inv, ctx).every((p) => isSecretRead(p, ctx)));
}

const AWKS = new Set(["awk", "gawk", "mawk", "nawk", "busybox-awk"]);

/** awk's program text: the first operand that is not an option's value (`-F :`, `-v x=1`); undefined with `-f FILE`. */
function awkProgram(inv: Invocation): string | undefined {
  const args = inv.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === "-f" || v.startsWith("--file")) return undefined;
    if (v === "-F" || v === "-v") i++;
    else if (!v.startsWith("-")) return args[i].dynamic ? undefined : v;
  }
  return undefined;
}

/** awk reading the whole environment (`for (k in ENVIRON)`, `ENVIRON[k]`), and the variables it reads by name. */
function awkEnvironment(inv: Invocation): { whole: boolean; names: string[] } {
  const code = AWKS.has(inv.program) ? awkProgram(inv) : undefined;
  if (code === undefined) return { whole: false, names: [] };
  const whole = /\bin\s+ENVIRON\b|ENVIRON\s*\[\s*[^"\s\]]/.test(code);
  return { whole, names: [...code.matchAll(/ENVIRON\s*\[\s*"(\w+)"\s*\]/g)].map((m) => m[1]) };
}

/** Output captured by a substitution (`curl -d "$(env)"`, `x=$(printenv)`): it goes where guard does not follow. */
function substituted(inv: Invocation): boolean {
  return inv.via.some((step) => /^(?:\$\(|`|<\(|>\()/.test(step.wrapper));
}

export const ENV_DUMP_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext) => boolean> = {
  /**
   * `env`, `printenv`, `export -p`, `declare -x`, `set`, `env | sort`, `curl -d "$(env)"`: every variable's value reaches
   * the conversation (or a substitution guard does not follow), and
   * the environment guard sees holds a credential (a token-like name with a value, or a token-shaped value). Without one,
   * the same dump is everyday debugging and stays allowed; a dump filtered to counts or names (`env | grep -c .`,
   * `env | cut -d= -f1`) shows no value at all.
   */
  "shows-environment-credentials": (_p, inv, ctx) =>
    (dumpsWholeEnvironment(inv) || awkEnvironment(inv).whole) && (outputReach(inv, displayFilter) === "terminal" || substituted(inv))
    // The environment guard sees, and what the command itself sets for the dump (`GITHUB_TOKEN=… env`).
    && (environmentHoldsCredentials(ctx) || environmentHoldsCredentials({ env: Object.fromEntries(inv.env.map((e) => [e.name, e.value])) })),

  /**
   * `echo "$GITHUB_TOKEN"`, `printenv RAILWAY_TOKEN`, `declare -p AWS_SECRET_ACCESS_KEY`, `echo "${!v}"`: a credential's
   * value printed into the conversation, a file or a pipe. Handing it to a program that keeps it from stdin
   * (`| docker login --password-stdin`, `| gh secret set NAME`), counting it (`| wc -c`) or writing it into an env file
   * (`>> .env`) is not showing it.
   */
  "prints-credential-variable": (_p, inv, ctx) => {
    if (!credentialPrinted(inv, ctx) && !awkEnvironment(inv).names.some((n) => CREDENTIAL_VARIABLE.test(n))) return false;
    const reach = outputReach(inv, displayFilter);
    return reach === "terminal" || (reach === "elsewhere" && !intoSecretFilesOnly(inv, ctx));
  },
};
