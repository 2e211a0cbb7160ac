// Commands that ask the person at the terminal before they act (`rm -i`, `dropdb --interactive`, `killall -i`): their own prompt is the confirmation guard would ask for.
import type { Extraction, Invocation } from "../shell/model";

interface PromptFlags {
  /** Long spellings that switch the prompt on. */
  on: string[];
  /** Long spellings that switch it off again; the last of on and off wins (`rm -i -f` does not ask). */
  off: string[];
  /** Short letters that switch it on, and that switch it off. */
  shortOn: string;
  shortOff: string;
  /** Short letters that take a value (the rest of the cluster, or the next word). */
  shortValued: string;
  /** Long options that take a value as the next word when written without `=`. */
  longValued: string[];
}

/**
 * Every program with a prompt of its own, each spelling of it, and what cancels it. rm's `--interactive=WHEN`
 * (always, once, never) is spelled out; `-I` asks once before a recursive or large removal. `git clean -i` and
 * `mv -i`/`cp -i` (which only ask before overwriting) are judged by their rules.
 */
const SELF_PROMPTING: Record<string, PromptFlags> = {
  rm: { on: ["--interactive", "--interactive=always", "--interactive=yes", "--interactive=once"], off: ["--force", "--interactive=never", "--interactive=no", "--interactive=none"], shortOn: "iI", shortOff: "f", shortValued: "", longValued: [] },
  srm: { on: ["--interactive"], off: ["--force"], shortOn: "i", shortOff: "f", shortValued: "", longValued: [] },
  killall: { on: ["--interactive"], off: [], shortOn: "i", shortOff: "", shortValued: "usoynZ",
    longValued: ["--user", "--signal", "--older-than", "--younger-than", "--ns", "--context"] },
  dropdb: { on: ["--interactive"], off: [], shortOn: "i", shortOff: "", shortValued: "hpUd", longValued: ["--host", "--port", "--username", "--maintenance-db"] },
  dropuser: { on: ["--interactive"], off: [], shortOn: "i", shortOff: "", shortValued: "hpU", longValued: ["--host", "--port", "--username"] },
};

/** Wrappers that hand the command the same terminal: anything else (xargs, find, ssh, a script on stdin) may not. */
const SAME_TERMINAL = /^(?:sudo|doas|env|nice|ionice|nohup|time|timeout|command|exec|stdbuf|chrt|taskset|(?:ba|z|da|k)?sh -c)$/;

/**
 * Whether the invocation's program will ask the person at the terminal before it acts, so that its prompt stands in for
 * guard's. Fails closed: a dynamic word (it could be `-f`), a wrapper that may change the terminal, or any standard input
 * anywhere in the command (a pipe, a file, a heredoc, `exec <`, a function called with `<<<`) could answer the prompt.
 */
export function promptsBeforeActing(invocation: Invocation, extraction: Extraction): boolean {
  const flags = SELF_PROMPTING[invocation.program];
  if (!flags) return false;
  if (!invocation.via.every((step) => SAME_TERMINAL.test(step.wrapper))) return false;
  if (extraction.invocations.some((inv) => inv.stdin !== undefined)) return false;
  let prompts = false;
  const words = invocation.argv.slice(1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.dynamic || word.unseen !== undefined) return false;
    const v = word.value;
    if (v === "--") break;
    if (v.startsWith("--")) {
      // An abbreviation of a cancelling option (`--forc`, `--inter=never`) cancels as well.
      if (flags.off.some((off) => abbreviates(v, off))) prompts = false;
      else if (flags.on.includes(v)) prompts = true;
      else if (flags.longValued.includes(v)) i++;
      continue;
    }
    if (!v.startsWith("-") || v.length < 2) continue;
    for (let j = 1; j < v.length; j++) {
      const letter = v[j];
      if (flags.shortOn.includes(letter)) prompts = true;
      else if (flags.shortOff.includes(letter)) prompts = false;
      else if (flags.shortValued.includes(letter)) {
        if (j === v.length - 1) i++;
        break;
      }
    }
  }
  return prompts;
}

/** `--forc` for `--force`, `--inter=never` for `--interactive=never`: getopt_long takes any unambiguous prefix of the name. */
function abbreviates(word: string, spelling: string): boolean {
  const [name, value] = splitOption(word);
  const [fullName, fullValue] = splitOption(spelling);
  return name.length > 3 && fullName.startsWith(name) && value === fullValue;
}

function splitOption(word: string): [string, string | undefined] {
  const eq = word.indexOf("=");
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}
