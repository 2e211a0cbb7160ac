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
  "/usr/lib/systemd/systemd --user", "-bash", "sshd: dev@pts/0", "node /usr/lib/node_modules/@anthropic-ai/claude-code/cli.js",
  "postgres: checkpointer", "python3 manage.py runserver", "vim src/app.ts", "/usr/bin/dockerd -H fd://", "/usr/share/code/code --type=renderer",
  "git fetch origin", "java -jar app.jar", "ruby bin/rails server",
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

function matchesEverything(pattern: string, exact: boolean, ignoreCase: boolean, commandLine: boolean): boolean {
  const regex = compile(pattern, exact, ignoreCase);
  return regex !== undefined && (commandLine ? COMMAND_LINES : NAMES).every((name) => regex.test(name));
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

export const PROCESS_CLASSES: Record<string, ProcessClass> = {
  /**
   * `pkill -f .`, `pkill ''`, `pgrep`'s twin with `.*`, `killall -r .`: the pattern is a regular expression
   * matched anywhere in each name (or, with -f, command line), so one that matches every sample matches every
   * process the user may signal. killall without -r matches names exactly and is left out (its -r search is
   * unanchored, like pkill's without -x). A pattern written at run time is not known and does not match here.
   */
  "matches-every-process": (positionals, inv, _ctx, parsed) => {
    const [pattern] = positionals;
    if (!pattern || pattern.dynamic) return false;
    const has = (...names: string[]) => findOption(parsed, names) !== undefined;
    if (inv.program === "killall") {
      if (!has("-r", "--regexp")) return false;
      return positionals.some((p) => !p.dynamic && matchesEverything(p.value, false, has("-I", "--ignore-case"), false)) ? [pattern] : false;
    }
    return matchesEverything(pattern.value, has("-x", "--exact"), has("-i", "--ignore-case"), has("-f", "--full")) ? [pattern] : false;
  },
  /**
   * Every signal the command names is 0 (and it names one): the kernel checks the target exists and may be
   * signalled, and delivers nothing. `kill -0 -9 PID` names -9 too and is not one (fail closed).
   */
  "signal-zero": (_positionals, inv) => {
    const signals = namedSignals(inv);
    return signals !== undefined && signals.length > 0 && signals.every(isZero);
  },
};
