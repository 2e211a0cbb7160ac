// Programs planted on PATH: a file written earlier in the command into a directory a later call of its name searches (`> .bin/ls; PATH=.bin:$PATH ls`).
import { posix } from "node:path";

/**
 * The directories a PATH value names, in the spelling guard can compare: `$PWD/.bin` and `$(pwd)/.bin` become
 * `./.bin`, `$HOME/bin` becomes `~/bin`; an entry that is only known at run time (`$PATH`, `$X/bin`) is left out.
 */
export function pathEntries(value: string): string[] {
  const out: string[] = [];
  for (const part of value.replace(/["']/g, "").split(":")) {
    const entry = part
      .replace(/^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`)(?=\/|$)/, ".")
      .replace(/^(?:\$HOME|\$\{HOME\})(?=\/|$)/, "~");
    if (entry && !entry.includes("$") && !entry.includes("`")) out.push(entry);
  }
  return out;
}

/**
 * Directories whose programs a call may run without PATH naming them: npm, npx, yarn and pnpm put the project's
 * `node_modules/.bin` first on PATH for what they run, and agents' shells often have it there too.
 */
const PACKAGE_BIN = /(?:^|\/)node_modules\/\.bin$/;

/**
 * Whether the written file `key` may be what a call of its name runs: its directory is one of the PATH entries
 * (compared after `resolve` makes both absolute, where it can) or a package bin directory.
 */
export function plantedOnPath(key: string, entries: readonly string[], resolve: (path: string) => string | undefined): boolean {
  const dir = posix.dirname(key);
  if (PACKAGE_BIN.test(dir)) return true;
  const norm = (p: string) => posix.normalize(resolve(p) ?? p).replace(/(?<=.)\/$/, "");
  const own = norm(dir);
  return entries.some((e) => norm(e) === own);
}
