// Target class for readers of a dotenv file that provably print only the variable names (`cut -d= -f1 .env`), not the values.
import type { Invocation, Word } from "../shell/model";

/** A dotenv file by name: `.env`, `.env.local`, `.env-prod`, `.envrc`. */
const DOTENV = /(?:^|\/)\.env(?:rc|[._-][^/]*)?$/;

/** `^[A-Z_]*`, `^[A-Za-z0-9_]+=`: an anchored run of name characters, which stops at the first `=`. */
const KEY_PATTERN = /^\^\[[A-Za-z0-9_-]+\](?:\*|\+|\\\+)=?$/;

/** `cut -d= -f1` (also `-d '='`, `--delimiter==`, `--fields=1`, `-s`). */
function cutKeys(argv: readonly Word[]): string[] | undefined {
  let delimiter: string | undefined;
  let fields: string | undefined;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    const take = () => argv[++i]?.value;
    if (v === "-d" || v === "--delimiter") delimiter = take();
    else if (v.startsWith("--delimiter=")) delimiter = v.slice(12);
    else if (v.startsWith("-d")) delimiter = v.slice(2);
    else if (v === "-f" || v === "--fields") fields = take();
    else if (v.startsWith("--fields=")) fields = v.slice(9);
    else if (v.startsWith("-f")) fields = v.slice(2);
    else if (v === "-s" || v === "--only-delimited") continue;
    else if (v.startsWith("-")) return undefined;
    else files.push(v);
  }
  return delimiter === "=" && fields === "1" ? files : undefined;
}

/** `awk -F= '{print $1}'` (also `-F '='`). */
function awkKeys(argv: readonly Word[]): string[] | undefined {
  let separator: string | undefined;
  let program: string | undefined;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === "-F") separator = argv[++i]?.value;
    else if (v.startsWith("-F")) separator = v.slice(2);
    else if (v.startsWith("-")) return undefined;
    else if (program === undefined) program = v;
    else files.push(v);
  }
  return separator === "=" && program?.replace(/\s+/g, "") === "{print$1}" ? files : undefined;
}

/** `grep -o '^[A-Z_]*' .env` (also -E, -h, -e PATTERN): only the anchored name characters are printed. */
function grepKeys(argv: readonly Word[]): string[] | undefined {
  let onlyMatching = false;
  const patterns: string[] = [];
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === "-e" || v === "--regexp") patterns.push(argv[++i]?.value ?? "");
    else if (v === "--only-matching") onlyMatching = true;
    else if (/^-[oEhH]+$/.test(v)) onlyMatching ||= v.includes("o");
    else if (v.startsWith("-")) return undefined;
    else rest.push(v);
  }
  if (patterns.length === 0) patterns.push(rest.shift() ?? "");
  return onlyMatching && patterns.length === 1 && KEY_PATTERN.test(patterns[0]) ? rest : undefined;
}

/** `sed 's/=.*$//' .env` (also -e, -E, -r): each line loses everything from its first `=`. Never `-i`. */
function sedKeys(argv: readonly Word[]): string[] | undefined {
  const scripts: string[] = [];
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === "-e" || v === "--expression") scripts.push(argv[++i]?.value ?? "");
    else if (v === "-E" || v === "-r" || v === "--regexp-extended") continue;
    else if (v.startsWith("-")) return undefined;
    else rest.push(v);
  }
  if (scripts.length === 0) scripts.push(rest.shift() ?? "");
  return scripts.length === 1 && /^s([/|#,])=\.\*\$?\1\1g?$/.test(scripts[0]) ? rest : undefined;
}

const KEY_READERS: Record<string, (argv: readonly Word[]) => string[] | undefined> = { cut: cutKeys, awk: awkKeys, gawk: awkKeys, mawk: awkKeys, grep: grepKeys, egrep: grepKeys, sed: sedKeys };

export const KEY_COLUMN_CLASSES = {
  /**
   * `cut -d= -f1 .env`, `awk -F= '{print $1}' .env`, `grep -o '^[A-Z_]*' .env`, `sed 's/=.*$//' .env`:
   * every file read is a dotenv file and the command keeps only what comes before the first `=`.
   * Any other field, option or file is a secret read as before.
   */
  "prints-dotenv-keys-only": (_p: Word[], inv: Invocation): boolean => {
    if (inv.argv.some((w) => w.dynamic) || inv.stdin !== undefined) return false;
    const files = KEY_READERS[inv.program]?.(inv.argv);
    return files !== undefined && files.length > 0 && files.every((f) => DOTENV.test(f));
  },
};
