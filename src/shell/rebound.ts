// Names a command line rebinds to other code (`hash -p /bin/rm ls`, `alias ls='rm -rf'`, `enable -f x.so ls`): a later call of the name runs that.
import type { Word } from "./model";

/**
 * What a name runs now: a program file (`hash -p FILE NAME`; null when the file is only known at run time or is a
 * loaded builtin), or an alias body (null when not literal).
 */
export type Rebinding = { kind: "file"; path: string | null } | { kind: "alias"; body: string | null };

/**
 * bash's builtins: a call of one never consults the hash table (`hash -p /bin/rm echo; echo -rf x` runs the builtin echo).
 * Aliases and `enable -f` replace them all the same.
 */
const BUILTINS = new Set(["alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete", "compopt", "continue",
  "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit", "export", "false", "fc", "fg", "getopts", "hash", "help", "history",
  "jobs", "kill", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "set",
  "shift", "shopt", "source", ".", ":", "suspend", "test", "[", "times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias",
  "unset", "wait"]);

/** What a rebinding command does to the table; a text for one that loads code guard cannot read (`enable -f`). */
export function noteRebinding(program: string, argv: readonly Word[], table: Map<string, Rebinding>): string | undefined {
  if (program === "hash") hashTable(argv.slice(1), table);
  else if (program === "alias") {
    for (const w of argv.slice(1)) {
      const eq = w.value.indexOf("=");
      if (eq > 0) table.set(w.value.slice(0, eq), { kind: "alias", body: w.dynamic ? null : w.value.slice(eq + 1) });
    }
  } else if (program === "unalias") {
    for (const w of argv.slice(1)) if (!w.dynamic && table.get(w.value)?.kind === "alias") table.delete(w.value);
  } else if (program === "enable") return enableFile(argv.slice(1), table);
  return undefined;
}

/** `hash -p FILE NAME…` binds each NAME to FILE; `hash -d NAME` forgets it; `hash -r` forgets all. */
function hashTable(args: readonly Word[], table: Map<string, Rebinding>): void {
  let path: Word | undefined;
  let forget = false;
  const names: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (!w.dynamic && /^-[lrpdt]+$/.test(w.value)) {
      if (w.value.includes("r")) for (const [k, v] of table) if (v.kind === "file") table.delete(k);
      if (w.value.includes("d")) forget = true;
      if (w.value.endsWith("p")) path = args[++i];
      continue;
    }
    names.push(w);
  }
  for (const name of names) {
    if (name.dynamic) continue;
    if (forget) table.delete(name.value);
    else if (path) table.set(name.value, { kind: "file", path: path.dynamic ? null : path.value });
  }
}

/** `enable -f FILE NAME`: NAME becomes a builtin from a shared object, whose code guard cannot read. */
function enableFile(args: readonly Word[], table: Map<string, Rebinding>): string | undefined {
  const at = args.findIndex((w) => w.dynamic || /^-[a-z]*f$/.test(w.value));
  if (at < 0) return undefined;
  for (const w of args.slice(at + 2)) if (!w.dynamic) table.set(w.value, { kind: "file", path: null });
  return `\`enable -f\` loads a builtin from the shared object \`${args[at + 1]?.raw ?? ""}\`, whose code guard cannot read`;
}

/** What a call of `name` runs, when an earlier step rebound it (a function of that name wins over the hash table, not over an alias). */
export function reboundName(name: Word, table: ReadonlyMap<string, Rebinding> | undefined, isFunction: boolean): Rebinding | undefined {
  if (!table?.size || name.dynamic || name.value.includes("/")) return undefined;
  const found = table.get(name.value);
  if (found?.kind === "file" && found.path !== null && (isFunction || BUILTINS.has(name.value))) return undefined;
  return found;
}
