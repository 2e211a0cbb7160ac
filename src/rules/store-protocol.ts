// Target classes for a store's wire protocol typed by hand: `printf 'FLUSHALL\r\n' | nc host 6379`, `echo flush_all | nc host 11211`.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { literalStdin } from "../shell/stdin";

type StoreClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/** Programs that connect stdin to a TCP port. */
const RAW_CLIENTS = new Set(["nc", "ncat", "netcat", "socat", "telnet", "busybox"]);

/** Default ports of Redis/Valkey (and its sentinel and TLS ports) and memcached. */
const STORE_PORTS = /^(?:6379|6380|16379|26379|11211)$/;

/** Commands in either protocol (Redis inline or RESP, memcached text) that delete or replace data, or stop the server. */
const DESTROYS = /(?:^|[\s*$\d])(?:flushall|flushdb|flush_all|shutdown|swapdb|unlink|del|delete|script\s+flush|function\s+flush|config\s+set|replicaof|slaveof|module\s+load|debug|restore|migrate|rename)\b/im;

/** The port word the client connects to: `nc HOST PORT`, `socat - TCP:HOST:PORT`, `telnet HOST PORT`. */
function storePort(inv: Invocation, parsed: ParsedArgs): Word | undefined {
  // A listener (`nc -l 6379`) or a port scan (`nc -z`) sends nothing to a store.
  if (!RAW_CLIENTS.has(inv.program) || inv.argv.some((w) => /^-[a-zA-Z]*[lz]/.test(w.value) && inv.program !== "socat")) return undefined;
  if (inv.program === "socat") return inv.argv.find((w) => !w.dynamic && /^(?:tcp|tcp4|tcp6|tcp-connect|openssl|ssl)[:-][^:]*:(\d+)/i.test(w.value) && STORE_PORTS.test(/:(\d+)(?:,|$)/.exec(w.value)?.[1] ?? ""));
  return parsed.positionals.find((w) => !w.dynamic && STORE_PORTS.test(w.value)) ?? inv.argv.find((w, i) => i > 0 && !w.dynamic && /^-p$/.test(inv.argv[i - 1].value) && STORE_PORTS.test(w.value));
}

export const STORE_CLASSES: Record<string, StoreClass> = {
  /** stdin sent to a Redis or memcached port holds a command that deletes data or stops the server. */
  "store-protocol-destroys": (_p, inv, _ctx, parsed) => {
    const port = storePort(inv, parsed);
    if (!port || !inv.stdin) return false;
    const text = literalStdin(inv.stdin);
    return text !== undefined && DESTROYS.test(text) ? [port] : false;
  },

  /** stdin sent to a Redis or memcached port that guard cannot read (a file, a program's output): any command may be in it. */
  "store-protocol-unknown": (_p, inv, _ctx, parsed) => {
    const port = storePort(inv, parsed);
    if (!port || !inv.stdin) return false;
    return literalStdin(inv.stdin) === undefined ? [port] : false;
  },
};
