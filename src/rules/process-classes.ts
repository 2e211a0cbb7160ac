// Target class for signal 0: `kill -0 PID`, `killall -0 NAME`, `pkill --signal 0 …` deliver nothing; they only test that a process exists.
import type { Invocation, Word } from "../shell/model";

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

export const PROCESS_CLASSES: Record<string, (positionals: Word[], inv: Invocation) => boolean> = {
  /**
   * Every signal the command names is 0 (and it names one): the kernel checks the target exists and may be
   * signalled, and delivers nothing. `kill -0 -9 PID` names -9 too and is not one (fail closed).
   */
  "signal-zero": (_positionals, inv) => {
    const signals = namedSignals(inv);
    return signals !== undefined && signals.length > 0 && signals.every(isZero);
  },
};
