// HTTP clients as carriers: the method, URL, headers and body of a request made by curl, wget, httpie, gh api, railway api…
import type { Invocation, Word } from "../shell/model";
import type { Span } from "../core/finding";
import { literalStdin } from "../shell/stdin";
import { findOption, optionValues, parseArgs, type ParsedArgs } from "../shell/program-args";
import type { ProgramSpec } from "../shell/program-args";
import { connectToTarget, isLocalHost, normaliseHost, splitUrl } from "./http-hosts";
import { curlConfigArgs, wgetrcArgs } from "./http-config";
import { graphqlOf, readGraphql, type GraphqlOperation } from "./graphql";
import { wordText } from "../shell/words";
import { deleteScope, type DeleteScope } from "./data-deletes";
import { rawSocketFacts } from "./http-raw";

/**
 * One request an HTTP client makes. The shape is shared with rules/match.ts and other packs' rules:
 * fields are only ever added.
 */
export interface HttpFact {
  client: string;
  /** Credentials are sent: an Authorization-style header, `-u user:token`, or a CLI that authenticates itself. */
  authenticated?: boolean;
  method: string;
  /** The URL when it is literal; undefined when it is built at run time. */
  url?: string;
  /** The URL's host, normalised (lower case, no trailing dot, no brackets); undefined when built at run time. */
  host?: string;
  port?: number;
  path?: string;
  /**
   * Every host the request may reach or name, normalised: the URL host, a curl URL glob's expansions,
   * a `Host:` header, a `--connect-to` target. Rules on hosts match any of them.
   */
  hosts: string[];
  /** Every host is this machine (localhost, 127.0.0.0/8, ::1 in any spelling); false when any host is unknown. */
  local: boolean;
  headers: string[];
  /** Headers come from a file or config guard cannot read: credentials may be sent. */
  headersUnknown?: boolean;
  /** The method may be set where guard cannot see (an unreadable curl config file). */
  methodUnknown?: boolean;
  /** The body text; undefined when there is a body guard cannot read (a file it cannot open, a pipe). */
  body?: string;
  bodyUnknown: boolean;
  /** The body is GraphQL whatever the URL says (railway api, gh api graphql). */
  graphql?: boolean;
  /** The GraphQL operations the body holds, when it is GraphQL. */
  operations?: GraphqlOperation[];
  /** The operations were read by the reference parser (false: a lenient reading of text it rejected). */
  operationsExact?: boolean;
  /** Where the request's options came from besides the command line: `-K file`, `~/.curlrc`, `.wgetrc`. */
  configs?: string[];
  /** A data service's bulk delete (Qdrant, Pinecone, Chroma, Milvus, Weaviate, Algolia, Meilisearch, Typesense, Consul KV): how much it removes. */
  deletes?: DeleteScope;
}

/** A request as a client reads it, before hosts are gathered and the body's GraphQL is read. */
type RawFact = Omit<HttpFact, "hosts" | "local"> & { hosts?: string[] };

/** What the HTTP carriers read besides the command: request files, config files, the environment (CURL_HOME, WGETRC). */
export interface HttpReader {
  readFile?: (path: string) => string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
}

const CURL_SPEC: ProgramSpec = {
  valued: ["-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json",
    "-F", "--form", "--form-string", "-u", "--user", "-o", "--output", "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c",
    "--cookie-jar", "--url", "-T", "--upload-file", "-m", "--max-time", "--connect-timeout", "-x", "--proxy", "-w", "--write-out",
    "--retry", "-K", "--config", "--cacert", "--cert", "--key", "-r", "--range", "-z", "--oauth2-bearer", "--resolve", "--variable", "--expand-data",
    "--expand-json", "--expand-url", "--expand-header", "--connect-to", "--aws-sigv4", "--netrc-file", "--request-target", "-E", "--proxy-user", "-U"],
  singleDashLong: false,
};

const WGET_SPEC: ProgramSpec = {
  valued: ["-O", "--output-document", "-o", "--output-file", "--header", "--method", "--post-data", "--post-file", "--body-data", "--body-file",
    "-U", "--user-agent", "--user", "--password", "-t", "--tries", "-T", "--timeout", "-P", "--directory-prefix", "--config", "-e", "--execute",
    "--http-user", "--http-password"],
  singleDashLong: false,
};

const GH_SPEC: ProgramSpec = {
  valued: ["-X", "--method", "-H", "--header", "-f", "--raw-field", "-F", "--field", "--input", "-q", "--jq", "-t", "--template", "--hostname", "--cache", "-R", "--repo"],
  singleDashLong: false,
};

/** URL facts for one request: host, port, path, and the URL glob's other hosts. */
function urlFacts(url: string | undefined): Pick<HttpFact, "host" | "port" | "path" | "hosts"> {
  if (url === undefined) return { hosts: [] };
  const parts = splitUrl(url);
  return { ...(parts.host ? { host: parts.host } : {}), ...(parts.port !== undefined ? { port: parts.port } : {}), path: parts.path, hosts: parts.host ? [parts.host, ...parts.alternatives] : [] };
}

/** A body built from expansions is partly unknown: its text is still analysed, and it also counts as unreadable. */
function dynamicBody(word: Word): boolean {
  return word.dynamic;
}

/** A body given as `@file` / `@-` (curl, httpie) is read through the context, or from stdin when literal. */
function readBody(value: string, invocation: Invocation, ctx: HttpReader): string | undefined {
  if (!value.startsWith("@")) return value;
  const file = value.slice(1);
  if (file === "-") return invocation.stdin ? literalStdin(invocation.stdin, ctx.readFile) : undefined;
  return ctx.readFile?.(file);
}

/** A word made from a config file's text: literal, located at the option that named the file. */
function configWord(value: string, span: Span): Word {
  return { value, raw: value, dynamic: false, glob: false, span };
}

/** Options a config file adds, read through the reader; `unknown` when a named file cannot be read. */
interface ConfigOptions {
  words: Word[];
  files: string[];
  unknown: boolean;
}

/**
 * curl's config: `~/.curlrc` (or `$CURL_HOME/.curlrc`, `$XDG_CONFIG_HOME/.curlrc`) unless the first
 * argument is `-q`/`--disable`, then each `-K FILE` / `--config FILE` (`-K -`: stdin).
 */
function curlConfig(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): ConfigOptions {
  const out: ConfigOptions = { words: [], files: [], unknown: false };
  const add = (text: string, name: string, span: Span) => {
    out.files.push(name);
    out.words.push(...curlConfigArgs(text).map((v) => configWord(v, span)));
  };
  const first = inv.argv[1]?.value;
  if (first !== "-q" && first !== "--disable") {
    const homes = [ctx.env?.CURL_HOME, ctx.env?.XDG_CONFIG_HOME].filter((h): h is string => !!h).map((h) => `${h}/.curlrc`);
    for (const file of [...homes, "~/.curlrc"]) {
      const text = ctx.readFile?.(file);
      if (text !== undefined) {
        add(text, file, inv.span);
        break;
      }
    }
  }
  for (const { value, word } of optionValues(parsed, inv, ["-K", "--config"])) {
    const text = word.dynamic ? undefined : value === "-" ? (inv.stdin ? literalStdin(inv.stdin, ctx.readFile) : undefined) : ctx.readFile?.(value);
    if (text === undefined) out.unknown = true;
    else add(text, value, word.span);
  }
  return out;
}

/** `-H @file`: one header per line of the file. Undefined when the file cannot be read. */
function headerLines(value: string, inv: Invocation, ctx: HttpReader): string[] | undefined {
  if (!value.startsWith("@")) return [value];
  const file = value.slice(1);
  const text = file === "-" ? (inv.stdin ? literalStdin(inv.stdin, ctx.readFile) : undefined) : ctx.readFile?.(file);
  return text?.split(/\r?\n/).filter((l) => l.trim() !== "");
}

/**
 * One `--data-urlencode` part as the server reads it: `name=content` and `=content` send the content, `name@file` and
 * `@file` send the file's (`q@drop.txt` is `q=` and the text of drop.txt); undefined when the file cannot be read.
 */
function urlencodedPart(value: string, inv: Invocation, ctx: HttpReader): string | undefined {
  const m = /^([^=@]*)([=@])([\s\S]*)$/.exec(value);
  if (!m) return value;
  if (m[2] === "=") return m[1] === "" ? m[3] : value;
  const text = readBody(`@${m[3]}`, inv, ctx);
  return text === undefined ? undefined : m[1] === "" ? text : `${m[1]}=${text}`;
}

const CURL_BODY_FILES = ["-d", "--data", "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-F", "--form"];
const CURL_BODY_LITERAL = ["--data-raw", "--form-string"];

function curlFact(invocation: Invocation, commandLine: ParsedArgs, ctx: HttpReader): RawFact[] {
  const config = curlConfig(invocation, commandLine, ctx);
  // Config options come first: the command line overrides them, as in curl.
  const inv = config.words.length ? { ...invocation, argv: [invocation.argv[0], ...config.words, ...invocation.argv.slice(1)] } : invocation;
  const parsed = config.words.length ? parseArgs(inv, CURL_SPEC) : commandLine;
  const urls = [...optionValues(parsed, inv, ["--url"]).map((v) => v.word), ...parsed.positionals];
  let headersUnknown = config.unknown;
  const headers = optionValues(parsed, inv, ["-H", "--header"]).flatMap((v) => {
    const lines = v.word.dynamic ? [wordText(v.word)] : headerLines(v.value, inv, ctx);
    if (lines === undefined) headersUnknown = true;
    return lines ?? [];
  });
  const literalBodies = optionValues(parsed, inv, CURL_BODY_LITERAL).map(({ value, word, attached }) =>
    word.dynamic ? (attached ? undefined : wordText(word)) : value);
  // The other data options read `@file` (and `@-`, stdin) instead of sending the text.
  const fileBodies = optionValues(parsed, inv, CURL_BODY_FILES.filter((o) => o !== "--data-urlencode"))
    .map(({ value, word, attached }) => (word.dynamic ? (attached ? undefined : wordText(word)) : readBody(value.replace(/^[^=@]*=(?=@)/, ""), inv, ctx)));
  const encodedBodies = optionValues(parsed, inv, ["--data-urlencode"])
    .map(({ value, word, attached }) => (word.dynamic ? (attached ? undefined : wordText(word)) : urlencodedPart(value, inv, ctx)));
  const bodies = [...literalBodies, ...fileBodies, ...encodedBodies];
  const dynamic = optionValues(parsed, inv, [...CURL_BODY_LITERAL, ...CURL_BODY_FILES]).some((v) => dynamicBody(v.word));
  // curl 8.3 variables: `--expand-data '{{body}}'` sends text guard only sees as a template.
  const expanded = optionValues(parsed, inv, ["--expand-data", "--expand-json", "--expand-url", "--expand-header"]).length > 0;
  const upload = findOption(parsed, ["-T", "--upload-file"]);
  const chosen = optionValues(parsed, inv, ["-X", "--request"]).at(-1);
  // `-X "$METHOD"`: a method the shell or the code computes could be any, DELETE included.
  const computedMethod = chosen?.word.dynamic === true;
  const explicit = computedMethod ? undefined : chosen?.value.toUpperCase();
  const method = explicit ?? (findOption(parsed, ["-G", "--get"]) ? "GET" : upload ? "PUT" : bodies.length ? "POST" : findOption(parsed, ["-I", "--head"]) ? "HEAD" : "GET");
  const bodyUnknown = dynamic || expanded || config.unknown || bodies.some((b) => b === undefined);
  const body = bodies.filter((b): b is string => b !== undefined).join("&");
  // `--connect-to HOST1:PORT1:HOST2:PORT2` sends the request to HOST2.
  const extraHosts = optionValues(parsed, inv, ["--connect-to"]).map((v) => connectToTarget(v.value)).filter((h): h is string => h !== undefined);
  const credentials = findOption(parsed, ["-u", "--user", "--oauth2-bearer", "--aws-sigv4", "-n", "--netrc", "--netrc-file"]) !== undefined;
  return (urls.length ? urls : [undefined]).map((word) => {
    const url = word && !word.dynamic ? word.value : word ? wordText(word) : undefined;
    return {
      client: inv.program, method, url, ...urlFacts(url), headers, body: bodies.length || expanded ? body : undefined, bodyUnknown,
      ...(credentials ? { authenticated: true } : {}),
      ...(extraHosts.length ? { hosts: extraHosts } : {}),
      ...(headersUnknown ? { headersUnknown } : {}),
      ...(computedMethod || config.unknown ? { methodUnknown: explicit === undefined } : {}),
      ...(config.files.length ? { configs: config.files } : {}),
    };
  });
}

/** wget's config: `$WGETRC` or `~/.wgetrc` unless `--no-config`, `--config FILE` instead, and `-e CMD` commands. */
function wgetConfig(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): ConfigOptions {
  const out: ConfigOptions = { words: [], files: [], unknown: false };
  if (findOption(parsed, ["--no-config"])) return out;
  const chosen = optionValues(parsed, inv, ["--config"]).at(-1);
  const file = chosen ? (chosen.word.dynamic ? undefined : chosen.value) : ctx.env?.WGETRC ?? "~/.wgetrc";
  const text = file === undefined ? undefined : ctx.readFile?.(file);
  if (text !== undefined) {
    out.files.push(file!);
    out.words.push(...wgetrcArgs(text).map((v) => configWord(v, chosen?.word.span ?? inv.span)));
  } else if (chosen) out.unknown = true;
  for (const { value, word } of optionValues(parsed, inv, ["-e", "--execute"])) {
    if (word.dynamic) out.unknown = true;
    else out.words.push(...wgetrcArgs(value).map((v) => configWord(v, word.span)));
  }
  return out;
}

function wgetFact(invocation: Invocation, commandLine: ParsedArgs, ctx: HttpReader): RawFact[] {
  const config = wgetConfig(invocation, commandLine, ctx);
  const inv = config.words.length ? { ...invocation, argv: [invocation.argv[0], ...config.words, ...invocation.argv.slice(1)] } : invocation;
  const parsed = config.words.length ? parseArgs(inv, WGET_SPEC) : commandLine;
  const headers = optionValues(parsed, inv, ["--header"]).map((v) => wordText(v.word));
  const inline = optionValues(parsed, inv, ["--post-data", "--body-data"]).map((v) => (v.word.dynamic ? wordText(v.word) : v.value));
  const files = optionValues(parsed, inv, ["--post-file", "--body-file"]).map((v) => (v.word.dynamic ? undefined : ctx.readFile?.(v.value)));
  const bodies = [...inline, ...files];
  const explicit = optionValues(parsed, inv, ["--method"]).at(-1)?.value.toUpperCase();
  const method = explicit ?? (bodies.length ? "POST" : "GET");
  const credentials = findOption(parsed, ["--user", "--password", "--http-user", "--http-password"]) !== undefined;
  return parsed.positionals.map((word) => {
    const url = wordText(word);
    return {
      client: "wget", method, url, ...urlFacts(url), headers,
      body: bodies.length ? bodies.filter((b) => b !== undefined).join("&") : undefined,
      bodyUnknown: config.unknown || bodies.some((b) => b === undefined),
      ...(credentials ? { authenticated: true } : {}),
      ...(config.unknown ? { headersUnknown: true, methodUnknown: explicit === undefined } : {}),
      ...(config.files.length ? { configs: config.files } : {}),
    };
  });
}

const HTTPIE_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** httpie / xh: `http [METHOD] URL [Header:value] [field=value] [field:=json] [@file]`. */
function httpieFact(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): RawFact[] {
  // `--offline` builds the request and prints it; nothing is sent.
  if (findOption(parsed, ["--offline"])) return [];
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
  // httpie's default scheme is http (https for the `https` program); `:3000/x` is localhost.
  const scheme = inv.program === "https" ? "https" : "http";
  const full = /^[a-z]+:\/\//i.test(url) ? url : url.startsWith(":") ? `${scheme}://localhost${url}` : `${scheme}://${url}`;
  return [{ client: inv.program, method, url: full, ...urlFacts(full), headers, body, bodyUnknown }];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Where a forge CLI's `api ENDPOINT` goes: GitHub's REST root, or GitLab's `/api/v4` on gitlab.com or `--hostname`. */
interface ForgeApi {
  client: string;
  /** The REST base URL and host for a `--hostname` value (undefined: the default host). */
  base: (hostname: string | undefined) => { host: string; root: string };
}

const GITHUB_API: ForgeApi = { client: "gh api", base: (h) => (h && h !== "github.com" ? { host: h, root: `https://${h}/api/v3` } : { host: "api.github.com", root: "https://api.github.com" }) };
const GITLAB_API: ForgeApi = { client: "glab api", base: (h) => ({ host: h ?? "gitlab.com", root: `https://${h ?? "gitlab.com"}/api/v4` }) };

/** `gh api ENDPOINT`: GET unless -X, or POST when fields are given; `gh api graphql -f query=…`. */
function ghApiFact(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): RawFact[] {
  return forgeApiFact(GITHUB_API, inv, parsed, ctx);
}

/** `glab api ENDPOINT`: the same grammar as `gh api`, against GitLab's REST API (`-X DELETE projects/1`). */
function glabApiFact(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): RawFact[] {
  return forgeApiFact(GITLAB_API, inv, parsed, ctx);
}

function forgeApiFact(forge: ForgeApi, inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): RawFact[] {
  if (parsed.positionals[0]?.value !== "api") return [];
  const endpoint = parsed.positionals[1];
  if (!endpoint) return [];
  const fields = optionValues(parsed, inv, ["-f", "--raw-field", "-F", "--field"]).map((v) => (v.word.dynamic ? wordText(v.word) : v.value));
  const input = optionValues(parsed, inv, ["--input"]).at(-1);
  const inputBody = input ? (input.value === "-" ? (inv.stdin ? literalStdin(inv.stdin, ctx.readFile) : undefined) : ctx.readFile?.(input.value)) : undefined;
  const method = optionValues(parsed, inv, ["-X", "--method"]).at(-1)?.value.toUpperCase() ?? (fields.length || input ? "POST" : "GET");
  const { host, root } = forge.base(optionValues(parsed, inv, ["--hostname"]).at(-1)?.value);
  const url = `${root}${wordText(endpoint).replace(/^\/?/, "/")}`;
  const path = url.slice(`https://${host}`.length);
  const graphql = endpoint.value === "graphql";
  const query = fields.find((f) => f.startsWith("query="))?.slice("query=".length);
  const body = graphql ? query ?? inputBody : inputBody ?? (fields.length ? fields.join("&") : undefined);
  return [{ client: forge.client, authenticated: true, method, url, host, path, headers: [], body, bodyUnknown: input !== undefined && inputBody === undefined, graphql }];
}

/** `railway api '<document>'`, `railway api -f FILE`, or the document on stdin: GraphQL to Railway. */
function railwayApiFact(inv: Invocation, parsed: ParsedArgs, ctx: HttpReader): RawFact[] {
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
function vercelApiFact(inv: Invocation, parsed: ParsedArgs): RawFact[] {
  if (parsed.positionals[0]?.value !== "api" || !parsed.positionals[1]) return [];
  const path = wordText(parsed.positionals[1]);
  const method = optionValues(parsed, inv, ["-X", "--method"]).at(-1)?.value.toUpperCase() ?? "GET";
  return [{ client: "vercel api", authenticated: true, method, url: `https://api.vercel.com${path}`, host: "api.vercel.com", path, headers: [], bodyUnknown: false }];
}

/** `netlify api METHOD_NAME`: methods named delete*, remove*… are DELETEs. */
function netlifyApiFact(_inv: Invocation, parsed: ParsedArgs): RawFact[] {
  if (parsed.positionals[0]?.value !== "api" || !parsed.positionals[1]) return [];
  const name = parsed.positionals[1].value;
  const method = /^(delete|remove|purge|unlink)/i.test(name) ? "DELETE" : /^(get|list|show)/i.test(name) ? "GET" : "POST";
  return [{ client: "netlify api", authenticated: true, method, url: `https://api.netlify.com/api/v1/${name}`, host: "api.netlify.com", path: `/api/v1/${name}`, headers: [], bodyUnknown: false }];
}

/** The socket clients' own grammars are read in http-raw.ts. */
const RAW_SPEC: ProgramSpec = { valued: [], singleDashLong: true };

interface HttpClient {
  spec: ProgramSpec;
  facts: (inv: Invocation, parsed: ParsedArgs, ctx: HttpReader) => RawFact[];
}

const CLIENTS: Record<string, HttpClient> = {
  curl: { spec: CURL_SPEC, facts: curlFact },
  wget: { spec: WGET_SPEC, facts: wgetFact },
  http: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session", "--verify", "--cert", "--cert-key"], singleDashLong: false }, facts: httpieFact },
  https: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session"], singleDashLong: false }, facts: httpieFact },
  xh: { spec: { valued: ["-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session"], singleDashLong: false }, facts: httpieFact },
  gh: { spec: GH_SPEC, facts: ghApiFact },
  glab: { spec: GH_SPEC, facts: glabApiFact },
  railway: { spec: { valued: ["-f", "--file", "-s", "--service", "-e", "--environment", "-p", "--project"], singleDashLong: false }, facts: railwayApiFact },
  vercel: { spec: { valued: ["-X", "--method", "--token", "-t", "--scope", "-S"], singleDashLong: false }, facts: vercelApiFact },
  netlify: { spec: { valued: ["--data", "-d", "--auth"], singleDashLong: false }, facts: netlifyApiFact },
  // Socket clients send whatever bytes reach their stdin: raw HTTP there is a request like curl's (see http-raw.ts).
  openssl: { spec: RAW_SPEC, facts: rawSocketFacts },
  nc: { spec: RAW_SPEC, facts: rawSocketFacts },
  ncat: { spec: RAW_SPEC, facts: rawSocketFacts },
  netcat: { spec: RAW_SPEC, facts: rawSocketFacts },
  socat: { spec: RAW_SPEC, facts: rawSocketFacts },
  telnet: { spec: RAW_SPEC, facts: rawSocketFacts },
};

export function httpClient(program: string): HttpClient | undefined {
  return Object.prototype.hasOwnProperty.call(CLIENTS, program) ? CLIENTS[program] : undefined;
}

const AUTH_HEADER = /^\s*(?:authorization|proxy-authorization|project-access-token|team-access-token|x-api-key|api-key|apikey|private-token|x-auth-token|x-auth-key|x-api-token)\s*:/i;

function authenticated(fact: RawFact, inv: Invocation): boolean {
  if (fact.authenticated) return true;
  if (fact.headers.some((h) => AUTH_HEADER.test(h))) return true;
  return inv.argv.some((w, i) => i > 0 && ["-u", "--user", "--oauth2-bearer", "-a", "--auth"].includes(w.value));
}

/** `Host: backboard.railway.app` sent to an IP address: the server answers for that host. */
function hostHeaders(headers: string[]): string[] {
  return headers.flatMap((h) => {
    const m = /^\s*host\s*:\s*([^\s]+)\s*$/i.exec(h);
    const host = m ? splitUrl(`//${m[1]}`).host : undefined;
    return host ? [host] : [];
  });
}

/** Gathers every host a request may reach, decides whether it stays on this machine, and reads a GraphQL body. */
function complete(raw: RawFact, inv: Invocation): HttpFact {
  const hosts = [...new Set([...(raw.host ? [raw.host] : []), ...(raw.hosts ?? []).map(normaliseHost), ...hostHeaders(raw.headers)])];
  const fact: HttpFact = { ...raw, hosts, local: raw.host !== undefined && hosts.every(isLocalHost), authenticated: authenticated(raw, inv) };
  const deletes = deleteScope(fact);
  if (deletes) fact.deletes = deletes;
  const doc = fact.body === undefined ? undefined : graphqlOf(fact.body, { graphqlEndpoint: fact.graphql === true || /graphql/i.test(fact.path ?? "") });
  if (doc !== undefined) {
    const reading = readGraphql(doc);
    fact.operations = reading.operations;
    fact.operationsExact = reading.exact;
  }
  return fact;
}

/** The requests an invocation makes; undefined when the program is not an HTTP client. */
export function httpFacts(invocation: Invocation, ctx: HttpReader): HttpFact[] | undefined {
  const client = httpClient(invocation.program);
  if (!client) return undefined;
  return client.facts(invocation, parseArgs(invocation, client.spec), ctx).map((fact) => complete(fact, invocation));
}
