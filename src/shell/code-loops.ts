// Loop variables bound to a literal list in interpreter code (`for f in ["a", "b"]:`): the paths a delete of the variable removes.
import { blankStrings, matchBracket, readString, splitTopLevel, type Language } from "./code-lex";

/** Loops read per piece of code; past that, the variables of later loops stay unknown (a computed path, as before). */
const MAX_LOOPS = 32;
const MAX_LIST = 4096;

/** `for NAME in [` / `(` (statements and comprehensions), `for (const NAME of [`: the name, with the list right after. */
const LOOP_HEADS: Partial<Record<Language, RegExp>> = {
  python: /\bfor\s+([A-Za-z_]\w*)\s+in\s+(?=[[(])/g,
  javascript: /\bfor\s*\(\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s+of\s+(?=\[)/g,
};

/**
 * Each loop variable whose list is written out in the code, with the strings in it; a list holding anything
 * else (a call, a variable) binds values guard does not know, and the variable is left out.
 */
export function literalLoops(code: string, language: Language): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const head = LOOP_HEADS[language];
  if (!head) return out;
  const searchable = blankStrings(code, language);
  let seen = 0;
  for (const m of searchable.matchAll(new RegExp(head.source, "g"))) {
    // Bounded: each list is scanned to its closing bracket, so unclosed heads repeated could cost n² on hostile input.
    if (++seen > MAX_LOOPS) break;
    const open = m.index! + m[0].length;
    const end = matchBracket(code, open, language);
    // An unclosed list runs to the end of the code: no later loop can be read either.
    if (end > code.length || code[end - 1] !== (code[open] === "[" ? "]" : ")")) break;
    // A list of paths written out is short; a longer one is left unknown, as a computed path.
    if (end - open > MAX_LIST) continue;
    const items = splitTopLevel(code.slice(open + 1, end - 1), language).map((s) => s.trim()).filter(Boolean);
    const values = items.map((item) => {
      const str = readString(item, 0, language);
      return str && str.end === item.length ? str.value : undefined;
    });
    if (values.length === 0 || !values.every((v): v is string => v !== undefined)) continue;
    out.set(m[1], [...(out.get(m[1]) ?? []), ...values]);
  }
  return out;
}
