// HTTP client objects (Python requests.Session, httpx.Client, urllib3 managers and pools, http.client connections; axios.create instances): the requests made through them.
import { blankStrings, escapeRegex, matchBracket, splitTopLevel } from "./code-lex";
import { valueOf } from "./code-values";

/** One call made through a client object: its verb and argument texts, and the base URL the client was made with. */
export interface ClientCall {
  /** `requests.Session`, `http.client.HTTPSConnection`…: how its arguments read. */
  kind: "session" | "pool" | "connection";
  verb: string;
  args: string[];
  rest: string;
  /** The scheme and host (and port) a connection or pool was made for, or httpx's `base_url`; undefined when computed or none. */
  base?: string;
  /** The client was made with a base guard cannot compute: a relative URL is unknown. */
  baseUnknown: boolean;
}

/** Constructors of client objects, after aliases are spelled out (code-aliases.ts). */
const CONSTRUCTORS = /(?<![\w.])(requests\.[Ss]ession|requests\.sessions\.Session|httpx\.(?:Async)?Client|aiohttp\.ClientSession|urllib3\.(?:PoolManager|ProxyManager|HTTPS?ConnectionPool|connection_from_url)|http\.client\.HTTPS?Connection)\s*\(/g;

/** Methods a client object sends a request with. */
const VERBS = "get|post|put|patch|delete|head|options|request|urlopen|putrequest|stream";

/** Bounded: a one-liner or a script has few clients. */
const MAX_CLIENTS = 16;

function kindOf(ctor: string): ClientCall["kind"] {
  if (ctor.startsWith("http.client.")) return "connection";
  if (/ConnectionPool|connection_from_url/.test(ctor)) return "pool";
  return "session";
}

/** `HTTPSConnection('api.heroku.com')`, `HTTPConnectionPool('localhost', 6333)`, `connection_from_url(U)`, `httpx.Client(base_url=U)`. */
function baseOf(ctor: string, args: string[]): { base?: string; unknown: boolean } {
  const positional = args.filter((a) => !/^\w+\s*=[^=]/.test(a));
  const named = (name: string) => args.find((a) => new RegExp(`^${name}\\s*=[^=]`).test(a))?.replace(/^\w+\s*=\s*/, "");
  if (ctor.startsWith("httpx.") || ctor.startsWith("aiohttp.")) {
    const text = named("base_url");
    if (text === undefined) return { unknown: false };
    const value = valueOf(text, "python");
    return value === undefined ? { unknown: true } : { base: value.replace(/\/+$/, ""), unknown: false };
  }
  if (/PoolManager|ProxyManager|[Ss]ession/.test(ctor)) return { unknown: false };
  if (ctor.endsWith("connection_from_url")) {
    const value = positional[0] === undefined ? undefined : valueOf(positional[0], "python");
    return value === undefined ? { unknown: true } : { base: value.replace(/^(\w+:\/\/[^/]+).*$/, "$1"), unknown: false };
  }
  const hostText = named("host") ?? positional[0];
  const portText = named("port") ?? positional[1];
  const host = hostText === undefined ? undefined : valueOf(hostText, "python");
  const port = portText === undefined ? "" : valueOf(portText, "python") ?? (/^\d+$/.test(portText.trim()) ? portText.trim() : undefined);
  if (host === undefined || port === undefined) return { unknown: true };
  const scheme = /HTTPS/.test(ctor) ? "https" : "http";
  return { base: `${scheme}://${host}${port === "" ? "" : `:${port}`}`, unknown: false };
}

/**
 * Every request sent through a client object in `code` (aliases already spelled out): `s = requests.Session()`
 * then `s.delete(U)`, `with httpx.Client() as c: c.delete(U)`, `urllib3.PoolManager().request('DELETE', U)`,
 * `c = http.client.HTTPSConnection(H); c.request('DELETE', P)`.
 */
export function clientCalls(code: string): ClientCall[] {
  const searchable = blankStrings(code, "python");
  const out: ClientCall[] = [];
  let found = 0;
  for (const m of searchable.matchAll(CONSTRUCTORS)) {
    if (++found > MAX_CLIENTS) break;
    const open = m.index! + m[0].length - 1;
    const close = matchBracket(code, open, "python");
    const inner = code.slice(open + 1, close - 1);
    const args = inner.trim() === "" ? [] : splitTopLevel(inner, "python").map((a) => a.trim());
    const { base, unknown } = baseOf(m[1], args);
    const kind = kindOf(m[1]);
    const before = searchable.slice(Math.max(0, m.index! - 80), m.index!);
    const after = searchable.slice(close, close + 80);
    // The receivers the client is reached by: the name it is bound to (`s = …`, `with … as s`), or the constructor call itself (`….delete(`).
    const receivers: { pattern: string; from: number }[] = [];
    const bound = /(?:^|[^\w.])([A-Za-z_]\w*)\s*=\s*(?:await\s+)?$/.exec(before)?.[1] ?? /^\s*as\s+([A-Za-z_]\w*)/.exec(after)?.[1];
    if (bound) receivers.push({ pattern: `(?<![\\w.])${escapeRegex(bound)}`, from: close });
    if (after.startsWith(".")) receivers.push({ pattern: "", from: close });
    for (const receiver of receivers) {
      const re = new RegExp(`${receiver.pattern}\\.(${VERBS})\\s*\\(`, "g");
      re.lastIndex = receiver.from;
      for (const call of searchable.matchAll(re)) {
        if (call.index! < receiver.from) continue;
        // The chained form only counts right after the constructor.
        if (receiver.pattern === "" && call.index !== close) break;
        const callOpen = call.index! + call[0].length - 1;
        const callClose = matchBracket(code, callOpen, "python");
        const rest = code.slice(callOpen + 1, callClose - 1);
        out.push({ kind, verb: call[1], args: rest.trim() === "" ? [] : splitTopLevel(rest, "python").map((a) => a.trim()), rest, ...(base !== undefined ? { base } : {}), baseUnknown: unknown });
        if (out.length >= 64) return out;
      }
    }
  }
  return out;
}

/** `const api = axios.create({baseURL: U})`: the instance's name and base URL (undefined when computed). */
const AXIOS_INSTANCE = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*axios\.create\s*\(/g;

/** Requests sent through axios instances: `api.delete('/apps/x')` with the instance's `baseURL`. */
export function axiosInstanceCalls(code: string, base: (options: string) => string | undefined): ClientCall[] {
  const searchable = blankStrings(code, "javascript");
  const out: ClientCall[] = [];
  let found = 0;
  for (const m of searchable.matchAll(AXIOS_INSTANCE)) {
    if (++found > MAX_CLIENTS) break;
    const open = m.index! + m[0].length - 1;
    const close = matchBracket(code, open, "javascript");
    const baseUrl = base(code.slice(open + 1, close - 1));
    const re = new RegExp(`(?<![\\w$.])${escapeRegex(m[1])}\\.(get|post|put|patch|delete|head|options|request)\\s*\\(`, "g");
    for (const call of searchable.matchAll(re)) {
      if (call.index! < close) continue;
      const callOpen = call.index! + call[0].length - 1;
      const rest = code.slice(callOpen + 1, matchBracket(code, callOpen, "javascript") - 1);
      out.push({ kind: "session", verb: call[1], args: rest.trim() === "" ? [] : splitTopLevel(rest, "javascript").map((a) => a.trim()), rest, ...(baseUrl !== undefined ? { base: baseUrl.replace(/\/+$/, "") } : {}), baseUnknown: baseUrl === undefined });
      if (out.length >= 64) return out;
    }
  }
  return out;
}
