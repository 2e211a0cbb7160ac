// HTTP requests made from interpreter code (requests, urllib, fetch, https.request, axios, Net::HTTP, LWP): the curl request each one amounts to.
import { blankStrings, matchBracket, splitTopLevel, type Language } from "./code-lex";
import { valueOf } from "./code-values";
import { literalJson, objectEntries } from "./code-literals";
import { axiosInstanceCalls, clientCalls, type ClientCall } from "./code-http-clients";

/** A request read from code; undefined fields were computed at run time. */
interface CodeRequest {
  call: string;
  /** Undefined when the code computes it (`{method: process.argv[2]}` with no literal argument): any method may be sent. */
  method: string | undefined;
  url?: string;
  /** The body: text when known, null when there is one guard cannot read, absent when there is none. */
  body?: string | null;
  /** The body is this file's content (`data=open(P).read()`, `fs.readFileSync(P)`): sent like curl's `--data-binary @P`. */
  bodyFile?: string;
  authenticated: boolean;
}

/**
 * The file a body expression reads, when it is one read of a file whose path guard computes:
 * `open(P).read()`, `Path(P).read_bytes()`, `{'f': open(P, 'rb')}` (a multipart upload), `fs.readFileSync(P)`, `File.read(P)`.
 */
function fileRead(text: string | undefined, language: Language): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const opener = language === "python" ? /\b(?:io\.)?open\s*\(/ : language === "javascript" ? /\b(?:fs\.)?(?:readFileSync|createReadStream)\s*\(/ : language === "ruby" ? /\b(?:File\.(?:read|open|binread)|IO\.read)\s*\(/ : undefined;
  const m = opener?.exec(t);
  if (m) {
    const open = m.index + m[0].length - 1;
    const first = splitTopLevel(t.slice(open + 1, matchBracket(t, open, language) - 1), language)[0];
    return first === undefined ? undefined : valueOf(first, language);
  }
  const path = language === "python" ? /^([\s\S]+)\.read_(?:text|bytes)\(\s*\)$/.exec(t) : null;
  return path ? valueOf(path[1], "python") : undefined;
}

/** An argv the HTTP carriers read, with the indexes of words guard could not read. */
export interface HttpArgv {
  argv: string[];
  dynamic: number[];
  call: string;
}

const METHODS = /^(?:get|post|put|patch|delete|head|options)$/i;
const CREDENTIALS = /authori[sz]ation|bearer|\btoken\b|api[-_]?key|project-access-token/i;

/** Every `name(` call in the code: its argument texts. */
function calls(code: string, language: Language, name: RegExp): { name: string; args: string[]; rest: string }[] {
  const out: { name: string; args: string[]; rest: string }[] = [];
  const searchable = blankStrings(code, language);
  for (const m of searchable.matchAll(new RegExp(`(?<![\\w$]|\\.(?=\\w))(${name.source})\\s*\\(`, "g"))) {
    const open = m.index! + m[0].length - 1;
    const close = matchBracket(code, open, language);
    const rest = code.slice(open + 1, close - 1);
    out.push({ name: m[1], args: rest.trim() === "" ? [] : splitTopLevel(rest, language).map((a) => a.trim()), rest });
  }
  return out;
}

/** Python keyword arguments (`json=…`) and the positional ones, apart. */
function keywords(args: string[]): { positional: string[]; named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const arg of args) {
    const m = /^(\w+)\s*=(?!=)\s*([\s\S]*)$/.exec(arg);
    if (m) named.set(m[1], m[2]);
    else positional.push(arg);
  }
  return { positional, named };
}

/** A body expression: literal text, a serialised literal, or unreadable (null). */
function bodyOf(text: string | undefined, language: Language): string | null | undefined {
  if (text === undefined) return undefined;
  const value = valueOf(text, language);
  if (value !== undefined) return value;
  return literalJson(text, language) ?? null;
}

/** A request sent through a client object: the verb or the method argument, and the URL joined to the client's base. */
function clientRequest(c: ClientCall): CodeRequest {
  const { positional, named } = keywords(c.args);
  // `request(method, url, …)`, urllib3's `urlopen(method, url, …)`, http.client's `putrequest(method, url)`, httpx's `stream(method, url)`.
  const methodFirst = /^(?:request|urlopen|putrequest|stream)$/.test(c.verb);
  const methodText = methodFirst ? positional[0] ?? named.get("method") : named.get("method");
  const urlText = methodFirst ? positional[1] ?? named.get("url") : positional[0] ?? named.get("url");
  // http.client's `request(method, url, body)` takes the body third; urllib3 names it `body=`, requests `data=`/`json=`.
  const bodyText = named.get("json") ?? named.get("data") ?? named.get("content") ?? named.get("body") ?? named.get("fields") ?? (c.kind === "connection" ? positional[2] : undefined);
  const body = named.has("json") ? literalJson(named.get("json")!, "python") ?? null : bodyOf(bodyText, "python");
  const method = methodText !== undefined ? valueOf(methodText, "python") : METHODS.test(c.verb) ? c.verb : body !== undefined ? "POST" : "GET";
  let url = urlText === undefined ? undefined : valueOf(urlText, "python");
  // A relative URL goes to the connection's host or httpx's base_url; with a base guard cannot compute, it is unknown.
  if (url !== undefined && !/^[a-z][\w+.-]*:\/\//i.test(url)) url = c.base !== undefined && !c.baseUnknown ? `${c.base}${url.startsWith("/") ? "" : "/"}${url}` : undefined;
  return { call: `${c.kind === "connection" ? "HTTPConnection" : "client"}.${c.verb}`, method: method?.toUpperCase(), url, body, authenticated: CREDENTIALS.test(c.rest) };
}

function python(code: string): CodeRequest[] {
  const out: CodeRequest[] = clientCalls(code).map(clientRequest);
  // urllib3 2's module-level `urllib3.request(method, url, …)` reads like a client's request.
  for (const c of calls(code, "python", /urllib3\.request/)) out.push(clientRequest({ kind: "pool", verb: "request", args: c.args, rest: c.rest, baseUnknown: false }));
  for (const c of calls(code, "python", /(?:requests|httpx)\.(?:get|post|put|patch|delete|head|request)|urllib\.request\.(?:Request|urlopen)/)) {
    const { positional, named } = keywords(c.args);
    const verb = c.name.split(".").pop()!;
    const request = verb === "request";
    // `urlopen(Request(…))` is read at the Request; only a literal URL is a request of its own.
    if (verb === "urlopen" && positional[0] !== undefined && /Request\s*\(/.test(positional[0])) continue;
    const methodText = request ? positional[0] : named.get("method");
    const urlText = request ? positional[1] : positional[0] ?? named.get("url");
    const bodyText = named.get("json") ?? named.get("data") ?? named.get("content") ?? (verb === "Request" || verb === "urlopen" ? positional[1] : undefined);
    const body = named.has("json") ? literalJson(named.get("json")!, "python") ?? null : bodyOf(bodyText, "python");
    const bodyFile = fileRead(bodyText, "python") ?? fileRead(named.get("files"), "python");
    const method = methodText !== undefined ? valueOf(methodText, "python") : METHODS.test(verb) ? verb : body !== undefined || bodyFile !== undefined ? "POST" : "GET";
    out.push({ call: c.name, method: method?.toUpperCase(), url: urlText === undefined ? undefined : valueOf(urlText, "python"), body, ...(bodyFile !== undefined ? { bodyFile } : {}), authenticated: CREDENTIALS.test(c.rest) });
  }
  return out;
}

/** `api.delete(url)`, `api.post(url, data)`, `api.request({method, url})` on an axios instance, the URL joined to its `baseURL`. */
function axiosInstanceRequest(c: ClientCall): CodeRequest {
  const options = c.verb === "request" ? objectEntries(c.args[0] ?? "", "javascript") : undefined;
  const methodText = options?.get("method");
  const urlText = options ? options.get("url") : c.args[0];
  const bodyText = options ? options.get("data") : /^(?:post|put|patch)$/.test(c.verb) ? c.args[1] : undefined;
  const body = bodyOf(bodyText, "javascript");
  const method = methodText !== undefined ? valueOf(methodText, "javascript") : c.verb === "request" ? "GET" : c.verb;
  let url = urlText === undefined ? undefined : valueOf(urlText, "javascript");
  if (url !== undefined && !/^[a-z][\w+.-]*:\/\//i.test(url)) url = c.base !== undefined && !c.baseUnknown ? `${c.base}${url.startsWith("/") ? "" : "/"}${url}` : undefined;
  return { call: `axios instance.${c.verb}`, method: method?.toUpperCase(), url, body, authenticated: CREDENTIALS.test(c.rest) };
}

/** An axios instance's `baseURL`, when its options are a literal object. */
function axiosBase(options: string): string | undefined {
  const text = objectEntries(options, "javascript")?.get("baseURL");
  return text === undefined ? undefined : valueOf(text, "javascript");
}

function javascript(code: string): CodeRequest[] {
  const out: CodeRequest[] = axiosInstanceCalls(code, axiosBase).map(axiosInstanceRequest);
  // got, ky and superagent name the method as axios does (`got.delete(url)`, `superagent.del(url)`), or take it in options (`got(url, {method})`).
  for (const c of calls(code, "javascript", /fetch|axios(?:\.(?:get|post|put|patch|delete|head|request))?|https?\.(?:request|get)|undici\.request|got(?:\.(?:get|post|put|patch|delete|head))?|ky\.(?:get|post|put|patch|delete|head)|superagent\.(?:get|post|put|patch|del|delete|head)/)) {
    const verb = c.name.split(".").pop()!.replace(/^del$/, "delete");
    const options = c.args.map((a) => objectEntries(a, "javascript")).find((e) => e !== undefined);
    const first = c.args[0];
    const firstIsOptions = first !== undefined && first.startsWith("{");
    let urlText = firstIsOptions ? options?.get("url") : first;
    // `https.request({hostname, path, method})`.
    if (urlText === undefined && options && (options.has("hostname") || options.has("host"))) {
      const host = valueOf(options.get("hostname") ?? options.get("host") ?? "", "javascript");
      const path = options.has("path") ? valueOf(options.get("path")!, "javascript") : "/";
      urlText = host !== undefined && path !== undefined ? JSON.stringify(`https://${host}${path}`) : undefined;
    }
    const axiosVerb = /^(?:axios|got|ky|superagent)\./.test(c.name) && METHODS.test(verb) ? verb : undefined;
    const bodyText = axiosVerb && c.name.startsWith("axios.") && /^(?:post|put|patch)$/.test(axiosVerb) ? c.args[1] : options?.get("body") ?? options?.get("data") ?? options?.get("json");
    const methodText = options?.get("method");
    const body = bodyOf(bodyText, "javascript");
    const bodyFile = fileRead(bodyText, "javascript");
    const method = methodText !== undefined ? valueOf(methodText, "javascript") : axiosVerb ?? (body !== undefined ? "POST" : "GET");
    out.push({ call: c.name, method: method?.toUpperCase(), url: urlText === undefined ? undefined : valueOf(urlText, "javascript"), body, ...(bodyFile !== undefined ? { bodyFile } : {}), authenticated: CREDENTIALS.test(c.rest) });
  }
  return out;
}

function ruby(code: string): CodeRequest[] {
  const out: CodeRequest[] = [];
  const uri = (text: string | undefined) => (text === undefined ? undefined : valueOf(text.replace(/^URI(?:\.parse)?\(([\s\S]*)\)$/, "$1"), "ruby"));
  for (const c of calls(code, "ruby", /Net::HTTP\.(?:post|post_form|get|get_response)|(?:HTTParty|RestClient|Faraday)\.(?:get|post|put|patch|delete)/)) {
    const verb = c.name.split(".").pop()!.replace(/_.*$/, "");
    out.push({ call: c.name, method: verb.toUpperCase(), url: uri(c.args[0]), body: verb === "post" || verb === "put" || verb === "patch" ? bodyOf(c.args[1], "ruby") : undefined, authenticated: CREDENTIALS.test(c.rest) });
  }
  // `Net::HTTP.new("api.heroku.com", 443).delete("/apps/x")`, `Net::HTTP.start(host) { |h| h.delete(path) }`.
  // `Faraday.new(url: "https://api.heroku.com").delete("/apps/x")`: the connection's URL is the base.
  const faraday = /Faraday\.new\(\s*(?:url:\s*|:url\s*=>\s*)?([^,)]+)/.exec(code);
  const host = /Net::HTTP\.(?:new|start)\(\s*([^,)]+)/.exec(code) ?? faraday;
  if (host) {
    const base = valueOf(host[1], "ruby");
    const hostName = host === faraday ? base?.replace(/^https?:\/\//, "").replace(/\/+$/, "") : base;
    for (const c of calls(code, "ruby", /\.(?:delete|post|put|patch)|Net::HTTP::(?:Delete|Post|Put|Patch)\.new/)) {
      const verb = (/Net::HTTP::(\w+)/.exec(c.name)?.[1] ?? c.name.split(".").pop()!).toUpperCase();
      const path = valueOf(c.args[0] ?? "", "ruby");
      out.push({ call: c.name, method: verb, url: hostName !== undefined && path !== undefined ? `https://${hostName}${path.startsWith("/") ? path : `/${path}`}` : undefined, body: verb === "DELETE" ? undefined : bodyOf(c.args[1], "ruby"), authenticated: CREDENTIALS.test(code) });
    }
  }
  return out;
}

function perl(code: string): CodeRequest[] {
  const out: CodeRequest[] = [];
  // `HTTP::Request->new(DELETE => $url)`, `$ua->delete($url)`, `$ua->post($url, Content => …)`.
  for (const m of code.matchAll(/HTTP::Request->new\(\s*['"]?(\w+)['"]?\s*(?:=>|,)\s*([^,)]+)/g)) out.push({ call: "HTTP::Request", method: m[1].toUpperCase(), url: valueOf(m[2], "perl"), body: null, authenticated: CREDENTIALS.test(code) });
  if (/LWP|HTTP::Tiny/.test(code)) {
    for (const m of code.matchAll(/->(delete|post|put|patch|request)\(\s*(?:['"](\w+)['"]\s*,\s*)?([^,)]+)/g)) {
      const method = m[1] === "request" ? m[2] ?? "POST" : m[1];
      out.push({ call: `->${m[1]}`, method: method.toUpperCase(), url: valueOf(m[3], "perl"), body: method.toUpperCase() === "DELETE" ? undefined : null, authenticated: CREDENTIALS.test(code) });
    }
  }
  return out;
}

/** The curl argv of each request the code makes, so the HTTP and GraphQL rules judge it like curl. */
export function httpRequests(language: Language, code: string): HttpArgv[] {
  const requests = language === "python" ? python(code) : language === "javascript" ? javascript(code) : language === "ruby" ? ruby(code) : language === "perl" ? perl(code) : [];
  return requests.map((r) => {
    const argv = ["curl", "-X", r.method ?? "$METHOD"];
    const dynamic: number[] = r.method === undefined ? [2] : [];
    if (r.url === undefined) dynamic.push(argv.length);
    argv.push(r.url ?? "$URL");
    if (r.bodyFile !== undefined) argv.push("--data-binary", `@${r.bodyFile}`);
    else if (r.body !== undefined) {
      argv.push("--data-raw");
      if (r.body === null) dynamic.push(argv.length);
      argv.push(r.body ?? "$BODY");
    }
    if (r.authenticated) argv.push("-H", "Authorization: Bearer (from the code)");
    return { argv, dynamic, call: r.call };
  });
}
