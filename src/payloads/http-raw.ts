// Raw HTTP written into a socket client (`printf 'DELETE /x HTTP/1.1\r\nHost: …' | openssl s_client -connect h:443`, nc, ncat, socat, telnet): the requests its bytes hold.
import type { Invocation, Word } from "../shell/model";
import type { ParsedArgs } from "../shell/program-args";
import { literalStdin } from "../shell/stdin";
import { splitUrl } from "./http-hosts";
import type { FileReader } from "../shell/stdin";

/** Where a socket client connects: the host (undefined when computed at run time), the port, and whether it speaks TLS. */
interface Target {
  host?: string;
  port?: number;
  tls: boolean;
}

/** A request as http.ts's facts describe it (the fields a socket client can know). */
interface WireFact {
  client: string;
  method: string;
  methodUnknown?: boolean;
  url?: string;
  host?: string;
  port?: number;
  path?: string;
  hosts?: string[];
  headers: string[];
  headersUnknown?: boolean;
  body?: string;
  bodyUnknown: boolean;
}

/** A request bytes on the wire spell out. */
interface WireRequest {
  method: string;
  target: string;
  headers: string[];
  body: string;
}

/** Requests past this many in one input are not read: a pipelined batch is judged by its first ones. */
const MAX_REQUESTS = 16;
/** `METHOD TARGET HTTP/1.x`: the line that opens a request (HTTP/1.0 and 1.1; HTTP/2 is binary). */
const REQUEST_LINE = /^([A-Za-z]+) (\S+) HTTP\/\d(?:\.\d)?\s*$/;

/** `host:port` (or `[v6]:port`) as a target; a word built at run time is an unknown host. */
function hostPort(word: Word | undefined, tls: boolean, defaultPort?: number): Target | undefined {
  if (!word) return undefined;
  if (word.dynamic) return { tls };
  const parts = splitUrl(`//${word.value}`);
  return { ...(parts.host ? { host: parts.host } : {}), port: parts.port ?? defaultPort, tls };
}

/** `openssl s_client -connect HOST:PORT` (or `-host H -port P`, or a bare `HOST:PORT`); without one it connects to localhost:4433. */
function opensslTarget(argv: Word[]): Target | undefined {
  if (argv[1]?.value !== "s_client") return undefined;
  for (let i = 2; i < argv.length; i++) {
    const v = argv[i].value;
    if (/^--?connect$/.test(v)) return hostPort(argv[i + 1], true);
    if (/^--?connect=/.test(v)) return hostPort({ ...argv[i], value: v.slice(v.indexOf("=") + 1) }, true);
    if (/^--?host$/.test(v)) {
      const port = argv.findIndex((w) => /^--?port$/.test(w.value));
      return hostPort(argv[i + 1] && { ...argv[i + 1], value: `${argv[i + 1].value}:${port > 0 ? argv[port + 1]?.value ?? "4433" : "4433"}` }, true);
    }
  }
  const bare = argv.slice(2).find((w, i) => !w.dynamic && /^[\w.-]+:\d+$/.test(w.value) && !argv[i + 1].value.startsWith("-"));
  return bare ? hostPort(bare, true) : { host: "localhost", port: 4433, tls: true };
}

/** Options of nc, ncat and netcat that take a value (the host and port are the first positionals after them). */
const NC_VALUED = new Set(["-p", "-s", "-w", "-i", "-x", "-X", "-P", "-q", "-I", "-O", "-T", "-V", "-M", "-m", "-e", "-c", "-o", "-g", "-G",
  "--proxy", "--proxy-type", "--proxy-auth", "--source", "--source-port", "--exec", "--sh-exec", "--lua-exec", "--output", "--hex-dump", "--wait", "--idle-timeout", "--ssl-cert", "--ssl-key", "--ssl-trustfile", "--ssl-ciphers", "--ssl-servername", "--ssl-alpn"]);

/** `nc HOST PORT`, `ncat --ssl HOST PORT`, `telnet HOST [PORT]`; listening (`-l`), scanning (`-z`) and unix sockets send no request. */
function netcatTarget(argv: Word[], program: string): Target | undefined {
  const positionals: Word[] = [];
  let tls = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic || !w.value.startsWith("-") || w.value === "-") positionals.push(w);
    else if (program !== "telnet" && (/^-[a-zA-Z]*[lzU]/.test(w.value) || /^--(?:listen|zero|unixsock)$/.test(w.value))) return undefined;
    else if (w.value === "--ssl" || w.value.startsWith("--ssl-")) {
      tls = true;
      if (NC_VALUED.has(w.value)) i++;
    } else if (NC_VALUED.has(w.value) || (program === "telnet" && /^-[lebn]$/.test(w.value))) i++;
  }
  if (!positionals[0]) return undefined;
  const port = positionals[1] && !positionals[1].dynamic ? Number(positionals[1].value) : undefined;
  const target = hostPort(positionals[0], tls, program === "telnet" ? 23 : undefined);
  return target && Number.isFinite(port) && port !== undefined ? { ...target, port } : target;
}

/** `socat - OPENSSL:HOST:PORT` / `socat STDIO TCP:HOST:PORT`: the network address, when the other one is standard input. */
function socatTarget(argv: Word[]): Target | undefined {
  const addresses = argv.slice(1).filter((w) => w.dynamic || !/^-./.test(w.value));
  if (!addresses.some((w) => !w.dynamic && /^(?:-|STDIO|STDIN|STDIN_FILENO|FD:0)$/i.test(w.value))) return undefined;
  for (const w of addresses) {
    if (w.dynamic) return { tls: false };
    const m = /^(OPENSSL|SSL|OPENSSL-CONNECT|SSL-CONNECT|TCP|TCP4|TCP6|TCP-CONNECT|TCP4-CONNECT|TCP6-CONNECT):([^,]+)/i.exec(w.value);
    if (m) return hostPort({ ...w, value: m[2] }, /^(?:OPENSSL|SSL)/i.test(m[1]));
  }
  return undefined;
}

function targetOf(inv: Invocation): Target | undefined {
  if (inv.program === "openssl") return opensslTarget(inv.argv);
  if (inv.program === "socat") return socatTarget(inv.argv);
  return netcatTarget(inv.argv, inv.program);
}

/** `printf '%s' 'DELETE /x HTTP/1.1\nHost: …'` writes the escapes as text: a reader on the wire still splits lines there. */
function wireLines(text: string): string[] {
  const spelled = !text.includes("\n") && /\\r\\n|\\n/.test(text) ? text.replace(/\\r\\n|\\n/g, "\n") : text;
  return spelled.split(/\r?\n/);
}

/** Every request the text opens with a request line: its headers up to the blank line, and the body up to the next request. */
function wireRequests(text: string): WireRequest[] {
  const lines = wireLines(text);
  const out: WireRequest[] = [];
  let i = 0;
  while (i < lines.length && out.length < MAX_REQUESTS) {
    const m = REQUEST_LINE.exec(lines[i++]);
    if (!m) continue;
    const headers: string[] = [];
    while (i < lines.length && lines[i].trim() !== "") headers.push(lines[i++]);
    const body: string[] = [];
    for (i++; i < lines.length && !REQUEST_LINE.test(lines[i]); i++) body.push(lines[i]);
    out.push({ method: m[1].toUpperCase(), target: m[2], headers, body: body.join("\n").trim() });
  }
  return out;
}

/** The host a request names in its `Host:` header. */
function hostHeader(headers: string[]): string | undefined {
  return headers.map((h) => /^\s*host\s*:\s*(\S+)\s*$/i.exec(h)?.[1]).find((h) => h !== undefined);
}

/** One fact per request in the bytes; an input guard cannot read to a remote target may be any request. */
export function rawSocketFacts(inv: Invocation, _parsed: ParsedArgs, ctx: { readFile?: FileReader }): WireFact[] {
  if (!inv.stdin) return [];
  const target = targetOf(inv);
  if (!target) return [];
  const devNull = inv.stdin.kind === "file" && !inv.stdin.path.dynamic && inv.stdin.path.value === "/dev/null";
  const text = devNull ? "" : literalStdin(inv.stdin, ctx.readFile);
  const scheme = target.tls ? "https" : "http";
  const authority = (host: string | undefined) => (host === undefined ? undefined : `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}${target.port !== undefined ? `:${target.port}` : ""}`);
  if (text === undefined) {
    // Bytes from a program or file guard cannot read: any method, header and body may be in them.
    return [{ client: inv.program, method: "POST", methodUnknown: true, headersUnknown: true, bodyUnknown: true, headers: [], ...(target.host ? { host: target.host, url: `${scheme}://${authority(target.host)}` } : {}), ...(target.port !== undefined ? { port: target.port } : {}) }];
  }
  return wireRequests(text).map((r) => {
    const absolute = /^[a-z][\w+.-]*:\/\//i.test(r.target);
    const named = hostHeader(r.headers);
    const url = absolute ? r.target : target.host !== undefined ? `${scheme}://${authority(target.host)}${r.target}` : named !== undefined ? `${scheme}://${named}${r.target}` : undefined;
    const parts = url === undefined ? undefined : splitUrl(url);
    return {
      client: inv.program, method: r.method, headers: r.headers, bodyUnknown: false, ...(r.body !== "" ? { body: r.body } : {}),
      ...(url !== undefined ? { url, path: parts!.path } : {}), ...(parts?.host ? { host: parts.host } : {}), ...(parts?.port !== undefined ? { port: parts.port } : {}),
      ...(target.host && parts?.host !== target.host ? { hosts: [target.host] } : {}),
    };
  });
}
