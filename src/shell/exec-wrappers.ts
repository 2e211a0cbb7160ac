// Programs that run their arguments as a command (strace, unshare, flock, op run…), each described by its option grammar.
import type { Word } from "./model";
import { hasOption, scanOptions, type ScannedOption } from "./options";
import { argvFrom, NONE, several, valueWord, type Unwrapped, type Unwrapper } from "./unwrapped";
import { wordText } from "./words";

/**
 * How one wrapper reads its argv. The command starts after: options, the `sub` words, `operands`
 * positionals (`chroot DIR`, `taskset MASK`, `aws-vault exec PROFILE`), then an optional `--`.
 */
export interface WrapperGrammar {
  /** Options that take a value (`-o FILE`, `--unit NAME`). */
  valued?: readonly string[];
  /** Words that must come first (`run` in `op run`), each with its alternatives. */
  sub?: readonly (readonly string[])[];
  /** Positional operands before the command. */
  operands?: number;
  /** Options that mean no command runs (`strace -p PID`, `taskset -p`). */
  none?: readonly string[];
  /** Options whose value is shell code run instead of the argv (`flock -c CMD`, `doppler run --command CMD`). */
  shellOption?: readonly string[];
  /** Output-file options where a value starting with `|` or `!` is a command the output is piped to (`strace -o '|CMD'`). */
  pipeOption?: readonly string[];
  /** The rest is joined with spaces and run by a shell (`watchexec 'make test'`, `sg GROUP CMD`). */
  joined?: boolean;
  /** Options may come anywhere before the command, even after operands (getopt permutation: `su root -c CMD`). */
  permute?: boolean;
  label?: string;
}

function shellFrom(argv: Word[], option: ScannedOption, label: string | undefined): Unwrapped {
  const word = valueWord(argv, option.index, option.value);
  return word ? { kind: "shell-string", word, ...(label ? { label } : {}) } : NONE;
}

/** `strace -o '|CMD'`, `-o '!CMD'`: the output goes to CMD, run through a shell. */
function pipedOutput(argv: Word[], options: ScannedOption[], names: readonly string[] | undefined): Unwrapped[] {
  return options.flatMap((o): Unwrapped[] => {
    if (!names?.includes(o.name) || o.value === undefined || !/^[|!]/.test(o.value)) return [];
    const word = valueWord(argv, o.index, o.value);
    return word ? [{ kind: "shell-string", word: { ...word, value: word.value.replace(/^.*?[|!]/s, "") }, label: `${argv[0].value} ${o.name}` }] : [];
  });
}

/** Applies a grammar to an argv: see WrapperGrammar; with `pipeOption`, also the commands output is piped to. */
export function grammarUnwrapper(g: WrapperGrammar): Unwrapper {
  const inner = commandOf(g);
  if (!g.pipeOption) return (argv) => inner(argv).result;
  return (argv) => {
    const { result, options } = inner(argv);
    const piped = pipedOutput(argv, options, g.pipeOption);
    return piped.length ? several([result, ...piped]) : result;
  };
}

/** The command a grammar's argv runs, with the options scanned on the way. */
function commandOf(g: WrapperGrammar): (argv: Word[]) => { result: Unwrapped; options: ScannedOption[] } {
  const spec = { valued: [...(g.valued ?? []), ...(g.shellOption ?? [])] };
  return (argv) => {
    const options: ScannedOption[] = [];
    const done = (result: Unwrapped) => ({ result, options });
    let i = 1;
    const scan = () => {
      const s = scanOptions(argv, i, spec);
      options.push(...s.options);
      i = s.rest;
      return s.endOfOptions === true;
    };
    let ended = scan();
    for (const alternatives of g.sub ?? []) {
      if (ended || !alternatives.includes(argv[i]?.value ?? "")) return done(NONE);
      i++;
      ended = scan();
    }
    for (let n = 0; n < (g.operands ?? 0); n++) {
      if (i >= argv.length) return done(NONE);
      i++;
      if (!ended) ended = scan();
    }
    if (g.permute && !ended) {
      // `su root -c CMD`, `script out.log -c CMD`: getopt permutes, so an option after an operand still counts.
      for (let j = i; j < argv.length && argv[j].value !== "--"; j++) {
        if (argv[j].dynamic || !argv[j].value.startsWith("-")) continue;
        const s = scanOptions(argv, j, spec);
        options.push(...s.options);
        j = Math.max(j, s.rest - 1);
      }
    }
    const shell = options.find((o) => g.shellOption?.includes(o.name));
    if (shell) return done(shellFrom(argv, shell, g.label));
    if (g.none?.length && hasOption({ options, rest: i }, ...g.none)) return done(NONE);
    if (g.permute) return done(NONE); // su-style: without -c the operands are a user name, not a command
    if (!ended && argv[i]?.value === "--") i++;
    if (i >= argv.length) return done(NONE);
    if (g.joined) return done({ kind: "shell-words", words: argv.slice(i), ...(g.label ? { label: g.label } : {}) });
    return done(argvFrom(argv, i, g.label ? { label: g.label } : {}));
  };
}

/** bwrap options by how many arguments each takes; anything else is a switch. */
const BWRAP_ARITY: Record<string, number> = {
  "--args": 1, "--argv0": 1, "--userns": 1, "--userns2": 1, "--pidns": 1, "--uid": 1, "--gid": 1, "--hostname": 1, "--chdir": 1,
  "--unsetenv": 1, "--lock-file": 1, "--sync-fd": 1, "--remount-ro": 1, "--exec-label": 1, "--file-label": 1, "--proc": 1, "--dev": 1,
  "--tmpfs": 1, "--mqueue": 1, "--dir": 1, "--seccomp": 1, "--add-seccomp-fd": 1, "--block-fd": 1, "--userns-block-fd": 1, "--info-fd": 1,
  "--json-status-fd": 1, "--cap-add": 1, "--cap-drop": 1, "--perms": 1, "--size": 1,
  "--setenv": 2, "--bind": 2, "--bind-try": 2, "--dev-bind": 2, "--dev-bind-try": 2, "--ro-bind": 2, "--ro-bind-try": 2, "--file": 2,
  "--bind-data": 2, "--ro-bind-data": 2, "--symlink": 2, "--chmod": 2, "--overlay-src": 1, "--overlay": 3, "--tmp-overlay": 1, "--ro-overlay": 1,
};

/** `bwrap --bind / / --dev /dev CMD…`: options take zero to three arguments each. */
function bwrapUnwrapper(argv: Word[]): Unwrapped {
  let i = 1;
  while (i < argv.length && !argv[i].dynamic && argv[i].value.startsWith("--")) {
    if (argv[i].value === "--") return argvFrom(argv, i + 1);
    i += 1 + (BWRAP_ARITY[argv[i].value] ?? 0);
  }
  return argvFrom(argv, i);
}

/** `ip [-n NS] netns exec NAME CMD…` (ip accepts abbreviations of `exec`). */
function ipUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-n", "-netns", "-b", "-batch", "-rc", "-rcvbuf", "-f", "-family", "-l", "-loops"], singleDashLong: true });
  const object = argv[scan.rest]?.value ?? "";
  const verb = argv[scan.rest + 1]?.value ?? "";
  if (!(object.length >= 4 && "netns".startsWith(object)) || !(verb.length >= 1 && "exec".startsWith(verb))) return NONE;
  return argvFrom(argv, scan.rest + 3, { label: "ip netns exec" });
}

/** `flock [opts] FILE CMD…` or `flock [opts] FILE -c CMD`: -c is only read right after the file. */
function flockUnwrapper(argv: Word[]): Unwrapped {
  const valued = ["-w", "--timeout", "-E", "--conflict-exit-code", "-c", "--command"];
  const scan = scanOptions(argv, 1, { valued });
  const command = scan.options.find((o) => o.name === "-c" || o.name === "--command");
  if (command) return shellFrom(argv, command, "flock -c");
  const after = scan.rest + 1; // skip the lock file
  const next = argv[after];
  if (next && !next.dynamic && (next.value === "-c" || next.value === "--command")) return argv[after + 1] ? { kind: "shell-string", word: argv[after + 1], label: "flock -c" } : NONE;
  if (next && !next.dynamic && next.value.startsWith("--command=")) return { kind: "shell-string", word: { ...next, value: next.value.slice(10) }, label: "flock -c" };
  return argvFrom(argv, after);
}

/** `sg GROUP [-c] CMD`: sg hands the command to /bin/sh -c. */
function sgUnwrapper(argv: Word[]): Unwrapped {
  let i = 1;
  if (argv[i]?.value === "-") i++;
  i++; // the group
  if (argv[i]?.value === "-c") i++;
  return i < argv.length ? { kind: "shell-words", words: argv.slice(i), label: "sg" } : NONE;
}

/** `runuser -u USER [--] CMD…` runs an argv; `runuser [-l] USER -c CMD` works like su. */
function runuserUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-u", "--user", "-g", "--group", "-G", "--supp-group", "-s", "--shell", "-w", "--whitelist-environment"] });
  if (hasOption(scan, "-u", "--user")) return argvFrom(argv, argv[scan.rest]?.value === "--" ? scan.rest + 1 : scan.rest);
  return SU(argv, []);
}

const SU = grammarUnwrapper({ valued: ["-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"], shellOption: ["-c", "--command", "--session-command"], permute: true });

/** `su [-] [USER]` with no -c starts the user's shell, which runs whatever reaches its stdin (`su - <<< CMD`). */
function suUnwrapper(argv: Word[], env: Parameters<Unwrapper>[1]): Unwrapped {
  const result = SU(argv, env);
  if (result.kind !== "none" || argv.some((w) => ["-h", "--help", "-V", "--version"].includes(w.value))) return result;
  return { kind: "shell-stdin" };
}

/** `expect -c 'spawn rm -rf dir; …'`: Tcl `spawn`/`exec`/`system` commands run programs. */
function expectUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-c", "-f"] });
  const scripts = scan.options.filter((o) => o.name === "-c").map((o) => valueWord(argv, o.index, o.value)).filter((w): w is Word => w !== undefined);
  const list: Unwrapped[] = [];
  for (const word of scripts) {
    if (word.dynamic) {
      list.push({ kind: "unknown", detail: "expect runs a script guard cannot read", span: word.span });
      continue;
    }
    for (const m of word.value.matchAll(/(?:^|[;\n[{]\s*)(?:spawn(?:\s+-\w+)*|exec|system)\s+([^;\n\]}]+)/g)) {
      list.push({ kind: "shell-string", word: { ...word, value: m[1].replace(/[{}]/g, "'") }, label: "expect" });
    }
  }
  return list.length === 0 ? NONE : list.length === 1 ? list[0] : { kind: "several", list };
}

/** `entr [-acdnprsz] UTILITY…`; with -s the utility is a shell string. */
function entrUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, {});
  if (scan.rest >= argv.length) return NONE;
  if (hasOption(scan, "-s")) return { kind: "shell-string", word: argv[scan.rest], label: "entr -s" };
  // `/_` is replaced by the changed file's name: a run-time value.
  return { kind: "argv", words: argv.slice(scan.rest).map((w) => (w.value === "/_" ? { ...w, dynamic: true } : w)), label: "entr" };
}

const WATCHEXEC_VALUED = ["-w", "--watch", "-W", "--watch-non-recursive", "-e", "--exts", "-f", "--filter", "-i", "--ignore", "-d", "--debounce",
  "-s", "--signal", "--shell", "--on-busy-update", "--delay-run", "--emit-events-to", "--project-origin", "--workdir", "-E", "--env",
  "--stop-signal", "--stop-timeout", "--filter-file", "--ignore-file", "--fs-events", "--log-file", "--color", "-j", "--filter-prog",
  "--socket", "--wrap-process", "--timeout", "--poll", "--completions", "--manual"];

/** `nodemon [opts] [script]`: `--exec`/`-x` is a shell command run on each change. */
const NODEMON = grammarUnwrapper({ valued: ["-w", "--watch", "-e", "--ext", "-i", "--ignore", "-d", "--delay", "--signal", "-V", "--config", "--cwd"], shellOption: ["-x", "--exec"], permute: true });

/** `dotenv [-e FILE] [--] CMD…` (dotenv-cli), `dotenv [-f FILE] run CMD…` (python-dotenv). */
function dotenvUnwrapper(argv: Word[]): Unwrapped {
  const valued = ["-e", "-v", "-c", "-p", "-f", "--file", "-o"];
  const scan = scanOptions(argv, 1, { valued });
  let i = scan.rest;
  if (!scan.endOfOptions && argv[i]?.value === "run") i = scanOptions(argv, i + 1, { valued }).rest;
  if (argv[i]?.value === "--") i++;
  return argvFrom(argv, i, { label: "dotenv" });
}

/** `doppler run [opts] [--] CMD…` or `doppler run --command CMD`. */
const DOPPLER = grammarUnwrapper({
  sub: [["run"]], valued: ["-p", "--project", "-c", "--config", "-t", "--token", "--mount", "--mount-format", "--mount-template", "--mount-max-reads",
    "--name-transformer", "--fallback", "--scope", "--api-host", "--configuration", "--watch"],
  shellOption: ["--command"], label: "doppler run",
});

export const EXEC_WRAPPERS: Record<string, Unwrapper> = {
  strace: grammarUnwrapper({ valued: ["-e", "-o", "-p", "-s", "-u", "-E", "-a", "-b", "-I", "-O", "-P", "-S", "-X", "-U", "--trace", "--output",
    "--attach", "--string-limit", "--user", "--env", "--signal", "--status", "--trace-path", "--summary-columns", "--summary-sort-by",
    "--const-print-style", "--quiet", "--abbrev", "--verbose", "--raw", "--read", "--write", "--fault", "--inject", "--kvm", "--decode-fds"], none: ["-p", "--attach"], pipeOption: ["-o", "--output"] }),
  ltrace: grammarUnwrapper({ valued: ["-e", "-o", "-p", "-s", "-u", "-a", "-A", "-D", "-F", "-l", "-n", "-x", "-w", "--output", "--library", "--indent", "--align"], none: ["-p"], pipeOption: ["-o", "--output"] }),
  valgrind: grammarUnwrapper({}),
  fakeroot: grammarUnwrapper({ valued: ["-l", "--lib", "--faked", "-s", "-i", "-b"] }),
  unshare: grammarUnwrapper({ valued: ["-S", "--setuid", "-G", "--setgid", "-R", "--root", "-w", "--wd", "--propagation", "--map-user", "--map-group",
    "--map-users", "--map-groups", "--load-interp"] }),
  firejail: grammarUnwrapper({}),
  bwrap: bwrapUnwrapper,
  chroot: grammarUnwrapper({ valued: ["--userspec", "--groups"], operands: 1 }),
  taskset: grammarUnwrapper({ operands: 1, none: ["-p", "--pid"] }),
  chrt: grammarUnwrapper({ valued: ["-T", "--sched-runtime", "-P", "--sched-period", "-D", "--sched-deadline"], operands: 1, none: ["-p", "--pid", "-m", "--max"] }),
  flock: flockUnwrapper,
  sg: sgUnwrapper,
  su: suUnwrapper,
  runuser: runuserUnwrapper,
  script: grammarUnwrapper({ valued: ["-E", "--echo", "-I", "--log-in", "-O", "--log-out", "-B", "--log-io", "-T", "--log-timing", "-m", "--logging-format", "-o", "--output-limit"],
    shellOption: ["-c", "--command"], permute: true, label: "script -c" }),
  expect: expectUnwrapper,
  entr: entrUnwrapper,
  watchexec: grammarUnwrapper({ valued: WATCHEXEC_VALUED, joined: true, label: "watchexec" }),
  nodemon: NODEMON,
  dotenv: dotenvUnwrapper,
  "dotenv-cli": dotenvUnwrapper,
  dotenvx: grammarUnwrapper({ sub: [["run"]], valued: ["-f", "--env-file", "-e", "--env", "-fk", "--env-keys-file", "--convention", "--ops-off"], label: "dotenvx run" }),
  op: grammarUnwrapper({ sub: [["run"]], valued: ["--env-file", "--account", "--config", "--session", "--cache", "--encoding", "--format"], label: "op run" }),
  doppler: DOPPLER,
  infisical: grammarUnwrapper({ sub: [["run"]], valued: ["--env", "--path", "--projectId", "--token", "--tags", "--domain"], shellOption: ["--command"], label: "infisical run" }),
  "aws-vault": grammarUnwrapper({ valued: ["--backend", "--prompt", "--keychain", "--config", "--debug"], sub: [["exec"]], operands: 1, label: "aws-vault exec" }),
  direnv: grammarUnwrapper({ sub: [["exec"]], operands: 1, label: "direnv exec" }),
  "systemd-run": grammarUnwrapper({ valued: ["-u", "--unit", "-p", "--property", "-M", "--machine", "-H", "--host", "--description", "--slice", "-E",
    "--setenv", "--uid", "--gid", "--nice", "--working-directory", "--on-active", "--on-boot", "--on-startup", "--on-unit-active",
    "--on-unit-inactive", "--on-calendar", "--timer-property", "--path-property", "--socket-property", "--service-type", "--slice-inherit"] }),
  run0: grammarUnwrapper({ valued: ["-u", "--user", "-g", "--group", "--nice", "-D", "--chdir", "--setenv", "--unit", "--property", "--description", "--slice", "--background", "--machine"] }),
  nsenter: grammarUnwrapper({ valued: ["-t", "--target", "-S", "--setuid", "-G", "--setgid", "--env"] }),
  ip: ipUnwrapper,
  setpriv: grammarUnwrapper({ valued: ["--reuid", "--regid", "--ruid", "--rgid", "--euid", "--egid", "--groups", "--inh-caps", "--ambient-caps", "--bounding-set",
    "--securebits", "--pdeathsig", "--selinux-label", "--apparmor-profile", "--landlock-access", "--landlock-rule", "--seccomp-filter"] }),
  tini: grammarUnwrapper({ valued: ["-p", "-e"] }),
  "dumb-init": grammarUnwrapper({ valued: ["-r", "--rewrite"] }),
  gosu: grammarUnwrapper({ operands: 1 }),
  "su-exec": grammarUnwrapper({ operands: 1 }),
  chpst: grammarUnwrapper({ valued: ["-u", "-U", "-b", "-e", "-/", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c", "-t"] }),
  setuidgid: grammarUnwrapper({ operands: 1 }),
  pkexec: grammarUnwrapper({ valued: ["--user"] }),
  "cross-env": (argv) => {
    let i = 1;
    while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i].value)) i++;
    return argvFrom(argv, i, { label: "cross-env" });
  },
  "env-cmd": grammarUnwrapper({ valued: ["-f", "--file", "-e", "--environments", "-r", "--rc-file"] }),
  proxychains: grammarUnwrapper({ valued: ["-f"] }),
  proxychains4: grammarUnwrapper({ valued: ["-f"] }),
  torsocks: grammarUnwrapper({ valued: ["-u", "--user", "-p", "--pass", "-a", "--address", "-P", "--port"] }),
  numactl: grammarUnwrapper({ valued: ["-i", "--interleave", "-N", "--cpunodebind", "-C", "--physcpubind", "-m", "--membind", "-p", "--preferred", "-P", "--preferred-many", "-b", "--balancing"] }),
  prlimit: grammarUnwrapper({ valued: ["-p", "--pid", "-o", "--output"], none: ["-p", "--pid"] }),
  cgexec: grammarUnwrapper({ valued: ["-g"] }),
  trickle: grammarUnwrapper({ valued: ["-u", "-d", "-w", "-t", "-l", "-n"] }),
  cpulimit: grammarUnwrapper({ valued: ["-l", "--limit", "-p", "--pid", "-e", "--exe", "-P", "--path", "-c", "--cpu"], none: ["-p", "--pid", "-e", "--exe", "-P", "--path"] }),
  "xvfb-run": grammarUnwrapper({ valued: ["-n", "--server-num", "-e", "--error-file", "-f", "--auth-file", "-p", "--xauth-protocol", "-s", "--server-args", "-w", "--wait"] }),
  "dbus-run-session": grammarUnwrapper({ valued: ["--config-file", "--dbus-daemon"] }),
  "dbus-launch": grammarUnwrapper({ valued: ["--config-file", "--autolaunch"] }),
  "ssh-agent": grammarUnwrapper({ valued: ["-a", "-E", "-t", "-P", "-O"], none: ["-k", "-s", "-c", "-D", "-d"] }),
  catchsegv: grammarUnwrapper({}),
  chronic: grammarUnwrapper({}),
  ifne: grammarUnwrapper({}),
  caffeinate: grammarUnwrapper({ valued: ["-t", "-w"] }),
  sem: grammarUnwrapper({ valued: ["-j", "--jobs", "--id"], joined: true, label: "sem" }),
  ts: grammarUnwrapper({ valued: ["-L", "-D", "-N", "-S", "-k", "-r", "-c", "-t", "-p", "-i", "-s", "-w", "-u", "-U", "-g"], none: ["-k", "-r", "-c", "-t", "-p", "-i", "-s", "-w", "-u", "-U", "-g", "-l", "-K", "-C"] }),
  nq: grammarUnwrapper({}),
  retry: grammarUnwrapper({ valued: ["-t", "--tries", "-d", "--delay", "-m", "--min", "-x", "--max", "-u", "--until", "-w", "--while"] }),
  hyperfine: (argv) => {
    const scan = scanOptions(argv, 1, { valued: ["-w", "--warmup", "-m", "--min-runs", "-M", "--max-runs", "-r", "--runs", "-s", "--setup", "-p", "--prepare",
      "-c", "--cleanup", "-P", "--parameter-scan", "-D", "--parameter-step-size", "-L", "--parameter-list", "-S", "--shell", "--style", "--sort",
      "-u", "--time-unit", "--export-asciidoc", "--export-csv", "--export-json", "--export-markdown", "--export-orgmode", "-n", "--command-name", "--output", "--reference"] });
    const hooks = scan.options.filter((o) => ["-s", "--setup", "-p", "--prepare", "-c", "--cleanup", "--reference"].includes(o.name)).map((o) => valueWord(argv, o.index, o.value));
    const words = [...hooks.filter((w): w is Word => w !== undefined), ...argv.slice(scan.rest)];
    const list: Unwrapped[] = words.map((word) => ({ kind: "shell-string", word, label: "hyperfine" }));
    return list.length ? { kind: "several", list } : NONE;
  },
  "nix-shell": grammarUnwrapper({ valued: ["-p", "--packages", "-I", "-A", "--attr", "--arg", "--argstr", "-E", "--expr", "--option", "-j", "--max-jobs", "--keep", "-k"], shellOption: ["--run", "--command"], permute: true, label: "nix-shell --run" }),
  "conda": grammarUnwrapper({ sub: [["run"]], valued: ["-n", "--name", "-p", "--prefix", "--cwd"], label: "conda run" }),
  "mamba": grammarUnwrapper({ sub: [["run"]], valued: ["-n", "--name", "-p", "--prefix", "--cwd"], label: "mamba run" }),
  "micromamba": grammarUnwrapper({ sub: [["run"]], valued: ["-n", "--name", "-p", "--prefix", "--cwd"], label: "micromamba run" }),
  pyenv: grammarUnwrapper({ sub: [["exec"]] }),
  rbenv: grammarUnwrapper({ sub: [["exec"]] }),
  asdf: grammarUnwrapper({ sub: [["exec"]] }),
  mise: miseUnwrapper,
  rtx: miseUnwrapper,
  volta: grammarUnwrapper({ sub: [["run"]], valued: ["--node", "--npm", "--yarn", "--pnpm", "--env"] }),
  fnm: grammarUnwrapper({ sub: [["exec"]], valued: ["--using"] }),
  devbox: grammarUnwrapper({ sub: [["run"]], valued: ["-c", "--config", "-e", "--env", "--env-file"], joined: true, label: "devbox run" }),
  chamber: grammarUnwrapper({ sub: [["exec"]], valued: ["-b", "--backend", "--strict-value", "--pristine"], label: "chamber exec" }),
  teller: grammarUnwrapper({ sub: [["run"]], valued: ["-c", "--config"], label: "teller run" }),
  berglas: grammarUnwrapper({ sub: [["exec"]], valued: ["--local", "--project"], label: "berglas exec" }),
  summon: grammarUnwrapper({ valued: ["-p", "--provider", "-f", "-D", "--yaml", "--environment"] }),
  envchain: grammarUnwrapper({ operands: 1 }),
  sops: (argv) => {
    const scan = scanOptions(argv, 1, { valued: ["--config", "--input-type", "--output-type"] });
    const sub = argv[scan.rest]?.value;
    if (sub !== "exec-env" && sub !== "exec-file") return NONE;
    const inner = scanOptions(argv, scan.rest + 1, { valued: ["--user", "--filename", "--output-type", "--input-type"] });
    const command = argv[inner.rest + 1];
    return command ? { kind: "shell-string", word: command, label: `sops ${sub}` } : NONE;
  },
  distrobox: afterDashes(["enter"], "distrobox enter"),
  toolbox: grammarUnwrapper({ sub: [["run"]], valued: ["-c", "--container", "-d", "--distro", "-r", "--release"], label: "toolbox run" }),
  "flatpak-spawn": grammarUnwrapper({ valued: ["--env", "--forward-fd", "--directory", "--sandbox-expose", "--sandbox-expose-ro", "--sandbox-flag"] }),
  schroot: grammarUnwrapper({ valued: ["-c", "--chroot", "-u", "--user", "-d", "--directory", "-o", "--option"] }),
  lxc: grammarUnwrapper({ sub: [["exec"]], operands: 1, valued: ["--env", "--cwd", "--user", "--group", "--mode"], label: "lxc exec" }),
  multipass: grammarUnwrapper({ sub: [["exec"]], operands: 1, valued: ["-d", "--working-directory"], label: "multipass exec" }),
  vagrant: grammarUnwrapper({ sub: [["ssh"]], shellOption: ["-c", "--command"], permute: true, label: "vagrant ssh -c" }),
  tmux: tmuxUnwrapper,
  screen: screenUnwrapper,
  at: shellFromStdin,
  parallel: parallelUnwrapper,
  batch: shellFromStdin,
};

/** `distrobox enter NAME -- CMD…`: the command follows `--`; without it the session is interactive. */
function afterDashes(sub: string[], label: string): Unwrapper {
  return (argv) => {
    if (!sub.includes(argv[1]?.value ?? "")) return NONE;
    const dashes = argv.findIndex((w) => w.value === "--");
    return dashes > 0 ? argvFrom(argv, dashes + 1, { label }) : NONE;
  };
}

/** `mise exec node@20 -- CMD…` (tools, then the command after `--`), or `mise exec -c 'CMD'`. */
function miseUnwrapper(argv: Word[]): Unwrapped {
  if (argv[1]?.value !== "exec" && argv[1]?.value !== "x") return NONE;
  const scan = scanOptions(argv, 2, { valued: ["-C", "--cd", "-j", "--jobs", "-E", "--env", "-c", "--command"] });
  const command = scan.options.find((o) => o.name === "-c" || o.name === "--command");
  if (command) return shellFrom(argv, command, "mise exec -c");
  return afterDashes(["exec", "x"], "mise exec")(argv, []);
}

const PARALLEL_VALUED = ["-j", "--jobs", "-P", "--max-procs", "-S", "--sshlogin", "--slf", "--sshloginfile", "-a", "--arg-file", "--colsep", "-C",
  "-d", "--delimiter", "-E", "--eof", "-I", "-n", "--max-args", "-N", "-L", "--max-lines", "-s", "--max-chars", "--tagstring", "--results", "--res",
  "--joblog", "--timeout", "--delay", "--memfree", "--load", "--block", "--block-size", "--recstart", "--recend", "--env", "--tmpdir", "--workdir",
  "--wd", "--basefile", "--bf", "--transferfile", "--tf", "--return", "--header", "--retries", "--halt", "--termseq", "--shebang-wrap", "--ssh",
  "--sqlmaster", "--sqlworker", "--sqlandworker", "--limit", "--rpl", "--plus", "--arg-sep", "--arg-file-sep"];
const PARALLEL_SEPARATORS = new Set([":::", "::::", ":::+", "::::+"]);
/** Replacement strings of GNU parallel: `{}`, `{.}`, `{/}`, `{//}`, `{/.}`, `{#}`, `{%}`, `{1}`, `{2.}`… */
const PARALLEL_REPLACEMENT = /\{(?:\d*(?:\.|\/|\/\/|\/\.)?|#|%)\}/g;
/** Commands built from `:::` arguments; more combinations than this are only checked this far (each is the same command shape). */
const MAX_PARALLEL_COMMANDS = 64;

/**
 * GNU parallel: `parallel [opts] CMD… ::: A B ::: C D` runs CMD through a shell once per combination,
 * with `{}` replaced (or the arguments appended); without `:::` the arguments come from stdin like
 * xargs; with `--pipe` stdin is split into chunks fed to CMD; with no CMD the arguments are commands.
 */
function parallelUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: PARALLEL_VALUED });
  const sep = argv.findIndex((w, i) => i >= scan.rest && !w.dynamic && PARALLEL_SEPARATORS.has(w.value));
  const command = argv.slice(scan.rest, sep < 0 ? argv.length : sep);
  const label = "parallel";
  if (hasOption(scan, "--pipe", "--spreadstdin", "--pipepart")) return command.length ? { kind: "shell-words", words: command, label } : NONE;
  if (sep < 0) {
    // Arguments from stdin (or -a FILE): like xargs. A single quoted command is split into its words.
    const words = command.length === 1 && /\s/.test(command[0].value) && !command[0].dynamic
      ? command[0].value.trim().split(/\s+/).map((value) => ({ ...command[0], value, raw: value }))
      : command;
    const file = scan.options.find((o) => o.name === "-a" || o.name === "--arg-file");
    const fileWord = file ? valueWord(argv, file.index, file.value) : undefined;
    const replace = words.some((w) => /\{\}/.test(w.value)) ? "{}" : undefined;
    return words.length ? { kind: "argv", words, appendedArgs: "stdin", xargs: { nul: hasOption(scan, "-0", "--null"), ...(replace ? { replace } : {}), ...(fileWord ? { file: fileWord } : {}) }, label } : NONE;
  }
  // Argument groups: `::::` names files of arguments, which guard does not read.
  const groups: Word[][] = [];
  for (let i = sep; i < argv.length; i++) {
    if (!argv[i].dynamic && PARALLEL_SEPARATORS.has(argv[i].value)) {
      if (argv[i].value.startsWith("::::")) return { kind: "unknown", detail: "parallel reads its arguments from a file guard does not read", span: argv[i].span };
      groups.push([]);
    } else groups[groups.length - 1].push(argv[i]);
  }
  let combos: Word[][] = [[]];
  for (const group of groups) combos = combos.flatMap((c) => group.map((w) => [...c, w])).slice(0, MAX_PARALLEL_COMMANDS);
  const text = command.map(wordText).join(" ");
  const list: Unwrapped[] = combos.map((args) => {
    // Arguments keep their shell spelling (`~` stays the home directory when the generated line is parsed).
    const raw = args.map((w) => w.raw);
    // With no command each argument is itself a command line.
    const line = !command.length ? args.map(wordText).join(" ")
      : PARALLEL_REPLACEMENT.test(text) ? text.replace(PARALLEL_REPLACEMENT, (m) => (/^\{\d/.test(m) ? raw[Number(/\d+/.exec(m)![0]) - 1] ?? "" : m === "{}" ? raw.join(" ") : raw[0] ?? ""))
      : `${text} ${raw.join(" ")}`;
    PARALLEL_REPLACEMENT.lastIndex = 0;
    return { kind: "shell-string", word: { ...(command[0] ?? args[0] ?? argv[0]), value: line, dynamic: false }, label };
  });
  return list.length === 1 ? list[0] : list.length ? { kind: "several", list } : NONE;
}

/** `at now`, `batch`: commands are read from stdin (or `-f FILE`) and run later by /bin/sh. */
function shellFromStdin(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-q", "-f", "-t", "-m"] });
  if (hasOption(scan, "-l", "-d", "-r", "-c")) return NONE; // atq/atrm/print a job
  const file = scan.options.find((o) => o.name === "-f");
  if (file) {
    const word = valueWord(argv, file.index, file.value);
    return word ? { kind: "script-file", path: word } : NONE;
  }
  return { kind: "shell-stdin" };
}

const SCREEN_VALUED = ["-S", "-c", "-e", "-h", "-p", "-T", "-t", "-X", "-s", "-L", "-Logfile"];
/** `screen CMD…` starts a window running CMD; attaching, listing or wiping sessions runs nothing new. */
const screenStart = grammarUnwrapper({ valued: SCREEN_VALUED, none: ["-r", "-R", "-x", "-ls", "-list", "-wipe"] });

/**
 * `screen -X stuff 'CMD\n'` types CMD into a window's shell, which runs it at the newline; `screen -X exec CMD…`
 * and `screen -X screen CMD…` run CMD. Any other `-X` command (`quit`, `hardcopy`) runs nothing.
 */
function screenUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: SCREEN_VALUED });
  const command = scan.options.find((o) => o.name === "-X");
  if (!command) return screenStart(argv, []);
  const name = valueWord(argv, command.index, command.value);
  const rest = argv.slice(scan.rest);
  if (!name || name.dynamic) return rest.length ? { kind: "shell-words", words: rest, label: "screen -X" } : NONE;
  if (name.value === "stuff") {
    if (!rest.length) return NONE;
    // screen reads `\n`, `\r`, `^M` and `^J` in the string as the keys that end a line.
    const typed = rest.map((w) => (w.dynamic ? w : { ...w, value: w.value.replace(/\\[nr]|\^[MJ]/g, "\n") }));
    return { kind: "shell-words", words: typed, label: "screen -X stuff" };
  }
  if (name.value === "exec" || name.value === "screen") {
    // exec's optional fd pattern (`exec !.. CMD`) comes before the command.
    const words = name.value === "exec" && rest[0] && /^[.!:|]+$/.test(rest[0].value) ? rest.slice(1) : rest;
    const inner = name.value === "screen" ? scanOptions(words, 0, { valued: SCREEN_VALUED }).rest : 0;
    return words.length > inner ? { kind: "shell-words", words: words.slice(inner), label: `screen -X ${name.value}` } : NONE;
  }
  return NONE;
}

/** `tmux new-session 'CMD'`, `tmux send-keys 'CMD' Enter`, `tmux new-window CMD…`: the pane's shell runs it. */
function tmuxUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-L", "-S", "-f", "-c", "-T"] });
  const global = scan.options.find((o) => o.name === "-c");
  if (global) return shellFrom(argv, global, "tmux -c");
  const sub = argv[scan.rest]?.value ?? "";
  const valued = ["-t", "-s", "-n", "-c", "-F", "-x", "-y", "-e", "-l", "-N", "-X", "-L", "-a", "-b", "-P", "-f"];
  if (["new-session", "new", "new-window", "neww", "split-window", "splitw", "respawn-pane", "respawnp", "respawn-window", "respawnw", "run-shell", "run", "display-popup", "popup"].includes(sub)) {
    const inner = scanOptions(argv, scan.rest + 1, { valued });
    return inner.rest < argv.length ? { kind: "shell-words", words: argv.slice(inner.rest), label: `tmux ${sub}` } : NONE;
  }
  if (sub === "send-keys" || sub === "send") {
    const inner = scanOptions(argv, scan.rest + 1, { valued: ["-t", "-N", "-X"] });
    // Keys are typed into the pane; `Enter`/`C-m` run the line. Key names are not shell text.
    const keys = argv.slice(inner.rest).filter((w) => !/^(?:Enter|C-m|C-j|KPEnter|Space|Tab|Escape|C-[a-z])$/.test(w.value));
    return keys.length ? { kind: "shell-words", words: keys, label: "tmux send-keys" } : NONE;
  }
  return NONE;
}
