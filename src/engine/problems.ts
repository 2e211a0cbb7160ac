// The built-in findings for text guard cannot fully see: each fails closed to `ask`.
import type { ProblemKind } from "../shell/model";
import type { Rule } from "../rules/types";

/** A built-in finding reads like a rule (id, action, what, why, instead), without a matcher. */
export type ProblemRule = Pick<Rule, "id" | "action" | "severity" | "message" | "why" | "instead">;

const ASK_USER = "Ask the user to run or approve it, or rewrite it with the command names and text written out literally.";

export const PROBLEM_RULES: Record<ProblemKind, ProblemRule> = {
  "parse-error": {
    id: "guard.parse-error", action: "ask", severity: "high",
    message: "The command is not valid shell syntax.",
    why: "guard cannot tell what text that does not parse would run, so it does not guess.",
    instead: "Fix the quoting or syntax so the command parses, then run it again.",
  },
  "dynamic-command": {
    id: "guard.dynamic-command", action: "ask", severity: "high",
    message: "A command name is only known at run time (it comes from a variable or a substitution).",
    why: "guard checks commands by name; a name built at run time could be any program, including a destructive one.",
    instead: ASK_USER,
  },
  "unknown-shell-input": {
    id: "guard.unknown-shell-input", action: "ask", severity: "high",
    message: "A shell runs code that guard cannot see (a download, a decoded blob, a pipe or an unreadable script).",
    why: "Whatever reaches the shell runs with the user's permissions, and guard cannot check it.",
    instead: "Download or write the script to a file, show it to the user, and run it only after they approve.",
  },
  "dynamic-shell-string": {
    id: "guard.dynamic-shell-string", action: "ask", severity: "high",
    message: "Code handed to a shell or eval contains expansions that are filled in before it runs.",
    why: "The expanded text is parsed again as shell code, so it can contain commands guard never saw.",
    instead: ASK_USER,
  },
  "unknown-code": {
    id: "guard.unknown-code", action: "ask", severity: "high",
    message: "A program runs code guard cannot read (an option, a script or input that becomes a command).",
    why: "Options such as `sed s///e`, `xargs` fed by another program, or hooks from another directory turn data into commands; guard cannot check what it cannot see.",
    instead: ASK_USER,
  },
  // Not unknown text but a shape that is always destructive: a function that starts itself twice at once.
  "fork-bomb": {
    id: "guard.fork-bomb", action: "deny", severity: "critical",
    message: "Defines a fork bomb: a function that starts itself twice at once (`:(){ :|:& };:`).",
    why: "Every copy starts two more until the process table is full; the machine stops responding and usually needs a hard reset, losing unsaved work.",
    instead: "Do not run it. To test process limits, use a container with a pids limit (`docker run --pids-limit 50`), and ask the user.",
  },
  "too-deep": {
    id: "guard.too-deep", action: "ask", severity: "high",
    message: "The command nests shells, eval or substitutions deeper than guard follows.",
    why: "Deep nesting is a known way to hide commands from checkers; guard stops at a fixed depth rather than guess.",
    instead: "Write the command without nesting shells inside shells.",
  },
  "too-large": {
    id: "guard.too-large", action: "ask", severity: "high",
    message: "The command text is larger than guard parses.",
    why: "guard keeps checking time and memory bounded; it does not allow what it did not read.",
    instead: "Put long scripts in a file, show it to the user, and run it after they approve.",
  },
  "too-many-commands": {
    id: "guard.too-many-commands", action: "ask", severity: "high",
    message: "The input contains more commands than guard checks at once.",
    why: "guard keeps checking time and memory bounded; it does not allow what it did not check.",
    instead: "Split the work into smaller commands.",
  },
  "internal-error": {
    id: "guard.internal-error", action: "ask", severity: "high",
    message: "guard failed while checking this command.",
    why: "A checker that fails must not let the command through unchecked.",
    instead: "Ask the user to run the command themselves, and report the guard error.",
  },
};

/** A rule file that fails to load is a configuration problem: guard keeps working, strictly. */
export const CONFIG_ERROR_RULE: ProblemRule = {
  id: "guard.config-error", action: "ask", severity: "high",
  message: "A guard rule file could not be loaded.",
  why: "With a broken rule file guard cannot apply the rules the project asked for.",
  instead: "Fix the rule file (see the error above) and run the command again.",
};
