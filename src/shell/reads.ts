// Values builtins assign from input (`read`, `mapfile`/`readarray`, `printf -v`): computed like bash when the input is literal.
import type { Word } from "./model";
import { printerOutput } from "./stdin";

/** What a builtin assigns: scalars (null: unknown value) and arrays (null: unknown elements). */
export interface Assigned {
  scalars: [string, string | null][];
  arrays: [string, string[] | null][];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const READ_VALUED = new Set(["-a", "-d", "-i", "-n", "-N", "-p", "-t", "-u"]);

/** Splits `read`'s options from its variable names; undefined when an option is only known at run time. */
function readOptions(argv: Word[]): { opts: Map<string, string>; names: string[] } | undefined {
  const opts = new Map<string, string>();
  let i = 1;
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return undefined;
    if (w.value === "--") {
      i++;
      break;
    }
    if (!/^-./.test(w.value)) break;
    // Clustered flags (`-rs`), the last of which may take a value (`-rp PROMPT`, `-d''`).
    for (let j = 1; j < w.value.length; j++) {
      const flag = `-${w.value[j]}`;
      if (READ_VALUED.has(flag)) {
        const rest = w.value.slice(j + 1);
        const value = rest !== "" ? rest : argv[++i];
        if (value === undefined || (typeof value !== "string" && value.dynamic)) return undefined;
        opts.set(flag, typeof value === "string" ? value : value.value);
        break;
      }
      opts.set(flag, "");
    }
  }
  const names = argv.slice(i).map((w) => (w.dynamic ? "" : w.value));
  if (names.some((n) => !NAME.test(n))) return undefined;
  return { opts, names };
}

/** Stand-ins for backslash-escaped characters (a private-use plane), so splitting passes over them. */
const ESCAPED = 0xf0000;
const unescape = (text: string) => text.replace(/[\u{f0000}-\u{fffff}]/gu, (c) => String.fromCodePoint(c.codePointAt(0)! - ESCAPED));

/** The first record `read` takes from `input` (up to the delimiter), with backslashes applied unless -r. */
function record(input: string, opts: Map<string, string>): string {
  const delim = opts.has("-d") ? opts.get("-d")!.slice(0, 1) || "\0" : "\n";
  const raw = opts.has("-r");
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (!raw && ch === "\\" && i + 1 < input.length) {
      // An escaped character is kept from field splitting: held as a stand-in until the fields are cut.
      if (input[i + 1] !== "\n") out += String.fromCodePoint(ESCAPED + input.codePointAt(i + 1)!);
      i++;
      continue;
    }
    if (ch === delim) break;
    out += ch;
  }
  return out;
}

/** IFS splitting as `read` does it: the last name takes the rest of the line. */
function splitFields(line: string, count: number, ifs: string): string[] {
  const white = [...ifs].filter((c) => " \t\n".includes(c)).join("");
  const trim = (s: string) => (white ? s.replace(new RegExp(`^[${white}]+|[${white}]+$`, "g"), "") : s);
  let rest = trim(line);
  const out: string[] = [];
  const sep = ifs === "" ? undefined : new RegExp(`[${white.replace(/\t/, "\\t").replace(/\n/, "\\n")}]*[${ifs.replace(/[\]\\^-]/g, "\\$&").replace(/\t/, "\\t").replace(/\n/, "\\n")}][${white}]*`);
  while (out.length < count - 1 && sep) {
    const m = sep.exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(rest);
  return out;
}

/**
 * `read [-r] [-a ARR] [-d D] NAME…` given its input text (undefined: unknown). `ifs` is IFS when known.
 * Prompts, timeouts and character counts are allowed; `-n`/`-N`/`-u` make the values unknown.
 */
export function readAssigns(argv: Word[], input: string | undefined, ifs = " \t\n"): Assigned | undefined {
  const parsed = readOptions(argv);
  if (!parsed) {
    // Names guard cannot read: every name it might set is unknown.
    return { scalars: argv.slice(1).filter((w) => !w.dynamic && NAME.test(w.value)).map((w) => [w.value, null]), arrays: [] };
  }
  const { opts, names } = parsed;
  const known = input !== undefined && !opts.has("-n") && !opts.has("-N") && !opts.has("-u");
  const line = known ? record(input, opts) : undefined;
  if (opts.has("-a")) {
    const array = opts.get("-a")!;
    return { scalars: [], arrays: [[array, line === undefined ? null : splitFields(line, Number.MAX_SAFE_INTEGER, ifs).filter((f) => f !== "").map(unescape)]] };
  }
  const targets = names.length ? names : ["REPLY"];
  // REPLY (no names) keeps the line whole, without trimming.
  const values = line === undefined ? undefined : names.length ? splitFields(line, targets.length, ifs) : [line];
  return { scalars: targets.map((n, i) => [n, values ? unescape(values[i] ?? "") : null]), arrays: [] };
}

/** Each record a `while read …` loop reads from `input`, in order; at most `max`, undefined past it. */
export function readRecords(argv: Word[], input: string, max: number): string[] | undefined {
  const parsed = readOptions(argv);
  if (!parsed) return undefined;
  const delim = parsed.opts.has("-d") ? parsed.opts.get("-d")!.slice(0, 1) || "\0" : "\n";
  const out: string[] = [];
  let rest = input;
  while (rest !== "") {
    if (out.length >= max) return undefined;
    const at = rest.indexOf(delim);
    // A last record without its delimiter is still read (and the loop body runs for it).
    out.push(at < 0 ? rest : rest.slice(0, at + 1));
    rest = at < 0 ? "" : rest.slice(at + 1);
  }
  return out;
}

/** `mapfile [-t] [-d D] ARR` / `readarray`: each record of the input becomes an element. */
export function mapfileAssigns(argv: Word[], input: string | undefined): Assigned | undefined {
  let trim = false;
  let delim = "\n";
  let unknown = input === undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return undefined;
    if (!/^-./.test(w.value)) break;
    if (w.value === "-t") trim = true;
    else if (w.value === "-d") delim = argv[++i]?.value.slice(0, 1) || "\0";
    else if (["-n", "-O", "-s", "-u", "-C", "-c"].includes(w.value)) {
      unknown = true;
      i++;
    } else unknown = true;
  }
  const name = argv[i]?.value ?? "MAPFILE";
  if (argv[i]?.dynamic || !NAME.test(name)) return undefined;
  if (unknown) return { scalars: [], arrays: [[name, null]] };
  const records = (input ?? "").split(delim);
  if (records[records.length - 1] === "") records.pop();
  return { scalars: [], arrays: [[name, records.map((r, k) => (trim || k === records.length - 1 && !input!.endsWith(delim) ? r : r + delim))]] };
}

/** `printf -v NAME FORMAT ARGS…`: NAME gets what printf would print. */
export function printfAssigns(argv: Word[]): Assigned | undefined {
  const at = argv.findIndex((w, i) => i > 0 && !w.dynamic && w.value === "-v");
  const name = at > 0 ? argv[at + 1] : undefined;
  if (!name || name.dynamic || !NAME.test(name.value.replace(/\[.*\]$/, ""))) return undefined;
  const rest = argv.slice(at + 2);
  if (rest[0] && !rest[0].dynamic && rest[0].value === "--") rest.shift();
  const value = rest.length && rest.every((w) => !w.dynamic) ? printerOutput("printf", rest.map((w) => w.value)) : undefined;
  return { scalars: [[name.value, value ?? null]], arrays: [] };
}
