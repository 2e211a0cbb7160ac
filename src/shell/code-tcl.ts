// Tcl and Expect code (tclsh, wish, expect): `exec`, `open "|…"`, `spawn`, `system` start programs; `file delete` deletes.
import type { CodeAction } from "./interpreter-code";

const MAX_TEXT = 262_144;
/** Bodies (braced words, `[…]` substitutions) are read this deep. */
const MAX_DEPTH = 8;

/** One word of a command: its value, whether it was braced, and whether it substitutes `$var` or `[cmd]` at run time. */
interface TclWord {
  value: string;
  braced: boolean;
  dynamic: boolean;
}

/** The index after the bracket matching the one at `i` (`{…}` or `[…]`), skipping backslash escapes. */
function matching(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j + 1;
  }
  return text.length;
}

/** Splits a script into commands of words (newlines and `;` end a command; `#` at a command's start is a comment). */
function commands(text: string, subs: string[]): TclWord[][] {
  const out: TclWord[][] = [];
  let words: TclWord[] = [];
  let i = 0;
  const end = () => {
    if (words.length) out.push(words);
    words = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\n" || ch === ";") {
      end();
      i++;
    } else if (/\s/.test(ch) || (ch === "\\" && text[i + 1] === "\n")) {
      i += ch === "\\" ? 2 : 1;
    } else if (ch === "#" && words.length === 0) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (ch === "{") {
      const close = matching(text, i, "{", "}");
      words.push({ value: text.slice(i + 1, close - 1), braced: true, dynamic: false });
      i = close;
    } else {
      const start = i;
      const quoted = ch === '"';
      let value = "";
      let dynamic = false;
      if (quoted) i++;
      while (i < text.length && (quoted ? text[i] !== '"' : !/[\s;]/.test(text[i]))) {
        if (text[i] === "\\" && i + 1 < text.length) {
          value += { n: "\n", t: "\t" }[text[i + 1]] ?? text[i + 1];
          i += 2;
        } else if (text[i] === "[") {
          const close = matching(text, i, "[", "]");
          subs.push(text.slice(i + 1, close - 1));
          dynamic = true;
          i = close;
        } else {
          if (text[i] === "$") dynamic = true;
          value += text[i++];
        }
      }
      if (quoted) i++;
      words.push({ value, braced: false, dynamic: dynamic || i === start });
    }
  }
  end();
  return out;
}

/** `exec` words that are not arguments: redirections, `&`, and the leading switches. */
function execArgvs(words: TclWord[]): TclWord[][] {
  let i = 0;
  while (i < words.length && /^-(?:ignorestderr|keepnewline)$/.test(words[i].value)) i++;
  if (words[i]?.value === "--") i++;
  const pipeline: TclWord[][] = [[]];
  for (; i < words.length; i++) {
    const v = words[i].value;
    if (v === "|" || v === "|&") pipeline.push([]);
    else if (v === "&" && i === words.length - 1) break;
    else if (/^(?:[<>]|2>|>&|2>@|>@|<@|<<|>>|2>>|>>&|2>@1)$/.test(v)) i++; // the next word is the file or channel
    else if (/^(?:<<?|>>?&?|2>>?|>@|2>@|<@)\S/.test(v)) continue; // redirection with the target attached
    else pipeline[pipeline.length - 1].push(words[i]);
  }
  return pipeline.filter((p) => p.length);
}

function toArgv(words: TclWord[], call: string): CodeAction {
  if (words[0]?.dynamic) return { kind: "unknown", call };
  const dynamic = words.flatMap((w, i) => (w.dynamic ? [i] : []));
  return { kind: "argv", argv: words.map((w) => w.value), call, ...(dynamic.length ? { dynamic } : {}) };
}

/** A Tcl list (the pipeline of `open "|cmd args"`) as words. */
function listWords(text: string): TclWord[] {
  return commands(text.replace(/\n/g, " "), []).flat();
}

function commandActions(words: TclWord[], depth: number): CodeAction[] {
  const [head, ...rest] = words;
  const name = head.value.replace(/^::/, "");
  if (head.dynamic) return [{ kind: "unknown", call: "tcl command built at run time" }];
  if (name === "exec") return execArgvs(rest).map((argv) => toArgv(argv, "exec"));
  if (name === "spawn") {
    // Expect's options (`-noecho`, `-nottycopy`…) come before the program.
    const at = rest.findIndex((w) => !w.value.startsWith("-"));
    return at < 0 ? [] : [toArgv(rest.slice(at), "spawn")];
  }
  // Expect's `system` joins its arguments and runs them with /bin/sh.
  if (name === "system") return rest.some((w) => w.dynamic) ? [{ kind: "unknown", call: "system" }] : [{ kind: "shell", text: rest.map((w) => w.value).join(" "), call: "system" }];
  if (name === "open" && rest[0]) {
    if (rest[0].dynamic && /^\|/.test(rest[0].value)) return [{ kind: "unknown", call: "open |" }];
    if (rest[0].value.startsWith("|")) return [toArgv(listWords(rest[0].value.slice(1)), "open |")];
    return [];
  }
  if (name === "file" && (rest[0]?.value === "delete" || rest[0]?.value === "rename")) {
    const args = rest.slice(1);
    const force = args.some((w) => w.value === "-force");
    const paths = args.filter((w) => w.value !== "-force" && w.value !== "--");
    const words = rest[0].value === "delete" ? [{ value: "rm", braced: false, dynamic: false }, { value: force ? "-rf" : "-f", braced: false, dynamic: false }, { value: "--", braced: false, dynamic: false }, ...paths] : [{ value: "mv", braced: false, dynamic: false }, { value: "--", braced: false, dynamic: false }, ...paths];
    return paths.length ? [toArgv(words, `file ${rest[0].value}`)] : [];
  }
  // Code run from a value guard cannot read.
  if (["eval", "uplevel", "subst", "source", "interp", "namespace"].includes(name) && rest.some((w) => w.dynamic)) return [{ kind: "unknown", call: name }];
  if (name === "eval" || name === "uplevel") return tclActions(rest.filter((w) => !/^#?\d+$/.test(w.value)).map((w) => w.value).join(" "), depth + 1);
  return [];
}

/**
 * What Tcl code does that guard checks. Every braced word is also read as a script (the bodies of
 * `if`, `proc`, `foreach`, `catch`, `after`…), as is every `[…]` substitution: reading a data word as
 * code can only add findings.
 */
export function tclActions(source: string, depth = 0): CodeAction[] {
  if (depth > MAX_DEPTH) return [];
  const subs: string[] = [];
  const out: CodeAction[] = [];
  for (const words of commands(source.slice(0, MAX_TEXT), subs)) {
    out.push(...commandActions(words, depth));
    for (const w of words.slice(1)) if (w.braced && /[\s;]/.test(w.value)) out.push(...tclActions(w.value, depth + 1));
  }
  for (const sub of subs) out.push(...tclActions(sub, depth + 1));
  return out;
}
