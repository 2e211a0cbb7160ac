// URL hosts as the client resolves them: case, trailing dot, userinfo, port, IP literals in every spelling, curl URL globs.

export interface UrlParts {
  /** Normalised host: lower case, no trailing dot, IPv6 without brackets; undefined when built at run time. */
  host?: string;
  port?: number;
  path?: string;
  /** Other hosts the same URL reaches: the expansions of a curl URL glob (`api.{a,b}.com`). */
  alternatives: string[];
}

/**
 * `Backboard.Railway.App.` → `backboard.railway.app`; `[::1]` → `::1`; an IPv4 address in any
 * spelling the resolver accepts (`127.1`, `2130706433`, `0x7f.0.0.1`) → dotted quad `127.0.0.1`.
 */
export function normaliseHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  while (h.endsWith(".")) h = h.slice(0, -1);
  const v4 = ipv4Number(h);
  return v4 === undefined ? h : [24, 16, 8, 0].map((shift) => Math.floor(v4 / 2 ** shift) % 256).join(".");
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** curl URL globbing: `{a,b}` alternatives, expanded once per set (at most 64 hosts). */
function expandBraces(host: string): string[] {
  let out = [host];
  for (let guard = 0; guard < 4; guard++) {
    const next: string[] = [];
    let changed = false;
    for (const h of out) {
      const m = /\{([^{}]*)\}/.exec(h);
      if (!m) {
        next.push(h);
        continue;
      }
      changed = true;
      for (const alt of m[1].split(",")) next.push(h.slice(0, m.index) + alt + h.slice(m.index + m[0].length));
    }
    out = next.slice(0, 64);
    if (!changed) break;
  }
  return out;
}

/**
 * Host, port and path of a URL as curl reads it. The authority ends at the first `/`, `?` or `#`, and
 * the host follows the LAST `@` in it (`https://u:p@ss@host/`). A host made of expansions is unknown.
 */
export function splitUrl(url: string): UrlParts {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url.replace(/^\/\//, "");
  const authorityEnd = rest.search(/[/?#\s]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const path = authorityEnd < 0 ? "/" : rest.slice(authorityEnd).replace(/[?#\s].*$/s, "") || "/";
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!m || m[1] === "" || /[$`]/.test(m[1])) return { path, alternatives: [] };
  const port = m[2] ? Number(m[2]) : scheme ? DEFAULT_PORTS[scheme[1].toLowerCase()] : undefined;
  const hosts = m[1].includes("{") ? expandBraces(m[1]).map(normaliseHost) : [normaliseHost(m[1])];
  return { host: hosts[0], ...(port !== undefined ? { port } : {}), path, alternatives: hosts.slice(1) };
}

/** An IPv4 address in any spelling inet_aton accepts (`127.1`, `0x7f000001`, `2130706433`, `0177.0.0.1`), as a number. */
function ipv4Number(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length > 4 || parts.some((p) => !/^(?:0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(p))) return undefined;
  const nums = parts.map((p) => (/^0x/i.test(p) ? parseInt(p.slice(2), 16) : p.length > 1 && p.startsWith("0") ? parseInt(p, 8) : Number(p)));
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 2 ** (8 * (4 - nums.length))) return undefined;
  return nums.reduce((acc, n, i) => acc + n * 2 ** (8 * (3 - i)), 0) + last;
}

/** The host is this machine: localhost names and loopback addresses in every spelling. */
export function isLocalHost(host: string): boolean {
  const h = normaliseHost(host);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v4 = ipv4Number(h);
  if (v4 !== undefined) return v4 >>> 24 === 127 || v4 === 0;
  if (h.includes(":")) {
    const mapped = /^(?:0*:)*:?ffff:([0-9.]+)$/.exec(h) ?? /^::ffff:([0-9.]+)$/.exec(h);
    if (mapped) return isLocalHost(mapped[1]);
    return /^(?:0*:)*:?0*1$/.test(h) || h === "::" || /^(?:0+:){7}0*1$/.test(h);
  }
  return false;
}

/** `--connect-to HOST1:PORT1:HOST2:PORT2`: requests for HOST1 go to HOST2. Returns HOST2 when given. */
export function connectToTarget(value: string): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*):(\d*):(\[[^\]]*\]|[^:]*):(\d*)$/.exec(value);
  return m && m[3] ? normaliseHost(m[3]) : undefined;
}
