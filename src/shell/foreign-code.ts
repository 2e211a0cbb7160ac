// Code in languages guard reads only for what it plainly spells out (Go, Java/Kotlin/Groovy and Gradle scripts, R, Rust, Lua, Julia): deletes, writes and processes started.
import type { CodeAction } from "./interpreter-code";
import { blankStrings, escapeRegex, matchBracket, readString, splitTopLevel, type Language } from "./code-lex";

export type ForeignLanguage = "go" | "jvm" | "r" | "rust" | "lua" | "julia";

export function isForeignLanguage(language: string): language is ForeignLanguage {
  return language === "go" || language === "jvm" || language === "r" || language === "rust" || language === "lua" || language === "julia";
}

/** The lexer whose strings and comments are closest: C-like quotes for Go, the JVM languages, Rust, Lua and Julia (whose `cmd` backticks read as one string); Python's for R. */
const LEX: Record<ForeignLanguage, Language> = { go: "javascript", jvm: "javascript", r: "python", rust: "javascript", lua: "javascript", julia: "javascript" };

/** The string concatenation operator: `+` in most, `..` in Lua, `*` in Julia; R joins with paste0. */
const CONCAT: Record<ForeignLanguage, string> = { go: "+", jvm: "+", r: "+", rust: "+", lua: "..", julia: "*" };

const HOME = "~";
const MAX_DEPTH = 8;

/** Expressions that are the home directory. */
const HOME_EXPR: Record<ForeignLanguage, RegExp> = {
  go: /^os\.(?:Getenv\("HOME"\)|UserHomeDir\(\))$/,
  jvm: /^(?:System\.(?:getProperty\("user\.home"\)|getenv\("HOME"\)|getenv\(\)\.get\("HOME"\))|FileUtils\.getUserDirectory(?:Path)?\(\))$/,
  r: /^(?:Sys\.getenv\(["']HOME["']\)|path\.expand\(["']~["']\)|normalizePath\(["']~["']\)|fs::path_home\(\))$/,
  rust: /^(?:(?:std::)?env::var\("HOME"\)(?:\.unwrap\(\)|\?|\.expect\([^)]*\))?|(?:dirs|home)::home_dir\(\)(?:\.unwrap\(\)|\?|\.expect\([^)]*\))?)$/,
  lua: /^os\.getenv\(["']HOME["']\)$/,
  julia: /^(?:homedir\(\)|ENV\["HOME"\])$/,
};

/** Calls whose arguments are joined into one path. */
const JOIN_CALLS: Record<ForeignLanguage, RegExp> = {
  go: /^(?:filepath|path)\.Join$/,
  jvm: /^(?:new\s+)?(?:File|Paths\.get|Path\.of|java\.io\.File|file|project\.file)$/,
  r: /^(?:file\.path|paste0|fs::path|path\.expand|normalizePath)$/,
  rust: /^(?:Path::new|PathBuf::from|std::path::Path::new|String::from)$/,
  lua: /^(?!)/,
  julia: /^(?:joinpath|abspath|expanduser|normpath)$/,
};

/** Methods on a path that return a path: the receiver, joined with the argument when there is one. */
const PATH_METHODS = /^(?:toPath|toFile|getAbsolutePath|getPath|toString|absolutePath|resolve|join|as_str|to_str|to_path_buf|unwrap|canonicalize)$/;

/** The value of a path expression built from literals, home and variables; undefined otherwise. */
function valueOf(text: string, lang: ForeignLanguage, vars: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let t = text.trim().replace(/^&/, "");
  while (t.startsWith("(") && matchBracket(t, 0, LEX[lang]) === t.length) t = t.slice(1, -1).trim();
  if (t === "") return undefined;
  const str = readString(t, 0, LEX[lang]);
  if (str && str.end === t.length) return str.value;
  if (HOME_EXPR[lang].test(t.replace(/\s+/g, ""))) return HOME;
  if (/^[A-Za-z_]\w*$/.test(t)) return vars.get(t);
  const plus = splitAt(t, CONCAT[lang], lang);
  if (plus.length > 1) {
    const parts = plus.map((p) => valueOf(p, lang, vars, depth + 1));
    return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
  }
  // `receiver.method(args)`: a path method on a known receiver.
  const method = /\.(\w+)\s*\(([^()]*)\)$/.exec(t);
  if (method && PATH_METHODS.test(method[1])) {
    const base = valueOf(t.slice(0, method.index), lang, vars, depth + 1);
    if (base === undefined) return undefined;
    if (method[2].trim() === "") return base;
    const arg = valueOf(method[2], lang, vars, depth + 1);
    return arg === undefined ? undefined : join([base, arg]);
  }
  const call = callAt(t, lang);
  if (call && JOIN_CALLS[lang].test(call.callee)) {
    const parts = call.args.filter((a) => !/^\s*(?:sep|fsep)\s*=/.test(a)).map((a) => valueOf(a, lang, vars, depth + 1));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    return call.callee === "paste0" ? parts.join("") : join(parts as string[]);
  }
  return undefined;
}

function join(parts: string[]): string {
  return parts.reduce((out, p) => (out === "" || p.startsWith("/") ? p : `${out.replace(/\/+$/, "")}/${p.replace(/^\/+/, "")}`), "");
}

/** Splits at a binary operator outside strings and brackets. */
function splitAt(text: string, op: string, lang: ForeignLanguage): string[] {
  const blank = blankStrings(text, LEX[lang]);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < blank.length; i++) {
    const ch = blank[i];
    if (ch === "(" || ch === "[" || ch === "{") i = matchBracket(text, i, LEX[lang]) - 1;
    else if (text.startsWith(op, i)) {
      parts.push(text.slice(start, i));
      start = i + op.length;
      i += op.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `callee(args)` filling the whole text. */
function callAt(text: string, lang: ForeignLanguage): { callee: string; args: string[] } | undefined {
  const m = /^((?:new\s+)?[\w.:]+)\s*\(/.exec(text);
  if (!m || matchBracket(text, m[0].length - 1, LEX[lang]) !== text.length) return undefined;
  const inner = text.slice(m[0].length, -1);
  return { callee: m[1], args: inner.trim() === "" ? [] : splitTopLevel(inner, LEX[lang]) };
}

/** Single assignments (`h := …`, `val h = …`, `h <- …`, `let h = …`), in order; a name assigned twice stays unknown. */
function variables(code: string, blank: string, lang: ForeignLanguage): Map<string, string> {
  const re = lang === "go" ? /(?:^|[;\n{])\s*(?:var\s+)?(\w+)(?:\s*,\s*_)?\s*(?::=|=(?!=))/g
    : lang === "r" ? /(?:^|[;\n{])\s*(\w[\w.]*)\s*(?:<-|=(?!=))/g
      : lang === "rust" ? /\blet\s+(?:mut\s+)?(\w+)(?:\s*:\s*[^=]+)?\s*=(?!=)/g
        : /(?:^|[;\n{(])\s*(?:(?:final\s+)?(?:var|val|def|String|File|Path|local|const)\s+)?(\w+)\s*=(?!=)/g;
  const counts = new Map<string, number>();
  const found: { name: string; start: number }[] = [];
  for (const m of blank.matchAll(re)) {
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    found.push({ name: m[1], start: m.index! + m[0].length });
  }
  const known = new Map<string, string>();
  for (const { name, start } of found) {
    if (counts.get(name) !== 1) continue;
    let end = start;
    while (end < code.length && !/[;\n]/.test(blank[end])) end = "([{".includes(blank[end]) ? matchBracket(code, end, LEX[lang]) : end + 1;
    const value = valueOf(code.slice(start, end), lang, known);
    if (value !== undefined) known.set(name, value);
  }
  return known;
}

interface Site {
  name: string;
  args: string[];
  /** The expression the method was called on (`File(p)` in `File(p).deleteRecursively()`). */
  receiver?: string;
  /** What follows the call (`.arg("-rf").arg(p)` after `Command::new("rm")`). */
  after: string;
}

/** Every call of `names` (at a name boundary; `.name` means a method on any receiver). */
function sites(code: string, blank: string, names: string[], lang: ForeignLanguage): Site[] {
  const out: Site[] = [];
  for (const name of names) {
    const re = new RegExp(`${name.startsWith(".") ? "" : "(?<![\\w.$:])"}${escapeRegex(name).replace(/\\ /g, "\\s+")}\\s*\\(`, "g");
    for (const m of blank.matchAll(re)) {
      const open = m.index! + m[0].length - 1;
      const close = matchBracket(code, open, LEX[lang]);
      // Julia's keyword arguments follow a `;` (`rm(p; recursive=true)`): read them as one more argument.
      const inner = lang === "julia" ? [...code.slice(open + 1, close - 1)].map((ch, k) => (ch === ";" && blank[open + 1 + k] === ";" ? "," : ch)).join("") : code.slice(open + 1, close - 1);
      let receiver: string | undefined;
      if (name.startsWith(".")) {
        let i = m.index!;
        // The receiver: a call or a dotted name just before the dot.
        while (i > 0 && /[\w.:)\]"']/.test(blank[i - 1])) {
          // A string literal receiver (`"rm -rf /".execute()`): blanked, so its opening quote is the previous same quote.
          if (blank[i - 1] === '"' || blank[i - 1] === "'") {
            const start = blank.lastIndexOf(blank[i - 1], i - 2);
            if (start < 0) break;
            i = start;
            break;
          }
          if (blank[i - 1] === ")") {
            let depth = 0;
            let j = i - 1;
            for (; j >= 0; j--) {
              if (blank[j] === ")") depth++;
              else if (blank[j] === "(" && --depth === 0) break;
            }
            i = j;
          } else i--;
        }
        receiver = code.slice(i, m.index!).replace(/^new\s+/, "");
      }
      out.push({ name, args: inner.trim() === "" ? [] : splitTopLevel(inner, LEX[lang]), receiver, after: code.slice(close, close + 2048) });
    }
  }
  return out;
}

type Kind = "rm-r" | "rm" | "write" | "argv" | "shell" | "recv-rm-r" | "recv-rm" | "recv-write";
/** Calls by what they do: which argument is the path, the command, or the argv. */
const CALLS: Record<ForeignLanguage, { names: string[]; kind: Kind; arg?: number }[]> = {
  go: [
    { names: ["os.RemoveAll"], kind: "rm-r" }, { names: ["os.Remove"], kind: "rm" },
    { names: ["os.WriteFile", "ioutil.WriteFile", "os.Create", "os.Truncate"], kind: "write" },
    { names: ["exec.Command"], kind: "argv" }, { names: ["exec.CommandContext"], kind: "argv", arg: 1 },
  ],
  jvm: [
    { names: ["FileUtils.deleteDirectory", "FileUtils.forceDelete", "FileUtils.deleteQuietly", "delete", "project.delete", "FileSystemUtils.deleteRecursively"], kind: "rm-r" },
    { names: ["Files.delete", "Files.deleteIfExists"], kind: "rm" },
    { names: [".deleteRecursively", ".deleteDir"], kind: "recv-rm-r" }, { names: [".delete"], kind: "recv-rm" },
    { names: ["Files.writeString", "Files.write", "new FileWriter", "FileWriter", "new FileOutputStream", "FileOutputStream", "new PrintWriter"], kind: "write" },
    { names: [".writeText", ".writeBytes"], kind: "recv-write" },
    { names: ["new ProcessBuilder", "ProcessBuilder", "commandLine"], kind: "argv" },
    { names: [".exec"], kind: "shell" },
    { names: [".execute"], kind: "recv-write" },
  ],
  r: [
    { names: ["unlink", "fs::dir_delete", "fs::file_delete"], kind: "rm-r" }, { names: ["file.remove"], kind: "rm" },
    { names: ["file.create"], kind: "write" }, { names: ["writeLines"], kind: "write", arg: 1 },
    { names: ["system", "shell"], kind: "shell" }, { names: ["system2", "processx::run", "sys::exec_wait"], kind: "argv" },
  ],
  rust: [
    { names: ["fs::remove_dir_all", "std::fs::remove_dir_all"], kind: "rm-r" }, { names: ["fs::remove_file", "std::fs::remove_file"], kind: "rm" },
    { names: ["fs::write", "std::fs::write", "File::create"], kind: "write" },
    { names: ["Command::new", "std::process::Command::new"], kind: "argv" },
  ],
  // os.remove deletes a file or an empty directory; os.execute and io.popen hand their string to sh.
  lua: [{ names: ["os.remove"], kind: "rm" }, { names: ["os.execute", "io.popen"], kind: "shell" }],
  // rm deletes a directory only with recursive=true; run(`cmd`) runs a program with no shell, split at blanks.
  julia: [
    { names: ["rm", "Base.rm", "Filesystem.rm", "Base.Filesystem.rm"], kind: "rm-r" },
    { names: ["write"], kind: "write" },
    { names: ["run"], kind: "shell" },
  ],
};

/** The string items of a list expression: `listOf(…)`, `List.of(…)`, `c(…)`, `[…]`, `&[…]`, `vec![…]`, `new String[]{…}`. */
function listItems(text: string, lang: ForeignLanguage): string[] | undefined {
  const t = text.trim().replace(/^&/, "");
  const m = /^(?:listOf|List\.of|Arrays\.asList|c|vec!|new\s+String\s*\[\s*\])\s*[([{]/.exec(t) ?? (/^[[{]/.test(t) ? /^/.exec(t) : null);
  if (!m) return undefined;
  const open = m[0].length > 0 ? m[0].length - 1 : 0;
  if (matchBracket(t, open, LEX[lang]) !== t.length) return undefined;
  const inner = t.slice(open + 1, -1);
  return inner.trim() === "" ? [] : splitTopLevel(inner, LEX[lang]);
}

/** An argv from argument texts (lists flattened); unknown items are kept as dynamic. */
function argvOf(items: string[], lang: ForeignLanguage, vars: ReadonlyMap<string, string>): { argv: string[]; dynamic: number[] } | undefined {
  const argv: string[] = [];
  const dynamic: number[] = [];
  for (const item of items) {
    if (/^\s*(?:args|stdout|stderr|env|wait|input|echo|spinner|stdin)\s*=/.test(item)) {
      const list = listItems(item.replace(/^\s*args\s*=\s*/, ""), lang);
      if (/^\s*args\s*=/.test(item) && list) for (const x of list) push(x);
      continue;
    }
    const list = listItems(item, lang);
    if (list) for (const x of list) push(x);
    else push(item);
  }
  return argv.length && !dynamic.includes(0) ? { argv, dynamic } : undefined;

  function push(expr: string): void {
    const v = valueOf(expr, lang, vars);
    if (v === undefined) dynamic.push(argv.length);
    argv.push(v ?? expr.trim());
  }
}

/** Rust's builder: `Command::new("rm").arg("-rf").args(["x"])`. */
function rustArgs(after: string, lang: ForeignLanguage): string[] {
  const out: string[] = [];
  const blank = blankStrings(after, LEX[lang]);
  let i = 0;
  for (;;) {
    const m = /^\s*\.(arg|args|current_dir|env|stdin|stdout|stderr)\s*\(/.exec(blank.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = matchBracket(after, open, LEX[lang]);
    const inner = after.slice(open + 1, close - 1);
    if (m[1] === "arg") out.push(inner);
    else if (m[1] === "args") out.push(...(listItems(inner, lang) ?? [inner]));
    i = close;
  }
  return out;
}

/**
 * What the code does that guard can check: deletes and writes of paths built from literals and home,
 * programs started with literal arguments, shell strings. A process or recursive delete whose target
 * guard cannot compute is unknown. Bounded: a scan of named calls, no evaluation beyond path joins.
 */
export function foreignCodeActions(lang: ForeignLanguage, source: string): CodeAction[] {
  const code = source.length > 262_144 ? source.slice(0, 262_144) : source;
  const blank = blankStrings(code, LEX[lang]);
  const vars = variables(code, blank, lang);
  const out: CodeAction[] = [];
  for (const { names, kind, arg } of CALLS[lang]) {
    for (const site of sites(code, blank, names, lang)) {
      const call = site.name.replace(/^\./, "");
      const pathText = kind.startsWith("recv-") ? site.receiver : site.args[arg ?? 0];
      const path = pathText === undefined ? undefined : valueOf(pathText, lang, vars);
      switch (kind) {
        case "rm-r":
        case "recv-rm-r":
        case "rm":
        case "recv-rm": {
          const recursive = kind === "rm-r" || kind === "recv-rm-r";
          // R's unlink deletes directories only with recursive = TRUE, Julia's rm with recursive=true.
          const optIn = (lang === "r" && call === "unlink") || lang === "julia";
          const reallyRecursive = recursive && !(optIn && !/recursive\s*=\s*(?:TRUE|T|true)\b/.test(site.args.join(",")));
          if (path !== undefined) out.push({ kind: "argv", argv: ["rm", reallyRecursive ? "-rf" : "-f", "--", path], call });
          else if (reallyRecursive && (pathText ?? "").trim() !== "" && kind !== "recv-rm-r") out.push({ kind: "unknown", call });
          else if (reallyRecursive && kind === "recv-rm-r") out.push({ kind: "unknown", call });
          break;
        }
        case "write":
        case "recv-write":
          // Groovy's `"cmd".execute()` / `[…].execute()`: a process, not a write.
          if (call === "execute") {
            const items = site.receiver ? listItems(site.receiver, lang) : undefined;
            const text = site.receiver ? valueOf(site.receiver, lang, vars) : undefined;
            if (items) pushArgv(items);
            else if (text !== undefined) out.push({ kind: "argv", argv: text.split(/\s+/).filter(Boolean), call });
            else out.push({ kind: "unknown", call });
          } else if (path !== undefined) out.push({ kind: "argv", argv: ["tee", "--", path], call });
          break;
        case "shell": {
          const first = site.args[0];
          const list = first === undefined ? undefined : listItems(first, lang);
          const text = first === undefined ? undefined : valueOf(first, lang, vars);
          if (list) pushArgv(list);
          // Java's Runtime.exec(String) splits on whitespace and runs no shell; R's system() hands the string to sh.
          else if (text !== undefined) out.push(lang === "r" || lang === "lua" ? { kind: "shell", text, call } : { kind: "argv", argv: text.split(/\s+/).filter(Boolean), call });
          else if (first !== undefined && (lang !== "jvm" || call !== "exec" || site.receiver !== undefined)) out.push({ kind: "unknown", call });
          break;
        }
        case "argv":
          pushArgv(lang === "rust" ? [...site.args, ...rustArgs(site.after, lang)] : site.args.slice(arg ?? 0));
          break;
      }
      function pushArgv(items: string[]): void {
        const got = argvOf(items, lang, vars);
        out.push(got ? { kind: "argv", argv: got.argv, call, ...(got.dynamic.length ? { dynamic: got.dynamic } : {}) } : { kind: "unknown", call });
      }
    }
  }
  // Groovy calls without parentheses in Gradle scripts: `commandLine 'rm', '-rf', dir`, `delete rootDir`.
  if (lang === "jvm") {
    for (const m of blank.matchAll(/(?<![\w.])(commandLine|delete|project\.delete)[ \t]+(?=[^\s(=])([^\n;}]+)/g)) {
      const items = splitTopLevel(code.slice(m.index! + m[0].length - m[2].length, m.index! + m[0].length), LEX[lang]);
      if (m[1] !== "commandLine") {
        for (const item of items) {
          const path = valueOf(item, lang, vars);
          out.push(path !== undefined ? { kind: "argv", argv: ["rm", "-rf", "--", path], call: "delete" } : { kind: "unknown", call: "delete" });
        }
        continue;
      }
      const got = argvOf(items, lang, vars);
      out.push(got ? { kind: "argv", argv: got.argv, call: "commandLine", ...(got.dynamic.length ? { dynamic: got.dynamic } : {}) } : { kind: "unknown", call: "commandLine" });
    }
  }
  return out;
}
