// Lexing helpers shared by the interpreter-code readers: string literals, brackets, top-level separators.

export type Language = "python" | "javascript" | "ruby" | "perl" | "php";

/** Reads one quoted literal at `i`; returns its value (undefined if it interpolates) and the index after it. */
export function readString(code: string, i: number, language: Language): { value?: string; end: number } | undefined {
  let prefix = "";
  // String prefixes (r, b, f, u): test characters that exist, since /x/.test(undefined) reads "undefined".
  const isPrefix = (ch: string | undefined) => ch !== undefined && /^[rRbBuUfF]$/.test(ch);
  while (language === "python" && i < code.length - 1 && isPrefix(code[i]) && (code[i + 1] === "'" || code[i + 1] === '"' || isPrefix(code[i + 1]))) prefix += code[i++];
  const quote = code[i];
  if (quote !== "'" && quote !== '"' && !(quote === "`" && language === "javascript")) return undefined;
  const triple = language === "python" && code.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  let j = i + close.length;
  let value = "";
  let interpolates = /[fF]/.test(prefix);
  const raw = /[rR]/.test(prefix);
  while (j < code.length && !code.startsWith(close, j)) {
    const ch = code[j];
    if (ch === "\\" && !raw && j + 1 < code.length) {
      const next = code[j + 1];
      value += next === "n" ? "\n" : next === "t" ? "\t" : next;
      j += 2;
      continue;
    }
    if (quote === "`" && ch === "$" && code[j + 1] === "{") interpolates = true;
    if (quote === '"' && (language === "ruby" ? ch === "#" && code[j + 1] === "{" : language === "perl" || language === "php" ? ch === "$" || ch === "@" : false)) interpolates = true;
    value += ch;
    j++;
  }
  return { value: interpolates ? undefined : value, end: Math.min(code.length, j + close.length) };
}

/** The index just past the bracket that closes the one at `open`, skipping strings. */
export function matchBracket(code: string, open: number, language: Language): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const stack = [pairs[code[open]]];
  let i = open + 1;
  while (i < code.length && stack.length) {
    const ch = code[i];
    const str = ch === "'" || ch === '"' || ch === "`" ? readString(code, i, language) : undefined;
    if (str) {
      i = str.end;
      continue;
    }
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack[stack.length - 1]) stack.pop();
    i++;
  }
  return i;
}

/** Splits where `separatorAt(i, start)` finds a separator (its length; 0 for none) outside brackets and strings. */
export function splitOutside(text: string, language: Language, separatorAt: (i: number, start: number) => number): string[] {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === "`") {
      i = readString(text, i, language)?.end ?? i + 1;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") {
      i = matchBracket(text, i, language);
      continue;
    }
    const length = separatorAt(i, start);
    if (length > 0) {
      parts.push(text.slice(start, i));
      i += length;
      start = i;
      continue;
    }
    i++;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Splits on commas outside brackets and strings. */
export function splitTopLevel(text: string, language: Language): string[] {
  return splitOutside(text, language, (i) => (text[i] === "," ? 1 : 0));
}

/** The code with every string literal's content blanked (same length), so searches skip text inside strings. */
export function blankStrings(code: string, language: Language): string {
  // One code text is searched for a dozen groups of call names in a row: blank it once.
  if (last && last.code === code && last.language === language) return last.out;
  const out = blank(code, language);
  last = { code, language, out };
  return out;
}

let last: { code: string; language: Language; out: string } | undefined;

function blank(code: string, language: Language): string {
  let out = "";
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    const str = ch === "'" || ch === '"' || ch === "`" ? readString(code, i, language) : undefined;
    if (str && str.end > i + 1) {
      out += ch + " ".repeat(str.end - i - 2) + code[str.end - 1];
      i = str.end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

