// git settings that stand for a command-line option (`-c clean.requireForce=false clean` is `clean --force`): the command is also judged as that option spells it.
import type { Span } from "../core/finding";
import type { Word } from "./model";
import type { Unwrapped } from "./unwrapped";
import { literalWord } from "./words";

/** One `-c KEY=VALUE` entry (from the command line, GIT_CONFIG_* or an earlier `git config`). */
export interface ConfigEntry {
  key: string;
  value: string;
  span: Span;
}

/** git reads an empty value as false, and so these spellings. */
const FALSE = /^(?:false|no|off|0|)$/i;

interface SettingFlag {
  /** The key, lowercased (git's keys are case-insensitive). */
  key: string;
  subcommands: readonly string[];
  /** The options the setting amounts to with this value; empty when it switches nothing off. */
  flags: (value: string) => string[];
  /** Already spelled on the command line: nothing to add (and the equivalent command is not made again). */
  present: RegExp;
  /** `git config KEY VALUE` of this key is judged by rules of its own (core.hooksPath: guard.git-hooks-off, guard.git-hooks-moved). */
  ownConfigRules?: true;
}

/**
 * Settings that switch off a safety git has on the command line. A rule about the option (git.clean-force,
 * git.gc-prune-now) then judges the setting too, so `-c` can never turn a refused command into an allowed one.
 */
const SETTING_FLAGS: readonly SettingFlag[] = [
  // git clean refuses to delete without -f unless clean.requireForce is false.
  { key: "clean.requireforce", subcommands: ["clean"], flags: (v) => (FALSE.test(v.trim()) ? ["--force"] : []), present: /^(?:--force|-[a-zA-Z]*f[a-zA-Z]*)$/ },
  // gc.pruneExpire=now: gc drops every unreachable object at once, as `gc --prune=now` does.
  { key: "gc.pruneexpire", subcommands: ["gc"], flags: (v) => (/^(?:now|all)$/i.test(v.trim()) ? [`--prune=${v.trim()}`] : []), present: /^--prune(?:=|$)/ },
  // Another hooks directory (or none) skips the repository's hooks, guard's pre-push hook among them: --no-verify.
  { key: "core.hookspath", subcommands: ["push", "commit", "merge", "am", "rebase"], flags: () => ["--no-verify"], present: /^(?:--no-verify|-n)$/, ownConfigRules: true },
];

/** Whether `key` is one of those settings: `git config KEY VALUE` earlier in a command carries it to later git commands. */
export function isSettingFlag(key: string): boolean {
  return SETTING_FLAGS.some((f) => f.key === key.toLowerCase());
}

/** Whether `git config KEY VALUE` switches a safety off for every later git command (`clean.requireForce false`). */
export function switchesOffSafety(key: string, value: string): boolean {
  const entry = SETTING_FLAGS.find((f) => f.key === key.toLowerCase());
  return entry !== undefined && !entry.ownConfigRules && entry.flags(value).length > 0;
}

/**
 * `git -c KEY=VALUE … SUB …` as the command it amounts to (`git … SUB FLAG …`), for each setting in
 * SETTING_FLAGS that applies to SUB. `at` is the subcommand's index. The `-c` words are left out of
 * the equivalent command, and a flag already given is not added again, so following it ends.
 */
export function settingFlagCommands(argv: Word[], at: number, settings: readonly ConfigEntry[]): Unwrapped[] {
  const sub = argv[at];
  if (!sub || sub.dynamic) return [];
  const rest = argv.slice(at + 1);
  const out: Unwrapped[] = [];
  for (const s of settings) {
    const entry = SETTING_FLAGS.find((f) => f.key === s.key.toLowerCase() && f.subcommands.includes(sub.value));
    if (!entry || rest.some((w) => !w.dynamic && entry.present.test(w.value))) continue;
    const flags = entry.flags(s.value);
    if (!flags.length) continue;
    const globals = withoutSettings(argv.slice(1, at));
    out.push({ kind: "argv", words: [argv[0], ...globals, sub, ...flags.map((f) => literalWord(f, s.span)), ...rest], label: `git -c ${s.key}` });
  }
  return out;
}

/** git's global options without its `-c KEY=VALUE` / `-cKEY=VALUE` entries. */
function withoutSettings(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].value === "-c") i++;
    else if (!(words[i].value.startsWith("-c") && words[i].value.length > 2 && words[i].value[2] !== "-")) out.push(words[i]);
  }
  return out;
}
