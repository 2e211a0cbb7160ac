// `git config KEY VALUE` earlier in a command: later git commands in the same text run with that setting (aliases, pagers, hooks).
import type { Word } from "./model";
import { literalWord } from "./words";
import { gitConfigCommands } from "./code-options";
import { isSettingFlag } from "./git-setting-flags";

/** One setting written by `git config`, in whichever scope: git reads them all. */
export interface GitSetting {
  key: string;
  value: Word;
}

/** git options before the subcommand that take the next word as their value. */
const GLOBAL_VALUED = new Set(["-c", "-C", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix"]);
/** `git config` options that take a value. */
const CONFIG_VALUED = new Set(["-f", "--file", "--blob", "--type", "--default", "--comment", "--value"]);
/** `git config` modes that read or remove rather than set. */
const NOT_SETTING = /^(?:--get|--get-all|--get-regexp|--get-urlmatch|--get-color|--get-colorbool|--unset|--unset-all|--list|-l|--remove-section|--rename-section|--edit|-e)$/;

/** Index of git's subcommand word, skipping global options. */
export function gitSubcommandIndex(argv: Word[]): number {
  let i = 1;
  while (i < argv.length) {
    const w = argv[i];
    if (w.dynamic || !w.value.startsWith("-")) return i;
    i += GLOBAL_VALUED.has(w.value) ? 2 : 1;
  }
  return i;
}

/** Whether a setting makes git run something (an alias, a pager, hooks, an ssh command…) or switches off a safety (git-setting-flags.ts): only those are carried forward. */
function runsSomething(key: string): boolean {
  return /^alias\./i.test(key) || gitConfigCommands(key, "x", { start: 0, end: 0 }).length > 0 || isSettingFlag(key);
}

/** The settings `git config [scope] [--add] KEY VALUE` (or `git config set KEY VALUE`) writes that make git run something. */
export function gitConfigSettings(argv: Word[]): GitSetting[] {
  const at = gitSubcommandIndex(argv);
  if (argv[at]?.dynamic || argv[at]?.value !== "config") return [];
  const positionals: Word[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    const w = argv[i];
    if (!w.dynamic && NOT_SETTING.test(w.value)) return [];
    if (!w.dynamic && CONFIG_VALUED.has(w.value)) i++;
    else if (w.dynamic || !w.value.startsWith("-") || w.value === "-") positionals.push(w);
  }
  if (!positionals[0]?.dynamic && positionals[0]?.value === "set") positionals.shift();
  const [key, value] = positionals;
  if (!key || !value || key.dynamic || !runsSomething(key.value)) return [];
  return [{ key: key.value, value }];
}

/** `git x …` after those settings: as `git -c KEY=VALUE … x …`, which the git unwrapper already reads. */
export function withGitSettings(argv: Word[], settings: readonly GitSetting[]): Word[] {
  const injected = settings.flatMap((s) => {
    const entry: Word = s.value.dynamic
      ? { ...s.value, value: `${s.key}=${s.value.value}`, shellText: `${s.key}=${s.value.shellText ?? s.value.raw}` }
      : literalWord(`${s.key}=${s.value.value}`, s.value.span);
    return [literalWord("-c", s.value.span), entry];
  });
  return [argv[0], ...injected, ...argv.slice(1)];
}
