// Options and scripts that make a program run commands: awk system(), sed `e`, vim -c '!…', tar --to-command, rsync -e, ssh -o ProxyCommand, git -c core.pager…
import type { EnvAssignment, Word } from "./model";
import type { Span } from "../core/finding";
import { scanOptions, type ScannedOption } from "./options";
import { argvFrom, NONE, several, valueWord, type Unwrapped, type Unwrapper } from "./unwrapped";
import { literalWord } from "./words";
import { awkCommands, sedCommands, vimCommands, type CodeFinding } from "./embedded-code";
import { settingFlagCommands, type ConfigEntry } from "./git-setting-flags";
import { gitExtrasCommands } from "./git-extras";

/** Turns what an embedded-language scan found into unwrap results anchored at `word`. */
function fromFindings(findings: CodeFinding[], word: Word, label: string): Unwrapped[] {
  return findings.map((f) => {
    switch (f.kind) {
      case "shell":
        return { kind: "shell-string", word: shellWord(f.text, word), label };
      case "unknown":
        return { kind: "unknown", detail: `${label} ${f.detail}`, span: word.span };
      default: {
        const unreachable: never = f;
        return unreachable;
      }
    }
  });
}

/** Shell text found inside `carrier` (a literal piece of it), as a word that points at the carrier. */
function shellWord(text: string, carrier: Word): Word {
  return literalWord(text, carrier.span);
}

/** A literal word's value, or an `unknown` result when the code is built at run time. */
function scriptOf(word: Word, label: string): string | Unwrapped {
  if (!word.dynamic) return word.value;
  return { kind: "unknown", detail: `${label} runs code built at run time (\`${word.raw}\`)`, span: word.span };
}

/** `awk -f FILE`, `sed -f FILE`: each script file, to be read and scanned like an inline script. */
function scriptFiles(argv: Word[], options: ScannedOption[], names: string[], dialect: "awk" | "sed", label: string): Unwrapped[] {
  return options.filter((o) => names.includes(o.name)).flatMap((o): Unwrapped[] => {
    const file = valueWord(argv, o.index, o.value);
    return file ? [{ kind: "script-code", dialect, file, label: `${label} -f` }] : [];
  });
}

/** `awk [-F fs] [-v v=x] 'PROGRAM' files`, `gawk -e PROG`/`--source PROG`: system(), print | "cmd", "cmd" | getline. */
function awkUnwrapper(argv: Word[]): Unwrapped {
  const name = argv[0].value.replace(/^.*\//, "");
  const scan = scanOptions(argv, 1, { valued: ["-F", "-v", "-f", "-e", "-i", "-l", "-E", "-W", "--field-separator", "--assign", "--file", "--source", "--include", "--load", "--exec"], abbreviations: true });
  const sources = scan.options.filter((o) => o.name === "-e" || o.name === "--source").map((o) => valueWord(argv, o.index, o.value));
  const fromFile = scan.options.some((o) => ["-f", "--file", "-E", "--exec"].includes(o.name));
  if (!fromFile && sources.length === 0 && argv[scan.rest]) sources.push(argv[scan.rest]);
  const out: Unwrapped[] = scriptFiles(argv, scan.options, ["-f", "--file", "-E", "--exec"], "awk", name);
  for (const word of sources) {
    if (!word) continue;
    const script = scriptOf(word, name);
    if (typeof script !== "string") out.push(script);
    else out.push(...fromFindings(awkCommands(script), word, name));
  }
  return several(out);
}

/** `sed [-n] [-e SCRIPT]… [-f FILE] [SCRIPT] files`: the `e` command and the `e` flag of `s///` run commands. */
function sedUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-e", "-f", "-l", "--expression", "--file", "--line-length"], abbreviations: true, known: ["--sandbox", "--in-place", "--quiet", "--silent", "--regexp-extended", "--separate", "--null-data", "--unbuffered", "--posix", "--debug"] });
  // --sandbox rejects e, r and w: nothing runs.
  if (scan.options.some((o) => o.name === "--sandbox")) return NONE;
  const scripts = scan.options.filter((o) => o.name === "-e" || o.name === "--expression").map((o) => valueWord(argv, o.index, o.value));
  const fromFile = scan.options.some((o) => o.name === "-f" || o.name === "--file");
  if (!fromFile && scripts.length === 0 && argv[scan.rest]) scripts.push(argv[scan.rest]);
  const out: Unwrapped[] = scriptFiles(argv, scan.options, ["-f", "--file"], "sed", "sed");
  for (const word of scripts) {
    if (!word) continue;
    const script = scriptOf(word, "sed");
    // A sed script made at run time is ordinary in scripts (`sed "s/x/$V/"`): it can only run commands with an `e`.
    if (typeof script !== "string") {
      if (/(?:^|[;{}\s\d$/])e\b|\/e\b|\/[gpIiMm\d]*e[gpIiMm\d]*(?:$|[;}\s])/.test(word.shellText ?? word.raw)) out.push(script);
      continue;
    }
    out.push(...fromFindings(sedCommands(script), word, "sed"));
  }
  return several(out);
}

const VIM_VALUED = ["-c", "--cmd", "-S", "-u", "-U", "-i", "-T", "-w", "-W", "-s", "-r", "-t", "-q", "--servername", "--remote-send", "--remote-expr", "--startuptime", "--listen"];
/** Vim's switches that take no value, which may come before `c` in one word (`ex -sc CMD`, `vim -Nesc CMD`). */
const VIM_CLUSTER = /^-([eEsNblmMRZAHFydnxLCXgfp]*)c([\s\S]*)$/;
/** Files of ex commands: `-S FILE` (sourced after startup), `-u VIMRC`, and `-s FILE` (typed keys, outside Ex mode). */
const VIM_SCRIPT_FILES = new Set(["-S", "-u", "-s"]);

/**
 * `vim -c CMD`, `vim +CMD`, `vim --cmd CMD`, `ex -sc CMD`, `nvim --remote-send KEYS`: ex commands, where `!cmd` runs a shell;
 * `-S FILE`/`-u FILE`: script files, read the same way; and what reaches vim's stdin, which it reads as typed
 * commands (Ex mode: `echo '!cmd' | ex -s`), unless a `-` argument makes stdin the text to edit.
 */
function vimUnwrapper(argv: Word[]): Unwrapped {
  const name = argv[0].value.replace(/^.*\//, "");
  if (name === "rvim" || name === "rview") return NONE; // restricted: shell commands are refused
  const commands: Word[] = [];
  const out: Unwrapped[] = [];
  let exMode = name === "ex" || name === "exim";
  let stdinText = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.value === "--") break;
    if (w.value === "-") stdinText = true;
    else if (w.value.startsWith("+") && w.value.length > 1) commands.push({ ...w, value: w.value.slice(1) });
    else if (VIM_VALUED.includes(w.value) && !(w.value === "-s" && exMode)) {
      if (["-c", "--cmd", "--remote-send", "--remote-expr"].includes(w.value) && argv[i + 1]) commands.push(argv[i + 1]);
      const file = argv[i + 1];
      if (VIM_SCRIPT_FILES.has(w.value) && file && !/^(?:NONE|NORC|DEFAULTS)$/.test(file.value)) out.push({ kind: "code", language: "vim", file, label: `${name} ${w.value} ${file.raw}` });
      i++;
    } else if (!w.dynamic && /^-[A-Za-z]/.test(w.value) && !w.value.startsWith("--")) {
      // `-e`, `-es`, `-Es`: Ex mode, where `-s` is silent mode rather than a file of typed keys.
      if (/[eE]/.test(w.value.slice(1).split("c")[0])) exMode = true;
      const cluster = VIM_CLUSTER.exec(w.value);
      if (cluster) {
        const code = cluster[2] ? { ...w, value: cluster[2] } : argv[++i];
        if (code) commands.push(code);
      }
    }
  }
  for (const word of commands) {
    const script = scriptOf(word, name);
    if (typeof script !== "string") out.push(script);
    else out.push(...fromFindings(vimCommands(script), word, `${name} -c`));
  }
  if (!stdinText) out.push({ kind: "code", language: "vim", label: `${name} <stdin>` });
  return several(out);
}

/** Long options of tar that run a program, with the shortest prefix GNU tar accepts for each. */
const TAR_COMMANDS: [string, number][] = [["--to-command", 6], ["--use-compress-program", 5], ["--info-script", 5], ["--new-volume-script", 6], ["--rsh-command", 4], ["--rmt-command", 4]];

function tarCommandOption(name: string): boolean {
  return TAR_COMMANDS.some(([full, min]) => name.length >= min && full.startsWith(name));
}

/** `tar --checkpoint-action=exec=CMD`, `--to-command=CMD`, `-I CMD`, `-F SCRIPT`: each runs a program through a shell. */
function tarUnwrapper(argv: Word[]): Unwrapped {
  const out: Unwrapped[] = [];
  const add = (word: Word | undefined, value: string | undefined) => {
    if (!word) return;
    const w = value === undefined ? word : { ...word, value };
    out.push(w.dynamic ? { kind: "unknown", detail: `tar runs a program named at run time (\`${word.raw}\`)`, span: word.span } : { kind: "shell-string", word: w, label: "tar" });
  };
  // Old-style first word (`tar cIf PROG a.tar`): each letter that takes a value takes the next word.
  let next = 2;
  if (argv[1] && !argv[1].dynamic && /^[A-Za-z]+$/.test(argv[1].value)) {
    for (const letter of argv[1].value) {
      if (!"fbCIFgKLNTVXH".includes(letter)) continue;
      if (letter === "I" || letter === "F") add(argv[next], undefined);
      next++;
    }
  }
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) continue;
    if (w.value === "--") break;
    const eq = w.value.indexOf("=");
    const name = eq > 0 ? w.value.slice(0, eq) : w.value;
    const value = eq > 0 ? w.value.slice(eq + 1) : undefined;
    if (name.startsWith("--checkpoint-a") && "--checkpoint-action".startsWith(name)) {
      const action = value ?? argv[i + 1]?.value ?? "";
      const m = /^exec=([\s\S]*)$/.exec(action);
      if (m) add(value === undefined ? argv[i + 1] : w, m[1]);
    } else if (name.startsWith("--") && tarCommandOption(name)) {
      add(value === undefined ? argv[i + 1] : w, value);
    } else if (/^-[A-Za-z]*[IF]/.test(w.value) && !w.value.startsWith("--")) {
      // `-I PROG`, `-IPROG`, `-xI PROG`: the rest of the cluster, or the next word.
      const at = w.value.search(/[IF]/);
      const rest = w.value.slice(at + 1);
      const before = w.value.slice(1, at);
      if (/f/.test(before)) continue; // `-fI`: f took the next word first; rare enough to leave
      add(rest ? w : argv[i + 1], rest || undefined);
    }
  }
  return several(out);
}

/** `zip -TT CMD`/`--unzip-command CMD`: zip runs CMD to test the archive. */
function zipUnwrapper(argv: Word[]): Unwrapped {
  const out: Unwrapped[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === "-TT" || v === "--unzip-command") {
      if (argv[i + 1]) out.push({ kind: "shell-string", word: argv[i + 1], label: "zip -TT" });
    } else if (v.startsWith("--unzip-command=") || (v.startsWith("-TT") && v.length > 3)) {
      out.push({ kind: "shell-string", word: { ...argv[i], value: v.replace(/^--unzip-command=|^-TT=?/, "") }, label: "zip -TT" });
    }
  }
  return several(out);
}

/** `rsync -e CMD`/`--rsh=CMD` runs CMD as the remote shell; `--rsync-path=CMD` runs on the remote side. */
function rsyncUnwrapper(argv: Word[]): Unwrapped {
  const out: Unwrapped[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic || !w.value.startsWith("-")) continue;
    if (w.value === "--") break;
    const long = /^--(rsh|rsync-path)(?:=([\s\S]*))?$/.exec(w.value);
    if (long) {
      const word = long[2] !== undefined ? { ...w, value: long[2] } : argv[i + 1];
      if (word) out.push({ kind: "shell-string", word, label: `rsync --${long[1]}` });
      continue;
    }
    if (!w.value.startsWith("--")) {
      // Letters before `e` must be switches (`-avze ssh`), not an option whose value holds an e (`-f'exclude x'`).
      const m = /^-[avzrlptgoDhHPSqcuxWnRbdAXiKkLOJCmIyE8]*e/.exec(w.value);
      const at = m ? m[0].length - 1 : -1;
      if (at > 0) {
        const rest = w.value.slice(at + 1);
        const word = rest ? { ...w, value: rest } : argv[i + 1];
        if (word) out.push({ kind: "shell-string", word, label: "rsync -e" });
      }
    }
  }
  return several(out);
}

/** `fd PATTERN -x CMD…`/`-X CMD…`: like find -exec, the command runs on each result. */
function fdUnwrapper(argv: Word[]): Unwrapped {
  const at = argv.findIndex((w, i) => i > 0 && !w.dynamic && ["-x", "--exec", "-X", "--exec-batch"].includes(w.value));
  if (at < 0) return NONE;
  let end = at + 1;
  while (end < argv.length && argv[end].value !== ";") end++;
  const words = argv.slice(at + 1, end).map((w) => (/\{[/.]*\}|\{\/\.\}|\{\}/.test(w.value) ? { ...w, dynamic: true } : w));
  return words.length ? { kind: "argvs", list: [words], appendedArgs: "find" } : NONE;
}

/** ssh -o options whose value is a command run locally (ProxyCommand, LocalCommand, KnownHostsCommand) or remotely (RemoteCommand). */
const SSH_COMMAND_OPTIONS = new Set(["proxycommand", "localcommand", "knownhostscommand", "remotecommand"]);

/** The commands `-o Key=Value` options of ssh/scp/sftp run; `-S PROG` (scp/sftp) names the program used instead of ssh. */
export function sshCodeOptions(argv: Word[], options: ScannedOption[]): Unwrapped[] {
  const out: Unwrapped[] = [];
  for (const o of options) {
    if (o.name === "-o" && o.value !== undefined) {
      const m = /^\s*([A-Za-z]+)\s*(?:=|\s)\s*([\s\S]*)$/.exec(o.value);
      if (!m || !SSH_COMMAND_OPTIONS.has(m[1].toLowerCase()) || /^none$/i.test(m[2].trim())) continue;
      const carrier = valueWord(argv, o.index, o.value);
      if (carrier) out.push(carrier.dynamic ? { kind: "unknown", detail: `ssh -o ${m[1]} runs a command built at run time`, span: carrier.span } : { kind: "shell-string", word: { ...carrier, value: m[2] }, label: `ssh -o ${m[1]}` });
    } else if (o.name === "-S" && o.value !== undefined && argv[0].value.replace(/^.*\//, "") !== "ssh") {
      const word = valueWord(argv, o.index, o.value);
      if (word) out.push({ kind: "shell-string", word, label: "scp -S" });
    }
  }
  return out;
}

/** Variables whose value is a command some program runs (git, ssh, pagers, editors). */
const COMMAND_VARIABLES = new Set(["GIT_SSH_COMMAND", "GIT_SSH", "GIT_PAGER", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_EXTERNAL_DIFF", "GIT_ASKPASS",
  "SSH_ASKPASS", "GIT_PROXY_COMMAND", "EDITOR", "VISUAL", "PAGER", "MANPAGER", "SYSTEMD_PAGER", "SUDO_ASKPASS", "PROMPT_COMMAND"]);

/** Variables that make the dynamic loader inject a library into the program (`LD_PRELOAD=/tmp/x.so ls`). */
const LOADER_VARIABLES = new Set(["LD_PRELOAD", "LD_AUDIT", "DYLD_INSERT_LIBRARIES"]);
/** Libraries installed by the system or its package manager (`LD_PRELOAD=/usr/lib/…/libjemalloc.so.2`): not code the agent wrote. */
const SYSTEM_LIBRARY = /^(?:\/usr)?\/lib(?:32|64|x32)?\/|^\/usr\/local\/lib\/|^\/opt\/homebrew\/|^\/usr\/lib\/|^lib[\w.+-]+\.so(?:\.\d+)*$/;

/** `GIT_SSH_COMMAND='…' git fetch`, `EDITOR='…' git commit`: the value is run through a shell by the program. */
export function envCommands(program: string, env: readonly EnvAssignment[]): Unwrapped[] {
  if (!program) return [];
  const out: Unwrapped[] = [];
  for (const e of env) {
    if (e.name === "LESSOPEN" || e.name === "LESSCLOSE") {
      // less runs the value through a shell for each file: `|CMD %s` pipes its output in, a plain `CMD %s` names a file.
      const command = e.value.replace(/^\s*\|?\|?-?/, "");
      if (command.trim()) out.push({ kind: "shell-string", word: literalWord(command, e.span), label: e.name });
    } else if (COMMAND_VARIABLES.has(e.name)) {
      // A dynamic value (`GIT_SSH_COMMAND="ssh -i $KEY"`) is read with its expansions in place: they are arguments, not code.
      if (e.value.trim()) out.push({ kind: "shell-string", word: literalWord(e.value, e.span), label: e.name });
    } else if (LOADER_VARIABLES.has(e.name) && e.value.trim() && (e.dynamic || e.value.split(/[: ]/).some((lib) => lib !== "" && !SYSTEM_LIBRARY.test(lib)))) {
      // The dynamic loader runs the library's constructors inside the program before main.
      out.push({ kind: "unknown", detail: `${e.name} loads \`${e.value}\` into ${program}, code guard cannot read`, span: e.span });
    } else if (e.name === "GIT_EXEC_PATH") {
      // git's configuration variables (GIT_CONFIG_*) are read as `git -c` options: see git-env-config.ts.
      out.push({ kind: "unknown", detail: `${e.name} makes git run programs guard cannot see`, span: e.span });
    }
  }
  return out;
}

const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0|)$/i;

/** The command a git configuration entry makes git run, if any (`core.pager=CMD`, `alias.x=!CMD`, `core.hooksPath=DIR`). */
export function gitConfigCommands(key: string, value: string, span: Span): Unwrapped[] {
  const k = key.toLowerCase();
  const shell = (text: string): Unwrapped[] => [{ kind: "shell-string", word: literalWord(text, span), label: `git -c ${key}` }];
  if (["core.sshcommand", "core.editor", "sequence.editor", "core.askpass", "diff.external", "core.gitproxy", "gpg.program", "gpg.ssh.program",
    "gpg.x509.program", "uploadpack.packobjectshook", "web.browser", "sendemail.sendmailcmd", "sendemail.tocmd", "sendemail.cccmd", "sendemail.headercmd",
    "sendemail.aliasfiletype"].includes(k)) return k === "sendemail.aliasfiletype" ? [] : shell(value);
  if (k === "core.pager" || /^pager\./.test(k) || k === "core.fsmonitor") return BOOLEAN.test(value.trim()) ? [] : shell(value);
  if (/^credential(?:\..*)?\.helper$/.test(k)) return value.startsWith("!") ? shell(value.slice(1)) : [];
  if (/^(?:diff\..+\.(?:command|textconv)|filter\..+\.(?:clean|smudge|process)|merge\..+\.driver|(?:diff|merge)tool\..+\.cmd|browser\..+\.cmd|man\..+\.cmd|remote\..+\.(?:receivepack|uploadpack))$/.test(k)) return shell(value);
  if (k === "core.hookspath") {
    // Pointing hooks at /dev/null only turns them off; any other directory runs whatever hooks it holds.
    return value === "" || value === "/dev/null" ? [] : [{ kind: "unknown", detail: `git runs hooks from \`${value}\`, which guard does not read`, span }];
  }
  if (k === "include.path" || /^includeif\..+\.path$/.test(k)) return [{ kind: "unknown", detail: `git reads configuration from \`${value}\`, which can name commands to run`, span }];
  return [];
}

/** git options before the subcommand that take a value in the next word. */
const GIT_GLOBAL_VALUED = new Set(["-C", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix", "--list-cmds"]);

/** `git rebase --exec CMD`, `git bisect run CMD…`, `git submodule foreach CMD`, `git filter-branch --tree-filter CMD`, `--upload-pack=CMD`. */
function gitSubcommandCommands(argv: Word[], at: number): Unwrapped[] {
  const sub = argv[at]?.value;
  const out: Unwrapped[] = [];
  const rest = argv.slice(at + 1);
  const shell = (word: Word | undefined, label: string) => {
    if (word) out.push({ kind: "shell-string", word, label });
  };
  const valueOf = (i: number, name: string): Word | undefined => {
    const w = argv[i];
    if (w.value === name) return argv[i + 1];
    if (w.value.startsWith(`${name}=`)) return { ...w, value: w.value.slice(name.length + 1) };
    if (name.length === 2 && w.value.startsWith(name) && !w.value.startsWith("--")) return { ...w, value: w.value.slice(2) };
    return undefined;
  };
  for (let i = at + 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) continue;
    if (w.value === "--") break;
    if (sub === "rebase") shell(valueOf(i, "--exec") ?? valueOf(i, "-x"), "git rebase --exec");
    if (sub === "filter-branch") {
      for (const f of ["--env-filter", "--tree-filter", "--index-filter", "--parent-filter", "--msg-filter", "--commit-filter", "--tag-name-filter", "--setup"]) shell(valueOf(i, f), `git filter-branch ${f}`);
    }
    if (sub === "difftool") shell(valueOf(i, "--extcmd") ?? valueOf(i, "-x"), "git difftool --extcmd");
    if (sub === "grep") shell(valueOf(i, "--open-files-in-pager") ?? (w.value.startsWith("-O") ? { ...w, value: w.value.slice(2) } : undefined), "git grep -O");
    if (["clone", "fetch", "pull", "ls-remote", "archive"].includes(sub ?? "")) shell(valueOf(i, "--upload-pack") ?? (sub === "clone" ? valueOf(i, "-u") : undefined) ?? (sub === "archive" ? valueOf(i, "--exec") : undefined), `git ${sub} --upload-pack`);
    if (sub === "push" || sub === "send-pack") shell(valueOf(i, "--receive-pack") ?? valueOf(i, "--exec"), "git push --receive-pack");
    if (sub === "send-email") for (const f of ["--sendmail-cmd", "--to-cmd", "--cc-cmd", "--header-cmd"]) shell(valueOf(i, f), `git send-email ${f}`);
    // `ext::CMD` remote URLs make git run CMD (when protocol.ext.allow lets it).
    const ext = /^ext::/.test(w.value) ? extTransportArgv(w) : [];
    if (ext.length) out.push({ kind: "argv", words: ext, label: "git ext:: transport" });
  }
  if (sub === "bisect" && rest[0]?.value === "run" && rest.length > 1) out.push({ kind: "argv", words: rest.slice(1), label: "git bisect run" });
  if (sub === "submodule") {
    const f = rest.findIndex((w) => w.value === "foreach");
    if (f >= 0) {
      let j = f + 1;
      while (rest[j] && /^(?:--recursive|-q|--quiet)$/.test(rest[j].value)) j++;
      if (j < rest.length) out.push({ kind: "shell-words", words: rest.slice(j), label: "git submodule foreach" });
    }
  }
  return out;
}

/**
 * The argv of an `ext::CMD ARGS` remote: git splits it at unescaped spaces and runs it without a shell;
 * `% ` is a space, `%%` a percent sign, `%s`/`%S` the service name.
 */
function extTransportArgv(word: Word): Word[] {
  const words: string[] = [];
  let current = "";
  const text = word.value.slice(5);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "%" && i + 1 < text.length) {
      const next = text[++i];
      current += next === "s" ? "git-upload-pack" : next === "S" ? "upload-pack" : next;
    } else if (ch === " ") {
      if (current) words.push(current);
      current = "";
    } else current += ch;
  }
  if (current) words.push(current);
  return words.map((value) => (word.dynamic ? { ...word, value } : literalWord(value, word.span)));
}

/**
 * git: `-c KEY=VALUE` entries that run commands (see gitConfigCommands), an alias given with `-c`,
 * `--exec-path` (git subcommands from a directory guard does not read), and subcommand options
 * that run commands. `-c remote.NAME.push=+REF` forces the push it configures; `-c remote.NAME.mirror=true` mirrors it.
 */
export const gitUnwrapper: Unwrapper = (argv) => {
  const out: Unwrapped[] = [];
  const aliases = new Map<string, string>();
  const pushConfig: { remote: string; value: string; span: Span }[] = [];
  const settings: ConfigEntry[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return several(out);
    if (w.value === "-c" || (w.value.startsWith("-c") && w.value.length > 2 && w.value[2] !== "-")) {
      const entry = w.value === "-c" ? argv[++i] : { ...w, value: w.value.slice(2) };
      if (!entry) break;
      if (entry.dynamic) {
        out.push({ kind: "unknown", detail: `git -c sets configuration built at run time (\`${entry.raw}\`)`, span: entry.span });
        continue;
      }
      const eq = entry.value.indexOf("=");
      const key = eq > 0 ? entry.value.slice(0, eq) : entry.value;
      const value = eq > 0 ? entry.value.slice(eq + 1) : "true";
      settings.push({ key, value, span: entry.span });
      const alias = /^alias\.(.+)$/i.exec(key);
      if (alias) aliases.set(alias[1], value);
      const push = /^remote\.(.+)\.push$/i.exec(key);
      if (push && value.startsWith("+")) pushConfig.push({ remote: push[1], value, span: entry.span });
      // `-c remote.NAME.mirror=true`: a bare `git push NAME` becomes `git push --mirror NAME`.
      const mirror = /^remote\.(.+)\.mirror$/i.exec(key);
      if (mirror && /^(?:true|yes|on|1)$/i.test(value)) pushConfig.push({ remote: mirror[1], value: "--mirror", span: entry.span });
      out.push(...gitConfigCommands(key, value, entry.span));
    } else if (w.value === "--exec-path" || w.value.startsWith("--exec-path=")) {
      if (w.value !== "--exec-path") out.push({ kind: "unknown", detail: "git runs its subcommands from a directory guard does not read", span: w.span });
    } else if (GIT_GLOBAL_VALUED.has(w.value)) i++;
    else if (!w.value.startsWith("-")) break;
  }
  const at = argv[i];
  if (!at) return several(out);
  const expansion = aliases.get(at.value);
  if (expansion !== undefined) {
    // `!cmd` aliases run a shell command; others are git arguments.
    const text = expansion.startsWith("!") ? expansion.slice(1) : `git ${expansion}`;
    out.push({ kind: "shell-words", words: [{ ...at, value: text }, ...argv.slice(i + 1)], label: "git alias" });
    return several(out);
  }
  out.push(...gitSubcommandCommands(argv, i), ...settingFlagCommands(argv, i, settings), ...gitExtrasCommands(argv, i));
  // Once forced or mirrored (the command this makes below, followed again with the same settings), nothing more to add.
  if (at.value === "push" && !argv.slice(i + 1).some((w) => w.value === "--force" || w.value === "--mirror")) {
    // The configured refspec is what a bare `git push REMOTE` pushes: `+` forces it.
    for (const p of pushConfig) {
      const how = p.value === "--mirror" ? [literalWord("--mirror", p.span), literalWord(p.remote, p.span)] : [literalWord("--force", p.span), literalWord(p.remote, p.span), literalWord(p.value, p.span)];
      out.push({ kind: "argv", words: [literalWord("git", p.span), literalWord("push", p.span), ...how], label: "git -c remote.push" });
    }
  }
  return several(out);
};

/** `less +'!cmd' FILE`, `more +'!cmd'`: a `+` option is run as less commands, and `!` runs a shell command. */
function lessUnwrapper(argv: Word[]): Unwrapped {
  const out: Unwrapped[] = [];
  for (const w of argv.slice(1)) {
    if (w.value === "--") break;
    const m = /^\+\+?(.*)$/.exec(w.value);
    if (!m) continue;
    if (w.dynamic && /!|\|/.test(w.raw)) out.push({ kind: "unknown", detail: `${argv[0].value} runs commands guard cannot read (\`${w.raw}\`)`, span: w.span });
    const bang = /^[!|](?:[^!].*)?$/s.test(m[1]) ? m[1].replace(/^\|./, "").replace(/^!/, "") : undefined;
    if (bang !== undefined && bang.trim() && !w.dynamic) out.push({ kind: "shell-string", word: shellWord(bang, w), label: `${argv[0].value} +!` });
  }
  return several(out);
}

export const CODE_OPTION_WRAPPERS: Record<string, Unwrapper> = {
  less: lessUnwrapper, more: lessUnwrapper,
  awk: awkUnwrapper, gawk: awkUnwrapper, mawk: awkUnwrapper, nawk: awkUnwrapper, busybox_awk: awkUnwrapper,
  sed: sedUnwrapper, gsed: sedUnwrapper,
  vim: vimUnwrapper, nvim: vimUnwrapper, vi: vimUnwrapper, ex: vimUnwrapper, view: vimUnwrapper, gvim: vimUnwrapper, vimdiff: vimUnwrapper, rvim: vimUnwrapper, rview: vimUnwrapper,
  tar: tarUnwrapper, gtar: tarUnwrapper, bsdtar: tarUnwrapper,
  zip: zipUnwrapper,
  rsync: rsyncUnwrapper,
  fd: fdUnwrapper, fdfind: fdUnwrapper,
};

export { argvFrom };
