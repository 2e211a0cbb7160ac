// gdb commands (-ex, -x files, stdin): `shell`/`!`, `pipe`, `python`, `make`, `run` arguments and `call system(…)` all start programs.
import { analyzeCode, type CodeAction } from "./interpreter-code";

const MAX_LINES = 20_000;

/** Commands that open a block of Python or Guile code ending at `end`. */
const BLOCK = /^(?:python|py|python-interactive|pi|guile|gu)\s*$/;

/** What one gdb command line runs. */
function lineActions(line: string): CodeAction[] {
  const cmd = line.trim();
  let m = /^(?:shell|!)\s*([\s\S]*)$/.exec(cmd);
  if (m && /^(?:shell\b|!)/.test(cmd)) return m[1].trim() ? [{ kind: "shell", text: m[1], call: "gdb shell" }] : [];
  // `pipe COMMAND | SHELL_COMMAND`, `| COMMAND | SHELL_COMMAND`, `pipe -d DELIM COMMAND DELIM SHELL_COMMAND`.
  m = /^(?:pipe\b|\|)\s*([\s\S]*)$/.exec(cmd);
  if (m) {
    const delim = /^-d\s+(\S+)\s+/.exec(m[1]);
    const body = delim ? m[1].slice(delim[0].length) : m[1];
    const at = body.indexOf(delim ? delim[1] : "|");
    return at >= 0 ? [{ kind: "shell", text: body.slice(at + (delim ? delim[1].length : 1)), call: "gdb pipe" }] : [];
  }
  m = /^(?:python|py|python-interactive|pi)\s+([\s\S]+)$/.exec(cmd);
  if (m) return analyzeCode("python", m[1]);
  if (/^(?:guile|gu)\s+\S/.test(cmd)) return [{ kind: "unknown", call: "gdb guile" }];
  // gdb's `make ARGS` runs make with ARGS.
  m = /^make\b\s*([\s\S]*)$/.exec(cmd);
  if (m) return [{ kind: "shell", text: `make ${m[1]}`, call: "gdb make" }];
  // `run ARGS`: gdb starts the program through a shell, which expands the arguments (`$(…)`, redirections).
  m = /^(?:r|run|start|starti)\s+([\s\S]+)$/.exec(cmd);
  if (m && /[$`;&|<>]/.test(m[1])) return [{ kind: "shell", text: `: ${m[1]}`, call: "gdb run" }];
  // `call system("…")`, `print (int)system("…")`: the debugged program runs the command.
  const out: CodeAction[] = [];
  for (const s of cmd.matchAll(/\bsystem\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|([^)]*))/g)) {
    out.push(s[1] !== undefined ? { kind: "shell", text: s[1].replace(/\\(.)/g, "$1"), call: "gdb call system" } : { kind: "unknown", call: "gdb call system" });
  }
  if (/^(?:source|so)\s+\S/.test(cmd)) out.push({ kind: "unknown", call: "gdb source" });
  return out;
}

/** What a gdb command script runs; `python` … `end` blocks are read as Python. */
export function gdbActions(script: string): CodeAction[] {
  const out: CodeAction[] = [];
  const lines = script.split("\n").slice(0, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) continue;
    if (BLOCK.test(line.trim())) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i].trim() !== "end"; i++) body.push(lines[i]);
      out.push(...(/^\s*gu/.test(line) ? [{ kind: "unknown" as const, call: "gdb guile" }] : analyzeCode("python", body.join("\n"))));
      continue;
    }
    out.push(...lineActions(line));
  }
  return out;
}
