// CMake scripts (`cmake -P x.cmake`): execute_process and exec_program start programs, file(REMOVE…) deletes, file(WRITE…) writes.
import type { CodeAction } from "./interpreter-code";

const MAX_TEXT = 262_144;

/** One argument: its value, and whether it holds a `${…}`/`$ENV{…}` reference guard does not resolve. */
interface Arg {
  value: string;
  dynamic: boolean;
}

/** Reads the arguments of the command whose `(` is at `open`; returns them and the index after `)`. */
function readArgs(text: string, open: number): { args: Arg[]; end: number } {
  const args: Arg[] = [];
  let i = open + 1;
  let depth = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (ch === ")" && depth === 0) {
      return { args, end: i + 1 };
    } else if (ch === '"') {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length) value += { n: "\n", t: "\t", r: "\r" }[text[++j]] ?? text[j];
        else value += text[j];
      }
      args.push({ value, dynamic: /\$(?:ENV|CACHE)?\{/.test(value) });
      i = j + 1;
    } else if (ch === "[" && /^\[=*\[/.test(text.slice(i))) {
      const eqs = /^\[(=*)\[/.exec(text.slice(i))![1];
      const close = text.indexOf(`]${eqs}]`, i);
      const stop = close < 0 ? text.length : close;
      args.push({ value: text.slice(i + eqs.length + 2, stop), dynamic: false });
      i = stop + eqs.length + 2;
    } else {
      let j = i;
      for (; j < text.length && !/[\s#]/.test(text[j]); j++) {
        // A quoted part inside an unquoted argument (`-Da="b c"`) belongs to it, spaces and all (CMake's legacy form).
        if (text[j] === '"') {
          if (j === i) break;
          for (j++; j < text.length && text[j] !== '"'; j++) if (text[j] === "\\") j++;
          continue;
        }
        if (text[j] === "(") depth++;
        else if (text[j] === ")") {
          if (depth === 0) break;
          depth--;
        }
      }
      const value = text.slice(i, j);
      args.push({ value, dynamic: /\$(?:ENV|CACHE)?\{/.test(value) });
      i = j;
    }
  }
  return { args, end: text.length };
}

/** Keywords that end a COMMAND of execute_process. */
const PROCESS_KEYWORDS = new Set(["WORKING_DIRECTORY", "TIMEOUT", "RESULT_VARIABLE", "RESULTS_VARIABLE", "OUTPUT_VARIABLE", "ERROR_VARIABLE", "INPUT_FILE",
  "OUTPUT_FILE", "ERROR_FILE", "OUTPUT_QUIET", "ERROR_QUIET", "COMMAND_ECHO", "OUTPUT_STRIP_TRAILING_WHITESPACE", "ERROR_STRIP_TRAILING_WHITESPACE",
  "ENCODING", "ECHO_OUTPUT_VARIABLE", "ECHO_ERROR_VARIABLE", "COMMAND_ERROR_IS_FATAL"]);

function argv(args: Arg[], call: string): CodeAction {
  const dynamic = args.flatMap((a, i) => (a.dynamic ? [i] : []));
  return { kind: "argv", argv: args.map((a) => a.value), call, ...(dynamic.length ? { dynamic } : {}) };
}

/** execute_process(COMMAND a b [COMMAND c d]… KEYWORDS): each COMMAND is an argv, run without a shell. */
function executeProcess(args: Arg[]): CodeAction[] {
  const out: CodeAction[] = [];
  let current: Arg[] | undefined;
  const flush = () => {
    if (current?.length) out.push(argv(current, "execute_process"));
    current = undefined;
  };
  for (const a of args) {
    if (a.value === "COMMAND") {
      flush();
      current = [];
    } else if (PROCESS_KEYWORDS.has(a.value)) flush();
    else current?.push(a);
  }
  flush();
  return out;
}

/** file(REMOVE_RECURSE …), file(REMOVE …), file(WRITE|APPEND P …), file(RENAME A B): as rm, tee and mv. */
function fileCommand(args: Arg[]): CodeAction[] {
  const [mode, ...rest] = args;
  if (mode?.value === "REMOVE_RECURSE" || mode?.value === "REMOVE") return rest.length ? [argv([{ value: "rm", dynamic: false }, { value: mode.value === "REMOVE" ? "-f" : "-rf", dynamic: false }, { value: "--", dynamic: false }, ...rest], `file(${mode.value})`)] : [];
  if ((mode?.value === "WRITE" || mode?.value === "APPEND") && rest[0]) return [argv([{ value: "tee", dynamic: false }, { value: "--", dynamic: false }, rest[0]], `file(${mode.value})`)];
  if (mode?.value === "RENAME" && rest.length >= 2) return [argv([{ value: "mv", dynamic: false }, { value: "--", dynamic: false }, rest[0], rest[1]], "file(RENAME)")];
  return [];
}

/** What a CMake script does that guard checks: processes it starts, files it deletes, writes or moves. */
export function cmakeActions(source: string): CodeAction[] {
  const text = source.slice(0, MAX_TEXT);
  const out: CodeAction[] = [];
  const re = /(^|[\s;)])([A-Za-z_]\w*)[ \t]*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[2].toLowerCase();
    const open = m.index + m[0].length - 1;
    // Comments: a `#` earlier on the line hides the call.
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    if (text.slice(lineStart, m.index + m[1].length).includes("#")) continue;
    const { args, end } = readArgs(text, open);
    re.lastIndex = end;
    if (name === "execute_process") out.push(...executeProcess(args));
    else if (name === "exec_program") out.push(args.some((a) => a.dynamic) ? { kind: "unknown", call: "exec_program" } : { kind: "shell", text: args.filter((a) => !["ARGS", "OUTPUT_VARIABLE", "RETURN_VALUE"].includes(a.value)).map((a) => a.value).join(" "), call: "exec_program" });
    else if (name === "file") out.push(...fileCommand(args));
    else if (name === "cmake_language" && args[0]?.value === "EVAL") out.push({ kind: "unknown", call: "cmake_language(EVAL)" });
  }
  return out;
}
