// Target classes for what a kill, pkill or killall signals: a name pattern that matches every process (`pkill -f .`), and signal 0, which delivers nothing (`kill -0 PID`).
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { findOption, type ParsedArgs } from "../shell/program-args";

type ProcessClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/**
 * Process names (what pkill and `killall -r` match by default) and command lines (what `pkill -f` matches),
 * chosen to share nothing but what every process has. A pattern that matches all of them matches
 * whatever else runs too: the login shell, sshd, the database, the agent.
 */
const NAMES = ["systemd", "bash", "sshd", "node", "postgres", "python3", "vim", "dockerd", "code", "git", "java", "ruby"];
const COMMAND_LINES = [
  "/sbin/init splash", "-bash", "sshd: dev@pts/0", "node cli.js --resume", "postgres: writer", "python3 manage.py",
  "vim src/app.ts", "dockerd -H fd://", "code --type=gpu", "git fetch origin", "java -jar app.jar", "ruby bin/rails s",
];

/** POSIX bracket classes as JavaScript ranges: pkill and killall take extended regular expressions. */
const BRACKET_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: "\\s", blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~", print: " -~", graph: "!-~", xdigit: "0-9A-Fa-f", word: "\\w",
};

/** The pattern as a JavaScript expression, or undefined when it is not one (pkill then fails without signalling anyone). */
function compile(pattern: string, exact: boolean, ignoreCase: boolean): RegExp | undefined {
  const source = pattern.replace(/\[:(\w+):\]/g, (whole, name: string) => BRACKET_CLASSES[name] ?? whole);
  try {
    return new RegExp(exact ? `^(?:${source})$` : source, ignoreCase ? "i" : "");
  } catch {
    return undefined;
  }
}

/**
 * Whether running the pattern is bounded: no repeated group that itself repeats or alternates (`(a*)*`,
 * `(a|b)+`, where backtracking grows exponentially), at most 4 repetitions in all and 128 characters. The
 * samples are at most 20 characters long, so a bounded pattern costs at most about 20^4 steps a sample.
 */
function testable(pattern: string): boolean {
  if (pattern.length > 128) return false;
  const groups: { inner: boolean }[] = [];
  let repeats = 0;
  let lastGroupInner = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const afterGroup = lastGroupInner;
    lastGroupInner = false;
    if (c === "\\") {
      i++;
    } else if (c === "[") {
      // A bracket expression: `]` right after `[` or `[^` is a member, not the end.
      i += pattern[i + 1] === "^" ? 2 : 1;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "[" && pattern[i + 1] === ":" ? Math.max(1, pattern.indexOf(":]", i) + 2 - i) : 1;
    } else if (c === "(") {
      groups.push({ inner: false });
      if (pattern[i + 1] === "?") i++;
    } else if (c === ")") {
      lastGroupInner = groups.pop()?.inner ?? false;
    } else if (c === "|") {
      if (groups.length) groups[groups.length - 1].inner = true;
    } else if (c === "*" || c === "+" || c === "?" || c === "{") {
      if (afterGroup) return false;
      if (++repeats > 4) return false;
      for (const g of groups) g.inner = true;
      if (c === "{") i = Math.max(i, pattern.indexOf("}", i));
      if (pattern[i + 1] === "?") i++;
    }
  }
  return true;
}

/** "all" when the pattern matches every sample, "unknown" when running it is not bounded (see testable). */
function matchesEverything(pattern: string, exact: boolean, ignoreCase: boolean, commandLine: boolean): "all" | "not" | "unknown" {
  if (!testable(pattern)) return "unknown";
  const regex = compile(pattern, exact, ignoreCase);
  return regex !== undefined && (commandLine ? COMMAND_LINES : NAMES).every((name) => regex.test(name)) ? "all" : "not";
}

/** The options that take a signal as their value, per program (pkill's `-s` is a session, not a signal). */
const SIGNAL_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  kill: ["-s", "-n", "--signal"],
  killall: ["-s", "--signal"],
  pkill: ["--signal"],
};

/** `0`, `00`, `SIG0`: the null signal in every spelling the three programs accept. */
const isZero = (spec: string) => /^(?:SIG)?0+$/i.test(spec);

/**
 * The signals a kill, killall or pkill command names: `-9`, `-KILL`, `-SIGTERM`, `-s X`, `-n X`, `--signal X`,
 * `--signal=X`, `-sX`. Undefined when a word guard cannot see might be one (`kill -$SIG …`).
 */
function namedSignals(inv: Invocation): string[] | undefined {
  const valued = SIGNAL_OPTIONS[inv.program];
  if (!valued) return undefined;
  const signals: string[] = [];
  const argv = inv.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const w: Word = argv[i];
    if (w.dynamic) return undefined;
    const v = w.value;
    if (v === "--") break;
    if (valued.includes(v)) {
      const next = argv[++i];
      if (!next || next.dynamic) return undefined;
      signals.push(next.value);
      if (inv.program === "kill") break;
      continue;
    }
    if (v.startsWith("--signal=")) signals.push(v.slice("--signal=".length));
    else if (inv.program !== "pkill" && /^-[sn][A-Za-z0-9]+$/.test(v) && valued.includes(v.slice(0, 2))) signals.push(v.slice(2));
    // A number, or a name in capitals (`-HUP`, `-SIGKILL`): a signal. Lower-case clusters are other options.
    else if (/^-(?:\d+|(?:SIG)?[A-Z][A-Z0-9+-]+)$/.test(v)) signals.push(v.slice(1));
    // kill reads options only before its first operand: in `kill -0 -1` the -1 is a PID (every process).
    if (inv.program === "kill" && signals.length) break;
  }
  return signals;
}

/**
 * `pkill -f .`, `pkill ''`, `killall -r .`: the pattern is a regular expression matched anywhere in each name
 * (or, with -f, command line), so one that matches every sample matches every process the user may signal.
 * killall without -r matches names exactly and is left out (its -r search is unanchored, like pkill's
 * without -x). A pattern written at run time is not known and does not match here.
 */
function patternVerdict(positionals: Word[], inv: Invocation, parsed: ParsedArgs): "all" | "not" | "unknown" {
  const has = (...names: string[]) => findOption(parsed, names) !== undefined;
  const known = positionals.filter((p) => !p.dynamic);
  if (known.length === 0) return "not";
  // `pkill -v zzz` signals every process the pattern does NOT match: which ones, the samples cannot say.
  if (inv.program === "pkill" && has("-v", "--inverse")) return "unknown";
  const verdicts = inv.program === "killall"
    ? has("-r", "--regexp") ? known.map((p) => matchesEverything(p.value, false, has("-I", "--ignore-case"), false)) : []
    : [matchesEverything(known[0].value, has("-x", "--exact"), has("-i", "--ignore-case"), has("-f", "--full"))];
  return verdicts.includes("all") ? "all" : verdicts.includes("unknown") ? "unknown" : "not";
}

export const PROCESS_CLASSES: Record<string, ProcessClass> = {
  "matches-every-process": (positionals, inv, _ctx, parsed) => patternVerdict(positionals, inv, parsed) === "all",
  /** A pattern guard does not run because its repetitions could take exponential time (`pkill -f '((.*)*)*x'`). */
  "process-pattern-untested": (positionals, inv, _ctx, parsed) => patternVerdict(positionals, inv, parsed) === "unknown",
  /**
   * Every signal the command names is 0 (and it names one): the kernel checks the target exists and may be
   * signalled, and delivers nothing. `kill -0 -9 PID` names -9 too and is not one (fail closed).
   */
  "signal-zero": (_positionals, inv) => {
    const signals = namedSignals(inv);
    return signals !== undefined && signals.length > 0 && signals.every(isZero);
  },
};
