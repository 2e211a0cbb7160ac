// A getopt-style option scanner shared by the wrapper table and the rule matcher.
import type { Word } from "./model";

export interface OptionSpec {
  /** Options that take a value, short (`-u`) and long (`--user`). */
  valued?: readonly string[];
  /** Programs like `find` and `java` whose long options use one dash: no clustering of `-abc`. */
  singleDashLong?: boolean;
  /** Whether a bare number like `-10` is an option (nice). */
  numericOptions?: boolean;
  /** GNU getopt_long and git: a unique prefix of a long option means the option (`--rec` is `--recursive`). */
  abbreviations?: boolean;
  /** Long options guard knows the program has besides `valued` (the flags its rules name), for resolving prefixes. */
  known?: readonly string[];
}

export interface ScannedOption {
  /** Canonical name: `-r`, `--recursive`, or a single-dash long name. */
  name: string;
  value?: string;
  /** The argv index the option came from. */
  index: number;
  /** An abbreviation that fits several known long options (`--forc`: --force, --force-with-lease): it may mean any of them. */
  candidates?: string[];
}

export interface ScanResult {
  options: ScannedOption[];
  /** Index of the first positional argument (== args.length when none). */
  rest: number;
  /** The scan stopped at `--`: everything from `rest` on is positional. */
  endOfOptions?: boolean;
}

const VALUED = new WeakMap<readonly string[], ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The valued options as a set, built once per list (a program's spec is the same list for every command). */
function valuedSet(valued: readonly string[] | undefined): ReadonlySet<string> {
  if (!valued || valued.length === 0) return NONE;
  let set = VALUED.get(valued);
  if (!set) VALUED.set(valued, (set = new Set(valued)));
  return set;
}

/**
 * Scans options from `start` until the first positional or `--`. Only literal words can be options:
 * a dynamic word in option position stops the scan, since guard cannot know what it expands to.
 */
export function scanOptions(args: readonly Word[], start: number, spec: OptionSpec): ScanResult {
  const valued = valuedSet(spec.valued);
  const resolve = spec.abbreviations ? abbreviationResolver(spec) : undefined;
  const options: ScannedOption[] = [];
  let i = start;
  while (i < args.length) {
    const word = args[i];
    const text = word.value;
    if (word.dynamic || text.length < 2 || text[0] !== "-") break;
    if (text === "--") return { options, rest: i + 1, endOfOptions: true };
    if (spec.numericOptions && /^-\d+$/.test(text)) {
      options.push({ name: text, index: i });
      i++;
      continue;
    }
    if (text.startsWith("--") || spec.singleDashLong) {
      const eq = text.indexOf("=");
      const given = eq > 0 ? text.slice(0, eq) : text;
      const { name, candidates } = resolve?.(given) ?? { name: given };
      const extra = candidates ? { candidates } : {};
      if (eq > 0) {
        options.push({ name, value: text.slice(eq + 1), index: i, ...extra });
        i++;
        continue;
      }
      if (valued.has(name)) {
        options.push({ name, value: args[i + 1]?.value, index: i, ...extra });
        i += 2;
        continue;
      }
      options.push({ name, index: i, ...extra });
      i++;
      continue;
    }
    // A short cluster: `-rf`, `-u root`, `-uroot`.
    let consumedNext = false;
    for (let c = 1; c < text.length; c++) {
      const name = `-${text[c]}`;
      if (valued.has(name)) {
        const attached = text.slice(c + 1);
        if (attached) options.push({ name, value: attached, index: i });
        else {
          options.push({ name, value: args[i + 1]?.value, index: i });
          consumedNext = true;
        }
        break;
      }
      options.push({ name, index: i });
    }
    i += consumedNext ? 2 : 1;
  }
  return { options, rest: Math.min(i, args.length) };
}

export function hasOption(scan: ScanResult, ...names: string[]): boolean {
  return scan.options.some((o) => names.includes(o.name) || (o.candidates?.some((c) => names.includes(c)) ?? false));
}

/**
 * Resolves an abbreviated long option against the long options guard knows: a unique match is that
 * option; several matches keep the text and list them (the program would reject the ambiguity, so
 * treating it as any of them is only stricter). An exact name, or no match, stays as written.
 */
function abbreviationResolver(spec: OptionSpec): (given: string) => { name: string; candidates?: string[] } {
  // Built on first use: most options are written in full, and this runs for every scanned word.
  let longs: string[] | undefined;
  return (given) => {
    if (!given.startsWith("--") || given.length < 3) return { name: given };
    longs ??= [...new Set([...(spec.valued ?? []), ...(spec.known ?? [])].filter((n) => n.startsWith("--")))];
    if (longs.includes(given)) return { name: given };
    const matches = longs.filter((n) => n.startsWith(given));
    if (matches.length === 1) return { name: matches[0] };
    return matches.length > 1 ? { name: given, candidates: matches } : { name: given };
  };
}
