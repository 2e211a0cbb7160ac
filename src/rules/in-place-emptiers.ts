// Editors and stream tools that empty their files in place: `sed -i d F`, `vim -es -c '%d|wq' F`, `perl -i -ne '' F` are `truncate -s 0 F`.
import type { Invocation, Word } from "../shell/model";

/** A sed address that selects every line (none, `1,$`, `0,$`, `/^/`, `/.*\/`, `/./`), then `d`. */
const SED_DELETE_ALL = /^\s*(?:(?:[01]\s*,\s*\$|\/(?:\^|\.\*|\^\.\*\$?|\.)\/)\s*)?d\s*$/;

/** sed's in-place option: `-i`, `-i.bak` (a backup keeps the old content), `--in-place[=SUFFIX]`, BSD's `-i ''`. */
function sedInPlace(argv: readonly Word[]): { inPlace: boolean; backup: boolean } {
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === "--") break;
    if (v === "--in-place") return { inPlace: true, backup: false };
    if (v.startsWith("--in-place=")) return { inPlace: true, backup: v.length > 11 };
    // `-i` alone or in a cluster (`-ni`); `-iE` is GNU's suffix "E", `-i.bak` a suffix.
    const m = /^-([nErsuz]*)i(.*)$/.exec(v);
    if (m) return { inPlace: true, backup: m[2] !== "" && !/^[nErsuz]+$/.test(m[2]) };
  }
  return { inPlace: false, backup: false };
}

/** `sed -i d F`, `sed -i '1,$d' F`, `sed -n -i '' F` (nothing printed): every line of every file goes. */
function sedEmptied(inv: Invocation): Word[] {
  const argv = inv.argv;
  const { inPlace, backup } = sedInPlace(argv);
  if (!inPlace || backup) return [];
  const scripts: string[] = [];
  const files: Word[] = [];
  let quiet = false;
  let bsdSuffixSkipped = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    if (v === "-e" || v === "--expression") scripts.push(argv[++i]?.value ?? "");
    else if (v === "-f" || v === "--file") return [];
    else if (v === "-n" || v === "--quiet" || v === "--silent" || /^-[a-zA-Z]*n/.test(v)) quiet = true;
    else if (v === "-i" && !bsdSuffixSkipped && argv[i + 1]?.value === "" && !argv[i + 1].dynamic) {
      // BSD `sed -i '' …`: the empty word is the (absent) backup suffix.
      bsdSuffixSkipped = true;
      i++;
    } else if (v.startsWith("-")) continue;
    else files.push(w);
  }
  if (scripts.length > 0) return empties(scripts.join("\n"), quiet) ? files : [];
  // GNU reads `sed -i '' F` as the empty script; BSD reads '' as the backup suffix and the next word as the script.
  const gnu = bsdSuffixSkipped && empties("", quiet) ? files : [];
  const first = files[0];
  const bsd = first && !first.dynamic && empties(first.value, quiet) ? files.slice(1) : [];
  return [...gnu, ...bsd.filter((w) => !gnu.includes(w))];
}

/** Whether a sed script leaves no line: it deletes every line, or with -n it prints nothing. */
function empties(script: string, quiet: boolean): boolean {
  const commands = script.split(/[;\n]/).filter((c) => c.trim() !== "");
  // With -n only an explicit print, write or insert puts anything back.
  return commands.some((c) => SED_DELETE_ALL.test(c)) || (quiet && !/[pPwWlaicrR=]/.test(script));
}

/** ex commands that delete every line (`%d`, `1,$d`, `g/^/d`, `normal ggdG`) followed by a write. */
const EX_DELETE_ALL = /(?:^|[|\n:])\s*(?:%|1\s*,\s*\$)\s*d(?:el(?:ete)?)?!?\s*(?:$|[|\n])|(?:^|[|\n:])\s*g(?:lobal)?!?\/(?:\^|\.\*|\.)\/d|normal!?\s+ggdG/;
const EX_WRITE = /(?:^|[|\n:])\s*(?:w|wq|wq!|x|x!|xa|xit|exit|up|update|wa|wall|wqa|wqall)!?(?:\s|$|[|\n])/;

/** vim/ex in batch or normal mode with `-c` / `+` commands: the files it empties when the commands delete all and write. */
function exEmptied(inv: Invocation): Word[] {
  const argv = inv.argv;
  const commands: string[] = [];
  const files: Word[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    // `-c CMD`, and a cluster ending in c (`ex -sc CMD`).
    if (v === "-c" || v === "--cmd" || /^-[a-zA-Z]+c$/.test(v)) commands.push(argv[++i]?.value ?? "");
    else if (v.startsWith("+") && v.length > 1) commands.push(v.slice(1));
    else if (["-S", "-u", "-U", "-i", "-T", "-w", "-W", "-t", "-q"].includes(v)) i++;
    else if (v.startsWith("-")) continue;
    else files.push(w);
  }
  const text = commands.join("\n");
  return EX_DELETE_ALL.test(text) && EX_WRITE.test(text) ? files : [];
}

/** `perl -i -ne 'CODE' F`: with -n (not -p) and no print, every line of F is dropped; `-i.bak` keeps a copy. */
function perlEmptied(inv: Invocation): Word[] {
  const argv = inv.argv;
  let inPlace = false;
  let backup = false;
  let loop = false;
  let prints = false;
  const files: Word[] = [];
  const code: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    if (v === "--") break;
    // `-i`, `-pi`, `-i.bak`: the rest of the word after `i` is the backup suffix (`-ine` is the suffix "ne").
    const inPlaceCluster = /^-([a-zA-DF-Z]*)i(.*)$/.exec(v);
    const cluster = /^-([a-zA-Z]*)$/.exec(v);
    if (inPlaceCluster) {
      inPlace = true;
      backup ||= inPlaceCluster[2] !== "";
      loop ||= inPlaceCluster[1].includes("n");
      prints ||= inPlaceCluster[1].includes("p");
    } else if (cluster) {
      loop ||= cluster[1].includes("n");
      prints ||= cluster[1].includes("p");
      if (/[eE]$/.test(cluster[1])) code.push(argv[++i]?.value ?? "");
    } else if (v.startsWith("-")) continue;
    // A script file: its code is not on the command line.
    else if (code.length === 0) return [];
    else files.push(w);
  }
  if (!inPlace || backup || !loop || prints || code.length === 0) return [];
  return code.some((c) => /\b(?:print|printf|say|syswrite|write)\b/.test(c)) ? [] : files;
}

/** The files `inv` empties in place, by program. */
export function emptiedInPlace(inv: Invocation): Word[] {
  switch (inv.program) {
    case "sed":
    case "gsed":
      return sedEmptied(inv);
    case "vim":
    case "vi":
    case "nvim":
    case "ex":
    case "vim.basic":
    case "vim.tiny":
      return exEmptied(inv);
    case "perl":
      return perlEmptied(inv);
    default:
      return [];
  }
}

/** The programs emptiedInPlace reads. */
export const EMPTIERS = ["sed", "gsed", "vim", "vi", "nvim", "ex", "vim.basic", "vim.tiny", "perl"] as const;
