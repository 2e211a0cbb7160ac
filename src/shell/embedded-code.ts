// Small scanners for languages that programs run from their arguments (awk, sed, vim ex commands): where they hand text to a shell.

/** What a scan found: shell text that runs, or code that runs something guard cannot read. */
export type CodeFinding = { kind: "shell"; text: string } | { kind: "unknown"; detail: string };

/** Scanners stop after this many characters of script: longer scripts are only scanned that far, and say so. */
const MAX_SCRIPT = 65_536;

function capped(script: string, out: CodeFinding[]): string {
  if (script.length <= MAX_SCRIPT) return script;
  out.push({ kind: "unknown", detail: "script is longer than guard scans" });
  return script.slice(0, MAX_SCRIPT);
}

/** Reads an awk string literal at `i` ("…" with backslash escapes); returns its value and the index after it. */
function awkString(code: string, i: number): { value: string; end: number } {
  let value = "";
  let j = i + 1;
  while (j < code.length && code[j] !== '"') {
    if (code[j] === "\\" && j + 1 < code.length) {
      const next = code[j + 1];
      value += next === "n" ? "\n" : next === "t" ? "\t" : next;
      j += 2;
      continue;
    }
    value += code[j++];
  }
  return { value, end: j + 1 };
}

/**
 * The awk program with strings and regex literals replaced by placeholders `\u0001N\u0001`, so `|` and
 * `(` inside them are not read as code. Returns the masked text and the string values by index.
 */
function maskAwk(code: string): { masked: string; strings: string[] } {
  const strings: string[] = [];
  let masked = "";
  let i = 0;
  let lastSignificant = "";
  while (i < code.length) {
    const ch = code[i];
    if (ch === '"') {
      const s = awkString(code, i);
      masked += `\u0001${strings.length}\u0001`;
      strings.push(s.value);
      i = s.end;
      lastSignificant = "s";
      continue;
    }
    if (ch === "#") {
      while (i < code.length && code[i] !== "\n") i++;
      continue;
    }
    // A `/` starts a regex where an operand is expected (after an operator, `(`, `,`, `{`, `;`, `!`, `~` or at the start).
    if (ch === "/" && (lastSignificant === "" || /[(,{;!~&|=<>+\-*%?:\n]/.test(lastSignificant))) {
      let j = i + 1;
      while (j < code.length && code[j] !== "/" && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
      masked += " ".repeat(Math.min(j + 1, code.length) - i);
      i = j + 1;
      lastSignificant = "r";
      continue;
    }
    masked += ch;
    if (!/\s/.test(ch) || ch === "\n") lastSignificant = ch;
    i++;
  }
  return { masked, strings };
}

/** A masked expression that is exactly one string literal: its value. */
function literalOf(expr: string, strings: string[]): string | undefined {
  const m = /^\s*\(?\s*\u0001(\d+)\u0001\s*\)?\s*$/.exec(expr);
  return m ? strings[Number(m[1])] : undefined;
}

/** The text of a balanced parenthesised group starting at `open`. */
function group(masked: string, open: number): string {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === "(") depth++;
    else if (masked[i] === ")" && --depth === 0) return masked.slice(open + 1, i);
  }
  return masked.slice(open + 1);
}

/** awk: `system(CMD)`, `print … | CMD`, `print … |& CMD`, `CMD | getline`: CMD runs through /bin/sh. */
export function awkCommands(program: string): CodeFinding[] {
  const out: CodeFinding[] = [];
  const { masked, strings } = maskAwk(capped(program, out));
  const take = (expr: string, what: string) => {
    const text = literalOf(expr, strings);
    out.push(text !== undefined ? { kind: "shell", text } : { kind: "unknown", detail: `${what} runs a command built at run time` });
  };
  for (const m of masked.matchAll(/\bsystem\s*\(/g)) take(group(masked, m.index! + m[0].length - 1), "system()");
  // Output pipes: a single `|` (not `||`), optionally `|&`, then the command expression up to the end of the statement.
  for (const m of masked.matchAll(/(?<!\|)\|&?(?!\|)/g)) {
    const after = masked.slice(m.index! + m[0].length);
    if (/^\s*getline\b/.test(after)) {
      const before = masked.slice(0, m.index!);
      const lhs = /(\u0001\d+\u0001|[A-Za-z_][A-Za-z0-9_]*|\))\s*$/.exec(before)?.[1] ?? "";
      take(lhs, "`cmd | getline`");
    } else {
      const rhs = /^[^;}\n]*/.exec(after)![0];
      take(rhs, "`print | cmd`");
      // `print "rm -rf ~" | "sh"`: what is printed into a shell is shell code.
      const target = literalOf(rhs, strings);
      if (target !== undefined && /^\s*(?:\S*\/)?(?:ba|z|da|k)?sh(?:\s+-\w+)*\s*$/.test(target)) {
        const statement = /(?:^|[;{\n])\s*printf?\b([^;{}\n]*)$/.exec(masked.slice(0, m.index!));
        const parts = statement ? [...statement[1].matchAll(/\u0001(\d+)\u0001/g)].map((p) => strings[Number(p[1])]) : [];
        const onlyStrings = statement !== null && statement[1].replace(/\u0001\d+\u0001|[\s(),]/g, "") === "";
        out.push(onlyStrings && parts.length ? { kind: "shell", text: parts.join(statement![1].includes(",") ? " " : "") } : { kind: "unknown", detail: "prints text built at run time into a shell" });
      }
    }
  }
  return out;
}

/** Reads a sed regex or replacement delimited by `delim` from `i`; returns the index after the closing delimiter. */
function sedPart(script: string, i: number, delim: string): number {
  while (i < script.length && script[i] !== delim) {
    if (script[i] === "\\") i++;
    else if (script[i] === "\n" && delim !== "\n") return i;
    i++;
  }
  return i + 1;
}

/** Skips an address (`12`, `$`, `/re/`, `\%re%`, `first~step`, `addr,+N`) and a following `!`. */
function skipAddress(script: string, i: number): number {
  const one = (j: number): number => {
    if (script[j] === "/") return sedPart(script, j + 1, "/");
    if (script[j] === "\\" && j + 1 < script.length) return sedPart(script, j + 2, script[j + 1]);
    const m = /^(?:\d+(?:~\d+)?|\$)/.exec(script.slice(j));
    return m ? j + m[0].length : j;
  };
  let j = one(i);
  while (/[IM]/.test(script[j] ?? "") && j > i) j++;
  if (script[j] === ",") {
    j++;
    j = /[+~]/.test(script[j] ?? "") ? j + 1 + (/^\d+/.exec(script.slice(j + 1))?.[0].length ?? 0) : one(j);
  }
  while (script[j] === " " || script[j] === "\t") j++;
  if (script[j] === "!") j++;
  return j;
}

/** sed: the `e COMMAND` command runs COMMAND; a bare `e` and the `e` flag of `s` run the pattern space, which guard cannot know. */
export function sedCommands(input: string): CodeFinding[] {
  const out: CodeFinding[] = [];
  const script = capped(input, out);
  const restOfLine = (j: number) => {
    const end = script.indexOf("\n", j);
    return end < 0 ? script.length : end;
  };
  let i = 0;
  let guard = 0;
  while (i < script.length && guard++ < MAX_SCRIPT) {
    while (i < script.length && /[\s;}]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === "#") {
      i = restOfLine(i);
      continue;
    }
    i = skipAddress(script, i);
    while (script[i] === " " || script[i] === "\t") i++;
    const cmd = script[i++];
    if (cmd === undefined) break;
    if (cmd === "{") continue;
    if (cmd === "s" || cmd === "y") {
      const delim = script[i];
      if (delim === undefined || delim === "\n" || delim === "\\") break;
      i = sedPart(script, i + 1, delim);
      i = sedPart(script, i, delim);
      if (cmd === "y") continue;
      const flags = /^[0-9gpIiMme]*/.exec(script.slice(i))![0];
      if (flags.includes("e")) out.push({ kind: "unknown", detail: "runs each substituted line as a command (`s///e`)" });
      i += flags.length;
      if (script[i] === "w") i = restOfLine(i);
      continue;
    }
    if (cmd === "e") {
      const end = restOfLine(i);
      const text = script.slice(i, end).replace(/;\s*$/, "").trim();
      out.push(text ? { kind: "shell", text } : { kind: "unknown", detail: "runs the pattern space as a command (`e`)" });
      i = end;
      continue;
    }
    if ("aicrRwWbtT:v".includes(cmd)) {
      // Text, file names and labels run to the end of the line (labels also to `;`).
      i = "btT:v".includes(cmd) ? Math.min(restOfLine(i), (script.indexOf(";", i) + 1 || script.length + 1) - 1) : restOfLine(i);
      continue;
    }
    if ("qQlL".includes(cmd)) {
      i += /^\s*\d*/.exec(script.slice(i))![0].length;
      continue;
    }
    if ("=dDgGhHnNpPxzF".includes(cmd)) continue;
    break; // syntax guard does not know: stop rather than misread text as commands
  }
  return out;
}

/** Ex commands that filter or run text through a shell: `!cmd`, `:r !cmd`, `:w !cmd`, `:{range}!cmd`, `:terminal cmd`, `system("cmd")`. */
export function vimCommands(input: string): CodeFinding[] {
  const out: CodeFinding[] = [];
  let rest = capped(input, out);
  for (let n = 0; rest.trim() && n < 256; n++) {
    let cmd = rest.replace(/^[\s:]+/, "");
    cmd = cmd.replace(/^(?:sil(?:ent)?!?\s+|keep\w*\s+|noa(?:utocmd)?\s+)+/, "");
    // A range: %, ., $, numbers, marks, patterns, with , or ; between.
    cmd = cmd.replace(/^(?:[%.$]|\d+|'[a-zA-Z<>]|\/[^/]*\/|\?[^?]*\?)(?:\s*[-+]\d*)?(?:\s*[,;]\s*(?:[.$]|\d+|'[a-zA-Z<>]|\/[^/]*\/|\?[^?]*\?)(?:\s*[-+]\d*)?)?/, "");
    const bang = /^(?:(?:r(?:e(?:ad?)?)?|w(?:r(?:i(?:te?)?)?)?)\s*)?!([\s\S]*)$/.exec(cmd);
    if (bang) {
      // Everything after `!` is the shell command, `|` included.
      if (bang[1].trim()) out.push({ kind: "shell", text: bang[1] });
      return out;
    }
    const term = /^(?:ter(?:m(?:i(?:n(?:al?)?)?)?)?)(?:\s+(?:\+\+\S+\s+)*)([\s\S]*)$/.exec(cmd);
    if (term && term[1].trim()) {
      out.push({ kind: "shell", text: term[1] });
      return out;
    }
    for (const m of cmd.matchAll(/\b(?:system|systemlist|jobstart|termopen)\s*\(\s*(?:(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*[,)]|([^)]*))/g)) {
      out.push(m[2] !== undefined ? { kind: "shell", text: m[2] } : { kind: "unknown", detail: "calls system() with a command built at run time" });
    }
    const exe = /^exe(?:c(?:u(?:te?)?)?)?\s+(['"])((?:(?!\1)[^\\]|\\.)*)\1/.exec(cmd);
    if (exe) out.push(...vimCommands(exe[2]));
    else if (/^(?:lua|luado|py(?:thon)?3?|pydo|perl|ruby|tcl|mz)\b/.test(cmd) && /\b(?:os\.execute|io\.popen|os\.system|subprocess|system|exec|popen|`)/.test(cmd)) {
      out.push({ kind: "unknown", detail: "runs a script language command that can start programs" });
    }
    // `|` separates ex commands (outside of the `!` case handled above).
    const bar = cmd.indexOf("|");
    if (bar < 0) break;
    rest = cmd.slice(bar + 1);
  }
  return out;
}
