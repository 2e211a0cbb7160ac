// Target class for a printed token that only reaches its own service: `gh auth token | docker login ghcr.io --password-stdin`.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { httpFacts } from "../payloads/http";
import { normaliseHost } from "../payloads/http-hosts";

/** Hosts that accept each printer's token: the service that issued it (an Enterprise or other host is not listed). */
const AUDIENCES: Record<string, RegExp> = {
  gh: /^(?:api\.github\.com|uploads\.github\.com|ghcr\.io|docker\.pkg\.github\.com)$/,
  gcloud: /^(?:[a-z0-9-]+\.googleapis\.com|(?:[a-z0-9-]+\.)?gcr\.io|[a-z0-9-]+\.pkg\.dev)$/,
};

/** The printers this covers: `gh auth token` (for github.com only) and gcloud's access tokens. */
function audience(inv: Invocation): RegExp | undefined {
  const args = inv.argv.slice(1).map((w) => (w.dynamic ? undefined : w.value));
  if (args.includes(undefined)) return undefined;
  if (inv.program === "gh") {
    // `--hostname ghe.example`: another server's token, whose hosts guard does not know.
    return args.some((a) => /^(?:-h|--hostname)(?:=|$)/.test(a!)) ? undefined : AUDIENCES.gh;
  }
  if (inv.program === "gcloud") return args.includes("print-access-token") ? AUDIENCES.gcloud : undefined;
  return undefined;
}

/**
 * `docker login HOST --password-stdin` (also podman, nerdctl) at the end of the printer's pipeline: the token is
 * the registry password, stored by the client, never printed. HOST must be the token's own registry.
 */
function registryLogin(consumer: Invocation, hosts: RegExp): boolean {
  if (!["docker", "podman", "nerdctl"].includes(consumer.program) || consumer.consumer || rerouted(consumer)) return false;
  const args = consumer.argv.slice(1);
  // Another daemon or context (`-H tcp://…`, `--context`), or TLS checks off: the password may reach another machine.
  if (args.some((w) => /^(?:-H|--host|-c|--context|--config|--tls-verify=false|--insecure|--url)(?:=|$)/.test(w.value))) return false;
  if (args.some((w) => w.dynamic) || args[0]?.value !== "login" || !args.some((w) => w.value === "--password-stdin")) return false;
  const positionals: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const v = args[i].value;
    if (v === "-u" || v === "--username") i++;
    else if (v === "-p" || v.startsWith("--password=") || v === "--password") return false;
    else if (!v.startsWith("-")) positionals.push(v);
  }
  if (positionals.length !== 1) return false;
  if (/^http:\/\//i.test(positionals[0])) return false;
  const host = normaliseHost(positionals[0].replace(/^https?:\/\//, "").replace(/\/.*$/, ""));
  return hosts.test(host);
}

/** curl options that print or store the request's headers (`-v`, `--trace`), or send them beyond the named hosts. */
const LEAKING_CURL = /^(?:-[a-zA-Z]*[vkx][a-zA-Z]*|--verbose|--trace.*|--libcurl.*|--location-trusted|-K.*|--config.*|--proxy.*|--preproxy.*|--socks.*|--next|-:|--insecure|--resolve.*|--connect-to.*|--cacert.*|--capath.*|--doh-.*|--dns-.*|--interface.*|--unix-socket.*|--abstract-unix-socket.*)$/;

/** Variables that send a client's traffic somewhere else than the host it names: proxies, another docker daemon, another config. */
const REROUTING_ENV = /^(?:(?:https?|all|no|ftp)_proxy|(?:HTTPS?|ALL|NO|FTP)_PROXY|CURL_HOME|CURL_CA_BUNDLE|SSL_CERT_(?:FILE|DIR)|DOCKER_HOST|DOCKER_CONFIG|DOCKER_CONTEXT|DOCKER_TLS_VERIFY|CONTAINER_HOST|REGISTRY_AUTH_FILE)$/;
const rerouted = (inv: Invocation) => inv.env.some((e) => REROUTING_ENV.test(e.name));

/**
 * `curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://bigquery.googleapis.com/…`: the
 * printer is the whole substitution, which is the credential of an Authorization header of a curl whose every
 * request is HTTPS to the token's own hosts, and that curl prints no request header.
 */
function headerToAudience(printer: Invocation, fed: Invocation, hosts: RegExp, ctx: EvalContext): boolean {
  if (fed.program !== "curl" || printer.pipeline.size !== 1) return false;
  const step = printer.via[printer.via.length - 1];
  if (!step || step.wrapper !== "$(…)") return false;
  if (rerouted(fed) || fed.argv.some((w) => !w.dynamic && LEAKING_CURL.test(w.value))) return false;
  const at = fed.argv.findIndex((w) => w.span.start <= step.span.start && step.span.end <= w.span.end);
  const word: Word | undefined = fed.argv[at];
  if (!word || !["-H", "--header"].includes(fed.argv[at - 1]?.value ?? "")) return false;
  const text = word.raw.replace(/^"|"$/g, "");
  if (!/^Authorization:\s*(?:Bearer|token)\s+\$\([^()]*\)$/i.test(text)) return false;
  const facts = httpFacts(fed, { readFile: ctx.readFile });
  return facts !== undefined && facts.length > 0
    && facts.every((f) => f.url !== undefined && /^https:\/\//i.test(f.url) && f.hosts.length > 0 && f.hosts.every((h) => hosts.test(h)));
}

export const TOKEN_AUDIENCE_CLASSES = {
  /**
   * `gcloud auth print-access-token | docker login -u oauth2accesstoken --password-stdin https://gcr.io`,
   * `gh auth token | docker login ghcr.io -u me --password-stdin`, `curl -H "Authorization: token $(gh auth token)"
   * https://api.github.com/user`: the token goes straight to the service that issued it and is never printed.
   * Anything else (another host, `curl -v`, a pipe through tee, a token written to a file) is a printed token.
   */
  "token-sent-to-own-audience": (_p: Word[], inv: Invocation, ctx: EvalContext): boolean => {
    const hosts = audience(inv);
    if (!hosts || inv.redirects.some((r) => r.operator.includes(">") && (r.fd === undefined || r.fd === 1))) return false;
    if (inv.consumer) return inv.pipeline.index === inv.pipeline.size - 2 && registryLogin(inv.consumer, hosts);
    return inv.feeds !== undefined && headerToAudience(inv, inv.feeds, hosts, ctx);
  },
};
