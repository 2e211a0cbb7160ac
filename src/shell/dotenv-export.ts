// What `export $(grep -v '^#' .env | xargs)` hands export: the words of an env file guard reads, filtered and split as bash would.
import type { ShCommand, ShWord, SyntaxNode } from "./parse";

/** Reads a file named in the substitution (relative to where the command runs); undefined when unreadable. */
export type PathReader = (path: string) => string | undefined;

/**
 * `grep -v` patterns that drop comment or blank lines, as JavaScript expressions; the key says whether the
 * pattern needs -E. A pattern not listed is taken to drop nothing, which keeps more lines than grep would.
 */
const DROPS: { pattern: string; ere: boolean; re: RegExp }[] = [
  { pattern: "^#", ere: false, re: /^#/ },
  { pattern: "^$", ere: false, re: /^$/ },
  { pattern: "^\\s*#", ere: false, re: /^\s*#/ },
  { pattern: "^[[:space:]]*#", ere: false, re: /^\s*#/ },
  { pattern: "^\\s*$", ere: false, re: /^\s*$/ },
  { pattern: "^[[:space:]]*$", ere: false, re: /^\s*$/ },
  { pattern: "#", ere: false, re: /#/ },
  { pattern: "^(#|$)", ere: true, re: /^(?:#|$)/ },
  { pattern: "^#|^$", ere: true, re: /^#|^$/ },
  { pattern: "^\\s*(#|$)", ere: true, re: /^\s*(?:#|$)/ },
];

/** A plain literal word (no expansion): its value. */
function literal(node: ShCommand["args"][number] | ShWord | undefined): string | undefined {
  if (!node || node.type !== "Word") return undefined;
  const word = node as ShWord;
  const parts = word.parts ?? [];
  const plain = parts.every((p) => p.type === "Literal" || p.type === "SingleQuoted" || (p.type === "DoubleQuoted" && p.parts.every((c) => c.type === "Literal")));
  return plain ? word.value : undefined;
}

/**
 * A grep that only keeps a subset of its input's lines (`-v`, `-E`, `-e PATTERN`): the lines it keeps, or at
 * least a superset of them. Any other option (`-n`, `-o`, `-c`…) changes the text and is undefined.
 */
function grepLines(args: readonly ShCommand["args"][number][], lines: string[] | undefined, read: PathReader): string[] | undefined {
  let invert = false;
  let ere = false;
  const patterns: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = literal(args[i]);
    if (v === undefined) return undefined;
    if (v === "-e" || v === "--regexp") {
      const p = literal(args[++i]);
      if (p === undefined) return undefined;
      patterns.push(p);
    } else if (/^-[vE]+$/.test(v)) {
      if (v.includes("v")) invert = true;
      if (v.includes("E")) ere = true;
    } else if (v === "--invert-match") invert = true;
    else if (v === "--extended-regexp") ere = true;
    else if (v.startsWith("-")) return undefined;
    else files.push(v);
  }
  if (!patterns.length) {
    const first = files.shift();
    if (first === undefined) return undefined;
    patterns.push(first);
  }
  // The first grep reads its one file; one fed by the pipe reads no file.
  if (files.length > 1 || (files.length === 1) === (lines !== undefined)) return undefined;
  const input = files.length === 1 ? fileLines(files[0], read) : lines;
  if (input === undefined) return undefined;
  if (!invert) return input;
  const drops = patterns.flatMap((p) => DROPS.filter((d) => d.pattern === p && (ere || !d.ere)).map((d) => d.re));
  return input.filter((line) => !drops.some((re) => re.test(line)));
}

function fileLines(path: string, read: PathReader): string[] | undefined {
  const text = read(path);
  return text === undefined ? undefined : text.replace(/\n$/, "").split("\n");
}

/** GNU xargs's default reading: blanks and newlines separate, quotes group (not across a line), backslash escapes. */
function xargsTokens(text: string): string[] | undefined {
  const out: string[] = [];
  let current = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf("\n", i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return undefined;
      current += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === "\\") {
      if (i + 1 >= text.length) return undefined;
      current += text[++i];
      inWord = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (inWord) out.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

/**
 * The words a `$(…)` substitution gives an unquoted `export` argument, when it reads an env file guard can see
 * through `cat FILE`, `grep … FILE`, `xargs < FILE`, then line filters (`grep -v '^#'`) and an optional final
 * `xargs` with no command: the file's lines, tokenised by xargs when it is there, joined and split on blanks as
 * bash splits the result. Undefined for any other substitution or a word bash would also glob.
 */
export function dotenvExportWords(word: ShWord, read: PathReader): string[] | undefined {
  const parts = word.parts ?? [];
  if (parts.length !== 1 || parts[0].type !== "CommandExpansion") return undefined;
  const statements = (parts[0].script?.commands ?? []) as unknown as readonly { command: SyntaxNode }[];
  if (statements.length !== 1) return undefined;
  const top = statements[0].command as SyntaxNode & { commands?: SyntaxNode[] };
  const commands = (top.type === "Pipeline" ? top.commands ?? [] : [top]) as ShCommand[];
  let lines: string[] | undefined;
  let tokenise = false;
  for (const [i, command] of commands.entries()) {
    if (command.type !== "Command" || !command.name || command.prefix.length) return undefined;
    const program = literal(command.name);
    const args = command.args;
    const redirects = command.redirects;
    if (program === "xargs" && i === commands.length - 1 && args.length === 0) {
      // `xargs < FILE` reads the file; after a pipe, the lines before it.
      if (redirects.length === 1 && redirects[0].operator === "<" && i === 0) lines = fileLines(literal(redirects[0].target as ShWord) ?? "", read);
      else if (redirects.length) return undefined;
      tokenise = true;
      continue;
    }
    if (redirects.length) return undefined;
    if (program === "cat" && i === 0 && args.length === 1) lines = fileLines(literal(args[0]) ?? "", read);
    else if (program === "grep") lines = grepLines(args, i === 0 ? undefined : lines, read);
    else return undefined;
    if (lines === undefined) return undefined;
  }
  if (lines === undefined) return undefined;
  const text = lines.join("\n");
  const tokens = tokenise ? xargsTokens(text) : text.split(/[ \t\n]+/).filter((t) => t !== "");
  if (tokens === undefined) return undefined;
  // xargs runs echo, which prints its arguments on one line; bash then splits on blanks and globs each word.
  const words = tokens.join(" ").split(/[ \t\n]+/).filter((t) => t !== "");
  return words.some((w) => /[*?[]/.test(w)) ? undefined : words;
}
