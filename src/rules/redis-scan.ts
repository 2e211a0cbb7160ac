// `redis-cli --scan | xargs redis-cli del`: a scan over every key whose output feeds a delete empties the store.
import type { Invocation } from "../shell/model";
import { programName } from "../shell/words";

const REDIS_CLIS = new Set(["redis-cli", "valkey-cli", "keydb-cli"]);

/** A glob that matches every key: `*`, `**`, or no pattern at all (`--scan` alone). */
const EVERY_KEY = /^\*+$/;

/** `redis-cli --scan [--pattern '*']` or `redis-cli KEYS '*'`: the command lists every key. */
function listsEveryKey(inv: Invocation): boolean {
  const words = inv.argv;
  if (words.some((w) => w.dynamic)) return false;
  const values = words.map((w) => w.value);
  const scan = values.indexOf("--scan");
  if (scan > 0) {
    const pattern = values.findIndex((v) => v === "--pattern" || v === "--quoted-pattern");
    return pattern < 0 || EVERY_KEY.test(values[pattern + 1] ?? "");
  }
  const keys = values.findIndex((v, i) => i > 0 && v.toUpperCase() === "KEYS");
  return keys > 0 && EVERY_KEY.test(values[keys + 1] ?? "");
}

/** `xargs [opts] redis-cli [opts] DEL|UNLINK …`: the consumer deletes each key it reads. */
function deletesEachKey(consumer: Invocation): boolean {
  if (consumer.program !== "xargs") return false;
  const cli = consumer.argv.findIndex((w, i) => i > 0 && REDIS_CLIS.has(programName(w)));
  return cli > 0 && consumer.argv.slice(cli + 1).some((w) => !w.dynamic && /^(?:DEL|UNLINK)$/i.test(w.value));
}

/** The producer of `redis-cli --scan --pattern '*' | xargs redis-cli del`: every key is deleted. */
export function scansEveryKeyIntoDelete(inv: Invocation): boolean {
  return REDIS_CLIS.has(inv.program) && inv.consumer !== undefined && listsEveryKey(inv) && deletesEachKey(inv.consumer);
}
