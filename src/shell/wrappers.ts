// The wrapper table: programs that run another command, and how to find that command in their argv.
import type { EnvAssignment, Word } from "./model";
import { hasOption, scanOptions, type OptionSpec } from "./options";
import { programName } from "./words";
import { parseBashArgs } from "./bash-args";
import { interpreterLanguage, type Language } from "./interpreter-code";
import { FOREIGN_RUNNERS } from "./foreign-runners";
import { ansibleAdhoc, ansiblePlaybook } from "./ansible";
import { argvFrom, NONE, several, valueWord, type Unwrapped, type Unwrapper, type XargsInput } from "./unwrapped";
import { EXEC_WRAPPERS } from "./exec-wrappers";
import { CODE_OPTION_WRAPPERS, envCommands, gitUnwrapper, sshCodeOptions } from "./code-options";
import { dashedGit, guardLauncher, packageBinary } from "./identity";
import { gitEnvConfig, withEnvConfig } from "./git-env-config";
import { artisanTinker, djangoShell, gcloudSsh, mixRun, railsRunner } from "./remote-runners";
import { CLOUD_SHELLS, flyMachineExec } from "./cloud-shells";
import { containerRun } from "./container-run";
import { SCRIPT_RUNNERS } from "./script-runners";

export type { Unwrapped, XargsInput } from "./unwrapped";

/** Wrappers that take options and then a command: `nohup cmd`, `nice -n 5 cmd`. */
function optionsThenCommand(spec: OptionSpec, stopIf: string[] = []): Unwrapper {
  return (argv) => {
    const scan = scanOptions(argv, 1, spec);
    if (stopIf.length && hasOption(scan, ...stopIf)) return NONE;
    return argvFrom(argv, scan.rest);
  };
}

/** Leading `NAME=value` words after a wrapper's options are environment assignments (`sudo X=1 cmd`). */
function splitAssignments(argv: Word[], start: number): { env: EnvAssignment[]; next: number } {
  const env: EnvAssignment[] = [];
  let i = start;
  while (i < argv.length) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(argv[i].value);
    if (!m || argv[i].raw.startsWith("=")) break;
    env.push({ name: m[1], value: m[2], dynamic: argv[i].dynamic, span: argv[i].span, ...(argv[i].substitutions ? { substitutions: argv[i].substitutions } : {}) });
    i++;
  }
  return { env, next: i };
}

// `posh` is left out: the name is more often Ruby's documentation browser than the Policy-compliant Ordinary SHell.
const SHELLS = ["sh", "bash", "rbash", "zsh", "dash", "ksh", "mksh", "lksh", "oksh", "ash", "yash", "ksh93", "busybox-sh"];

/**
 * `bash -c STR`, `sh -lc STR`, `bash -c -l STR`, `bash --login -c STR`, `bash file`, `bash` (stdin).
 * Mirrors bash's own argument rules: options first, then the string (with -c) or a script file.
 */
function shellUnwrapper(argv: Word[]): Unwrapped {
  const args = parseBashArgs(argv.map((w) => (w.dynamic ? undefined : w.value)), 1);
  // `bash -n script.sh` only checks the syntax.
  if (args.noexec) return NONE;
  if (args.command) return args.operand < argv.length ? { kind: "shell-string", word: argv[args.operand] } : NONE;
  if (args.readsStdin) return { kind: "shell-stdin" };
  return { kind: "script-file", path: argv[args.operand] };
}

function evalUnwrapper(argv: Word[]): Unwrapped {
  return argv.length > 1 ? { kind: "shell-words", words: argv.slice(1) } : NONE;
}

function sourceUnwrapper(argv: Word[]): Unwrapped {
  return argv.length > 1 ? { kind: "script-file", path: argv[1] } : NONE;
}

const SUDO_SPEC: OptionSpec = {
  valued: ["-u", "-g", "-p", "-C", "-D", "-r", "-t", "-T", "-U", "-R", "-h",
    "--user", "--group", "--prompt", "--close-from", "--chdir", "--role", "--type", "--command-timeout", "--other-user", "--chroot", "--host"],
};

function sudoUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, SUDO_SPEC);
  // `sudo -l`, `sudo -v`, `sudo -k`, `sudo -e file` run no command of the caller's choosing.
  if (hasOption(scan, "-l", "--list", "-v", "--validate", "-e", "--edit", "-V", "--version")) return NONE;
  const { env, next } = splitAssignments(argv, scan.rest);
  // `sudo -i`/`sudo -s` with no command start root's shell, which runs whatever reaches its stdin (`sudo -i <<< CMD`).
  if (next >= argv.length && hasOption(scan, "-i", "--login", "-s", "--shell")) return { kind: "shell-stdin" };
  return argvFrom(argv, next, { env });
}

/**
 * `env` sets any NAME=value whose name has no `=` (`env 1x=2 rm`, `env a-b=1 rm`), names bash itself
 * would reject; and a lone `-` is `-i`. Both come before the command.
 */
function envAssignments(argv: Word[], start: number): { env: EnvAssignment[]; next: number } {
  const env: EnvAssignment[] = [];
  let i = start;
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (!w.dynamic && w.value === "-") continue;
    const eq = w.value.indexOf("=");
    if (eq <= 0) break;
    env.push({ name: w.value.slice(0, eq), value: w.value.slice(eq + 1), dynamic: w.dynamic, span: w.span, ...(w.substitutions ? { substitutions: w.substitutions } : {}) });
  }
  return { env, next: i };
}

function envUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, {
    valued: ["-u", "--unset", "-C", "--chdir", "-S", "--split-string", "-P"],
  });
  const split = scan.options.find((o) => o.name === "-S" || o.name === "--split-string");
  const { env, next } = envAssignments(argv, scan.rest);
  if (split) {
    // `env -S 'rm -rf /'` splits the string into argv: parse it as shell words, with the rest appended.
    const carrier = argv[split.index];
    const stringWord: Word = split.value !== undefined && carrier.value !== "-S" && carrier.value !== "--split-string"
      ? { ...carrier, value: split.value }
      : argv[split.index + 1] ?? carrier;
    return { kind: "shell-words", words: [stringWord, ...argv.slice(next)] };
  }
  return argvFrom(argv, next, { env });
}

function commandUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, {});
  if (hasOption(scan, "-v", "-V")) return NONE; // `command -v rm` only looks the name up
  return argvFrom(argv, scan.rest);
}

function timeoutUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-s", "-k", "--signal", "--kill-after"] });
  return argvFrom(argv, scan.rest + 1); // skip the DURATION
}

function watchUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-n", "--interval", "-q", "--equexit"] });
  if (scan.rest >= argv.length) return NONE;
  // Without -x, watch hands its arguments to `sh -c` joined by spaces.
  if (hasOption(scan, "-x", "--exec")) return argvFrom(argv, scan.rest);
  return { kind: "shell-words", words: argv.slice(scan.rest) };
}

/**
 * socat's EXEC: and SYSTEM: addresses run a command (`socat - EXEC:'guard trust',pty`): SYSTEM through
 * `sh -c`, EXEC split on spaces, which reading it as shell covers. The command ends at the first
 * unescaped comma, where the address options begin.
 */
function socatUnwrapper(argv: Word[]): Unwrapped {
  const out: Unwrapped[] = [];
  argv.forEach((word, i) => {
    const m = i > 0 ? /^(?:EXEC|SYSTEM):((?:\\.|[^,\\])*)/i.exec(word.value) : null;
    if (!m) return;
    if (word.dynamic) out.push({ kind: "unknown", detail: "socat runs a command built at run time", span: word.span });
    else out.push({ kind: "shell-string", word: { ...word, value: m[1] }, label: "socat" });
  });
  return several(out);
}

const XARGS_SPEC: OptionSpec = {
  valued: ["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--eof",
    "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"],
  abbreviations: true,
  known: ["--null", "--replace", "--no-run-if-empty", "--interactive", "--verbose", "--exit", "--open-tty", "--show-limits"],
};

/**
 * `xargs [-0] [-d D] [-I R | -i | --replace[=R]] [-a FILE] CMD…`. `-i`/`--replace` without a value
 * mean `{}`; with `-a` the items come from the file and stdin is left to the command.
 */
function xargsUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, XARGS_SPEC);
  const replace = scan.options.find((o) => o.name === "-I" || o.name === "--replace" || o.name === "-i");
  const file = scan.options.find((o) => o.name === "-a" || o.name === "--arg-file");
  const fileWord = file ? valueWord(argv, file.index, file.value) : undefined;
  const xargs: XargsInput = {
    nul: hasOption(scan, "-0", "--null"),
    replace: replace ? (replace.name === "-I" ? replace.value : replace.value || "{}") : undefined,
    ...(fileWord ? { file: fileWord } : {}),
  };
  // With no command xargs runs echo, which is harmless.
  return argvFrom(argv, scan.rest, { appendedArgs: "stdin", xargs });
}

/** find's actions that run a command. */
export const FIND_EXEC: ReadonlySet<string> = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

function findUnwrapper(argv: Word[]): Unwrapped {
  const list: Word[][] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i].dynamic || !FIND_EXEC.has(argv[i].value)) continue;
    const start = i + 1;
    let end = start;
    while (end < argv.length && !(argv[end].value === ";" || (argv[end].value === "+" && argv[end - 1].value === "{}"))) end++;
    // `{}` is replaced by each found path: a run-time value.
    const words = argv.slice(start, end).map((w) => (w.value.includes("{}") ? { ...w, dynamic: true } : w));
    if (words.length) list.push(words);
    i = end;
  }
  return list.length ? { kind: "argvs", list, appendedArgs: "find" } : NONE;
}

const SSH_SPEC: OptionSpec = {
  valued: ["-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B"],
};

/**
 * `ssh [opts] DEST [opts] CMD…`: OpenSSH reads options again after the destination (`ssh host -p 22 cmd`),
 * then joins the remaining words for the remote shell. `-o ProxyCommand=…` and friends run locally.
 */
function sshUnwrapper(argv: Word[]): Unwrapped {
  const first = scanOptions(argv, 1, SSH_SPEC);
  const options = [...first.options];
  let i = first.rest + 1; // skip the destination
  if (first.rest < argv.length && !first.endOfOptions) {
    const again = scanOptions(argv, i, SSH_SPEC);
    options.push(...again.options);
    i = again.rest;
  }
  const remote: Unwrapped = i < argv.length ? { kind: "shell-words", words: argv.slice(i) } : NONE;
  return several([remote, ...sshCodeOptions(argv, options)]);
}

/** scp and sftp: only their `-o ProxyCommand=…` and `-S PROGRAM` run anything locally. */
function scpUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-c", "-F", "-i", "-J", "-l", "-o", "-P", "-S", "-D", "-X", "-B", "-b", "-R", "-s"] });
  const options = [...scan.options];
  for (let j = scan.rest; j < argv.length; j++) {
    if (!argv[j].dynamic && argv[j].value.startsWith("-")) {
      const more = scanOptions(argv, j, { valued: ["-c", "-F", "-i", "-J", "-l", "-o", "-P", "-S", "-D", "-X", "-B", "-b", "-R", "-s"] });
      options.push(...more.options);
      j = Math.max(j, more.rest - 1);
    }
  }
  return several(sshCodeOptions(argv, options));
}

const DOCKER_EXEC_SPEC: OptionSpec = {
  valued: ["-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys", "--index"],
};

/** `docker exec [opts] CONTAINER CMD…`, `docker compose exec [opts] SERVICE CMD…`. */
function dockerUnwrapper(argv: Word[]): Unwrapped {
  let i = scanOptions(argv, 1, { valued: ["-H", "--host", "--context", "-c", "--config", "--log-level", "-l"] }).rest;
  if (argv[i]?.value === "compose") i = scanOptions(argv, i + 1, { valued: ["-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory"] }).rest;
  else if (argv[i]?.value === "container") i++;
  const sub = argv[i]?.value;
  if (sub !== "exec" && sub !== "run") return NONE;
  // `docker run IMAGE cmd` runs in a fresh container: only a client that reaches a server counts.
  if (sub === "run" && argv[i - 1]?.value !== "compose") return containerRun(argv, i);
  const scan = scanOptions(argv, i + 1, DOCKER_EXEC_SPEC);
  return argvFrom(argv, scan.rest + 1);
}

/** `docker compose run|exec`'s options that take a value (run's are a superset of exec's). */
const COMPOSE_RUN_SPEC: OptionSpec = {
  valued: [...(DOCKER_EXEC_SPEC.valued ?? []), "--entrypoint", "-v", "--volume", "-p", "--publish", "--name", "-l", "--label", "--cap-add", "--cap-drop", "--pull"],
};

/** `docker-compose [opts] run|exec [opts] SERVICE CMD…` (Compose v1, and podman-compose): as `docker compose`. */
function composeUnwrapper(argv: Word[]): Unwrapped {
  const i = scanOptions(argv, 1, { valued: ["-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "-H", "--host", "--context"] }).rest;
  const sub = argv[i]?.value;
  if (sub !== "exec" && sub !== "run") return NONE;
  return argvFrom(argv, scanOptions(argv, i + 1, COMPOSE_RUN_SPEC).rest + 1);
}

/**
 * `npx [opts] cmd`, `bunx cmd`, `uvx cmd`, `pnpm dlx cmd`: run a package's binary, named by the package
 * map in identity.ts (`npx @railway/cli` runs railway). `-c 'CMD'` runs CMD through a shell.
 */
function runBinary(valued: string[] = []): Unwrapper {
  return (argv) => {
    const scan = scanOptions(argv, 1, { valued });
    const call = scan.options.find((o) => o.name === "-c" || o.name === "--call");
    if (call) {
      const word = valueWord(argv, call.index, call.value);
      return word ? { kind: "shell-string", word, label: `${programName(argv[0])} -c` } : NONE;
    }
    const result = argvFrom(argv, scan.rest);
    return result.kind === "argv" ? { ...result, words: [packageBinary(result.words[0]), ...result.words.slice(1)] } : result;
  };
}

/** `pnpm exec cmd`, `bundle exec cmd`, `poetry run cmd`: a subcommand, then the binary. */
function subcommandThenBinary(subcommands: string[], valued: string[] = []): Unwrapper {
  return (argv) => {
    const scan = scanOptions(argv, 1, { valued });
    if (!subcommands.includes(argv[scan.rest]?.value ?? "")) return NONE;
    return argvFrom(argv, scanOptions(argv, scan.rest + 1, { valued }).rest);
  };
}

/** `uv run CMD…` runs CMD in the project's environment; `uv run x.py` runs the script with the project's python. */
const uvRunBinary = subcommandThenBinary(["run"], ["--with", "--python", "-p", "--project", "--directory", "--package"]);
const uvRun: Unwrapper = (argv, env) => {
  const result = uvRunBinary(argv, env);
  if (result.kind !== "argv" || !/\.py$/.test(result.words[0]?.value ?? "") || result.words[0].dynamic) return result;
  return { ...result, words: [{ ...result.words[0], value: "python", raw: "python" }, ...result.words] };
};

const NPM_LIFECYCLE = new Set(["test", "t", "tst", "start", "stop", "restart"]);
/** Built-in commands of yarn/pnpm/bun: anything else is a script or a binary of that name. */
const RUNNER_BUILTINS = new Set(["install", "i", "add", "remove", "rm", "uninstall", "un", "update", "up", "upgrade", "outdated", "list", "ls", "link",
  "unlink", "init", "create", "publish", "pack", "info", "why", "audit", "config", "cache", "store", "version", "login", "logout", "whoami", "help",
  "import", "dedupe", "prune", "rebuild", "patch", "patch-commit", "workspaces", "workspace", "set", "plugin", "node", "env", "setup", "fetch",
  "build", "dev", "x", "pm", "global", "licenses", "owner", "dist-tag", "deploy", "server", "root", "bin", "recursive", "-r", "--filter"]);

/** The scripts npm runs for the project itself on `npm install` and `npm ci`, in order. */
const LIFECYCLE = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];

/**
 * `npm install`/`npm ci`/`pnpm install`/`yarn install`/`bun install` with no package names install the
 * project and run its lifecycle scripts; `--ignore-scripts` turns them off.
 */
function isInstall(program: string, sub: string, rest: Word[]): boolean {
  if (rest.some((w) => /^--ignore-scripts(?:=true)?$/.test(w.value))) return false;
  if (!["install", "i", "ci", "clean-install", "isntall", "add"].includes(sub) || sub === "add") return false;
  if (program !== "npm" && sub === "ci") return false;
  return rest.every((w) => w.value.startsWith("-"));
}

/** `npm run X`, `npm test`, `yarn X`, `pnpm run X`, `bun run X`: the package.json script. */
function packageRunner(program: string): Unwrapper {
  return (argv) => {
    const scan = scanOptions(argv, 1, { valued: ["--prefix", "-C", "--dir", "--cwd", "--filter", "-F", "--workspace", "-w"] });
    const sub = argv[scan.rest];
    if (!sub) return program === "yarn" ? { kind: "lifecycle", scripts: LIFECYCLE, label: "yarn" } : NONE;
    if (sub.dynamic) return NONE;
    const extraAfter = (i: number) => argv.slice(i).filter((w) => w.value !== "--");
    if (sub.value === "run" || sub.value === "run-script" || sub.value === "rum" || sub.value === "urn") {
      const nameAt = scanOptions(argv, scan.rest + 1, {}).rest;
      const name = argv[nameAt];
      if (!name) return NONE;
      // yarn/pnpm/bun run a binary or file of that name when there is no such script.
      const fallbackBinary = program === "npm" ? undefined : argv.slice(nameAt);
      return { kind: "package-script", name, extra: extraAfter(nameAt + 1), label: `${program} run ${name.value}`, fallbackBinary };
    }
    if (isInstall(program, sub.value, argv.slice(scan.rest + 1))) {
      return { kind: "lifecycle", scripts: LIFECYCLE, label: `${program} ${sub.value}` };
    }
    if (program === "npm") {
      if (sub.value === "exec" || sub.value === "x") return runBinary(["-p", "--package", "-c", "--call", "-w", "--workspace"])(argv.slice(scan.rest), []);
      if (NPM_LIFECYCLE.has(sub.value)) {
        const name = sub.value.startsWith("t") ? { ...sub, value: "test" } : sub;
        return { kind: "package-script", name, extra: extraAfter(scan.rest + 1), label: `npm ${name.value}` };
      }
      return NONE;
    }
    if (sub.value === "exec" || sub.value === "dlx") {
      const result = argvFrom(argv, scanOptions(argv, scan.rest + 1, { valued: ["-p", "--package"] }).rest);
      return result.kind === "argv" ? { ...result, words: [packageBinary(result.words[0]), ...result.words.slice(1)] } : result;
    }
    if (RUNNER_BUILTINS.has(sub.value)) return NONE;
    // `yarn prisma migrate reset`: a script called prisma if there is one, else the prisma binary.
    return { kind: "package-script", name: sub, extra: extraAfter(scan.rest + 1), label: `${program} ${sub.value}`, fallbackBinary: argv.slice(scan.rest) };
  };
}

/** Command-line `NAME=VALUE` (also `NAME:=`, `NAME+=`…) words: make reads them as variable overrides. */
const MAKE_VARIABLE = /^[A-Za-z_.][A-Za-z0-9_.-]*\s*(?::{1,3}|[?+!])?=/s;

function makeUnwrapper(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: ["-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs", "-l", "-o", "-W", "-I", "--include-dir", "-E", "--eval"] });
  if (hasOption(scan, "-v", "--version", "-h", "--help")) return NONE;
  // -n, -q and -p run no recipe, but make still reads the makefiles, and `$(shell …)` in them runs.
  const dryRun = hasOption(scan, "-n", "--just-print", "--dry-run", "--recon", "-q", "--question", "-p", "--print-data-base");
  const file = scan.options.find((o) => ["-f", "--file", "--makefile"].includes(o.name));
  const makefile = file ? argv[file.index + (argv[file.index].value === file.name ? 1 : 0)] : undefined;
  const evals = scan.options.filter((o) => o.name === "-E" || o.name === "--eval").flatMap((o) => valueWord(argv, o.index, o.value) ?? []);
  const positional = argv.slice(scan.rest);
  const vars = positional.filter((w) => MAKE_VARIABLE.test(w.value));
  const targets = positional.filter((w) => !MAKE_VARIABLE.test(w.value));
  return { kind: "make", targets, makefile, evals, vars, dryRun };
}

/** `railway run [opts] cmd…` runs cmd locally with the deployed environment's variables. */
function railwayUnwrapper(argv: Word[]): Unwrapped {
  const valued = ["-s", "--service", "-e", "--environment", "-p", "--project"];
  const scan = scanOptions(argv, 1, { valued });
  const sub = argv[scan.rest]?.value;
  if (sub === "run") {
    const inner = argv[scan.rest + 1];
    if (!inner) return NONE;
    const rest = scanOptions(argv, scan.rest + 1, { valued }).rest;
    return { ...argvFrom(argv, rest), label: "railway run" } as Unwrapped;
  }
  if (sub === "ssh") {
    const dashes = argv.findIndex((w) => w.value === "--");
    return dashes > 0 && dashes + 1 < argv.length ? { kind: "shell-words", words: argv.slice(dashes + 1), label: "railway ssh" } : NONE;
  }
  return NONE;
}

/** `heroku run [-a app] cmd…`, `heroku run:inside DYNO cmd…`: the dyno's shell runs the words. */
function herokuUnwrapper(argv: Word[]): Unwrapped {
  if (argv[1]?.value !== "run" && argv[1]?.value !== "run:detached" && argv[1]?.value !== "run:inside") return NONE;
  const spec = { valued: ["-a", "--app", "-r", "--remote", "-s", "--size", "-e", "--env", "--type"] };
  let scan = scanOptions(argv, 2, spec);
  // `heroku run:inside DYNO CMD`: the command runs in that running dyno.
  if (argv[1].value === "run:inside") scan = scanOptions(argv, scan.rest + 1, spec);
  return scan.rest < argv.length ? { kind: "shell-words", words: argv.slice(scan.rest), label: "heroku run" } : NONE;
}

/** `fly ssh console -C "cmd"` (and `fly machine exec`, see cloud-shells.ts): the command runs on the machine. */
function flyUnwrapper(argv: Word[]): Unwrapped {
  if (argv[1]?.value !== "ssh" || argv[2]?.value !== "console") return flyMachineExec(argv);
  const scan = scanOptions(argv, 3, { valued: ["-C", "--command", "-a", "--app", "-s", "--select", "-r", "--region", "-u", "--user", "--machine", "-c", "--config", "-o", "--org"] });
  const command = scan.options.find((o) => o.name === "-C" || o.name === "--command");
  if (!command) return NONE;
  const carrier = argv[command.index];
  const word = carrier.value === command.name ? argv[command.index + 1] : { ...carrier, value: command.value ?? "" };
  return word ? { kind: "shell-string", word, label: "fly ssh console" } : NONE;
}

/** `guard exec [--shell SH] [--] cmd…` and `guard shell -c STR`: guard run by the agent still runs the command. */
function guardUnwrapper(argv: Word[]): Unwrapped {
  const sub = argv[1]?.value;
  if (sub === "shell") return shellUnwrapper([argv[0], ...argv.slice(2)]);
  if (sub !== "exec") return NONE;
  const scan = scanOptions(argv, 2, { valued: ["--shell"] });
  const rest = argv.slice(scan.rest);
  if (rest.length === 1) return { kind: "shell-string", word: rest[0], label: "guard exec" };
  return rest.length ? { kind: "argv", words: rest, label: "guard exec" } : NONE;
}

/** `alias x='rm -rf /'`: an alias body is shell code that runs when the alias is used. */
function aliasUnwrapper(argv: Word[]): Unwrapped {
  const bodies = argv.slice(1).flatMap((w) => {
    const eq = w.value.indexOf("=");
    return eq > 0 && !w.dynamic ? [{ ...w, value: w.value.slice(eq + 1) }] : [];
  });
  return bodies.length ? { kind: "shell-words", words: bodies.slice(0, 1), label: "alias" } : NONE;
}

const TABLE: Record<string, Unwrapper> = {
  sudo: sudoUnwrapper,
  doas: optionsThenCommand({ valued: ["-u", "-C"] }, ["-C", "-L"]),
  env: envUnwrapper,
  command: commandUnwrapper,
  builtin: (argv) => argvFrom(argv, 1),
  exec: optionsThenCommand({ valued: ["-a"] }),
  nohup: (argv) => argvFrom(argv, argv[1]?.value === "--" ? 2 : 1),
  nice: optionsThenCommand({ valued: ["-n", "--adjustment"], numericOptions: true }),
  ionice: optionsThenCommand({ valued: ["-c", "-n", "--class", "--classdata"] }, ["-p", "--pid", "-P", "--pgid", "-u", "--uid"]),
  time: optionsThenCommand({ valued: ["-f", "-o", "--format", "--output"] }),
  timeout: timeoutUnwrapper,
  stdbuf: optionsThenCommand({ valued: ["-i", "-o", "-e", "--input", "--output", "--error"] }),
  setsid: optionsThenCommand({}),
  unbuffer: optionsThenCommand({}),
  watch: watchUnwrapper,
  socat: socatUnwrapper,
  xargs: xargsUnwrapper,
  find: findUnwrapper,
  eval: evalUnwrapper,
  source: sourceUnwrapper,
  ".": sourceUnwrapper,
  ssh: sshUnwrapper,
  scp: scpUnwrapper,
  sftp: scpUnwrapper,
  docker: dockerUnwrapper,
  podman: dockerUnwrapper,
  "docker-compose": composeUnwrapper,
  "podman-compose": composeUnwrapper,
  npx: runBinary(["-p", "--package", "-c", "--call"]),
  bunx: runBinary(["-p", "--package"]),
  pnpx: runBinary(),
  uvx: runBinary(["--from", "--with", "--python", "-p"]),
  pipx: subcommandThenBinary(["run"], ["--spec"]),
  bundle: subcommandThenBinary(["exec"]),
  poetry: subcommandThenBinary(["run"]),
  uv: uvRun,
  pdm: subcommandThenBinary(["run"]),
  pipenv: subcommandThenBinary(["run"]),
  npm: packageRunner("npm"),
  pnpm: packageRunner("pnpm"),
  yarn: packageRunner("yarn"),
  bun: packageRunner("bun"),
  make: makeUnwrapper,
  gmake: makeUnwrapper,
  railway: railwayUnwrapper,
  heroku: herokuUnwrapper,
  fly: flyUnwrapper,
  rails: railsRunner,
  artisan: (argv) => artisanTinker(argv, 1),
  mix: mixRun,
  "manage.py": (argv) => djangoShell(argv, 1),
  "django-admin": (argv) => djangoShell(argv, 1),
  gcloud: gcloudSsh,
  flyctl: flyUnwrapper,
  ...CLOUD_SHELLS,
  guard: guardUnwrapper,
  alias: aliasUnwrapper,
  busybox: (argv) => argvFrom(argv, 1),
  toybox: (argv) => argvFrom(argv, 1),
  git: gitUnwrapper,
  ...EXEC_WRAPPERS,
  ...CODE_OPTION_WRAPPERS,
  ...FOREIGN_RUNNERS,
  ...SCRIPT_RUNNERS,
  "tclsh8.6": SCRIPT_RUNNERS.tclsh,
  "wish8.6": SCRIPT_RUNNERS.wish,
  ansible: ansibleAdhoc,
  "ansible-playbook": ansiblePlaybook,
};
for (const shell of SHELLS) TABLE[shell] = shellUnwrapper;

/** Whether guard knows how `program` runs other commands (a row in the wrapper tables). */
export function hasUnwrapper(program: string): boolean {
  return Object.prototype.hasOwnProperty.call(TABLE, program);
}

export function isShell(program: string): boolean {
  return SHELLS.includes(program);
}

/** The wrapper step label shown in explanations: `sudo`, `bash -c`, `eval`. */
export function wrapperLabel(program: string, result: Unwrapped): string {
  if ("label" in result && result.label) return result.label;
  if (result.kind === "shell-string") return `${program} -c`;
  if (result.kind === "shell-stdin") return `${program} <stdin>`;
  return program;
}

/**
 * The options that carry a one-liner, per interpreter: `cluster` matches a short-option word ending in
 * the code option (`perl -lne CODE`, `ruby -ne CODE`, `python3 -Bc CODE`, `perl -e'CODE'`), group 1
 * the code when attached; `long` are `--eval[=CODE]` spellings; `valued` options skip their value.
 */
const CODE_OPTIONS: Record<Language, { cluster: RegExp; long: string[]; valued: string[] }> = {
  python: { cluster: /^-[bBdEhiIOPqRsSuvx]*c([\s\S]*)$/, long: [], valued: ["-m", "-W", "-X", "-Q"] },
  javascript: { cluster: /^-(?:p?e|e?p|pe)([\s\S]*)$/, long: ["--eval", "--print"], valued: ["-r", "--require", "--import", "--loader", "--experimental-loader", "--input-type", "--env-file", "-C", "--conditions", "--title"] },
  ruby: { cluster: /^-(?:[lnpaswWvdy]|0[0-7]*)*e([\s\S]*)$/, long: [], valued: ["-r", "-I", "-C", "-E", "--encoding", "-F", "-i", "-x", "-K"] },
  perl: { cluster: /^-(?:[lnpaswWTtcUXvSN]|0[0-7]*|l[0-7]+)*[eE]([\s\S]*)$/, long: [], valued: ["-M", "-m", "-I", "-x", "-F", "-C", "-D", "-V"] },
  php: { cluster: /^-[rBRE]([\s\S]*)$/, long: ["--run", "--process-begin", "--process-code", "--process-end"], valued: ["-c", "-d", "-f", "-z", "-t", "-S"] },
};

/** `deno eval [opts] CODE`, `bun exec 'CMD'` (Bun Shell): subcommands that run code. */
function runtimeSubcommand(program: string, argv: Word[], language: Language): Unwrapped | undefined {
  if (program === "deno" && (argv[1]?.value === "eval" || argv[1]?.value === "e")) {
    const scan = scanOptions(argv, 2, { valued: ["--ext", "--import-map", "--config", "-c", "--location", "--seed", "--v8-flags", "--env-file"] });
    return argv[scan.rest] ? { kind: "code", language, code: argv[scan.rest], label: "deno eval" } : NONE;
  }
  // `deno run -A -e CODE`: the run subcommand takes the same -e as node; read the words after it as deno's own.
  if (program === "deno" && argv[1]?.value === "run" && argv.slice(2).some((w) => !w.dynamic && /^(?:-[A-Za-z]*e|--eval)(?:=|$)/.test(w.value))) return interpreterUnwrapper([argv[0], ...argv.slice(2)], language);
  if (program === "bun" && argv[1]?.value === "exec") return argv[2] ? { kind: "shell-string", word: argv[2], label: "bun exec" } : NONE;
  // `deno run -A scripts/x.ts`, `bun scripts/x.ts`, `bun run scripts/x.ts`: a source file, read like `node x.js`.
  const file = program === "deno" ? (argv[1]?.value === "run" ? sourceFileAt(argv, 2) : undefined) : program === "bun" ? bunSourceFile(argv) : undefined;
  return file ? { kind: "code", language, label: `${program} ${file.raw}`, file } : undefined;
}

const RUNTIME_VALUED = ["--config", "-c", "--import-map", "--location", "--seed", "--v8-flags", "--env-file", "--cwd", "--preload", "-r"];

/** The first word from `at` that is not an option, when it names a JavaScript or TypeScript source file. */
function sourceFileAt(argv: Word[], at: number): Word | undefined {
  const file = argv[scanOptions(argv, at, { valued: RUNTIME_VALUED }).rest];
  return file && !file.dynamic && JS_SOURCE.test(file.value) ? file : undefined;
}

/** `bun x.ts`, `bun run x.ts`: the source file bun runs (`bun run build` runs a package script instead). */
function bunSourceFile(argv: Word[]): Word | undefined {
  return sourceFileAt(argv, argv[1]?.value === "run" ? 2 : 1);
}

/** `-m a.b`: the project file `a/b.py` as the script, when the name is a plain dotted module name. */
function pythonModule(module: Word | undefined, program: string): Unwrapped {
  if (!module || module.dynamic || !/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/.test(module.value)) return NONE;
  const file = { ...module, value: `${module.value.split(".").join("/")}.py` };
  return { kind: "code", language: "python", label: `${program} -m ${module.value}`, file };
}

/** A JavaScript or TypeScript source file by its name: what `deno run`, `bun` and `bun run` run directly. */
const JS_SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** `python -c CODE`, `node -e CODE`, `perl -lne CODE`, `node --eval=CODE`, `python3 - <<EOF`: code guard reads for shell and delete calls. */
function interpreterUnwrapper(argv: Word[], language: Language): Unwrapped {
  const program = programName(argv[0]);
  const spec = CODE_OPTIONS[language];
  const sub = runtimeSubcommand(program, argv, language);
  if (sub) return sub;
  let i = 1;
  while (i < argv.length) {
    const word = argv[i];
    if (word.dynamic || !word.value.startsWith("-") || word.value === "-") break;
    if (word.value === "--") {
      i++;
      break;
    }
    const eq = word.value.indexOf("=");
    const longName = eq > 0 ? word.value.slice(0, eq) : word.value;
    if (spec.long.includes(longName)) {
      const code = eq > 0 ? { ...word, value: word.value.slice(eq + 1) } : argv[i + 1];
      return code ? { kind: "code", language, code, label: `${program} ${longName}`, args: argv.slice(eq > 0 ? i + 1 : i + 2) } : NONE;
    }
    const cluster = word.value.startsWith("--") ? null : spec.cluster.exec(word.value);
    if (cluster) {
      const code = cluster[1] ? { ...word, value: cluster[1] } : argv[i + 1];
      // The words after the code are its arguments (`perl -e CODE ARGS`: @ARGV).
      return code ? { kind: "code", language, code, label: `${program} ${word.value.slice(0, word.value.length - cluster[1].length)}`, args: argv.slice(cluster[1] ? i + 1 : i + 2) } : NONE;
    }
    if (spec.valued.includes(word.value)) {
      // `python3 -m scripts.cleanup`: a module of the project is its file (`scripts/cleanup.py`), read like a script;
      // an installed module (`-m pytest`, `-m http.server`) is not in the project, and nothing is read.
      if (language === "python" && word.value === "-m") return pythonModule(argv[i + 1], program);
      i += 2;
      continue;
    }
    i++;
  }
  // `python3 -` or no script at all: the code comes from stdin.
  if (i >= argv.length || argv[i].value === "-") return { kind: "code", language, label: `${program} <stdin>` };
  // `python manage.py shell -c CODE`: Django runs the code in the app.
  if (language === "python" && !argv[i].dynamic && /(?:^|\/)manage\.py$/.test(argv[i].value)) {
    const shell = djangoShell(argv, i + 1);
    if (shell.kind !== "none") return shell;
  }
  // `php artisan tinker --execute CODE`: Laravel runs the code in the app.
  if (language === "php" && !argv[i].dynamic && /(?:^|\/)artisan$/.test(argv[i].value)) {
    const tinker = artisanTinker(argv, i + 1);
    if (tinker.kind !== "none") return tinker;
  }
  // `python3 x.py`: a script file, read only when it was written in the same command (see extract.ts).
  return { kind: "code", language, label: `${program} ${argv[i].raw}`, file: argv[i], args: argv.slice(i + 1) };
}

/**
 * What `argv` runs besides itself. `env` holds the assignments written before it: `GIT_SSH_COMMAND=…`,
 * `EDITOR=…` and friends are commands the program runs.
 */
export function unwrap(argv: Word[], env: readonly EnvAssignment[] = []): Unwrapped {
  const name = argv[0] ? programName(argv[0]) : "";
  const dashed = dashedGit(argv) ?? guardLauncher(argv);
  if (dashed) return { kind: "argv", words: dashed, label: name };
  // git configuration from the environment is read exactly like the same `git -c KEY=VALUE` options.
  const gitEnv = name === "git" && env.length ? gitEnvConfig(env) : undefined;
  const fromEnv = env.length ? [...envCommands(name, env), ...(gitEnv?.unknown ?? [])] : [];
  const language = interpreterLanguage(name);
  // bun is also a package manager and script runner: only its code options and a source file run code directly.
  const bunCode = name === "bun" && (argv.slice(1).some((w) => /^(?:-e|--eval|-p|--print)(?:=|$)/.test(w.value)) || bunSourceFile(argv) !== undefined);
  if (language && (name !== "bun" || bunCode)) return several([interpreterUnwrapper(argv, language), ...fromEnv]);
  const unwrapper = Object.prototype.hasOwnProperty.call(TABLE, name) ? TABLE[name] : undefined;
  const result = unwrapper ? unwrapper(gitEnv ? withEnvConfig(argv, gitEnv) : argv, env) : NONE;
  return fromEnv.length ? several([result, ...fromEnv]) : result;
}
