// Which paths a command writes, creates, moves or deletes, whatever the writer: redirections, cp/mv/tee/sed -i, curl -o, openssl -out, git checkout, tar -x.
import type { Invocation, Word } from "../shell/model";
import { findOption, optionValues, type ParsedArgs } from "../shell/program-args";
import { destroyedPaths } from "./destroyed";

export interface WrittenPath {
  word: Word;
  /** append: only adds to the end (`>>`); replace: writes or truncates; remove: deletes or moves it away (a directory with all it holds). */
  mode: "append" | "replace" | "remove";
}

const REPLACE_REDIRECTS = new Set([">", ">|", "&>", "<>"]);
const APPEND_REDIRECTS = new Set([">>", "&>>"]);

/** `-C DIR`, `--directory=DIR` given to tar; unzip's `-d DIR`. */
function optionWords(inv: Invocation, parsed: ParsedArgs, names: string[]): Word[] {
  return optionValues(parsed, inv, names).map((v) => (v.attached ? { ...v.word, value: v.value, raw: v.value, matchText: undefined } : v.word));
}

/** The word after each of `names` (`-out FILE`), for programs whose options guard does not parse. */
function followingWords(inv: Invocation, names: string[]): Word[] {
  return inv.argv.flatMap((w, i) => (i > 0 && names.includes(w.value) && inv.argv[i + 1] ? [inv.argv[i + 1]] : []));
}

const dot = (inv: Invocation): Word => ({ value: ".", raw: ".", dynamic: false, glob: false, span: inv.span });
const has = (parsed: ParsedArgs, ...names: string[]) => findOption(parsed, names) !== undefined;

/** Paths written by the program itself (not its redirections). */
function programWrites(inv: Invocation, parsed: ParsedArgs): WrittenPath[] {
  const pos = parsed.positionals;
  const replace = (words: Word[]): WrittenPath[] => words.map((word) => ({ word, mode: "replace" }));
  switch (inv.program) {
    case "tee":
      return pos.map((word) => ({ word, mode: has(parsed, "-a", "--append") ? "append" : "replace" }));
    case "cp":
    case "install":
    case "ln":
    case "rsync": {
      // `cp -n`: an existing destination is never replaced.
      if (inv.program === "cp" && has(parsed, "-n", "--no-clobber", "--update=none")) return [];
      const target = optionWords(inv, parsed, ["-t", "--target-directory"]);
      return replace(target.length ? target : pos.slice(-1).filter(() => pos.length > 1 || inv.program === "install"));
    }
    case "sort":
      return replace(optionWords(inv, parsed, ["-o", "--output"]));
    case "touch":
    case "chmod":
    case "chown":
    case "chgrp":
    case "chattr":
    case "setfacl":
      return replace(pos);
    case "sed":
    case "perl":
    case "ruby":
      return has(parsed, "-i", "--in-place") || inv.argv.some((w) => /^-[a-zA-Z]*i/.test(w.value) && inv.program !== "sed") ? replace(pos) : [];
    case "curl":
      return replace([...optionWords(inv, parsed, ["-o", "--output"]), ...optionWords(inv, parsed, ["--output-dir"])]);
    case "wget":
      return replace([...optionWords(inv, parsed, ["-O", "--output-document", "-P", "--directory-prefix", "-o", "--output-file", "-a", "--append-output"])]);
    case "git": {
      // `git checkout [REF] -- PATH`, `git restore PATH`: the working-tree file is rewritten from git.
      const sub = pos[0]?.value;
      if (sub !== "checkout" && sub !== "restore") return [];
      const dashes = inv.argv.findIndex((w) => w.value === "--");
      return replace(dashes >= 0 ? inv.argv.slice(dashes + 1) : sub === "restore" ? pos.slice(1) : []);
    }
    case "tar":
    case "bsdtar": {
      const extracting = inv.argv.some((w, i) => !w.dynamic && (w.value === "-x" || w.value === "--extract" || w.value === "--get" || (/^-?[a-zA-Z]*x[a-zA-Z]*$/.test(w.value) && (i === 1 || w.value.startsWith("-")))));
      if (!extracting) return [];
      const dirs = optionWords(inv, parsed, ["-C", "--directory"]);
      return replace(dirs.length ? dirs : [dot(inv)]);
    }
    case "unzip":
    case "7z":
    case "cpio": {
      const dirs = optionWords(inv, parsed, ["-d"]);
      if (inv.program === "unzip" && inv.argv.some((w) => ["-l", "-v", "-t", "-Z", "-p", "-c"].includes(w.value))) return [];
      return replace(dirs.length ? dirs : [dot(inv)]);
    }
    case "fallocate":
      // Punching, collapsing or zeroing a range destroys the bytes in it; plain preallocation writes nothing.
      return has(parsed, "-p", "--punch-hole", "-c", "--collapse-range", "-z", "--zero-range", "-i", "--insert-range") ? replace(pos) : [];
    case "openssl":
      // `openssl genrsa -out KEY`, `openssl req -keyout KEY -out CSR`: single-dash options with the path after them.
      return replace(followingWords(inv, ["-out", "-keyout"]));
    case "gpg":
    case "gpg2":
    case "age":
      return replace([...followingWords(inv, ["-o", "--output"]), ...inv.argv.filter((w) => !w.dynamic && w.value.startsWith("--output=")).map((w) => ({ ...w, value: w.value.slice(9), raw: w.raw.slice(9), matchText: undefined }))]);
    case "dd":
      return replace(inv.argv.filter((w) => !w.dynamic && w.value.startsWith("of=")).map((w) => ({ ...w, value: w.value.slice(3), raw: w.raw.slice(3), matchText: undefined })));
    default:
      return [];
  }
}

/** Programs whose writes change a file's attributes or unpack into a directory, not a file's content. */
const NOT_CONTENT = new Set(["touch", "chmod", "chown", "chgrp", "chattr", "setfacl", "tar", "bsdtar", "unzip", "7z", "cpio", "git"]);

/**
 * The paths whose content the invocation writes or appends to: its redirections and the files it
 * writes itself (tee, cp, install, ln, sed -i, sort -o, dd of=, curl -o…). Deletions are not here (see destroyed.ts).
 */
export function contentWrites(inv: Invocation, parsed: ParsedArgs): WrittenPath[] {
  return [...redirectWrites(inv), ...(NOT_CONTENT.has(inv.program) ? [] : programWrites(inv, parsed))];
}

function redirectWrites(inv: Invocation): WrittenPath[] {
  const out: WrittenPath[] = [];
  for (const r of inv.redirects) {
    if (!r.target || (r.fd !== undefined && r.fd > 2 && !REPLACE_REDIRECTS.has(r.operator) && !APPEND_REDIRECTS.has(r.operator))) continue;
    if (REPLACE_REDIRECTS.has(r.operator)) out.push({ word: r.target, mode: "replace" });
    else if (APPEND_REDIRECTS.has(r.operator)) out.push({ word: r.target, mode: "append" });
  }
  return out;
}

/** Every path the invocation writes to, moves or deletes. */
export function writtenPaths(inv: Invocation, parsed: ParsedArgs): WrittenPath[] {
  const out = redirectWrites(inv);
  out.push(...programWrites(inv, parsed));
  for (const d of destroyedPaths(inv, parsed)) out.push({ word: d.word, mode: d.overwrite ? "replace" : "remove" });
  return out;
}
