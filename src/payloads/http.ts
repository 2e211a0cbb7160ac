// HTTP clients as carriers: the method, URL, headers and body of a request made by curl, wget, httpie, gh api, railway api…
import type { Invocation, Word } from "../shell/model";
import { literalStdin } from "../shell/stdin";
import { findOption, optionValues, parseArgs, type ParsedArgs } from "../rules/args";
import type { ProgramSpec } from "../rules/types";
import type { EvalContext } from "../engine/context";

export interface HttpFact {
  client: string;
  /** Credentials are sent: an Authorization-style header, `-u user:token`, or a CLI that authenticates itself. */
  authenticated?: boolean;
  method: string;
  /** The URL when it is literal; undefined when it is built at run time. */
  url?: string;
  host?: string;
  path?: string;
  headers: string[];
  /** The body text; undefined when there is a body guard cannot read (a file it cannot open, a pipe). */
  body?: string;
  bodyUnknown: boolean;
  /** The body is GraphQL whatever the URL says (railway api, gh api graphql). */
  graphql?: boolean;
}

const CURL_SPEC: ProgramSpec = {
  valued: ["-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json",
    "-F", "--form", "--form-string", "-u", "--user", "-o", "--output", "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c",
    "--cookie-jar", "--url", "-T", "--upload-file", "-m", "--max-time", "--connect-timeout", "-x", "--proxy", "-w", "--write-out",
    "--retry", "-K", "--config", "--cacert", "--cert", "--key", "-r", "--range", "-z", "--oauth2-bearer", "--resolve", "--variable", "--expand-data"],
  singleDashLong: false,
};

const WGET_SPEC: ProgramSpec = {
  valued: ["-O", "--output-document", "-o", "--output-file", "--header", "--method", "--post-data", "--post-file", "--body-data", "--body-file",
    "-U", "--user-agent", "--user", "--password", "-t", "--tries", "-T", "--timeout", "-P", "--directory-prefix"],
  singleDashLong: false,
};

const GH_SPEC: ProgramSpec = {
  valued: ["-X", "--method", "-H", "--header", "-f", "--raw-field", "-F", "--field", "--input", "-q", "--jq", "-t", "--template", "--hostname", "--cache", "-R", "--repo"],
  singleDashLong: false,
};

function wordText(word: Word): string {
  return word.dynamic ? word.shellText ?? word.raw : word.value;
}

/** Host and path of a URL. A host that comes from an expansion (`$API/x`) is unknown. */
function splitUrl(url: string): { host?: string; path?: string } {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#@\s]*@)?([^/?#:\s]+)(?::\d+)?([^?#\s]*)/i.exec(url);
  if (!m || m[2].includes("$") || m[2].includes("`")) return {};
  return { host: m[2].toLowerCase(), path: m[3] || "/" };
}

/** A body built from expansions is partly unknown: its text is still analysed, and it also counts as unreadable. */
function dynamicBody(word: Word): boolean {
  return word.dynamic;
}

/** A body given as `@file` / `@-` (curl, httpie) is read through the context, or from stdin when literal. */
function readBody(value: string, invocation: Invocation, ctx: EvalContext): string | undefined {
  if (!value.startsWith("@")) return value;
  const file = value.slice(1);
  if (file === "-") return invocation.stdin ? literalStdin(invocation.stdin, ctx.readFile) : undefined;
  return ctx.readFile?.(file);
}

function curlFact(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): HttpFact[] {
  const urls = [...optionValues(parsed, inv, ["--url"]).map((v) => v.word), ...parsed.positionals];
  const headers = optionValues(parsed, inv, ["-H", "--header"]).map((v) => wordText(v.word));
  const literalBodies = optionValues(parsed, inv, ["--data-raw", "--form-string"]).map(({ value, word, attached }) =>
    word.dynamic ? (attached ? undefined : wordText(word)) : value);
  // The other data options read `@file` (and `@-`, stdin) instead of sending the text.
  const fileBodies = optionValues(parsed, inv, ["-d", "--data", "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-F", "--form"])
    .map(({ value, word, attached }) => (word.dynamic ? (attached ? undefined : wordText(word)) : readBody(value.replace(/^[^=@]*=(?=@)/, ""), inv, ctx)));
  const bodies = [...literalBodies, ...fileBodies];
  const dynamic = optionValues(parsed, inv, ["--data-raw", "--form-string", "-d", "--data", "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-F", "--form"]).some((v) => dynamicBody(v.word));
  const upload = findOption(parsed, ["-T", "--upload-file"]);
  const explicit = optionValues(parsed, inv, ["-X", "--request"]).at(-1)?.value.toUpperCase();
  const method = explicit ?? (findOption(parsed, ["-G", "--get"]) ? "GET" : upload ? "PUT" : bodies.length ? "POST" : findOption(parsed, ["-I", "--head"]) ? "HEAD" : "GET");
  const bodyUnknown = dynamic || bodies.some((b) => b === undefined);
  const body = bodies.filter((b): b is string => b !== undefined).join("&");
  return (urls.length ? urls : [undefined]).map((word) => {
    const url = word && !word.dynamic ? word.value : word ? wordText(word) : undefined;
    return { client: inv.program, method, url, ...(url ? splitUrl(url) : {}), headers, body: bodies.length ? body : undefined, bodyUnknown };
  });
}

function wgetFact(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): HttpFact[] {
  const headers = optionValues(parsed, inv, ["--header"]).map((v) => wordText(v.word));
  const inline = optionValues(parsed, inv, ["--post-data", "--body-data"]).map((v) => (v.word.dynamic ? wordText(v.word) : v.value));
  const files = optionValues(parsed, inv, ["--post-file", "--body-file"]).map((v) => (v.word.dynamic ? undefined : ctx.readFile?.(v.value)));
  const bodies = [...inline, ...files];
  const method = optionValues(parsed, inv, ["--method"]).at(-1)?.value.toUpperCase() ?? (bodies.length ? "POST" : "GET");
  return parsed.positionals.map((word) => {
    const url = wordText(word);
    return { client: "wget", method, url, ...splitUrl(url), headers, body: bodies.length ? bodies.filter((b) => b !== undefined).join("&") : undefined, bodyUnknown: bodies.some((b) => b === undefined) };
  });
}

const HTTPIE_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** httpie / xh: `http [METHOD] URL [Header:value] [field=value] [field:=json] [@file]`. */
function httpieFact(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): HttpFact[] {
  const items = [...parsed.positionals];
  let method = HTTPIE_METHODS.has((items[0]?.value ?? "").toUpperCase()) ? items.shift()!.value.toUpperCase() : undefined;
  const urlWord = items.shift();
  if (!urlWord) return [];
  const headers: string[] = [];
  const fields: Record<string, unknown> = {};
  let body: string | undefined;
  let bodyUnknown = false;
  for (const item of items) {
    const text = wordText(item);
    const m = /^([^:=@]*)(:=|==|=|:|@)(.*)$/s.exec(text);
    if (text.startsWith("@")) {
      body = ctx.readFile?.(text.slice(1));
      bodyUnknown ||= body === undefined;
    } else if (m && m[2] === ":") headers.push(text);
    else if (m && (m[2] === "=" || m[2] === ":=")) fields[m[1]] = m[2] === ":=" ? safeJson(m[3]) : m[3];
  }
  if (!body && Object.keys(fields).length) body = JSON.stringify(fields);
  if (!body && inv.stdin) {
    body = literalStdin(inv.stdin, ctx.readFile);
    bodyUnknown ||= body === undefined;
  }
  method ??= body !== undefined || bodyUnknown ? "POST" : "GET";
  const url = wordText(urlWord);
  const full = /^[a-z]+:\/\//i.test(url) || url.startsWith(":") ? url : `https://${url}`;
  return [{ client: inv.program, method, url: full, ...splitUrl(full), headers, body, bodyUnknown }];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `gh api ENDPOINT`: GET unless -X, or POST when fields are given; `gh api graphql -f query=…`. */
function ghApiFact(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): HttpFact[] {
  if (parsed.positionals[0]?.value !== "api") return [];
  const endpoint = parsed.positionals[1];
  if (!endpoint) return [];
  const fields = optionValues(parsed, inv, ["-f", "--raw-field", "-F", "--field"]).map((v) => (v.word.dynamic ? wordText(v.word) : v.value));
  const input = optionValues(parsed, inv, ["--input"]).at(-1);
  const inputBody = input ? (input.value === "-" ? (inv.stdin ? literalStdin(inv.stdin, ctx.readFile) : undefined) : ctx.readFile?.(input.value)) : undefined;
  const method = optionValues(parsed, inv, ["-X", "--method"]).at(-1)?.value.toUpperCase() ?? (fields.length || input ? "POST" : "GET");
  const path = wordText(endpoint).replace(/^\/?/, "/");
  const graphql = endpoint.value === "graphql";
  const query = fields.find((f) => f.startsWith("query="))?.slice("query=".length);
  const body = graphql ? query ?? inputBody : inputBody ?? (fields.length ? fields.join("&") : undefined);
  return [{ client: "gh api", authenticated: true, method, url: `https://api.github.com${path}`, host: "api.github.com", path, headers: [], body, bodyUnknown: input !== undefined && inputBody === undefined, graphql }];
}

/** `railway api '<document>'`, `railway api -f FILE`, or the document on stdin: GraphQL to Railway. */
function railwayApiFact(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): HttpFact[] {
  if (parsed.positionals[0]?.value !== "api") return [];
  const sub = parsed.positionals[1]?.value;
  if (sub === "schema" || sub === "search" || sub === "describe") return [];
  const file = optionValues(parsed, inv, ["-f", "--file"]).at(-1);
  const doc = parsed.positionals[1];
  if (!file && !doc && !inv.stdin) return []; // `railway api --help`: no request
  const body = file ? ctx.readFile?.(file.value) : doc ? wordText(doc) : inv.stdin ? literalStdin(inv.stdin, ctx.readFile) : undefined;
  const unknown = body === undefined && (file !== undefined || inv.stdin !== undefined);
  return [{ client: "railway api", authenticated: true, method: "POST", url: "https://backboard.railway.com/graphql/v2", host: "backboard.railway.com", path: "/graphql/v2", headers: [], body, bodyUnknown: unknown, graphql: true }];
}

/** `vercel api PATH [-X METHOD]`. */
function vercelApiFact(inv: Invocation, parsed: ParsedArgs): HttpFact[] {
  if (parsed.positionals[0]?.value !== "api" || !parsed.positionals[1]) return [];
  const path = wordText(parsed.positionals[1]);
  const method = optionValues(parsed, inv, ["-X", "--method"]).at(-1)?.value.toUpperCase() ?? "GET";
  return [{ client: "vercel api", authenticated: true, method, url: `https://api.vercel.com${path}`, host: "api.vercel.com", path, headers: [], bodyUnknown: false }];
}

/** `netlify api METHOD_NAME`: methods named delete*, remove*… are DELETEs. */
function netlifyApiFact(_inv: Invocation, parsed: ParsedArgs): HttpFact[] {
  if (parsed.positionals[0]?.value !== "api" || !parsed.positionals[1]) return [];
  const name = parsed.positionals[1].value;
  const method = /^(delete|remove|purge|unlink)/i.test(name) ? "DELETE" : /^(get|list|show)/i.test(name) ? "GET" : "POST";
  return [{ client: "netlify api", authenticated: true, method, url: `https://api.netlify.com/api/v1/${name}`, host: "api.netlify.com", path: `/api/v1/${name}`, headers: [], bodyUnknown: false }];
}

interface HttpClient {
  spec: ProgramSpec;
  facts: (inv: Invocation, parsed: ParsedArgs, ctx: EvalContext) => HttpFact[];
}

const CLIENTS: Record<string, HttpClient> = {
  curl: { spec: CURL_SPEC, facts: curlFact },
  wget: { spec: WGET_SPEC, facts: wgetFact },
  http: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session", "--verify", "--cert", "--cert-key"], singleDashLong: false }, facts: httpieFact },
  https: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session"], singleDashLong: false }, facts: httpieFact },
  xh: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session"], singleDashLong: false }, facts: httpieFact },
  gh: { spec: GH_SPEC, facts: ghApiFact },
  railway: { spec: { valued: ["-f", "--file", "-s", "--service", "-e", "--environment", "-p", "--project"], singleDashLong: false }, facts: railwayApiFact },
  vercel: { spec: { valued: ["-X", "--method", "--token", "-t", "--scope", "-S"], singleDashLong: false }, facts: vercelApiFact },
  netlify: { spec: { valued: ["--data", "-d", "--auth"], singleDashLong: false }, facts: netlifyApiFact },
};

export function httpClient(program: string): HttpClient | undefined {
  return Object.prototype.hasOwnProperty.call(CLIENTS, program) ? CLIENTS[program] : undefined;
}

const AUTH_HEADER = /^\s*(?:authorization|proxy-authorization|project-access-token|team-access-token|x-api-key|api-key|apikey|private-token|x-auth-token|x-auth-key|x-api-token)\s*:/i;

function authenticated(fact: HttpFact, inv: Invocation): boolean {
  if (fact.authenticated) return true;
  if (fact.headers.some((h) => AUTH_HEADER.test(h))) return true;
  return inv.argv.some((w, i) => i > 0 && ["-u", "--user", "--oauth2-bearer", "-a", "--auth"].includes(w.value));
}

/** The requests an invocation makes; undefined when the program is not an HTTP client. */
export function httpFacts(invocation: Invocation, ctx: EvalContext): HttpFact[] | undefined {
  const client = httpClient(invocation.program);
  if (!client) return undefined;
  return client.facts(invocation, parseArgs(invocation, client.spec), ctx).map((fact) => ({ ...fact, authenticated: authenticated(fact, invocation) }));
}
