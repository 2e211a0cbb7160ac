// bash's parameter operators (`${X%/}`, `${X:0:3}`, `${X/#a/b}`, `${X^^}`, `${X@Q}`, `${#X}`) applied to a value guard knows.
import type { ShWord, WordPart } from "./parse";

/** What an operator gives: the value, several values it may be, or undefined when guard cannot compute it. */
export type OpResult = { value: string } | { alternatives: string[] } | undefined;

/** Values longer than this are not operated on (bounded work: pattern matching is quadratic). */
const MAX_VALUE = 512;

/** An operand's text as a bash pattern, or undefined when part of it is only known at run time. */
type PatternOf = (word: ShWord) => string | undefined;

/** A bash pattern (`*`, `?`, `[…]`, backslash escapes, quoted text as itself) as an anchored RegExp. */
export function patternRegExp(pattern: string): RegExp | undefined {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) out += escape(pattern[++i]);
    else if (ch === "*") out += "[\\s\\S]*";
    else if (ch === "?") out += "[\\s\\S]";
    else if (ch === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      // Character classes (`[[:alpha:]]`) and the like: not worth computing, the caller stays unknown.
      if (body.includes("[")) return undefined;
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else if ("+@!".includes(ch) && pattern[i + 1] === "(") return undefined; // extglob
    else out += escape(ch);
  }
  return new RegExp(`^(?:${out})$`);
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The operand of `#`, `%`, `/`: quoted parts match themselves, the rest is a pattern. */
export function operandPattern(word: ShWord | undefined, expand: (part: WordPart) => string | undefined): string | undefined {
  if (!word) return "";
  if (!word.parts) return word.value;
  let out = "";
  const literal = (text: string) => text.replace(/[\\*?[]/g, "\\$&");
  for (const part of word.parts) {
    switch (part.type) {
      case "Literal":
        out += part.value;
        break;
      case "Glob":
        out += part.text;
        break;
      case "SingleQuoted":
      case "AnsiCQuoted":
        out += literal(part.value);
        break;
      case "DoubleQuoted":
        for (const child of part.parts) {
          const text = child.type === "Literal" ? child.value : expand(child);
          if (text === undefined) return undefined;
          out += literal(text);
        }
        break;
      case "SimpleExpansion":
      case "ParameterExpansion": {
        const text = expand(part);
        if (text === undefined) return undefined;
        out += text;
        break;
      }
      default:
        return undefined;
    }
  }
  return out;
}

function removeAffix(value: string, pattern: string, operator: string): string | undefined {
  const re = patternRegExp(pattern);
  if (!re) return undefined;
  const n = value.length;
  const longest = operator.length === 2;
  const prefix = operator[0] === "#";
  for (let k = 0; k <= n; k++) {
    const len = longest ? n - k : k;
    const piece = prefix ? value.slice(0, len) : value.slice(n - len);
    if (re.test(piece)) return prefix ? value.slice(len) : value.slice(0, n - len);
  }
  return value;
}

function replace(value: string, pattern: string, replacement: string, operator: string): string | undefined {
  if (pattern === "") return value;
  const re = patternRegExp(pattern);
  if (!re) return undefined;
  const n = value.length;
  // The longest match starting at `i`, if any.
  const matchAt = (i: number, mustEnd: boolean): number | undefined => {
    for (let j = n; j >= i; j--) {
      if (mustEnd && j !== n) break;
      if (re.test(value.slice(i, j))) return j;
    }
    return undefined;
  };
  if (operator === "/#") {
    const end = matchAt(0, false);
    return end === undefined ? value : replacement + value.slice(end);
  }
  if (operator === "/%") {
    for (let i = 0; i <= n; i++) if (matchAt(i, true) !== undefined) return value.slice(0, i) + replacement;
    return value;
  }
  let out = "";
  for (let i = 0; i <= n; ) {
    const end = matchAt(i, false);
    if (end !== undefined && end > i) {
      out += replacement;
      if (operator !== "//") return out + value.slice(end);
      i = end;
      continue;
    }
    if (i < n) out += value[i];
    i++;
  }
  return out;
}

/** An arithmetic operand guard can read: a plain (possibly negative) integer. */
function integer(word: ShWord | undefined): number | undefined {
  if (!word) return undefined;
  const text = word.value.trim();
  return /^-?\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function slice(value: string, offsetWord: ShWord, lengthWord: ShWord | undefined): string | undefined {
  const offset = integer(offsetWord);
  if (offset === undefined) return undefined;
  // A negative offset past the start gives nothing at all, as bash does.
  if (offset < 0 && value.length + offset < 0) return "";
  const start = offset < 0 ? value.length + offset : Math.min(offset, value.length);
  if (!lengthWord) return value.slice(start);
  const length = integer(lengthWord);
  if (length === undefined) return undefined;
  const end = length < 0 ? value.length + length : start + length;
  return end < start ? undefined : value.slice(start, end);
}

/** Case changes: on a case-insensitive filesystem (macOS by default) the result names the same path, so both are possible. */
function caseChange(value: string, operator: string): OpResult {
  const first = (f: (c: string) => string) => f(value.slice(0, 1)) + value.slice(1);
  const swap = (c: string) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
  const changed: Record<string, () => string> = {
    "^": () => first((c) => c.toUpperCase()),
    "^^": () => value.toUpperCase(),
    ",": () => first((c) => c.toLowerCase()),
    ",,": () => value.toLowerCase(),
    "~": () => first(swap),
    "~~": () => [...value].map(swap).join(""),
    U: () => value.toUpperCase(),
    L: () => value.toLowerCase(),
    u: () => first((c) => c.toUpperCase()),
  };
  const f = changed[operator];
  if (!f) return undefined;
  const result = f();
  return result === value ? { value } : { alternatives: [result, value] };
}

/** `${X@Q}`: the value quoted for reuse as shell input. */
function quoted(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * Applies a parameter expansion's operator (other than the defaults `-`, `=`, `+`, `?`, handled by the
 * caller) to a known value. `pattern` reads an operand word as a pattern.
 */
export function applyOperation(value: string, op: NonNullable<Extract<WordPart, { type: "ParameterExpansion" }>["operation"]>, pattern: PatternOf): OpResult {
  if (value.length > MAX_VALUE) return undefined;
  const o = op as { type: string; operator: string; operand?: ShWord; offset?: ShWord; length?: ShWord; pattern?: ShWord; replacement?: ShWord };
  switch (o.type) {
    case "Remove": {
      const p = pattern(o.operand!);
      const result = p === undefined ? undefined : removeAffix(value, p, o.operator);
      return result === undefined ? undefined : { value: result };
    }
    case "Replace": {
      const p = o.pattern ? pattern(o.pattern) : "";
      const r = o.replacement ? pattern(o.replacement)?.replace(/\\(.)/g, "$1") : "";
      const result = p === undefined || r === undefined ? undefined : replace(value, p, r, o.operator);
      return result === undefined ? undefined : { value: result };
    }
    case "Slice": {
      const result = slice(value, o.offset!, o.length);
      return result === undefined ? undefined : { value: result };
    }
    case "CaseModification":
      // `${X^^[ab]}` changes only matching characters: not computed.
      return o.operand?.value ? undefined : caseChange(value, o.operator);
    case "Unknown":
      return ["~", "~~"].includes(o.operator) && !o.operand?.value ? caseChange(value, o.operator) : undefined;
    case "Transform": {
      const name = o.operand?.value ?? "";
      if (name === "Q") return { value: quoted(value) };
      if (name === "U" || name === "L" || name === "u") return caseChange(value, name);
      if (name === "E" && !value.includes("\\")) return { value };
      return undefined;
    }
    default:
      return undefined;
  }
}
