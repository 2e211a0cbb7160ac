// Programs that run code in a language guard reads with foreign-code.ts: Rscript/R -e, jshell, groovy -e, java File.java, lua -e, julia -e.
import type { Word } from "./model";
import { NONE, several, type Unwrapped, type Unwrapper } from "./unwrapped";
import { scanOptions } from "./options";
import type { ForeignLanguage } from "./foreign-code";

/**
 * `PROG [options] -e CODE… | FILE`: each `-e` (`--expr`, `-e=`) is code; else the first argument that
 * is not an option is a script file (read when written earlier in the command), else stdin.
 */
function codeRunner(language: ForeignLanguage, codeOptions: string[], valued: string[], fileFlags: string[] = []): Unwrapper {
  return (argv: Word[]): Unwrapped => {
    const name = argv[0].value.replace(/^.*\//, "");
    const out: Unwrapped[] = [];
    let file: Word | undefined;
    for (let i = 1; i < argv.length; i++) {
      const w = argv[i];
      if (w.dynamic && !file && out.length === 0) return { kind: "unknown", detail: `${name} runs code guard cannot name (\`${w.raw}\`)`, span: w.span };
      const eq = w.value.indexOf("=");
      const flag = eq > 0 ? w.value.slice(0, eq) : w.value;
      if (codeOptions.includes(flag)) {
        const code = eq > 0 ? { ...w, value: w.value.slice(eq + 1) } : argv[++i];
        if (code) out.push({ kind: "code", language, code, label: `${name} ${flag}` });
        continue;
      }
      if (fileFlags.includes(flag)) {
        file = eq > 0 ? { ...w, value: w.value.slice(eq + 1) } : argv[++i];
        break;
      }
      if (valued.includes(w.value)) {
        i++;
        continue;
      }
      if (w.value.startsWith("-")) continue;
      if (out.length === 0) file = w;
      break;
    }
    if (out.length) return several(out);
    if (file) return { kind: "code", language, label: `${name} ${file.raw}`, file };
    return { kind: "code", language, label: `${name} <stdin>` };
  };
}

/** `java [options] Tool.java`: source-file mode compiles and runs the file; anything else runs a compiled class. */
const javaSource: Unwrapper = (argv) => {
  const valued = ["-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules", "--source", "-jar", "-m", "--module"];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (valued.includes(w.value)) {
      if (w.value === "-jar" || w.value === "-m" || w.value === "--module") return NONE;
      i++;
      continue;
    }
    if (w.value.startsWith("-")) continue;
    return !w.dynamic && w.value.endsWith(".java") ? { kind: "code", language: "jvm", label: `java ${w.raw}`, file: w } : NONE;
  }
  return NONE;
};

/** `just [opts] [VAR=VAL…] [RECIPE [ARGS…]]`: listing, showing and dry runs run nothing. */
const justRunner: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["-f", "--justfile", "-d", "--working-directory", "--set", "--shell", "--shell-arg", "--dotenv-filename", "--dotenv-path", "--color", "--chooser", "--command-color", "--list-heading", "--list-prefix", "--timestamp-format"] });
  const names = new Set(scan.options.map((o) => o.name));
  if (["-l", "--list", "--summary", "-s", "--show", "-n", "--dry-run", "--evaluate", "--dump", "--variables", "-h", "--help", "-V", "--version", "--init", "--fmt", "--groups", "--completions", "--changelog"].some((o) => names.has(o))) return NONE;
  if (["--shell", "--command", "-c", "--choose", "-e", "--edit"].some((o) => names.has(o))) return { kind: "unknown", detail: "just runs a command guard does not read", span: argv[0].span };
  const valueOf = (flags: string[]) => {
    const o = scan.options.find((x) => flags.includes(x.name));
    return o ? argv[o.index + (argv[o.index].value === o.name ? 1 : 0)] : undefined;
  };
  const tasks = argv.slice(scan.rest).filter((w) => !/^[A-Za-z_][\w-]*=/.test(w.value));
  return { kind: "task-file", runner: "just", tasks, file: valueOf(["-f", "--justfile"]), dir: valueOf(["-d", "--working-directory"]) };
};

/** `poe [opts] TASK [ARGS…]`: the task from pyproject.toml; `-C`/`--root DIR` names the project. */
const poeRunner: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["-C", "--directory", "--root", "-e", "--executor"] });
  const names = new Set(scan.options.map((o) => o.name));
  if (["-h", "--help", "--version", "-d", "--dry-run"].some((o) => names.has(o)) || !argv[scan.rest]) return NONE;
  const dirOpt = scan.options.find((x) => ["-C", "--directory", "--root"].includes(x.name));
  const dir = dirOpt ? argv[dirOpt.index + (argv[dirOpt.index].value === dirOpt.name ? 1 : 0)] : undefined;
  return { kind: "task-file", runner: "poe", tasks: [argv[scan.rest]], dir };
};

export const FOREIGN_RUNNERS: Record<string, Unwrapper> = {
  just: justRunner,
  poe: poeRunner,
  Rscript: codeRunner("r", ["-e", "--expr"], ["--default-packages"]),
  R: codeRunner("r", ["-e"], ["--encoding", "--max-ppsize"], ["-f", "--file"]),
  jshell: codeRunner("jvm", [], ["--class-path", "-cp", "--module-path", "--add-modules", "--startup", "--feedback", "-R", "-J", "-C"]),
  groovy: codeRunner("jvm", ["-e"], ["-cp", "-classpath", "--classpath", "-D", "-c", "--encoding"]),
  java: javaSource,
  lua: codeRunner("lua", ["-e"], ["-l"]),
  luajit: codeRunner("lua", ["-e"], ["-l", "-j", "-O"]),
  julia: codeRunner("julia", ["-e", "--eval", "-E", "--print"], ["-t", "--threads", "-p", "--procs", "--project", "-J", "--sysimage", "-L", "--load", "-O", "--optimize", "--startup-file", "--history-file", "--color"]),
};
