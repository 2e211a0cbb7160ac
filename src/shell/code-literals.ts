// Object and dict literals in interpreter code (`{method: 'DELETE'}`, `{'query': '…'}`, `{"k" => v}`): their entries, and the JSON they serialise to.
import { readString, splitTopLevel, type Language } from "./code-lex";
import { valueOf } from "./code-values";

/** The entries of an object/dict/hash literal, by key, as the raw text of each value; undefined when `text` is not one. */
export function objectEntries(text: string, language: Language): Map<string, string> | undefined {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return undefined;
  const entries = new Map<string, string>();
  for (const item of splitTopLevel(t.slice(1, -1), language)) {
    if (item.trim() === "") continue;
    const entry = item.trim();
    let key: string | undefined;
    let rest: string;
    const str = readString(entry, 0, language);
    if (str?.value !== undefined) {
      key = str.value;
      rest = entry.slice(str.end);
    } else {
      const m = /^([A-Za-z_$][\w$]*)/.exec(entry);
      if (!m) return undefined;
      key = m[1];
      rest = entry.slice(m[0].length);
    }
    const sep = /^\s*(?::|=>)\s*/.exec(rest);
    // `{method}` shorthand or a spread: a value guard cannot see.
    entries.set(key, sep ? rest.slice(sep[0].length) : "");
  }
  return entries;
}

/** The serialisers of each language whose argument is the object sent: `json.dumps(x)`, `JSON.stringify(x)`, `x.to_json`. */
const SERIALISE = /^(?:json\.dumps|JSON\.stringify|JSON\.generate|JSON\.dump|encode_json|json_encode)\(([\s\S]*)\)$/;

/** The JSON text a literal (or a serialised literal) stands for; undefined when any part is computed. */
export function literalJson(text: string, language: Language, depth = 0): string | undefined {
  if (depth > 16) return undefined;
  let t = text.trim().replace(/\.to_json$/, "");
  const serialised = SERIALISE.exec(t);
  if (serialised) t = splitTopLevel(serialised[1], language)[0].trim();
  const value = jsonValue(t, language, depth);
  return value === undefined ? undefined : JSON.stringify(value);
}

function jsonValue(text: string, language: Language, depth: number): unknown {
  if (depth > 16) return undefined;
  const t = text.trim();
  if (/^(?:true|True)$/.test(t)) return true;
  if (/^(?:false|False)$/.test(t)) return false;
  if (/^(?:null|None|nil|undefined)$/.test(t)) return null;
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (t.startsWith("[") && t.endsWith("]")) {
    const items = splitTopLevel(t.slice(1, -1), language).filter((s) => s.trim() !== "").map((s) => jsonValue(s, language, depth + 1));
    return items.some((i) => i === undefined) ? undefined : items;
  }
  const entries = objectEntries(t, language);
  if (entries) {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of entries) {
      const v = jsonValue(raw, language, depth + 1);
      if (v === undefined) return undefined;
      out[key] = v;
    }
    return out;
  }
  return valueOf(t, language);
}
