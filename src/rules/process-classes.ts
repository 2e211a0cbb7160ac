// Target class for a process-name pattern that matches every process: `pkill -f .`, `pkill -9 ''`, `killall -r '.*'` kill the shell, the editor, the agent and every service at once.
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

export const PROCESS_CLASSES: Record<string, ProcessClass> = {
  /**
   * `pkill -f .`, `pkill ''`, `pgrep`'s twin with `.*`, `killall -r .`: the pattern is a regular expression
   * matched anywhere in each name (or, with -f, command line), so one that matches every sample matches every
   * process the user may signal. killall without -r matches names exactly and is left out (its -r search is
 * unanchored, like pkill's without -x). A pattern
   * written at run time is not known and does not match here.
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
};
