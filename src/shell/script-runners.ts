// Programs that run shell commands from their command scripts: ed, gdb, cmake -P, tclsh/wish/expect, run-parts. Each script is read by script-dialects.ts.
import type { Word } from "./model";
import { hasOption, scanOptions } from "./options";
import { NONE, several, valueWord, type Unwrapped, type Unwrapper } from "./unwrapped";
import { programName } from "./words";

/** `ed [-s] [-p P] [FILE]`: commands come from stdin; a FILE starting with `!` is a shell command whose output is read. */
const edUnwrapper: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["-p", "--prompt"] });
  // red and -r refuse `!`, `r !`, `w !` and `!` file names.
  if (programName(argv[0]) === "red" || hasOption(scan, "-r", "--restricted", "-h", "--help", "-V", "--version")) return NONE;
  const out: Unwrapped[] = [{ kind: "code", language: "ed", label: "ed <stdin>" }];
  const file = argv[scan.rest];
  if (file && !file.dynamic && file.value.startsWith("!")) out.push({ kind: "shell-string", word: { ...file, value: file.value.slice(1) }, label: "ed !" });
  return several(out);
};

/** gdb options (one or two dashes) whose value is a command, a command file, or something else. */
const GDB_COMMAND = new Set(["-ex", "-eval-command", "-iex", "-init-eval-command"]);
const GDB_FILE = new Set(["-x", "-command", "-ix", "-init-command"]);
const GDB_VALUED = new Set(["-p", "-pid", "-c", "-core", "-d", "-directory", "-cd", "-s", "-symbols", "-e", "-exec", "-se", "-tty", "-b", "-l", "-i", "-interpreter", "-D", "-data-directory"]);

/**
 * `gdb -batch -ex CMD`, `gdb -x FILE`, and (without -batch) commands from stdin. gdb takes long options with
 * one or two dashes and `=` or a separate word; `--args` ends its options.
 */
const gdbUnwrapper: Unwrapper = (argv) => {
  const out: Unwrapped[] = [];
  let batch = false;
  let program: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic || !w.value.startsWith("-")) continue;
    if (w.value === "--args") {
      program = i + 1;
      break;
    }
    const eq = w.value.indexOf("=");
    const name = (eq > 0 ? w.value.slice(0, eq) : w.value).replace(/^--/, "-");
    const attached = eq > 0 ? w.value.slice(eq + 1) : undefined;
    if (name === "-batch") batch = true;
    if (GDB_COMMAND.has(name) || GDB_FILE.has(name)) {
      const word = valueWord(argv, i, attached ?? argv[i + 1]?.value);
      if (attached === undefined) i++;
      if (word) out.push(GDB_COMMAND.has(name) ? { kind: "code", language: "gdb", code: word, label: `gdb ${name}` } : { kind: "code", language: "gdb", file: word, label: `gdb ${name} ${word.raw}` });
    } else if (GDB_VALUED.has(name) && attached === undefined) i++;
  }
  // Without -batch gdb reads commands from a stdin that is not a terminal.
  if (!batch) out.push({ kind: "code", language: "gdb", label: "gdb <stdin>" });
  // `gdb -batch -ex run --args PROG ARGS…`: `run` starts PROG with ARGS (any run, as guard does not follow breakpoints).
  const runs = out.some((u) => u.kind === "code" && u.code && /^\s*(?:r|run|start|starti)\b/.test(u.code.value));
  if (program !== undefined && program < argv.length && (runs || !batch)) out.push({ kind: "argv", words: argv.slice(program), label: "gdb --args" });
  return several(out);
};

/**
 * `cmake [-D…] -P SCRIPT`: runs the script in CMake's script mode. `cmake -E env [NAME=V…] CMD…`, `-E chdir DIR CMD…`
 * and `-E time CMD…` run CMD. Other uses configure or build the project.
 */
const cmakeUnwrapper: Unwrapper = (argv) => {
  if (argv[1]?.value === "-E" && ["env", "chdir", "time"].includes(argv[2]?.value ?? "")) {
    let i = argv[2].value === "chdir" ? 4 : 3;
    while (argv[2].value === "env" && i < argv.length && /^(?:[A-Za-z_]\w*=|--unset=|--modify|-$|--$)/.test(argv[i].value)) i += argv[i].value === "--modify" ? 2 : 1;
    return i < argv.length ? { kind: "argv", words: argv.slice(i), label: `cmake -E ${argv[2].value}` } : NONE;
  }
  // `cmake -E rm -rf P`, `remove P`, `remove_directory D`: the rm they amount to.
  const remove = argv[1]?.value === "-E" ? { rm: [], remove: ["-f"], remove_directory: ["-rf"] }[argv[2]?.value ?? ""] : undefined;
  if (remove) return { kind: "argv", words: [{ ...argv[2], value: "rm" }, ...remove.map((o) => ({ ...argv[2], value: o, dynamic: false })), ...argv.slice(3)], label: `cmake -E ${argv[2].value}` };
  const at = argv.findIndex((w, i) => i > 0 && !w.dynamic && w.value === "-P");
  const file = at > 0 ? argv[at + 1] : undefined;
  if (!file) return NONE;
  return file.dynamic ? { kind: "unknown", detail: `cmake -P runs a script guard cannot name (\`${file.raw}\`)`, span: file.span } : { kind: "code", language: "cmake", file, label: `cmake -P ${file.raw}` };
};

/** `tclsh [FILE args]`, `wish`: a script file, else the script from stdin. */
const tclUnwrapper: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["-encoding", "-name", "-display", "-geometry", "-colormap", "-visual", "-use"], singleDashLong: true });
  const file = argv[scan.rest];
  const name = programName(argv[0]);
  if (file?.dynamic) return { kind: "unknown", detail: `${name} runs a script guard cannot name (\`${file.raw}\`)`, span: file.span };
  return file ? { kind: "code", language: "tcl", file, label: `${name} ${file.raw}` } : { kind: "code", language: "tcl", label: `${name} <stdin>` };
};

/** `expect -c CMDS… [-f] FILE`: Tcl with spawn and system. */
const expectUnwrapper: Unwrapper = (argv) => {
  const out: Unwrapped[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const v = argv[i].value;
    if (argv[i].dynamic || !v.startsWith("-") || v === "-") break;
    if (v === "--") {
      i++;
      break;
    }
    if (v === "-c" && argv[i + 1]) out.push({ kind: "code", language: "tcl", code: argv[++i], label: "expect -c" });
    else if ((v === "-f" || v === "-b") && argv[i + 1]) return several([...out, { kind: "code", language: "tcl", file: argv[i + 1], label: `expect ${v}` }]);
    else if (v === "-D") i++;
  }
  const file = argv[i];
  if (file && file.value !== "-") out.push(file.dynamic ? { kind: "unknown", detail: `expect runs a script guard cannot name (\`${file.raw}\`)`, span: file.span } : { kind: "code", language: "tcl", file, label: `expect ${file.raw}` });
  else if (!out.length) out.push({ kind: "code", language: "tcl", label: "expect <stdin>" });
  return several(out);
};

/** `run-parts DIR` runs every executable in DIR, which guard does not list; `--test` and `--list` only print their names. */
const runPartsUnwrapper: Unwrapper = (argv: Word[]) => {
  const scan = scanOptions(argv, 1, { valued: ["-u", "--umask", "-a", "--arg", "--regex"] });
  if (hasOption(scan, "--test", "--list", "-h", "--help", "-V", "--version")) return NONE;
  const dir = argv[scan.rest];
  return dir ? { kind: "unknown", detail: `run-parts runs every program in \`${dir.raw}\`, which guard does not read`, span: dir.span } : NONE;
};

export const SCRIPT_RUNNERS: Record<string, Unwrapper> = {
  ed: edUnwrapper,
  red: edUnwrapper,
  gdb: gdbUnwrapper,
  "gdb-multiarch": gdbUnwrapper,
  cmake: cmakeUnwrapper,
  tclsh: tclUnwrapper,
  wish: tclUnwrapper,
  jimsh: tclUnwrapper,
  expect: expectUnwrapper,
  "run-parts": runPartsUnwrapper,
};
