// The generic fallback for programs guard does not know: if, from some word on, their arguments are a command guard knows, check that command too.
import type { Word } from "./model";
import { programName } from "./words";

/**
 * Programs whose arguments are data, never a command: printing, searching, version control messages,
 * issue trackers, package installers (`apt install make` installs make, it does not run it).
 */
const DATA_PROGRAMS = new Set([
  "echo", "printf", "print", "cat", "less", "more", "head", "tail", "grep", "egrep", "fgrep", "rg", "ag", "ack", "jq", "yq", "wc", "sort", "uniq",
  "cut", "tr", "tee", "man", "info", "help", "which", "whereis", "whatis", "type", "apropos", "tldr", "file", "stat", "ls", "ll", "tree", "du", "df",
  "touch", "mkdir", "cp", "mv", "ln", "diff", "cmp", "comm", "basename", "dirname", "realpath", "readlink", "date", "sleep", "true", "false",
  "test", "[", "[[", "ps", "pgrep", "kill", "top", "htop", "open", "xdg-open", "code", "cursor", "subl", "nano", "notify-send", "say", "logger",
  "cowsay", "figlet", "banner", "hg", "svn", "jj", "fossil", "bzr", "glab", "jira", "linear", "tea", "apt", "apt-get", "aptitude", "brew",
  "dnf", "yum", "zypper", "pacman", "apk", "snap", "flatpak", "port", "choco", "winget", "scoop", "nix-env", "pip", "pip3", "gem", "cargo", "go",
  "rustup", "set", "export", "declare", "typeset", "local", "readonly", "unset", "read", "history", "hash", "complete", "compgen", "bind", "shopt",
  "ulimit", "umask", "cd", "pushd", "popd", "dirs", "jobs", "fg", "bg", "wait", "disown", "return", "exit", "break", "continue", "shift",
  "getopts", "let", "git-commit", "commitizen", "cz", "changeset", "npm-check-updates", "ncu", "say", "espeak", "translate", "gpg", "age",
  "base64", "xxd", "od", "hexdump", "md5sum", "sha256sum", "shasum", "openssl", "column", "fold", "fmt", "nl", "paste", "join", "expand", "rev",
  "seq", "yes", "whoami", "id", "hostname", "uname", "env-echo", "pwd", "clear", "reset", "tput", "stty", "locale", "printenv",
  // Look-ups whose arguments name programs, users or packages: `getent passwd alice`, `dpkg -L git`, `man rm`.
  "getent", "dpkg", "dpkg-query", "rpm", "whois", "dig", "host", "nslookup", "finger", "pinky", "pydoc", "pydoc3", "perldoc", "ri", "godoc",
  "cheat", "apt-cache", "apt-file", "brew-info", "npm-view", "pkgfile", "command-not-found",
  // Builtins whose code arguments evaluated.ts reads itself, in the shell's own variables: a guess would lose them.
  "trap", "mapfile", "readarray",
]);

/** Words after which a lone program name is run, not named: `mytool run reboot`, `mytool -- halt`. */
const RUN_WORDS = new Set(["run", "exec", "x", "--", "-c", "-e", "-x", "--exec", "--command", "--run", "do", "start", "spawn", "call", "invoke", "execute", "sh", "shell"]);

/** A word that could be a program name: `crane`, `/opt/bin/tool`, `git-push`, `python3.12`. */
const PROGRAM_LIKE = /^(?:[./~]?[\w.+@-]*\/)*[A-Za-z0-9_][\w.+-]*$/;

/** Candidate starts checked per unknown program: enough for real tools, bounded for hostile input. */
const MAX_CANDIDATES = 16;

export type FallbackCandidate =
  /** The argv from this word on is a command (`mytool run rm -rf ~`). */
  | { kind: "argv"; words: Word[] }
  /** One word holds a whole command (`mytool --exec 'rm -rf ~'`). */
  | { kind: "string"; word: Word }
  /**
   * A quoted string inside one word of code, or a shell escape, holds a whole command
   * (`lua -e 'os.execute("rm -rf ~")'`, `osascript -e 'do shell script "rm -rf ~"'`, `ipython -c '!rm -rf ~'`).
   */
  | { kind: "embedded"; text: string; word: Word };

/** Quoted strings in a word of code: "…", '…' and `…`, without escapes inside (bounded by the word). */
const QUOTED = /"([^"\\\n]{3,})"|'([^'\\\n]{3,})'|`([^`\\\n]{3,})`/g;

/**
 * Commands held inside a word that is itself code: its quoted strings whose first token names a
 * program guard knows, and a leading shell escape (`!cmd`). Bounded by MAX_CANDIDATES.
 */
export function embeddedCommands(text: string, known: (name: string) => boolean, limit = MAX_CANDIDATES): string[] {
  const out: string[] = [];
  const escape = /^\s*!\s*([^\s;&|()<>]+\s+\S[^\n]*)/.exec(text);
  if (escape && known(escape[1].split(/\s/)[0].replace(/^.*\//, ""))) out.push(escape[1]);
  for (const m of text.matchAll(QUOTED)) {
    if (out.length >= limit) break;
    const inner = m[1] ?? m[2] ?? m[3];
    const first = /^\s*!?\s*([^\s;&|()<>]+)\s+\S/.exec(inner);
    if (first && known(first[1].replace(/^.*\//, ""))) out.push(inner.replace(/^\s*!/, ""));
  }
  return out;
}

/** Whether an unknown program's arguments are worth reading as commands at all. */
export function fallbackApplies(program: string, known: (name: string) => boolean): boolean {
  return program !== "" && !DATA_PROGRAMS.has(program) && !known(program);
}

/**
 * Where, in an unknown program's arguments, a command might start: a known program name with arguments
 * after it (`mytool --x rm -rf ~`), any program-like word with arguments right after a word such as
 * `run`, `exec` or `--` (`mytool run crane delete x`, judged by the generic verb rule), a lone known
 * program name right after such a word,
 * or a word whose first token names a known program and that holds more (`'rm -rf ~'`). Options
 * (`-x`) and everything after 16 candidates are skipped.
 */
export function fallbackCandidates(argv: Word[], known: (name: string) => boolean): FallbackCandidate[] {
  const out: FallbackCandidate[] = [];
  for (let i = 1; i < argv.length && out.length < MAX_CANDIDATES; i++) {
    const w = argv[i];
    if (w.dynamic || w.value.startsWith("-") || w.value === "") continue;
    const first = /^\s*([^\s;&|()<>]+)\s+\S/.exec(w.value);
    if (first && known(first[1].replace(/^.*\//, ""))) {
      out.push({ kind: "string", word: w });
      continue;
    }
    if (/["'`!]/.test(w.value)) for (const text of embeddedCommands(w.value, known, MAX_CANDIDATES - out.length)) out.push({ kind: "embedded", text, word: w });
    if (first) continue;
    // `.` is a path far more often than the source builtin (`eslint . --fix`): only `. FILE` with a script-like file counts.
    if (w.value === "." && !/^(?:\.{0,2}\/|~\/|\S+\.(?:sh|bash|env)$)/.test(argv[i + 1]?.dynamic ? "" : argv[i + 1]?.value ?? "")) continue;
    if (!PROGRAM_LIKE.test(w.value) && w.value !== ".") continue;
    const name = programName(w);
    const lone = i === argv.length - 1;
    const afterRunWord = RUN_WORDS.has(argv[i - 1].value);
    // Known programs anywhere; any other program only right after `run`/`exec`/`--` (`mytool run crane delete x`),
    // where the generic verb rule can judge it. Everywhere else that would be a guess about every word.
    if (lone ? known(name) && afterRunWord : known(name) || (afterRunWord && !DATA_PROGRAMS.has(name))) out.push({ kind: "argv", words: argv.slice(i) });
  }
  return out;
}
