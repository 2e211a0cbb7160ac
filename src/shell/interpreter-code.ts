// Interpreter one-liners (python -c, node -e, ruby -e, perl -e): the shell commands, argvs and deletions their code performs.
import { dataCalls } from "./code-data-calls";
import { blankStrings, escapeRegex, matchBracket, readString, splitTopLevel, type Language } from "./code-lex";
import { canonicalCode, computedMember } from "./code-aliases";
import { codeVariables, valueOf, withCodeVariables } from "./code-values";
import { httpRequests } from "./code-http";
import { walkDelete, type Walk } from "./code-walks";
import { literalLoops } from "./code-loops";
import { isSecretFile } from "../core/secret-files";
import { environmentArgvs } from "./code-environment";
import { shellFeeds } from "./code-shell-feed";

export type { Language };

/** What a call in the code does, in terms guard already checks. */
export type CodeAction =
  /** Shell text the code hands to a shell (`os.system("…")`, `execSync("…")`). */
  | { kind: "shell"; text: string; call: string }
  /** A program run directly (`subprocess.run(["rm", "-rf", "/"])`): checked like that argv. */
  | { kind: "argv"; argv: string[]; call: string; dynamic?: number[]; /** Words that are glob patterns the code expands (`unlink glob("data/*")`). */ globs?: number[] }
  /** A call that runs something guard cannot read (`os.system(cmd)`). */
  | { kind: "unknown"; call: string };

interface Argument {
  /** The literal string value, when the argument is one string literal. */
  string?: string;
  /** The literal strings of a list/array literal of strings. */
  list?: string[];
  text: string;
}

interface Call {
  name: string;
  args: Argument[];
  /** The text of all arguments, for keyword checks (`shell=True`, `recursive: true`). */
  rest: string;
}

function parseArgument(text: string, language: Language): Argument {
  const trimmed = text.trim();
  const str = readString(trimmed, 0, language);
  if (str && str.end === trimmed.length && str.value !== undefined) return { string: str.value, text };
  if ((trimmed.startsWith("[") || (trimmed.startsWith("(") && language === "python")) && trimmed.length > 1) {
    const items = splitTopLevel(trimmed.slice(1, -1), language).filter((s) => s.trim() !== "");
    const list = items.map((item) => parseArgument(item, language).string);
    if (list.every((s): s is string => s !== undefined)) return { list, text };
  }
  // `os.path.expanduser('~')`, `path.join(os.homedir(), '.ssh')`, `f"{Path.home()}"`: known when built from literals and home.
  const value = valueOf(trimmed, language);
  return value !== undefined ? { string: value, text } : { text };
}

/** Names too common to trust as methods: `re.exec(…)` is a regex, `bundle.run(…)` anything. */
const GENERIC_NAMES = new Set(["exec", "eval", "compile", "system", "spawn", "unlink", "run", "call", "rmtree", "rimraf", "query", "sql"]);

/**
 * Where a call without parentheses ends: at `;`, a newline, an unbalanced `}` or a statement modifier
 * (`if`, `unless`, `or`); brackets in between (`$ENV{HOME}`, `[1, 2]`) are skipped whole.
 */
function statementEnd(searchable: string, from: number, language: Language): number {
  let i = from;
  while (i < searchable.length) {
    const ch = searchable[i];
    if (ch === "(" || ch === "[" || ch === "{") {
      i = matchBracket(searchable, i, language);
      continue;
    }
    if (ch === ";" || ch === "\n" || ch === "}" || ch === ")") return i;
    if (/\w/.test(ch) && !/\w/.test(searchable[i - 1] ?? "") && /^(?:if|unless|or|and|until|while)\b/.test(searchable.slice(i))) return i;
    i++;
  }
  return i;
}

/** The expression just before `.method(` at `dot`: a dotted name with calls and subscripts, or a parenthesised group. */
function receiverBefore(searchable: string, dot: number): number {
  let i = dot;
  for (let steps = 0; i > 0 && steps < 64; steps++) {
    const ch = searchable[i - 1];
    if (ch === ")" || ch === "]") {
      const open = ch === ")" ? "(" : "[";
      let depth = 0;
      let j = i - 1;
      // Receivers are short: a group longer than this is not followed (bounded work per call).
      for (const stop = Math.max(0, i - 4096); j >= stop; j--) {
        if (searchable[j] === ch) depth++;
        else if (searchable[j] === open && --depth === 0) break;
      }
      if (j < Math.max(0, i - 4096)) break;
      i = j;
    } else if (/[\w.]/.test(ch)) i--;
    else break;
  }
  return i;
}

/** pathlib methods by what they do to the path they are called on. */
const PATHLIB_METHODS: Record<string, "read" | "write" | "delete" | "mv"> = {
  read_text: "read", read_bytes: "read", write_text: "write", write_bytes: "write", touch: "write", unlink: "delete", rmdir: "delete", rename: "mv", replace: "mv",
};

/**
 * pathlib: `Path(P).write_text(…)`, `(Path.home() / ".ssh" / "config").write_text(…)`, `p.unlink()`,
 * `Path(A).rename(B)`, `Path(P).open("w")`. Only receivers that are pathlib expressions count, so
 * `"text".replace(…)` is not a move.
 */
function pathlibCalls(code: string): CodeAction[] {
  const actions: CodeAction[] = [];
  const searchable = blankStrings(code, "python");
  for (const m of searchable.matchAll(/\.(read_text|read_bytes|write_text|write_bytes|touch|unlink|rmdir|rename|replace|open)\s*\(/g)) {
    const start = receiverBefore(searchable, m.index!);
    const receiver = code.slice(start, m.index!);
    if (!/\b(?:Path|PosixPath|PurePath)\b/.test(receiver)) continue;
    const path = valueOf(receiver, "python");
    if (path === undefined) continue;
    const open = m.index! + m[0].length - 1;
    const args = splitTopLevel(code.slice(open + 1, matchBracket(code, open, "python") - 1), "python").map((a) => parseArgument(a, "python"));
    const call = `Path(…).${m[1]}`;
    const kind = m[1] === "open" ? (args[0]?.string !== undefined && WRITE_MODE.test(args[0].string) ? "write" : "read") : PATHLIB_METHODS[m[1]];
    if (kind === "read") actions.push({ kind: "argv", argv: ["cat", "--", path], call });
    else if (kind === "write") actions.push({ kind: "argv", argv: ["tee", "--", path], call });
    else if (kind === "delete") actions.push({ kind: "argv", argv: ["rm", "-f", "--", path], call });
    else if (kind === "mv" && args[0]?.string !== undefined) actions.push({ kind: "argv", argv: ["mv", "--", path, args[0].string], call });
  }
  return actions;
}

const BY_LENGTH = new WeakMap<string[], string[]>();

/** The names, longest first; the lists are the language tables', so each is sorted once. */
function byLength(names: string[]): string[] {
  let sorted = BY_LENGTH.get(names);
  if (!sorted) BY_LENGTH.set(names, (sorted = [...names].sort((a, b) => b.length - a.length)));
  return sorted;
}

const CALL_PATTERNS = new Map<string, RegExp>();

/** The expression of a call to `name` (with `(`, or perl's and ruby's parenless form), compiled once per name. */
function callPattern(name: string, parenless: boolean): RegExp {
  const key = `${parenless ? "p" : "-"}${name}`;
  let re = CALL_PATTERNS.get(key);
  if (!re) {
    re = new RegExp(`${escapeRegex(name)}(\\s*\\(|${parenless && /^[A-Za-z]/.test(name) ? "[ \\t]+(?=[\"'`\\[$@<A-Za-z])" : "(?!)"})`, "g");
    // Bounded: the names come from guard's own tables, but a bound costs nothing.
    if (CALL_PATTERNS.size >= 10_000) CALL_PATTERNS.clear();
    CALL_PATTERNS.set(key, re);
  }
  return re;
}

/**
 * Every call of one of `names` (matched at a word boundary, with or without a module prefix), once per
 * call site: `name(…)` and `name (…)`; in Perl and Ruby also without parentheses (`system "rm -rf ~"`),
 * where the arguments run to the end of the statement.
 */
function findCalls(code: string, names: string[], language: Language, seen: Set<number>): Call[] {
  const calls: Call[] = [];
  const searchable = blankStrings(code, language);
  const parenless = language === "perl" || language === "ruby";
  // Longest names first, so `fs.rmSync(` claims the call site before `rmSync(`.
  for (const name of byLength(names)) {
    // A call names the function literally: most of the names are not in the code at all.
    if (!searchable.includes(name)) continue;
    const re = callPattern(name, parenless);
    re.lastIndex = 0;
    for (let m = re.exec(searchable); m; m = re.exec(searchable)) {
      const at = m.index;
      const before = code[at - 1] ?? " ";
      // `.execute(` is a method: any receiver. Otherwise a whole name: `rmtree(`, not `my_rmtree(` or `re.exec(`.
      if (name.startsWith(".") ? !/[A-Za-z0-9_)\]]/.test(before) : /[A-Za-z0-9_$]/.test(before) || (before === "." && GENERIC_NAMES.has(name))) continue;
      const open = at + m[0].length - 1;
      if (seen.has(open)) continue;
      seen.add(open);
      let inner: string;
      if (code[open] === "(") {
        const close = matchBracket(code, open, language);
        inner = code.slice(open + 1, close - 1);
      } else {
        inner = code.slice(open + 1, statementEnd(searchable, open + 1, language));
      }
      calls.push({ name, args: splitTopLevel(inner, language).map((a) => parseArgument(a, language)), rest: inner });
    }
  }
  return calls;
}

const SHELL_CALLS: Record<Language, string[]> = {
  python: ["os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput", ".system", ".popen", "pexpect.spawn", "pexpect.run"],
  javascript: ["execSync", "exec", "child_process.exec", "child_process.execSync", "cp.exec", "cp.execSync", "execaCommand", "execaCommandSync", "shelljs.exec"],
  // `System.shell` is Elixir's (`mix run -e` code is read with the Ruby reader).
  ruby: ["system", "exec", "Kernel.system", "Kernel.exec", "%x", "IO.popen", "PTY.spawn", "Open3.capture2", "Open3.capture2e", "Open3.capture3", "Open3.popen3", "Open3.popen2", "System.shell"],
  perl: ["system", "exec", "qx", "readpipe"],
  php: ["shell_exec", "exec", "system", "passthru", "popen", "proc_open"],
};

/** Calls whose first argument is an argv list, or a string that is a shell command with shell=True. */
const PROCESS_CALLS: Record<Language, string[]> = {
  python: ["subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen", "os.execvp", "os.execv", "os.spawnvp", "pty.spawn"],
  javascript: ["spawnSync", "spawn", "execFileSync", "execFile", "child_process.spawn", "child_process.spawnSync", "child_process.execFileSync", "Bun.spawn", "Bun.spawnSync", "execa", "execaSync", "Deno.Command", "Deno.run"],
  ruby: ["Process.spawn", "spawn"],
  perl: [],
  php: [],
};

/** Deletion helpers, by the rm invocation they amount to. */
const DELETE_CALLS: Record<Language, { names: string[]; recursive: boolean | "option" }[]> = {
  python: [{ names: ["shutil.rmtree", "rmtree"], recursive: true }, { names: ["os.remove", "os.unlink", "os.rmdir", "os.removedirs", "pathlib.Path.unlink"], recursive: false }],
  javascript: [
    { names: ["fs.rmSync", "rmSync", "fs.rm", "fs.promises.rm", "fsp.rm", "fs.rmdirSync", "rmdirSync", "fs.rmdir", "Deno.removeSync", "Deno.remove"], recursive: "option" },
    { names: ["rimraf", "rimraf.sync", "fse.removeSync", "fse.remove", "fs.removeSync", "del.sync", "deleteSync"], recursive: true },
    { names: ["fs.unlinkSync", "unlinkSync", "fs.unlink"], recursive: false },
  ],
  // `File.rm_rf!` and `File.rm!` are Elixir's (`mix run -e` code is read with the Ruby reader).
  ruby: [{ names: ["FileUtils.rm_rf", "FileUtils.rm_r", "FileUtils.remove_dir", "FileUtils.remove_entry", "rm_rf", "File.rm_rf", "File.rm_rf!"], recursive: true }, { names: ["File.delete", "FileUtils.rm", "File.rm", "File.rm!"], recursive: false }],
  perl: [{ names: ["rmtree", "remove_tree", "File::Path::rmtree", "File::Path::remove_tree"], recursive: true }, { names: ["unlink"], recursive: false }],
  php: [{ names: ["unlink"], recursive: false }, { names: ["rmdir"], recursive: false }],
};

/**
 * File writes, moves and copies, by the argv they amount to: `open(P, "w")` writes P like `tee P`,
 * `os.rename(A, B)` is `mv A B`, `shutil.copy(A, B)` is `cp A B`. So guard's self-protection and the
 * zone policy see a one-liner that rewrites guard's config or moves a key away. Reads are `cat P`: a one-liner that
 * opens `.env` or a private key is judged as reading it (`print(open('.env').read())`).
 */
type FileCall = { names: string[]; as: "read" | "write" | "write-if-mode" | "mv" | "cp" | "ln" };
const FILE_CALLS: Record<Language, FileCall[]> = {
  python: [
    { names: ["open", "io.open", "codecs.open", "os.open"], as: "write-if-mode" },
    { names: ["linecache.getlines", "fileinput.input", "json.load", "dotenv_values", "dotenv.dotenv_values"], as: "read" },
    // `os.truncate(P, 0)` cuts the file in place, like `truncate -s 0 P`.
    { names: ["os.truncate"], as: "write" },
    { names: ["shutil.move", "os.rename", "os.replace", "os.renames"], as: "mv" },
    { names: ["shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree"], as: "cp" },
    // A link to a file is a way to write it (`os.symlink(settings, "s"); open("s", "w")`).
    { names: ["os.symlink", "os.link"], as: "ln" },
  ],
  javascript: [
    { names: ["fs.readFileSync", "readFileSync", "fs.readFile", "readFile", "fs.promises.readFile", "fsp.readFile", "fs.createReadStream", "createReadStream",
      "Bun.file", "Deno.readTextFile", "Deno.readTextFileSync", "Deno.readFile", "Deno.readFileSync", "fse.readJsonSync", "fse.readJson", "fse.readFileSync"], as: "read" },
    { names: ["fs.writeFileSync", "writeFileSync", "fs.writeFile", "writeFile", "fs.appendFileSync", "appendFileSync", "fs.appendFile", "fs.promises.writeFile",
      "fsp.writeFile", "fs.createWriteStream", "createWriteStream", "fs.truncateSync", "truncateSync", "Bun.write", "Deno.writeTextFile", "Deno.writeFile",
      "Deno.writeTextFileSync", "Deno.writeFileSync", "fse.outputFileSync", "fse.outputFile", "fs.outputFileSync", "fse.writeJsonSync", "fse.writeJson"], as: "write" },
    { names: ["fs.renameSync", "renameSync", "fs.rename", "fs.promises.rename", "fse.moveSync", "fse.move", "Deno.rename", "Deno.renameSync"], as: "mv" },
    { names: ["fs.copyFileSync", "copyFileSync", "fs.copyFile", "fs.cpSync", "cpSync", "fse.copySync", "fse.copy", "Deno.copyFile", "Deno.copyFileSync"], as: "cp" },
    { names: ["fs.symlinkSync", "symlinkSync", "fs.symlink", "fs.linkSync", "linkSync", "fs.link", "fs.promises.symlink", "Deno.symlink", "Deno.symlinkSync", "Deno.link"], as: "ln" },
  ],
  ruby: [
    { names: ["File.read", "IO.read", "File.binread", "IO.binread", "File.readlines", "IO.readlines", "File.foreach", "IO.foreach"], as: "read" },
    { names: ["File.write", "IO.write", "File.binwrite", "IO.binwrite", "File.truncate"], as: "write" },
    { names: ["File.open", "IO.open", "File.new"], as: "write-if-mode" },
    { names: ["FileUtils.mv", "FileUtils.move", "File.rename"], as: "mv" },
    { names: ["FileUtils.cp", "FileUtils.copy", "FileUtils.cp_r", "FileUtils.copy_file", "FileUtils.install"], as: "cp" },
    { names: ["File.symlink", "File.link", "FileUtils.ln", "FileUtils.ln_s", "FileUtils.ln_sf", "FileUtils.symlink"], as: "ln" },
  ],
  perl: [{ names: ["truncate"], as: "write" }, { names: ["rename"], as: "mv" }, { names: ["copy", "File::Copy::copy"], as: "cp" }, { names: ["move", "File::Copy::move"], as: "mv" }, { names: ["symlink", "link"], as: "ln" }],
  php: [
    { names: ["file_get_contents", "file", "readfile", "parse_ini_file"], as: "read" },
    { names: ["file_put_contents"], as: "write" },
    { names: ["fopen"], as: "write-if-mode" },
    { names: ["rename"], as: "mv" },
    { names: ["copy"], as: "cp" },
    { names: ["symlink", "link"], as: "ln" },
  ],
};

/** A mode that writes: "w", "a", "x", "r+", "wb", Node-style flags, os.O_WRONLY/O_RDWR/O_CREAT/O_TRUNC. */
const WRITE_MODE = /^(?:[wax]|r\+)[bt+]*$|^[wax]b?\+?$/;

/** Quoted strings inside a path expression guard cannot compute (`homedir()+'/'+'~/.ssh/id_rsa'.replace(…)`). */
const PATH_LITERALS = /(['"`])([^'"`\n]{1,200})\1/g;

/**
 * A read whose path guard cannot compute, but which spells a file holding credentials in a literal: read as reading
 * that file (fail closed), so building the path around the name does not hide it.
 */
function secretLiteralRead(arg: Argument | undefined, call: string): CodeAction[] {
  if (!arg) return [];
  const names = [...arg.text.matchAll(PATH_LITERALS)].map((m) => m[2]).filter((text) => isSecretFile(text));
  return names.slice(0, 4).map((path) => ({ kind: "argv", argv: ["cat", "--", path], call }));
}

function fileCall(call: Call, as: FileCall["as"]): CodeAction[] {
  const [first, second] = call.args;
  if (first?.string === undefined) return as === "read" || as === "write-if-mode" ? secretLiteralRead(first, call.name) : [];
  if (as === "read") return [{ kind: "argv", argv: ["cat", "--", first.string], call: call.name }];
  if (as === "write") return [{ kind: "argv", argv: ["tee", "--", first.string], call: call.name }];
  if (as === "write-if-mode") {
    const mode = second?.string ?? /mode\s*=\s*["']([^"']*)["']/.exec(call.rest)?.[1];
    const writes = (mode !== undefined && WRITE_MODE.test(mode)) || /O_(?:WRONLY|RDWR|CREAT|TRUNC|APPEND)/.test(call.rest);
    return [{ kind: "argv", argv: [writes ? "tee" : "cat", "--", first.string], call: call.name }];
  }
  if (second?.string === undefined) return [];
  return [{ kind: "argv", argv: [as, "--", first.string, second.string], call: call.name }];
}

/**
 * Perl's pipe opens run a command: `open(FH, "|CMD")` and `open(FH, "CMD|")` through the shell,
 * `open(FH, "|-", PROG, ARGS…)` as an argv (one string: through the shell).
 */
function perlPipeOpen(call: Call): CodeAction[] {
  const [, mode, ...rest] = call.args;
  if (mode?.string === undefined) return mode && /^\s*["']?\s*\|/.test(mode.text) ? [{ kind: "unknown", call: "open |" }] : [];
  const m = /^\s*\|(?!-\s*$)\s*([\s\S]+)$/.exec(mode.string) ?? /^(?!\s*-\|)([\s\S]+?)\s*\|\s*$/.exec(mode.string);
  if (m) return [{ kind: "shell", text: m[1], call: "open |" }];
  if (!/^\s*(?:\|-|-\|)\s*$/.test(mode.string) || !rest.length) return [];
  if (rest.length === 1) return rest[0].string !== undefined ? [{ kind: "shell", text: rest[0].string, call: "open |-" }] : [{ kind: "unknown", call: "open |-" }];
  return rest.every((a) => a.string !== undefined) ? [{ kind: "argv", argv: rest.map((a) => a.string!), call: "open |-" }] : [{ kind: "unknown", call: "open |-" }];
}

/** Perl's `open(FH, '>', PATH)` and `open(FH, ">PATH")`: a write when the mode starts with > or +<; pipe opens run a command. */
function perlOpens(code: string, seen: Set<number>): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const call of findCalls(code, ["open"], "perl", seen)) {
    actions.push(...perlPipeOpen(call));
    const [, mode, path] = call.args;
    if (mode?.string !== undefined && /^\s*(?:>|\+<)/.test(mode.string)) {
      const target = path?.string ?? mode.string.replace(/^\s*(?:>>?|\+<)\s*/, "");
      if (target) actions.push({ kind: "argv", argv: ["tee", "--", target], call: "open" });
    } else if (mode?.string !== undefined && !/[|]/.test(mode.string)) {
      // `open(F, '<', P)`, `open(F, P)`: a read, as `cat P`.
      const target = path?.string ?? mode.string.replace(/^\s*<\s*/, "");
      if (target) actions.push({ kind: "argv", argv: ["cat", "--", target], call: "open" });
    }
  }
  return actions;
}

/** Database calls whose string argument is SQL: checked as if psql ran it. */
const SQL_CALLS = ["execute", "executescript", "executemany", "exec", "query", "raw", "run", "sql", "$executeRawUnsafe", "$queryRawUnsafe", "execute_sql"];
/** The same, as method calls (`.execute(`). */
const SQL_METHODS = SQL_CALLS.map((n) => `.${n}`);

function shellCommand(call: Call): CodeAction[] {
  const first = call.args[0];
  // `system("rm", "-rf", "/")` (Perl, Ruby, PHP-less): several literal arguments are an argv, no shell.
  if (call.args.length > 1 && call.args.every((a) => a.string !== undefined)) return [{ kind: "argv", argv: call.args.map((a) => a.string!), call: call.name }];
  if (first?.string !== undefined) return [{ kind: "shell", text: first.string, call: call.name }];
  if (first?.list) return [{ kind: "argv", argv: first.list, call: call.name }];
  return first && first.text.trim() !== "" ? [{ kind: "unknown", call: call.name }] : [];
}

function processCall(call: Call): CodeAction[] {
  const [first, second] = call.args;
  if (!first) return [];
  // `Deno.run({cmd: ["rm", "-rf", "/"]})`, `new Deno.Command("rm", {args: ["-rf", "/"]})`.
  const cmd = /\bcmd\s*:\s*(\[[^\]]*\])/.exec(call.rest);
  if (cmd) {
    const list = parseArgument(cmd[1], "javascript").list;
    return list ? [{ kind: "argv", argv: list, call: call.name }] : [{ kind: "unknown", call: call.name }];
  }
  const args = /\bargs\s*:\s*(\[[^\]]*\])/.exec(call.rest);
  if (args && first.string !== undefined) {
    const list = parseArgument(args[1], "javascript").list;
    return list ? [{ kind: "argv", argv: [first.string, ...list], call: call.name }] : [{ kind: "unknown", call: call.name }];
  }
  const shell = /shell\s*[=:]\s*(?:True|true)/.test(call.rest);
  if (first.list) return [{ kind: "argv", argv: first.list, call: call.name }];
  if (first.string !== undefined) {
    if (shell) return [{ kind: "shell", text: first.string, call: call.name }];
    // Python's os.execv*(PATH, ARGS): ARGS[0] only names the program.
    if (second?.list && /^os\.(?:exec|spawn)/.test(call.name)) return [{ kind: "argv", argv: [first.string, ...second.list.slice(1)], call: call.name }];
    // spawn("rm", ["-rf", "/"]) — program and argument list.
    if (second?.list) return [{ kind: "argv", argv: [first.string, ...second.list], call: call.name }];
    return [{ kind: "argv", argv: first.string.split(/\s+/).filter(Boolean).slice(0, 1), call: call.name }];
  }
  return [{ kind: "unknown", call: call.name }];
}

const GLOB_CALL = /^\s*(?:glob\.i?glob|glob|bsd_glob|Dir\.glob|Dir|glob\.sync|globSync|fg\.sync)\s*[(\[]|^\s*</;

/** Perl's glob without parentheses (`unlink glob "src/*.js"`, `unlink <src/*.js>`): the pattern, when it is a literal. */
const PERL_PARENLESS_GLOB = /^\s*(?:(?:glob|bsd_glob)\s+(["'])([^"'$@]*)\1|<([^<>$@\s]*[*?[][^<>$@\s]*)>)\s*;?\s*$/;

function deleteCall(call: Call, recursive: boolean | "option"): CodeAction[] {
  const path = call.args[0];
  const isRecursive = recursive === "option" ? /recursive\s*:\s*true/.test(call.rest) : recursive;
  const parenless = path?.string === undefined ? PERL_PARENLESS_GLOB.exec(path?.text ?? "") : null;
  if (parenless) return [{ kind: "argv", argv: ["rm", ...(isRecursive ? ["-rf"] : ["-f"]), "--", parenless[2] ?? parenless[3]], call: call.name, globs: [3] }];
  // A recursive delete of a path computed in the code (`FileUtils.rm_rf(Dir.home)`) could remove anything: unknown.
  // A single-file delete of one is left alone, as everyday scripts do that all the time.
  if (path?.string === undefined) return isRecursive && path && path.text.trim() !== "" ? [{ kind: "unknown", call: call.name }] : [];
  // A path from the language's glob (`unlink glob("data/*")`, `map(os.remove, glob.glob(…))`) names what the pattern matches, as in the shell.
  const expanded = GLOB_CALL.test(path.text) && /[*?[]/.test(path.string);
  return [{ kind: "argv", argv: ["rm", ...(isRecursive ? ["-rf"] : ["-f"]), "--", path.string], call: call.name, ...(expanded ? { globs: [3] } : {}) }];
}

/** Calls that list or walk a directory tree: the first argument is where they start. */
const WALK_CALLS: Record<Language, string[]> = {
  python: ["os.walk", "os.listdir", "os.scandir", "glob.glob", "glob.iglob", "os.fwalk"],
  javascript: ["fs.readdirSync", "fs.readdir", "fs.promises.readdir", "fs.opendirSync", "glob.sync", "glob.globSync", "globSync", "fg.sync", "fg.globSync", "fs.globSync"],
  ruby: ["Dir.glob", "Dir.children", "Dir.entries", "Dir.each_child", "Find.find", "Dir.foreach"],
  perl: ["find", "finddepth", "glob", "opendir"],
  php: ["scandir", "glob"],
};

/**
 * The trees the code walks, as `rm -rf ROOT`: code that deletes paths it computes while walking a tree
 * deletes that tree's files, so the zone of the walk's root decides (home: deny; `~/.ssh`: ask; the project: allow).
 */
function walkedTrees(code: string, language: Language, seen: Set<number>): CodeAction[] {
  const out: CodeAction[] = language === "python" ? pathlibWalks(code) : [];
  const judged = new Set<string>();
  for (const call of findCalls(code, WALK_CALLS[language], language, seen)) {
    // File::Find's `find(\&wanted, DIR)` and `find({wanted => …}, DIR)`: the directories come after the callback.
    const roots = language === "perl" && (call.name === "find" || call.name === "finddepth") ? call.args.slice(1) : call.args.slice(0, 1);
    for (const root of roots) {
      const delete_ = root.string === undefined ? undefined : walkDelete(root.string, walkOf(call.name));
      const key = delete_ ? delete_.argv.join("\0") : `? ${call.name}`;
      // The same walk written many times is one delete to judge.
      if (judged.has(key)) continue;
      judged.add(key);
      out.push(delete_ ? { kind: "argv", ...delete_, call: `${call.name} + delete` } : { kind: "unknown", call: `${call.name} + delete` });
    }
  }
  return out;
}

/** A glob call's argument is a pattern (`glob.glob("src/*.py")`); a listing's or walk's is a directory, whatever its name holds. */
function walkOf(name: string): Walk {
  return /glob|^fg\./i.test(name) ? "pattern" : "directory";
}

/**
 * pathlib walks: `Path.home().glob('.ssh/*')`, `Path(d).rglob('*')`, `p.iterdir()`, `Path(d).walk()`:
 * the tree is the receiver joined with the pattern's literal directories (`~/.ssh` for `.ssh/*`).
 */
function pathlibWalks(code: string): CodeAction[] {
  const out: CodeAction[] = [];
  const searchable = blankStrings(code, "python");
  for (const m of searchable.matchAll(/\.(glob|rglob|iterdir|walk)\s*\(/g)) {
    const receiver = code.slice(receiverBefore(searchable, m.index!), m.index!);
    const root = valueOf(receiver, "python");
    if (root === undefined || /^(?:glob|os)$/.test(receiver.trim())) continue;
    const open = m.index! + m[0].length - 1;
    // iterdir() and walk() reach every entry; a pattern reaches what it matches, judged as walkedTrees judges globs.
    const pattern = m[1] === "glob" || m[1] === "rglob" ? parseArgument(splitTopLevel(code.slice(open + 1, matchBracket(code, open, "python") - 1), "python")[0] ?? "", "python").string : "*";
    if (pattern === undefined) {
      out.push({ kind: "unknown", call: `Path.${m[1]} + delete` });
      continue;
    }
    // rglob(P) is glob("**/P"): every depth under the receiver.
    const base = root.replace(/\/+$/, "") || "/";
    const delete_ = m[1] === "walk" || m[1] === "iterdir" ? walkDelete(base, "directory") : walkDelete(`${base}/${m[1] === "rglob" ? "**/" : ""}${pattern}`.replace(/^\/\//, "/"), "pattern");
    out.push({ kind: "argv", ...delete_, call: `Path.${m[1]} + delete` });
  }
  return out;
}

/**
 * A delete function handed to another as a callback, so it deletes what that one computes:
 * `map(os.remove, glob.glob(…))`, `array_map('unlink', glob(…))`, `files.forEach(fs.unlinkSync)`,
 * and pathlib's `p.unlink()` on a path computed in a loop.
 */
function callbackDeletes(code: string, language: Language): boolean {
  switch (language) {
    case "python":
      return /\bmap\s*\(\s*(?:os\.(?:remove|unlink|rmdir)|shutil\.rmtree|(?:pathlib\.)?Path\.(?:unlink|rmdir))\s*,/.test(code) ||
        [...blankStrings(code, "python").matchAll(/\.(?:unlink|rmdir)\s*\(/g)].some((m) => !/\b(?:Path|PosixPath|PurePath)\b/.test(code.slice(receiverBefore(blankStrings(code, "python"), m.index!), m.index!)));
    case "php":
      return /\b(?:array_map|array_walk|call_user_func(?:_array)?|usort)\s*\([^;]*['"](?:unlink|rmdir)['"]/.test(code);
    case "javascript":
      return /\.(?:forEach|map)\s*\(\s*(?:fs\.)?(?:unlinkSync|rmSync|rmdirSync|unlink|rm)\s*\)/.test(code);
    case "ruby":
      return /method\(\s*:(?:delete|unlink|rm_rf|rm_r|rm)\s*\)/.test(code);
    default:
      return false;
  }
}

/** Calls that run a string as code of the same language (`exec("…")`, `eval "…"`): read again, this many levels deep. */
const EVAL_CALLS: Record<Language, string[]> = {
  python: ["exec", "eval", "compile"],
  javascript: ["eval", "Function", "vm.runInThisContext", "vm.runInNewContext"],
  ruby: ["eval", "instance_eval", "class_eval", "Kernel.eval"],
  perl: ["eval"],
  php: ["eval"],
};
const MAX_EVAL_DEPTH = 3;

/** Perl `qx{…}`/`qx(…)`/`qx/…/` and Ruby `%x(…)`/`%x{…}`: a shell command in any delimiters. */
function quotedCommands(code: string, language: Language): CodeAction[] {
  if (language !== "perl" && language !== "ruby") return [];
  const out: CodeAction[] = [];
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]", "<": ">" };
  const re = language === "perl" ? /\bqx\s*([^\w\s])/g : /%x([^\w\s])/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const close = pairs[m[1]] ?? m[1];
    const start = m.index + m[0].length;
    const end = code.indexOf(close, start);
    if (end < 0) break;
    const text = code.slice(start, end);
    out.push(/[$@]|#\{/.test(text) ? { kind: "unknown", call: language === "perl" ? "qx" : "%x" } : { kind: "shell", text, call: language === "perl" ? "qx" : "%x" });
  }
  return out;
}

/**
 * What a piece of interpreter code does that guard can check. Bounded: calls are found by name, their
 * arguments evaluated only from literals and home (see code-values.ts), eval'd literal code a few levels deep.
 */
export function analyzeCode(language: Language, source: string, depth = 0, args?: ReadonlyMap<string, string>): CodeAction[] {
  // Aliases first (`from shutil import rmtree as r`, `const cp = require('child_process')`), so the tables see the real names.
  const code = canonicalCode(language, source);
  // `p = os.path.expanduser('~/.claude/settings.json'); … open(p, 'w')`: a variable assigned once is its value.
  // `sys.argv[1]`: a literal script argument is its value too (see code-argv.ts).
  return withCodeVariables(codeVariables(code, blankStrings(code, language), language, args), () => analyzeCanonical(language, code, depth));
}

function analyzeCanonical(language: Language, code: string, depth: number): CodeAction[] {
  const computed = computedMember(language, code);
  const actions: CodeAction[] = [];
  const seen = new Set<number>();
  for (const call of findCalls(code, SHELL_CALLS[language], language, seen)) actions.push(...shellCommand(call));
  for (const call of findCalls(code, PROCESS_CALLS[language], language, seen)) actions.push(...processCall(call));
  let computedDeletes = false;
  const loops = literalLoops(code, language);
  for (const group of DELETE_CALLS[language]) {
    for (const call of findCalls(code, group.names, language, seen)) {
      // `for f in ["a.db", "b.db"]: os.remove(f)` deletes each path of the list, as `os.remove("a.db")` would.
      const bound = call.args[0]?.string === undefined ? loops.get(call.args[0]?.text.trim() ?? "") : undefined;
      if (bound) for (const path of bound) actions.push(...deleteCall({ ...call, args: [{ string: path, text: JSON.stringify(path) }, ...call.args.slice(1)] }, group.recursive));
      else actions.push(...deleteCall(call, group.recursive));
      if (call.args[0] !== undefined && call.args[0].string === undefined) computedDeletes = true;
    }
  }
  // Deleting paths computed in a walk over X (`for r, d, fs in os.walk(HOME): os.remove(…)`) empties X.
  if (computedDeletes || callbackDeletes(code, language)) actions.push(...walkedTrees(code, language, seen));
  for (const group of FILE_CALLS[language]) {
    for (const call of findCalls(code, group.names, language, seen)) actions.push(...fileCall(call, group.as));
  }
  if (language === "perl") actions.push(...perlOpens(code, seen));
  if (language === "python") actions.push(...pathlibCalls(code));
  // HTTP requests (`requests.post`, `fetch`, `Net::HTTP`) are read as the curl request they amount to.
  for (const r of httpRequests(language, code)) actions.push({ kind: "argv", argv: r.argv, call: r.call, ...(r.dynamic.length ? { dynamic: r.dynamic } : {}) });
  for (const call of findCalls(code, SQL_METHODS, language, seen)) {
    const sql = call.args[0]?.string;
    if (sql !== undefined && /\b(?:drop|truncate|delete|update|alter)\b/i.test(sql)) actions.push({ kind: "argv", argv: ["psql", "-c", sql], call: call.name.slice(1) });
  }
  // The environment dumped or a variable printed: checked as the `env` / `printenv NAME` it amounts to.
  for (const argv of environmentArgvs(language, code)) actions.push({ kind: "argv", argv, call: argv[0] === "env" ? "environment" : "print" });
  // ORM bulk deletes and cloud SDK deletes are checked as the SQL or CLI command they amount to.
  for (const d of dataCalls(language, code)) actions.push({ kind: "argv", argv: d.argv, call: d.call });
  // Ruby and Perl backticks run a shell command.
  if (language === "ruby" || language === "perl") {
    const re = /`([^`]*)`/g;
    for (let m = re.exec(code); m; m = re.exec(code)) actions.push({ kind: "shell", text: m[1], call: "`…`" });
  }
  actions.push(...quotedCommands(code, language));
  // Bun Shell and zx: $`rm -rf ${dir}` runs the template as a shell command.
  if (language === "javascript") {
    for (const m of code.matchAll(/(?:^|[^\w$.])(?:Bun\.)?\$`((?:[^`\\]|\\.)*)`/g)) {
      const text = templateShell(m[1]);
      actions.push(text === undefined ? { kind: "unknown", call: "$`…`" } : { kind: "shell", text, call: "$`…`" });
    }
  }
  if (computed !== undefined) actions.push({ kind: "unknown", call: computed.replace(/\s+/g, "") });
  // A shell started bare runs what the code writes to it.
  actions.push(...shellFeeds(language, code, actions));
  // Code handed to the language's own eval is read again, a few levels deep.
  for (const call of findCalls(code, EVAL_CALLS[language], language, seen)) {
    const first = call.args[0];
    const inner = first?.string;
    if (inner !== undefined && depth < MAX_EVAL_DEPTH) actions.push(...analyzeCode(language, inner, depth + 1));
    // Code computed at run time (`exec(base64.b64decode(…))`, `eval(input)`) could do anything the language can.
    else if (first && first.text.trim() !== "") actions.push({ kind: "unknown", call: call.name });
  }
  return actions;
}

/**
 * A zx or Bun Shell template as the shell text it runs: each `${expr}` is one quoted argument, so an
 * expression guard computes (`${os.homedir()}` is `~`, read as home) stands as that word; any other
 * leaves the command unknown.
 */
function templateShell(template: string): string | undefined {
  let unknown = false;
  const text = template.replace(/\$\{([^}]*)\}/g, (_m, expr: string) => {
    const value = valueOf(expr, "javascript");
    if (value === undefined || !/^[\w~./@%+=:,-]+$/.test(value)) unknown = true;
    return value ?? "";
  });
  return unknown ? undefined : text;
}

/** The language of an interpreter program, by name (`python3.12`, `nodejs`). */
export function interpreterLanguage(program: string): Language | undefined {
  if (/^python[0-9.]*$/.test(program) || program === "pypy3" || program === "pypy") return "python";
  // zx runs JavaScript with `$` and the os, fs and path modules in scope, from a file, `--eval` or stdin.
  if (program === "node" || program === "nodejs" || program === "deno" || program === "bun" || program === "zx") return "javascript";
  // TypeScript runners take node's -e/-p and run TypeScript, read as JavaScript (the calls are the same).
  if (program === "tsx" || program === "ts-node" || program === "ts-node-esm" || program === "esno" || program === "esr") return "javascript";
  if (program === "ruby") return "ruby";
  if (program === "perl") return "perl";
  if (program === "php") return "php";
  return undefined;
}
