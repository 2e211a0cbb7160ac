// Which paths a command deletes or overwrites, per program: rm's operands, find's start paths, rsync's destination…
import type { Invocation, Word } from "../shell/model";
import { findOption, type ParsedArgs } from "../shell/program-args";
import { programName } from "../shell/words";

export interface DestroyedPath {
  word: Word;
  /** The whole tree under the path goes (rm -r, find -delete, a moved directory), not one file. */
  recursive: boolean;
  /** No prompt stops it (rm -f, find -delete, rsync): the last condition for "git cannot restore" to ask. */
  forced: boolean;
  /** Overwritten in place (truncate, dd of=, cp /dev/null, mv onto it) rather than removed. */
  overwrite: boolean;
}

const has = (parsed: ParsedArgs, ...spellings: string[]) => findOption(parsed, spellings) !== undefined;

/** find's start paths (the words before the first expression word); none means `.`. */
export function findStarts(inv: Invocation): Word[] {
  const starts: Word[] = [];
  for (const word of inv.argv.slice(1)) {
    if (!word.dynamic && /^[-(!)]/.test(word.value)) break;
    starts.push(word);
  }
  return starts.length ? starts : [{ value: ".", raw: ".", dynamic: false, glob: false, span: inv.span }];
}

const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
export const DELETERS = new Set(["rm", "unlink", "shred", "rmdir", "srm", "wipe", "scrub", "rimraf"]);

/** `find … -delete`, or `-exec rm {} +`: find removes what it reaches. */
export function findDeletes(inv: Invocation): boolean {
  return inv.argv.some((w, i) => i > 0 && ((!w.dynamic && w.value === "-delete") || (FIND_EXEC.has(inv.argv[i - 1].value) && DELETERS.has(programName(w)))));
}

/** rsync's remote paths (`host:dir`, `host::module`, `rsync://…`) are not on this machine. */
function remote(word: Word): boolean {
  return !word.dynamic && (/^[^/]*::?/.test(word.value) && !/^\.?\.?\//.test(word.value) || word.value.startsWith("rsync://"));
}

/** `dd of=PATH`: the output file. */
function ddOutput(inv: Invocation): Word[] {
  return inv.argv.slice(1).filter((w) => !w.dynamic && w.value.startsWith("of=")).map((w) => ({ ...w, value: w.value.slice(3), raw: w.raw.replace(/^of=/, ""), matchText: undefined }));
}

/** tar's operands: the words that are not options; an old-style first word (`czf`) takes the archive name after it. */
function archiveSources(inv: Invocation, parsed: ParsedArgs): Word[] {
  const pos = parsed.positionals;
  const first = inv.argv[1];
  if (first && !first.dynamic && !first.value.startsWith("-") && /^[a-zA-Z]+$/.test(first.value) && pos[0] === first) return pos.slice(first.value.includes("f") ? 2 : 1);
  return pos;
}

/** The paths `inv` deletes or overwrites, by program; empty for programs that destroy nothing. */
export function destroyedPaths(inv: Invocation, parsed: ParsedArgs): DestroyedPath[] {
  const pos = parsed.positionals;
  const each = (words: Word[], recursive: boolean, forced: boolean, overwrite = false): DestroyedPath[] => words.map((word) => ({ word, recursive, forced, overwrite }));
  switch (inv.program) {
    case "rm":
      return each(pos, has(parsed, "-r", "-R", "--recursive"), has(parsed, "-f", "--force"));
    case "unlink":
    case "rmdir":
      return each(pos, false, true);
    // rimraf (`npx rimraf ~`, the npm package and its binary) is `rm -rf` without the flags.
    case "rimraf":
      return each(pos.filter((w) => w.dynamic || !w.value.startsWith("-")), true, true);
    case "shred":
    case "srm":
    case "scrub":
    case "wipe":
      // shred without -u and scrub leave the file in place, overwritten; srm, wipe and `shred -u` remove it.
      return each(pos, has(parsed, "-r", "-R", "--recursive"), true, inv.program === "scrub" || (inv.program === "shred" && !has(parsed, "-u", "--remove")));
    case "truncate":
      return each(pos, false, true, true);
    case "find":
      return findDeletes(inv) ? each(findStarts(inv), true, !inv.argv.some((w) => w.value === "-ok" || w.value === "-okdir")) : [];
    case "rsync": {
      const local = pos.filter((w) => !remote(w));
      const out: DestroyedPath[] = [];
      const dest = pos.at(-1);
      if (dest && local.includes(dest) && parsed.options.some((o) => o.name.startsWith("--del"))) out.push(...each([dest], true, true));
      if (has(parsed, "--remove-source-files")) out.push(...each(local.filter((w) => w !== dest), true, true));
      return out;
    }
    case "mv": {
      const target = parsed.options.find((o) => (o.name === "-t" || o.name === "--target-directory") && o.value !== undefined);
      const sources = target ? pos : pos.slice(0, -1);
      // Moving a path away removes it from where it was: `mv ~/.ssh /tmp/x` takes the keys out of ~/.ssh.
      const out = each(sources, true, has(parsed, "-f", "--force") || !has(parsed, "-i", "--interactive", "-n", "--no-clobber"));
      const dest = target ? undefined : pos.at(-1);
      if (dest && sources.length && !has(parsed, "-n", "--no-clobber")) out.push({ word: dest, recursive: false, forced: true, overwrite: true });
      return out;
    }
    case "cp":
      // `cp /dev/null FILE` empties FILE.
      return pos.length === 2 && !pos[0].dynamic && pos[0].value === "/dev/null" ? each([pos[1]], false, true, true) : [];
    // Archivers that delete what they archived: the content lives on only in the archive.
    case "tar":
    case "bsdtar":
      return has(parsed, "--remove-files") ? each(archiveSources(inv, parsed), true, true) : [];
    case "zip":
      return inv.argv.some((w) => !w.dynamic && /^-[a-zA-Z0-9]*m/.test(w.value) && !w.value.startsWith("--")) ? each(pos.slice(1), true, true) : [];
    case "7z":
    case "7za":
    case "7zz":
      return inv.argv.some((w) => !w.dynamic && w.value === "-sdel") ? each(pos.slice(2), true, true) : [];
    case "dd":
      return each(ddOutput(inv).filter((w) => !w.value.startsWith("/dev/")), false, true, true);
    default:
      return [];
  }
}
