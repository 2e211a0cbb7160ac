// The string an interpreter expression evaluates to, when it is built only from literals and the home directory: `os.path.expanduser('~')`, `path.join(os.homedir(), '.ssh')`, `"#{Dir.home}/x"`.
import { matchBracket, readString, splitOutside, splitTopLevel, type Language } from "./code-lex";

/** Expressions nest this deep at most; past it the value is unknown. */
const MAX_DEPTH = 8;

/** Variables the code being read assigns once, with the value guard computed for each (see codeVariables). */
let variables: ReadonlyMap<string, string> | undefined;

/** Runs `read` with `vars` known as variables of the code (`p = os.path.expanduser('~/x')`, then `open(p, 'w')`). */
export function withCodeVariables<T>(vars: ReadonlyMap<string, string>, read: () => T): T {
  const before = variables;
  variables = vars;
  try {
    return read();
  } finally {
    variables = before;
  }
}

/** Assignments by language: the name and where its value starts (`p = …`, `const p = …`, `my $p = …`, `$p = …`). */
const ASSIGNMENT: Record<Language, RegExp> = {
  python: /(?:^|[;\n])[ \t]*([A-Za-z_]\w*)[ \t]*=(?!=)/g,
  javascript: /(?:^|[;\n{(])\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=(?!=)/g,
  ruby: /(?:^|[;\n])[ \t]*([a-z_]\w*)[ \t]*=(?![=~])/g,
  perl: /(?:^|[;\n{])\s*(?:my|our|local)?\s*(\$\w+)\s*=(?![=~])/g,
  php: /(?:^|[;\n{])\s*(\$\w+)\s*=(?![=>])/g,
};

/**
 * The variables `code` assigns exactly once to a value built from literals and home, in order, so a
 * later assignment may use an earlier one. A name assigned twice (or in a loop header) stays unknown.
 * `searchable` is the code with string contents blanked, so `=` inside strings is not an assignment.
 */
export function codeVariables(code: string, searchable: string, language: Language, initial?: ReadonlyMap<string, string>): Map<string, string> {
  const counts = new Map<string, number>();
  const found: { name: string; start: number }[] = [];
  for (const m of searchable.matchAll(ASSIGNMENT[language])) {
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    found.push({ name: m[1], start: m.index! + m[0].length });
  }
  // Loop variables take many values: `for p in …`, `foreach my $p (…)`, `for (const p of …)`.
  for (const m of searchable.matchAll(/\bfor(?:each)?\s*\(?\s*(?:my\s+|const\s+|let\s+|var\s+)?([$\w]+)\s+(?:in|of)\b/g)) counts.set(m[1], 2);
  // Known before any assignment: the script's literal arguments (`sys.argv[1]`).
  const known = new Map<string, string>(initial);
  for (const { name, start } of found) {
    if (counts.get(name) !== 1) continue;
    let end = start;
    while (end < code.length && !/[;\n]/.test(searchable[end])) {
      const ch = searchable[end];
      end = ch === "(" || ch === "[" || ch === "{" ? matchBracket(code, end, language) : end + 1;
    }
    const value = withCodeVariables(known, () => valueOf(code.slice(start, end), language));
    if (value !== undefined) known.set(name, value);
  }
  return known;
}

/** The home directory, as the shell word guard's path resolution expands (`~`). */
const HOME = "~";

/** `$HOME` and friends read from the environment: only HOME is known (as `~`). */
function envValue(name: string | undefined): string | undefined {
  return name === "HOME" ? HOME : undefined;
}

/** Joins path parts the way os.path.join / File.join do: an absolute part starts over. */
function joinPaths(parts: string[], restart: boolean): string {
  let out = "";
  for (const part of parts) {
    if (restart && (part.startsWith("/") || part === HOME || part.startsWith(`${HOME}/`))) out = part;
    else out = out === "" ? part : `${out.replace(/\/+$/, "")}/${part.replace(/^\/+/, "")}`;
  }
  return out;
}

/** Strips parentheses that wrap the whole expression. */
function unwrapParens(text: string, language: Language): string {
  let t = text.trim();
  for (let i = 0; i < MAX_DEPTH && t.startsWith("(") && matchBracket(t, 0, language) === t.length; i++) t = t.slice(1, -1).trim();
  return t;
}

/** Splits at a binary operator outside strings and brackets (`+`, ` . `, `/`); one part when there is none. An operator
 * with nothing before it (a sign) does not split. */
function splitOperator(text: string, operator: RegExp, language: Language): string[] {
  return splitOutside(text, language, (i, start) => {
    const m = i > start ? operator.exec(text.slice(i)) : null;
    return m?.index === 0 ? m[0].length : 0;
  });
}

/** `callee(args)` filling the whole expression: the callee text and the argument texts. */
function callParts(text: string, language: Language): { callee: string; args: string[] } | undefined {
  const m = /^([\w$.:]+(?:\(\))?(?:\.[\w$]+)*)\s*\(/.exec(text);
  if (!m) return undefined;
  const open = m[0].length - 1;
  if (matchBracket(text, open, language) !== text.length) return undefined;
  const inner = text.slice(open + 1, -1);
  return { callee: m[1], args: inner.trim() === "" ? [] : splitTopLevel(inner, language) };
}

/** The parts of an interpolating string literal (f-string, template literal, Ruby or Perl double quotes). */
function interpolated(text: string, language: Language, depth: number): string | undefined {
  let prefix = 0;
  while (/[fFrRbBuU]/.test(text[prefix] ?? "") && language === "python") prefix++;
  const quote = text[prefix];
  const body = text.slice(prefix + 1, -1);
  const opener = language === "javascript" ? "${" : language === "ruby" ? "#{" : language === "python" ? "{" : undefined;
  let out = "";
  let i = 0;
  while (i < body.length) {
    if (opener && body.startsWith(opener, i) && !(language === "python" && body[i + 1] === "{")) {
      const open = i + opener.length - 1;
      const close = matchBracket(body, open, language);
      const value = valueOf(body.slice(open + 1, close - 1).replace(/![rsa]$|:[^:}]*$/, ""), language, depth + 1);
      if (value === undefined) return undefined;
      out += value;
      i = close;
      continue;
    }
    if (language === "python" && (body.startsWith("{{", i) || body.startsWith("}}", i))) {
      out += body[i];
      i += 2;
      continue;
    }
    if (language === "perl" && (body[i] === "$" || body[i] === "@")) {
      const env = /^\$ENV\{\s*['"]?(\w+)['"]?\s*\}/.exec(body.slice(i));
      const value = env ? envValue(env[1]) : undefined;
      if (value === undefined) return undefined;
      out += value;
      i += env![0].length;
      continue;
    }
    if (body[i] === "\\" && i + 1 < body.length) {
      out += body[i + 1] === "n" ? "\n" : body[i + 1] === "t" ? "\t" : body[i + 1];
      i += 2;
      continue;
    }
    out += body[i++];
  }
  return quote === undefined ? undefined : out;
}

/** The working directory, as a relative path guard resolves where the command runs. */
const CWD = /^(?:os\.getcwd\(\)|(?:pathlib\.)?Path\.cwd\(\)|process\.cwd\(\)|Deno\.cwd\(\)|Dir\.pwd|Dir\.getwd|getcwd\(\)|cwd\(\)|Cwd::getcwd\(\))$/;

/** Home, working directory and environment expressions of each language that need no arguments. */
function atom(text: string, language: Language): string | undefined {
  const t = text.replace(/\s+/g, "");
  if (CWD.test(t)) return ".";
  const known = variables?.get(t);
  if (known !== undefined) return known;
  switch (language) {
    case "python": {
      if (/^(?:pathlib\.)?(?:Path|PosixPath)\.home\(\)$/.test(t)) return HOME;
      const env = /^os\.(?:environ\[(['"])(\w+)\1\]|environ\.get\((['"])(\w+)\3(?:,.*)?\)|getenv\((['"])(\w+)\5(?:,.*)?\))$/.exec(t);
      return env ? envValue(env[2] ?? env[4] ?? env[6]) : undefined;
    }
    case "javascript": {
      if (/^(?:os\.)?homedir\(\)$/.test(t)) return HOME;
      const env = /^(?:process\.)?env(?:\.(\w+)|\[(['"`])(\w+)\2\])$/.exec(t);
      return env ? envValue(env[1] ?? env[3]) : undefined;
    }
    case "ruby": {
      if (/^(?:Dir\.home|Etc\.getpwuid\.dir|Gem\.user_home)(?:\(\))?$/.test(t)) return HOME;
      const env = /^ENV(?:\[(['"])(\w+)\1\]|\.fetch\((['"])(\w+)\3(?:,.*)?\))$/.exec(t);
      return env ? envValue(env[2] ?? env[4]) : undefined;
    }
    case "perl": {
      const env = /^\$ENV\{(['"]?)(\w+)\1\}$/.exec(t);
      return env ? envValue(env[2]) : undefined;
    }
    case "php": {
      const env = /^(?:getenv\((['"])(\w+)\1\)|\$_(?:SERVER|ENV)\[(['"])(\w+)\3\])$/.exec(t);
      return env ? envValue(env[2] ?? env[4]) : undefined;
    }
  }
}

/** Calls that return a path built from their arguments: joins, and wrappers that keep the value. */
const JOINS: Record<Language, { join: RegExp; restart: RegExp; same: RegExp }> = {
  python: {
    join: /^$/,
    restart: /^(?:os\.path\.join|(?:pathlib\.)?(?:Path|PurePath|PosixPath|PurePosixPath)|.*\.joinpath)$/,
    same: /^(?:str|os\.fspath|os\.path\.(?:expanduser|abspath|realpath|normpath|expandvars)|glob\.glob|glob\.iglob)$/,
  },
  javascript: { join: /^path\.(?:posix\.)?join$/, restart: /^path\.(?:posix\.)?resolve$/, same: /^(?:String|path\.normalize|fs\.realpathSync|glob\.sync|globSync)$/ },
  ruby: { join: /^File\.join$/, restart: /^(?:Pathname\.new|Pathname)$/, same: /^(?:File\.expand_path|File\.absolute_path|File\.realpath|Dir\.glob|Dir)$/ },
  perl: { join: /^(?:catfile|catdir|File::Spec->catfile|File::Spec->catdir)$/, restart: /^$/, same: /^(?:glob|abs_path|realpath|bsd_glob)$/ },
  php: { join: /^$/, restart: /^$/, same: /^(?:realpath|glob)$/ },
};

/** Base64 decoders of each language. */
const BASE64 = /^(?:base64\.(?:b64decode|standard_b64decode|decodebytes)|Base64\.(?:decode64|strict_decode64)|(?:MIME::Base64::)?decode_base64|atob|base64_decode)$/;

/** Encodings that hide a string only from a reader that does not undo them: Node's Buffer, hex, Python's reversed slice. */
function decodedString(t: string, language: Language, depth: number): string | undefined {
  const buffer = language === "javascript" ? /^Buffer\.from\(([\s\S]+),\s*(['"])(base64|hex)\2\s*\)\.toString\(\s*(?:(['"])utf-?8\4)?\s*\)$/.exec(t) : null;
  if (buffer) {
    const value = valueOf(buffer[1], language, depth + 1);
    return value === undefined ? undefined : Buffer.from(value, buffer[3] as BufferEncoding).toString("utf8");
  }
  const hex = language === "python" ? /^bytes\.fromhex\(([\s\S]+)\)$/.exec(t) : null;
  if (hex) {
    const value = valueOf(hex[1], language, depth + 1);
    return value === undefined ? undefined : Buffer.from(value.replace(/\s+/g, ""), "hex").toString("utf8");
  }
  if (language === "python" && t.endsWith("[::-1]")) {
    const value = valueOf(t.slice(0, -6), language, depth + 1);
    return value === undefined ? undefined : [...value].reverse().join("");
  }
  return undefined;
}

/** Case changes of each language: `'delete'.toUpperCase()`, `'delete'.upper()`, `"delete".upcase`, `uc('delete')`. */
const CASE_METHOD = /\.(toUpperCase|toLowerCase|toLocaleUpperCase|toLocaleLowerCase|upper|lower|upcase|downcase|capitalize|casefold|swapcase)(?:\(\s*\))?$/;

/** A literal string with its case changed: a method name spelled in lower case is still that method. */
function changedCase(t: string, language: Language, depth: number): string | undefined {
  const method = CASE_METHOD.exec(t);
  const perl = language === "perl" || language === "php" ? /^(uc|lc|ucfirst|strtoupper|strtolower)\s*\(([\s\S]*)\)$/.exec(t) : null;
  const name = method?.[1] ?? perl?.[1];
  if (name === undefined) return undefined;
  const value = valueOf(method ? t.slice(0, method.index) : perl![2], language, depth + 1);
  if (value === undefined) return undefined;
  if (/^(?:toUpperCase|toLocaleUpperCase|upper|upcase|uc|strtoupper)$/.test(name)) return value.toUpperCase();
  if (/^(?:capitalize|ucfirst)$/.test(name)) return value.charAt(0).toUpperCase() + (name === "capitalize" ? value.slice(1).toLowerCase() : value.slice(1));
  if (name === "swapcase") return [...value].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  return value.toLowerCase();
}

/** Methods on a path value that return the same path (`Path(x).expanduser()`, `.resolve()`). */
const SAME_METHODS = /^(?:decode|expanduser|resolve|absolute|to_s|to_path|toString|as_posix|realpath)$/;

/**
 * The string `text` evaluates to, or undefined when it depends on anything besides literals and the
 * home directory. Bounded by MAX_DEPTH; never runs the code.
 */
export function valueOf(text: string, language: Language, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const t = unwrapParens(text, language);
  if (t === "") return undefined;
  const str = readString(t, 0, language);
  if (str && str.end === t.length) return str.value ?? interpolated(t, language, depth);
  // Ruby's `%q(…)`, `%Q{…}`, `%(…)` strings (no interpolation read: `#{` makes the value unknown).
  const percent = language === "ruby" ? /^%[qQ]?([({[<])/.exec(t) : null;
  if (percent && matchBracket(t, percent[0].length - 1, language) === t.length) {
    const inner = t.slice(percent[0].length, -1);
    return inner.includes("#{") && !t.startsWith("%q") ? undefined : inner;
  }
  // Perl's `<~/x/*>` glob operator.
  if (language === "perl" && /^<[^<>$]+>$/.test(t)) return t.slice(1, -1);
  const concat = language === "perl" || language === "php" ? /^\s+\.\s+|^\s*\.\s*(?=['"$])/ : language === "python" ? /^\s*[+/]\s*/ : /^\s*\+\s*/;
  const parts = splitOperator(t, concat, language);
  if (parts.length > 1) {
    // Python's `/` joins pathlib paths; `+` concatenates strings.
    const ops = language === "python" ? [...t.matchAll(/[+/]/g)] : [];
    const values = parts.map((p) => valueOf(p, language, depth + 1));
    if (values.some((v) => v === undefined)) return undefined;
    if (language === "python" && ops.length && splitOperator(t, /^\s*\/\s*/, language).length === parts.length) return joinPaths(values as string[], true);
    return (values as string[]).join("");
  }
  const known = atom(t, language);
  if (known !== undefined) return known;
  const decoded = decodedString(t, language, depth);
  if (decoded !== undefined) return decoded;
  const cased = changedCase(t, language, depth);
  if (cased !== undefined) return cased;
  // `x.decode()`, `Path(p).resolve()`: methods that return the value they are called on.
  const same = /\.(\w+)\(\s*\)$/.exec(t);
  if (same && SAME_METHODS.test(same[1])) return valueOf(t.slice(0, same.index), language, depth + 1);
  const call = callParts(t, language);
  if (call) {
    const table = JOINS[language];
    // `Path(x).expanduser()`, `x.resolve()`: the receiver's value.
    const method = /^(.*)\.(\w+)$/.exec(call.callee);
    if (method && SAME_METHODS.test(method[2]) && call.args.length === 0) return valueOf(method[1], language, depth + 1);
    const values = call.args.filter((a) => !/^\s*\w+\s*=/.test(a)).map((a) => valueOf(a, language, depth + 1));
    if (values.some((v) => v === undefined)) return undefined;
    if (method && method[2] === "joinpath") {
      const base = valueOf(method[1], language, depth + 1);
      return base === undefined ? undefined : joinPaths([base, ...(values as string[])], true);
    }
    if (table.same.test(call.callee) && values.length >= 1) return values[0];
    // Base64 hides a string only from a reader that does not decode it.
    if (BASE64.test(call.callee) && values.length >= 1) return Buffer.from(values[0]!, "base64").toString("utf8");
    if (table.join.test(call.callee) && values.length) return joinPaths(values as string[], false);
    if (table.restart.test(call.callee)) return values.length ? joinPaths(values as string[], true) : ".";
  }
  // Ruby's `Dir.home` without parentheses, `Pathname(Dir.home) + ".ssh"` reach here through atom and joins above.
  return undefined;
}
