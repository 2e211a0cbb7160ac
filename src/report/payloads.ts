// Plain-text lines describing an invocation's payloads for `guard explain`: SQL statements, HTTP requests, GraphQL operations.
import type { Payloads } from "../payloads";
import type { SqlFact } from "../payloads/carriers";
import type { HttpFact } from "../payloads/http";

/** Statement text on one line, shortened: explain shows what was read, not the whole script. */
function oneLine(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function sqlLines(facts: SqlFact[]): string[] {
  const lines: string[] = [];
  let origin: string | undefined;
  for (const f of facts) {
    if (f.origin !== origin) {
      origin = f.origin;
      lines.push(f.origin === f.source ? `sql (${f.source}):` : `sql from ${f.origin} (${f.source}):`);
    }
    if (!f.statement) {
      lines.push(`  ${"unknown".padEnd(20)} guard cannot read this SQL`);
      continue;
    }
    const s = f.statement;
    const extra = s.target ? `  [${s.target}]` : s.shell ? `  [runs: ${oneLine(s.shell, 40)}]` : s.include ? `  [reads: ${s.include}]` : "";
    lines.push(`  ${f.kind.padEnd(20)} ${oneLine(s.text)}${extra}`);
  }
  return lines;
}

function httpLines(requests: HttpFact[]): string[] {
  return requests.flatMap((r) => {
    const target = r.url ?? "(URL built at run time)";
    const notes = [
      r.host ? `host ${r.host}${r.port ? `:${r.port}` : ""}${r.local ? " (this machine)" : ""}` : "host unknown",
      ...(r.hosts.length > 1 ? [`also reaches ${r.hosts.filter((h) => h !== r.host).join(", ")}`] : []),
      ...(r.authenticated ? ["credentials sent"] : r.headersUnknown ? ["headers unknown"] : []),
      ...(r.bodyUnknown ? ["body unknown"] : r.body !== undefined ? [`body ${r.body.length} chars`] : []),
      ...(r.methodUnknown ? ["method may be set by an unreadable config"] : []),
      ...(r.configs?.length ? [`config ${r.configs.join(", ")}`] : []),
    ];
    const lines = [`http: ${r.method} ${oneLine(target, 90)}`, `  ${notes.join("; ")}`];
    for (const op of r.operations ?? []) {
      lines.push(`  graphql ${op.type}${op.name ? ` ${op.name}` : ""}: ${op.fields.join(", ") || "(no fields)"}${r.operationsExact ? "" : " (read leniently: the document does not parse)"}`);
    }
    return lines;
  });
}

/** The payload lines of one invocation, unindented; empty when it carries none. */
export function payloadLines(payloads: Payloads | undefined): string[] {
  if (!payloads) return [];
  return [...(payloads.sql?.length ? sqlLines(payloads.sql) : []), ...(payloads.http?.length ? httpLines(payloads.http) : [])];
}
