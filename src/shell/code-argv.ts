// A one-liner's own arguments (`perl -e CODE ARGS`, `python3 -c CODE ARGS`): references to them in the code become the literal values.
import { blankStrings, splitTopLevel, type Language } from "./code-lex";

/** A string literal of the language holding `value` exactly. */
function quote(value: string, language: Language): string {
  if (language === "perl" || language === "php" || language === "ruby") return `'${value.replace(/[\\']/g, "\\$&")}'`;
  return JSON.stringify(value);
}

/** A list literal (`['a', 'b']`) or, for Perl's flattening lists and Ruby's splat, the bare items (`'a', 'b'`). */
function items(values: string[], language: Language): string {
  return values.map((v) => quote(v, language)).join(", ");
}

/** Each language's argument vector as the code sees it, and the references to it that are replaced. */
interface Binding {
  /** The vector: `sys.argv` is `['-c', ARGS…]`, node's `process.argv` is `[node, ARGS…]`, Perl's `@ARGV` and Ruby's `ARGV` are ARGS. */
  vector: (args: string[]) => string[];
  /** Patterns over the code with strings blanked; group 1 is an index or slice start where there is one. */
  patterns: { re: RegExp; as: "item" | "from" | "list" | "flat" }[];
}

const BINDINGS: Partial<Record<Language, Binding>> = {
  perl: {
    vector: (args) => args,
    patterns: [{ re: /\$ARGV\s*\[\s*(\d+)\s*\]/g, as: "item" }, { re: /@ARGV\b/g, as: "flat" }],
  },
  python: {
    vector: (args) => ["-c", ...args],
    patterns: [{ re: /\bsys\.argv\s*\[\s*(\d+)\s*:\s*\]/g, as: "from" }, { re: /\bsys\.argv\s*\[\s*(\d+)\s*\]/g, as: "item" }, { re: /\bsys\.argv\b(?!\s*\[)/g, as: "list" }],
  },
  javascript: {
    vector: (args) => ["node", ...args],
    patterns: [{ re: /\bprocess\.argv\.slice\(\s*(\d+)\s*\)/g, as: "from" }, { re: /\bprocess\.argv\s*\[\s*(\d+)\s*\]/g, as: "item" }, { re: /\bprocess\.argv\b(?![.[])/g, as: "list" }],
  },
  ruby: {
    vector: (args) => args,
    patterns: [{ re: /\*ARGV\b/g, as: "flat" }, { re: /\bARGV\s*\[\s*(\d+)\s*\]/g, as: "item" }, { re: /\bARGV\b(?!\s*\[)/g, as: "list" }],
  },
};

/** Perl's backticks and `qx{…}` interpolate like a double-quoted string: the arguments go in as raw text, `@ARGV` joined by spaces. */
function perlCommandStrings(code: string, args: string[]): string {
  const raw = (text: string) => text.replace(/\$ARGV\s*\[\s*(\d+)\s*\]/g, (m, n: string) => args[Number(n)] ?? m).replace(/@ARGV\b/g, args.join(" "));
  return code.replace(/`[^`]*`|\bqx\s*(?:\{[^}]*\}|\([^)]*\)|\[[^\]]*\]|<[^>]*>|([^\w\s])[\s\S]*?\1)/g, raw);
}

/**
 * The code with its argument references replaced by the literal arguments, so the readers see
 * `exec {'rm'} 'rm', '-rf', 'src'` for `exec {$ARGV[0]} @ARGV` run with `rm -rf src`. An index past the
 * end is left alone. Then Perl's `exec {PROG} LIST` is rewritten as `exec PROG, LIST[1..]`.
 */
export function bindArguments(language: Language, code: string, args: string[] | undefined): string {
  const binding = BINDINGS[language];
  let text = language === "perl" && args ? perlCommandStrings(code, args) : code;
  if (binding && args) {
    const vector = binding.vector(args);
    for (const { re, as } of binding.patterns) {
      const blanked = blankStrings(text, language);
      let out = "";
      let last = 0;
      for (const m of blanked.matchAll(re)) {
        const n = m[1] === undefined ? 0 : Number(m[1]);
        const value = as === "item" ? (n < vector.length ? quote(vector[n], language) : undefined) : as === "from" ? `[${items(vector.slice(n), language)}]` : as === "list" ? `[${items(vector, language)}]` : items(vector, language);
        if (value === undefined) continue;
        out += text.slice(last, m.index) + value;
        last = m.index! + m[0].length;
      }
      text = out + text.slice(last);
    }
  }
  return language === "perl" ? perlIndirectObject(text) : text;
}

/** Perl's `exec {PROG} LIST` and `system {PROG} LIST` run PROG with LIST as its argv (LIST's first item only names it). */
function perlIndirectObject(code: string): string {
  return code.replace(/\b(exec|system)\s*\{([^{}]*)\}\s*([^;]*)/g, (_m, call: string, prog: string, list: string) => {
    const rest = splitTopLevel(list.replace(/^\(([\s\S]*)\)\s*$/, "$1"), "perl").slice(1).map((s) => s.trim()).filter(Boolean);
    return `${call} ${prog.trim()}${rest.length ? `, ${rest.join(", ")}` : ""}`;
  });
}
