// ed scripts (from stdin, a here-string or a file): the `!cmd`, `r !cmd`, `w !cmd` and `e !cmd` commands hand cmd to a shell.
import type { CodeAction } from "./interpreter-code";

/** Scripts are read this far; ed scripts are short. */
const MAX_LINES = 20_000;

/** An ed address list before a command: `1`, `$`, `.`, `'a`, `/re/`, `?re?`, `+2`, `,`, `;`, `%`. */
const ADDRESS = /^[ \t]*(?:(?:[.$%,;]|\d+|'[a-z]|\/(?:[^/\\\n]|\\.)*\/?|\?(?:[^?\\\n]|\\.)*\??|[-+^]\d*)[ \t]*)*/;

/** The command after any address and after a `g/re/` or `v/re/` prefix (whose command list runs once per line). */
function commandOf(line: string): string {
  let cmd = line.replace(ADDRESS, "");
  const global = /^[gvGV]([^\s\\])/.exec(cmd);
  if (global) {
    const delim = global[1];
    let i = 2;
    while (i < cmd.length && cmd[i] !== delim) i += cmd[i] === "\\" ? 2 : 1;
    cmd = cmd.slice(i + 1).replace(ADDRESS, "");
  }
  return cmd;
}

/** The shell command of one ed command, if it runs one: `!cmd`, and `r`, `w`, `W`, `e`, `E` (with `q` after w) followed by `!cmd`. */
function shellOf(cmd: string): string | undefined {
  if (cmd.startsWith("!")) return cmd.slice(1);
  const m = /^(?:[rweEW]|wq)[ \t]*!([\s\S]*)$/.exec(cmd);
  return m ? m[1] : undefined;
}

/**
 * What an ed script runs. Text typed after `a`, `i` and `c` up to a lone `.` is buffer text, not
 * commands. `!!` repeats the previous shell command, and `%` in one stands for the file name.
 */
export function edActions(script: string): CodeAction[] {
  const out: CodeAction[] = [];
  let text = false;
  for (const line of script.split("\n").slice(0, MAX_LINES)) {
    if (text) {
      if (line === ".") text = false;
      continue;
    }
    const cmd = commandOf(line);
    if (/^[aic][ \t]*[pln]?$/.test(cmd)) {
      text = true;
      continue;
    }
    const shell = shellOf(cmd);
    if (shell === undefined || !shell.trim()) continue;
    out.push(shell.startsWith("!") ? { kind: "unknown", call: "ed !!" } : { kind: "shell", text: shell, call: "ed !" });
  }
  return out;
}
