// The on-disk cache of parsed rule files (user, project and extra rules), keyed by content hash.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { readRegularFile } from "../core/read-regular";
import { checkedRuleFile } from "./cache-check";
import { join } from "node:path";
import type { RuleCache } from "./load";
import type { RuleFile } from "./types";

declare const __GUARD_VERSION__: string | undefined;

/**
 * A cache entry is only ever a parse of the exact text that hashes to its key, by this version of
 * guard; a missing, stale or damaged entry just means parsing the YAML again. The directory sits
 * beside guard's state (`$XDG_CACHE_HOME/guard/rules`).
 */
export function diskRuleCache(dir: string): RuleCache {
  const version = typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev";
  const fileFor = (key: string) => join(dir, `${version}-${key}.json`);
  return {
    get(key, file) {
      try {
        // A regular file only (a FIFO would hang), and its content re-validated: it is not trusted input.
        return checkedRuleFile(JSON.parse(readRegularFile(fileFor(key), 8_000_000).toString("utf8")), file);
      } catch {
        return undefined;
      }
    },
    set(key, file: RuleFile) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${fileFor(key)}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
        renameSync(tmp, fileFor(key));
      } catch {
        // A read-only cache directory only costs speed.
      }
    },
  };
}
