// Which paths a command deletes or overwrites, per program (rm's operands, find's start paths, rsync's destination…): the one list of programs that destroy paths.
import type { Invocation, Word } from "../shell/model";
import { findOption, type ParsedArgs } from "../shell/program-args";
import { programName } from "../shell/words";
import { FIND_EXEC, unwrap } from "../shell/wrappers";
import { LIMITS } from "../core/limits";
import { isStreamDevice } from "../core/stream-devices";
import { CLEANERS, cleanedOutputs } from "./clean-outputs";
import { EMPTIERS, emptiedInPlace } from "./in-place-emptiers";

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

/** find's start paths as written (the words before the first expression word); empty when there are none. */
export function findStartWords(inv: Invocation): Word[] {
  const starts: Word[] = [];
  for (const word of inv.argv.slice(1)) {
    if (!word.dynamic && /^[-(!)]/.test(word.value)) break;
    starts.push(word);
  }
  return starts;
}

/** find's start paths; none written means `.`. */
export function findStarts(inv: Invocation): Word[] {
  const starts = findStartWords(inv);
  return starts.length ? starts : [{ value: ".", raw: ".", dynamic: false, glob: false, span: inv.span }];
}

/**
 * The commands find's -exec, -execdir, -ok and -okdir actions run, each seen through the argv wrappers
 * in front of it: `-exec sudo rm {} +` runs rm, and must be judged as `-exec rm {} +` is.
 */
export function findExecCommands(inv: Invocation): Word[][] {
  const found = unwrap(inv.argv);
  if (found.kind !== "argvs") return [];
  return found.list.map((words) => {
    // As deep as the extractor follows wrappers; past that it reports the command as too deep (ask).
    for (let depth = 0; depth <= LIMITS.maxDepth; depth++) {
      const inner = unwrap(words);
      if (inner.kind !== "argv") break;
      words = inner.words;
    }
    return words;
  });
}

/** `find … -delete`, `-exec rm {} +` (any deleter, through any wrapper), or `-exec sed -i d {} +`, `-exec truncate -s0 {} +` (emptied is as good as gone): find removes what it reaches. */
export function findDeletes(inv: Invocation): boolean {
  return inv.argv.some((w, i) => i > 0 && !w.dynamic && w.value === "-delete") || findExecCommands(inv).some((argv) => isDeleter(argv) || isTruncate(argv) || execEmpties(inv, argv));
}

/** A find -exec command that empties the files find hands it in place (`-exec sed -i '1,$d' {} +`). */
function execEmpties(inv: Invocation, argv: Word[]): boolean {
  const end = argv.findIndex((x) => x.value === ";" || x.value === "+");
  const words = end < 0 ? argv : argv.slice(0, end);
  return words.length > 0 && emptiedInPlace({ ...inv, program: programName(words[0]), argv: words }).some((x) => x.value === "{}");
}

const FIND_DELETING = new Set(["-delete", ...FIND_EXEC]);

/**
 * The tests find applies before it deletes. In `A -o B -delete` without parentheses, find deletes
 * only what passes B (`-name .git -prune -o -name '*.tmp' -delete`), so B's tests are the filter;
 * parentheses, or a delete in an earlier branch, leave the whole expression.
 */
export function findDeletingBranch(argv: Word[]): Word[] {
  if (argv.some((w) => w.value === "(" || w.value === ")")) return argv;
  const last = argv.reduce((at, w, i) => (w.value === "-o" || w.value === "-or" ? i : at), -1);
  if (last < 0 || argv.slice(0, last).some((w) => FIND_DELETING.has(w.value))) return argv;
  return argv.slice(last + 1);
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
export function archiveSources(inv: Invocation, parsed: ParsedArgs): Word[] {
  const pos = parsed.positionals;
  const first = inv.argv[1];
  if (first && !first.dynamic && !first.value.startsWith("-") && /^[a-zA-Z]+$/.test(first.value) && pos[0] === first) return pos.slice(first.value.includes("f") ? 2 : 1);
  return pos;
}

type Paths = (inv: Invocation, parsed: ParsedArgs) => DestroyedPath[];

const each = (words: Word[], recursive: boolean, forced: boolean, overwrite = false): DestroyedPath[] => words.map((word) => ({ word, recursive, forced, overwrite }));

const operands: Paths = (_inv, parsed) => each(parsed.positionals, false, true);

// shred without -u and scrub leave the file in place, overwritten; srm, wipe and `shred -u` remove it.
const shredded: Paths = (inv, parsed) =>
  each(parsed.positionals, has(parsed, "-r", "-R", "--recursive"), true, inv.program === "scrub" || (inv.program === "shred" && !has(parsed, "-u", "--remove")));

function rsyncPaths(_inv: Invocation, parsed: ParsedArgs): DestroyedPath[] {
  const pos = parsed.positionals;
  const local = pos.filter((w) => !remote(w));
  const out: DestroyedPath[] = [];
  const dest = pos.at(-1);
  if (dest && local.includes(dest) && parsed.options.some((o) => o.name.startsWith("--del"))) out.push(...each([dest], true, true));
  if (has(parsed, "--remove-source-files")) out.push(...each(local.filter((w) => w !== dest), true, true));
  return out;
}

function mvPaths(_inv: Invocation, parsed: ParsedArgs): DestroyedPath[] {
  const pos = parsed.positionals;
  const target = parsed.options.find((o) => (o.name === "-t" || o.name === "--target-directory") && o.value !== undefined);
  const sources = target ? pos : pos.slice(0, -1);
  // Moving a path away removes it from where it was: `mv ~/.ssh /tmp/x` takes the keys out of ~/.ssh.
  const out = each(sources, true, has(parsed, "-f", "--force") || !has(parsed, "-i", "--interactive", "-n", "--no-clobber"));
  const dest = target ? undefined : pos.at(-1);
  if (dest && sources.length && !has(parsed, "-n", "--no-clobber")) out.push({ word: dest, recursive: false, forced: true, overwrite: true });
  return out;
}

/** `gio trash FILE…`, `gtrash put FILE…`: the operands after the subcommand. */
const afterSubcommand: Paths = (_inv, parsed) => each(parsed.positionals.slice(1), true, true);

const tarRemoved: Paths = (inv, parsed) => (has(parsed, "--remove-files") ? each(archiveSources(inv, parsed), true, true) : []);
const sevenZipRemoved: Paths = (inv, parsed) => (inv.argv.some((w) => !w.dynamic && w.value === "-sdel") ? each(parsed.positionals.slice(2), true, true) : []);

interface Destroyer {
  paths: Paths;
  /** Removing its operands is its whole job: run by `find -exec`, it deletes what find reaches. */
  deleter?: true;
  /**
   * What it destroys lives on `elsewhere` (mv's destination, the archive), or it takes `nothing` that has
   * content (rmdir removes empty directories only). Unset: the content is gone.
   */
  keeps?: "elsewhere" | "nothing";
}

/** The one list of programs that delete or overwrite paths, and how. */
const DESTROYERS: Record<string, Destroyer> = {
  rm: { deleter: true, paths: (_inv, parsed) => each(parsed.positionals, has(parsed, "-r", "-R", "--recursive"), has(parsed, "-f", "--force")) },
  unlink: { deleter: true, paths: operands },
  rmdir: { deleter: true, keeps: "nothing", paths: operands },
  // rimraf (`npx rimraf ~`, the npm package and its binary) is `rm -rf` without the flags.
  rimraf: { deleter: true, paths: (_inv, parsed) => each(parsed.positionals.filter((w) => w.dynamic || !w.value.startsWith("-")), true, true) },
  shred: { deleter: true, paths: shredded },
  srm: { deleter: true, paths: shredded },
  scrub: { deleter: true, paths: shredded },
  wipe: { deleter: true, paths: shredded },
  truncate: { paths: (_inv, parsed) => each(parsed.positionals, false, true, true) },
  find: { paths: (inv) => (findDeletes(inv) ? each(findStarts(inv), true, !inv.argv.some((w) => w.value === "-ok" || w.value === "-okdir")) : []) },
  rsync: { paths: rsyncPaths },
  mv: { keeps: "elsewhere", paths: mvPaths },
  // `cp /dev/null FILE` empties FILE.
  cp: { paths: (_inv, { positionals: pos }) => (pos.length === 2 && !pos[0].dynamic && pos[0].value === "/dev/null" && (pos[1].dynamic || !isStreamDevice(pos[1].value)) ? each([pos[1]], false, true, true) : []) },
  // Archivers that delete what they archived: the content lives on only in the archive.
  tar: { keeps: "elsewhere", paths: tarRemoved },
  bsdtar: { keeps: "elsewhere", paths: tarRemoved },
  zip: { keeps: "elsewhere", paths: (inv, parsed) => (inv.argv.some((w) => !w.dynamic && /^-[a-zA-Z0-9]*m/.test(w.value) && !w.value.startsWith("--")) ? each(parsed.positionals.slice(1), true, true) : []) },
  "7z": { keeps: "elsewhere", paths: sevenZipRemoved },
  "7za": { keeps: "elsewhere", paths: sevenZipRemoved },
  "7zz": { keeps: "elsewhere", paths: sevenZipRemoved },
  dd: { paths: (inv) => each(ddOutput(inv).filter((w) => !w.value.startsWith("/dev/")), false, true, true) },
  // Trash commands move their operands into the desktop trash: out of where they were (a trashed
  // home directory or /etc is gone for everything that uses it), with the content kept there.
  trash: { deleter: true, keeps: "elsewhere", paths: (_inv, parsed) => each(parsed.positionals, true, true) },
  "trash-put": { deleter: true, keeps: "elsewhere", paths: (_inv, parsed) => each(parsed.positionals, true, true) },
  // A subcommand that deletes is keyed "program subcommand" and looked up before the program.
  "gio trash": { deleter: true, keeps: "elsewhere", paths: afterSubcommand },
  "gio remove": { deleter: true, paths: afterSubcommand },
  "gtrash put": { deleter: true, keeps: "elsewhere", paths: afterSubcommand },
};

// Build tools' clean with an output directory option (`cargo clean --target-dir DIR`): DIR goes like `rm -rf DIR`.
for (const program of CLEANERS) DESTROYERS[program] = { paths: (inv) => cleanedOutputs(inv).map(({ word, recursive }) => ({ word, recursive, forced: true, overwrite: false })) };

// Editors and stream tools that empty their files in place (`sed -i d F`): F is overwritten with nothing, like `truncate -s 0 F`.
for (const program of EMPTIERS) DESTROYERS[program] = { paths: (inv) => each(emptiedInPlace(inv), false, true, true) };

// `: > FILE`, `true > FILE`: a bare redirection truncates FILE to nothing, like `truncate -s 0 FILE`.
const emptyingRedirects: Paths = (inv) => each(inv.redirects.filter((r) => r.target && (r.operator === ">" || r.operator === ">|") && (r.fd === undefined || r.fd === 1)).map((r) => r.target!), false, true, true);
DESTROYERS[":"] = { paths: emptyingRedirects };
DESTROYERS.true = { paths: emptyingRedirects };

function lookup(key: string): Destroyer | undefined {
  return Object.prototype.hasOwnProperty.call(DESTROYERS, key) ? DESTROYERS[key] : undefined;
}

/** The table entry for a command: its subcommand's (`gio trash`) before its program's. */
function destroyerOf(argv: readonly Word[]): Destroyer | undefined {
  const program = argv[0] ? programName(argv[0]) : "";
  const sub = argv.slice(1).find((w) => w.dynamic || !w.value.startsWith("-"));
  return (sub && !sub.dynamic ? lookup(`${program} ${sub.value}`) : undefined) ?? lookup(program);
}

/** Every command of the table whose whole job is removing its operands: `rm`, `srm`, `gio trash`… */
export const DELETER_COMMANDS: readonly string[] = Object.keys(DESTROYERS).filter((key) => DESTROYERS[key].deleter);

/**
 * Whether removing its operands is the command's whole job (rm, shred, srm, rimraf, trash, `gio remove`…):
 * the one test of "a deleter", so `find -exec X`, `xargs X` and the rules built on them judge every one alike.
 */
export function isDeleter(argv: readonly Word[]): boolean {
  return destroyerOf(argv)?.deleter === true;
}

/** `truncate …`: run by find on every file it reaches, it empties them all (judged like deleting them). */
export function isTruncate(argv: readonly Word[]): boolean {
  return argv[0] !== undefined && programName(argv[0]) === "truncate";
}

/** Whether what `inv` destroys is gone afterwards: not kept elsewhere (mv, the archivers, trash), not contentless (rmdir). */
export function losesContent(inv: Invocation): boolean {
  const entry = destroyerOf(inv.argv);
  return entry !== undefined && entry.keeps === undefined;
}

/** The paths `inv` deletes or overwrites, by program; empty for programs that destroy nothing. */
export function destroyedPaths(inv: Invocation, parsed: ParsedArgs): DestroyedPath[] {
  // An empty operand (`rm -f ""`, `rm -rf "$X"` with X empty) names no file: every program fails on it with ENOENT.
  return (destroyerOf(inv.argv)?.paths(inv, parsed) ?? []).filter((e) => e.word.dynamic || e.word.value !== "");
}
