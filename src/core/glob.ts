// Glob matching for rules and config: the only importer of minimatch, with compiled patterns cached.
import { Minimatch, type MinimatchOptions } from "minimatch";

/**
 * Text bash may expand as a pathname pattern: `*`, `?`, `[…]`, and the extglob groups `!(…)`, `@(…)`, `+(…)`
 * (`*(…)`, `?(…)` start with a wildcard anyway). Extglob counts whether or not it is on: an agent's shell,
 * `shopt -s extglob` or `bash -O extglob` turn it on, and `!(x)` is then as broad as `*`.
 */
export const GLOB_TEXT = /[*?[]|[!@+]\(/;

/** The options a glob is compiled with (minimatch's, named here so no other module imports minimatch). */
export type GlobOptions = MinimatchOptions;

/** Text to match, with its lower-case form computed once (arguments are tried against many patterns). */
export interface MatchText {
  /** As given. */
  raw: string;
  /** With `//` collapsed, for the regular expression. */
  text: string;
  lower: string;
}

/** minimatch compares path segments, so `s3://b` matches `s3://*`; its regular expression needs the `//` collapsed first. */
export function matchText(text: string): MatchText {
  // The expression is only a filter (minimatch confirms a hit), so it sees the most matchable form:
  // `//` collapsed and a trailing `/` dropped, as minimatch's own segment matching does.
  const joined = text.includes("//") ? text.replace(/\/{2,}/g, "/") : text;
  // Most texts do not end in `/`: skip the expression then (this runs for every argument of every command).
  const collapsed = joined.endsWith("/") ? joined.replace(/(.)\/$/, "$1") : joined;
  return { raw: text, text: collapsed, lower: collapsed.toLowerCase() };
}

/** A compiled pattern: a literal every match must contain (a cheap pre-check), then minimatch's regular expression. */
export interface GlobMatcher {
  test(subject: MatchText): boolean;
}

/**
 * Compiled patterns, one map per combination of the options globKey names (indexed by optionBits):
 * a lookup by the pattern alone, with no key string built per call, since matching asks for the
 * same few hundred patterns for every argument of every command.
 */
const caches: Map<string, GlobMatcher>[] = Array.from({ length: 16 }, () => new Map());
let cached = 0;
/** Patterns come from rule and config files; a bounded cache keeps a hostile file from growing it without end. */
const MAX_CACHED = 10_000;

/** The options that change minimatch's answer (the same ones globKey spells), as a number. */
function optionBits(options: MinimatchOptions): number {
  return (options.nocase ? 1 : 0) | (options.dot ? 2 : 0) | (options.nocomment ? 4 : 0) | (options.nonegate ? 8 : 0);
}

/**
 * The longest run of plain characters within one path segment of a glob (`**\/.aws/credentials` →
 * `credentials`): bracket sets, groups and wildcards break runs, and so does `/` (minimatch treats
 * `a//b` like `a/b`, so a literal spanning `/` could miss). Empty when there is none.
 */
function requiredLiteral(pattern: string): string {
  let best = "";
  let run = "";
  const flush = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "[") {
      const close = pattern.indexOf("]", i + 2);
      flush();
      if (close < 0) return "";
      i = close;
    } else if (ch === "(" && i > 0 && "!@+*?".includes(pattern[i - 1])) {
      // An extglob group's text is not required: `!(x)` matches names without x, `@(ab|c)` names without ab.
      flush();
      let depth = 1;
      while (depth > 0 && ++i < pattern.length) depth += pattern[i] === "(" ? 1 : pattern[i] === ")" ? -1 : 0;
    } else if (ch === "\\" || "*?{}()!+@/|".includes(ch)) {
      flush();
      if (ch === "\\") i++;
    } else run += ch;
  }
  flush();
  return best;
}

/** What tells compiled patterns apart: the options that change minimatch's answer, and the pattern. */
export function globKey(pattern: string, options: MinimatchOptions = {}): string {
  return `${options.nocase ? "i" : ""}${options.dot ? "d" : ""}${options.nocomment ? "c" : ""}${options.nonegate ? "n" : ""}\u0000${pattern}`;
}

/** minimatch's regular expression for a glob as [source, flags], or null when it makes none. */
export type PrebuiltGlob = [source: string, flags: string] | null;

/**
 * Expressions minimatch made at build time for the built-in rules' globs, by globKey (see
 * builtin-store.ts): such a glob is not parsed at start-up, only when an argument passes its
 * expression and minimatch must confirm the hit. The build ran the same minimatch, so the
 * expression is the one makeRe() would give.
 */
const prebuilt = new Map<string, PrebuiltGlob>();

export function addPrebuiltGlobs(entries: Record<string, PrebuiltGlob>): void {
  for (const key of Object.keys(entries)) prebuilt.set(key, entries[key]);
}

/** The build's half: the expression of one glob. */
export function prebuildGlob(pattern: string, options: MinimatchOptions = {}): PrebuiltGlob {
  const re = new Minimatch(pattern, options).makeRe();
  return re ? [re.source, re.flags] : null;
}

/** Compiles a glob once: compiling costs far more than matching, and the same patterns meet every argument. */
export function compileGlob(pattern: string, options: MinimatchOptions = {}): GlobMatcher {
  const cache = caches[optionBits(options)];
  let compiled = cache.get(pattern);
  if (!compiled) {
    if (cached >= MAX_CACHED) {
      for (const c of caches) c.clear();
      cached = 0;
    }
    const made = prebuilt.get(globKey(pattern, options));
    let mm: Minimatch | undefined;
    // A glob without a build-time expression is parsed only when an argument first passes its literal:
    // most never do, and parsing is what costs (a dozen code-level globs met `rm -rf /` for ~5 ms).
    let re: RegExp | false | null | undefined = made === undefined ? undefined : made && new RegExp(made[0], made[1]);
    const nocase = options.nocase === true;
    const literal = nocase ? requiredLiteral(pattern).toLowerCase() : requiredLiteral(pattern);
    compiled = {
      test(subject) {
        // Most arguments fail this check: thousands of file names against dozens of secret-file globs.
        if (literal && !(nocase ? subject.lower : subject.text).includes(literal)) return false;
        if (re === undefined) {
          mm = new Minimatch(pattern, options);
          re = mm.makeRe();
        }
        // The expression is a fast filter; minimatch itself has the last word on a hit (edge cases such as "").
        if (re && !re.test(subject.text)) return false;
        mm ??= new Minimatch(pattern, options);
        return mm.match(subject.raw);
      },
    };
    cache.set(pattern, compiled);
    cached++;
  }
  return compiled;
}

export function globMatch(text: string, pattern: string, options: MinimatchOptions = {}): boolean {
  return compileGlob(pattern, options).test(matchText(text));
}

/** Whether `text` matches any of `patterns`: `patterns.some((g) => globMatch(text, g, options))`, with the text prepared once. */
export function globMatchAny(text: string, patterns: readonly string[], options: MinimatchOptions = {}): boolean {
  if (patterns.length === 0) return false;
  const subject = matchText(text);
  for (const pattern of patterns) if (compileGlob(pattern, options).test(subject)) return true;
  return false;
}
