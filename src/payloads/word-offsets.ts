// Where a part of a word's value sits in the command line, so a finding can underline one SQL statement inside a quoted `-c` string.
import type { Span } from "../core/finding";
import type { Word } from "../shell/model";

/**
 * For each character of the word's quote-removed value, its offset in `raw`; undefined when the word
 * uses quoting this does not follow (`$'…'`, expansions), so callers fall back to the whole word.
 */
function valueOffsets(raw: string): { value: string; at: number[] } | undefined {
  const chars: string[] = [];
  const at: number[] = [];
  let quote: "'" | '"' | undefined;
  const keep = (i: number) => {
    chars.push(raw[i]);
    at.push(i);
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else keep(i);
      continue;
    }
    if (ch === "$" && quote === undefined && (raw[i + 1] === "'" || raw[i + 1] === '"')) return undefined;
    if (ch === "\\" && i + 1 < raw.length) {
      const next = raw[i + 1];
      // Inside double quotes a backslash only escapes `$`, `` ` ``, `"`, `\` and newline.
      if (quote === '"' && !'$`"\\\n'.includes(next)) {
        keep(i);
        continue;
      }
      if (next !== "\n") keep(i + 1);
      i++;
      continue;
    }
    if (ch === '"') quote = quote === '"' ? undefined : '"';
    else if (ch === "'" && quote === undefined) quote = "'";
    else keep(i);
  }
  return quote === undefined ? { value: chars.join(""), at } : undefined;
}

/**
 * A mapper from parts of `value` to command-line spans, for a literal word whose value (or, for an
 * attached option `--command=SQL`, the end of whose value) is `value`; undefined when the mapping is
 * not exact. The word is decoded once, so mapping every statement of a long `-c` string stays linear.
 */
export function wordPartSpans(word: Word, value: string): ((start: number, end: number) => Span | undefined) | undefined {
  if (word.dynamic || word.span.end - word.span.start !== word.raw.length) return undefined;
  const decoded = valueOffsets(word.raw);
  if (!decoded || !decoded.value.endsWith(value)) return undefined;
  const shift = decoded.value.length - value.length;
  // Leading and trailing whitespace of the part is not underlined.
  return (start, end) => {
    while (start < end && /\s/.test(value[start])) start++;
    while (end > start && /\s/.test(value[end - 1])) end--;
    if (start >= end || end > value.length) return undefined;
    return { start: word.span.start + decoded.at[shift + start], end: word.span.start + decoded.at[shift + end - 1] + 1 };
  };
}
