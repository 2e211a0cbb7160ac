// Target class for reading every file of a credential directory at once (`cat ~/.ssh/*`, `rg . ~/.aws`, `find ~/.ssh -exec cat {} +`): the private keys and tokens are printed.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { CREDENTIAL_DIR, holdsCredentials } from "./archive-classes";
import { findExecCommands, findStarts } from "./destroyed";
import { absolutePath, writeTarget } from "./zones";
import { FILE_PRINTERS } from "./file-printers";

/** Searchers that descend into a directory operand: always (rg, ag, ack), or with a recursive flag (grep). */
const ALWAYS_RECURSIVE = new Set(["rg", "ag", "ack"]);
const GREPS = new Set(["grep", "egrep", "fgrep"]);

/** Names in a credential directory that hold nothing secret: public keys, the hosts a machine has met, ssh's own settings. */
const PUBLIC_NAME = /(?:\.pub|^known_hosts[^/]*|^authorized_keys[^/]*|^config)$/;

/** A glob's last segment that can only name public files (`~/.ssh/*.pub`). */
const publicOnly = (segment: string) => /\.pub$/.test(segment) || /^known_hosts|^authorized_keys/.test(segment);

/** The path a word names from `dir` (`$HOME`, `~` and literal parts resolved as zones.ts does); undefined when unknown. */
function absolute(word: Word, dir: string | null, ctx: EvalContext): string | undefined {
  const abs = absolutePath(word, dir, ctx);
  return abs === undefined ? undefined : posix.normalize(abs);
}

/** A glob operand whose directory is a credential directory and whose pattern may name a secret (`~/.ssh/*`, `~/.aws/*`). */
function globInCredentialDir(abs: string): boolean {
  const segment = posix.basename(abs);
  return CREDENTIAL_DIR.test(posix.dirname(abs)) && !publicOnly(segment);
}

/** grep with -r/-R (spelled alone or in a bundle), or a searcher that always recurses. */
function recursiveSearch(inv: Invocation): boolean {
  if (ALWAYS_RECURSIVE.has(inv.program)) return true;
  if (!GREPS.has(inv.program)) return false;
  return inv.argv.slice(1).some((w) => !w.dynamic && (/^--(?:dereference-)?recursive$/.test(w.value) || /^-[a-zA-Z]*[rR][a-zA-Z]*$/.test(w.value)));
}

/** find's `-name`/`-iname` patterns (all of them must match a name find hands on). */
export function findNames(inv: Invocation): string[] {
  return inv.argv.flatMap((w, i) => (i > 0 && /^-i?name$/.test(inv.argv[i - 1].value) && !w.dynamic ? [w.value] : []));
}

/** Name patterns that pick secret files wherever they are (`find ~ -name '*.pem'`). */
export const SECRET_NAME = /^(?:\*?\.pem|\*?\.key|\*?\.p12|\*?\.pfx|id_\*?|id_[a-z0-9]+|\*_rsa|\*_ed25519|credentials|\.env\*?|\.env\..*|\*\.tfstate|\.netrc|\.pgpass|\.git-credentials)$/;

/** find handing its names to a program that prints them (`-exec cat {} +`; `find … | xargs cat` is extracted in this form too). */
export function findReads(inv: Invocation): boolean {
  return findExecCommands(inv).some((words) => {
    const program = words[0]?.dynamic ? "" : (words[0]?.value ?? "").replace(/^.*\//, "");
    return FILE_PRINTERS.has(program);
  });
}

export const CREDENTIAL_DIR_READ_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean> = {
  /**
   * A reader reaches every file of a credential directory at once: a glob in it (`cat ~/.ssh/*`), a
   * recursive search of it (`rg . ~/.aws`, `grep -r . ~/.kube`), or find handing its files to a reader
   * (`find ~/.ssh -exec cat {} +`, `find ~ -name '*.pem' | xargs cat`). Public keys and known_hosts
   * (`cat ~/.ssh/*.pub`, `find ~/.ssh -name '*.pub' -exec cat {} +`) are not secrets.
   */
  "reads-credential-dir": (positionals, inv, ctx) => {
    const dirs = inv.cwd ?? [ctx.cwd];
    if (inv.program === "find") {
      if (!findReads(inv)) return false;
      const names = findNames(inv);
      if (names.length && names.every((n) => publicOnly(n) || PUBLIC_NAME.test(n))) return false;
      return findStarts(inv).filter((start) => dirs.some((dir) => {
        const abs = absolute(start, dir, ctx);
        if (abs === undefined) return false;
        if (CREDENTIAL_DIR.test(abs)) return true;
        // A home or `/`: only when the names picked are secret ones.
        return holdsCredentials(abs, ctx) === "contains-credentials" && names.some((n) => SECRET_NAME.test(n));
      }));
    }
    if (!FILE_PRINTERS.has(inv.program)) return false;
    const recursive = recursiveSearch(inv);
    return positionals.filter((word) => dirs.some((dir) => {
      // Where the word lands: a path, or the pattern bash expands (`~/.ssh/*`).
      const target = writeTarget(word, dir, ctx);
      if (target === undefined) return false;
      if ("pattern" in target) return globInCredentialDir(target.pattern);
      // `rg . ~/.aws`: the directory itself, searched through.
      return recursive && CREDENTIAL_DIR.test(target.path) && !PUBLIC_NAME.test(posix.basename(target.path));
    }));
  },
};
