// Framework runners and cloud remote shells that run code or a command handed to them (rails runner, manage.py shell -c, artisan tinker --execute, mix run -e, gcloud compute ssh --command).
import type { Word } from "./model";
import { scanOptions } from "./options";
import { argvFrom, NONE, valueWord, type Unwrapped, type Unwrapper } from "./unwrapped";

/**
 * `rails runner CODE|FILE` runs Ruby in the app (with its database); `rails console`/`rails c` reads Ruby
 * from stdin when it is piped in. Both are read like `ruby -e`/`ruby <stdin>`.
 */
export function railsRunner(argv: Word[]): Unwrapped {
  const spec = { valued: ["-e", "--environment", "-r", "--require"] };
  const scan = scanOptions(argv, 1, spec);
  const sub = argv[scan.rest]?.value;
  if (sub === "runner" || sub === "r") {
    const code = argv[scanOptions(argv, scan.rest + 1, spec).rest];
    if (!code) return NONE;
    if (!code.dynamic && /\.rb$/.test(code.value)) return { kind: "code", language: "ruby", label: "rails runner", file: code };
    return { kind: "code", language: "ruby", code, label: "rails runner" };
  }
  if (sub === "console" || sub === "c") return { kind: "code", language: "ruby", label: "rails console" };
  return NONE;
}

/** `manage.py shell -c CODE` runs Python in the Django app; `manage.py shell` reads it from stdin. */
export function djangoShell(argv: Word[], from: number): Unwrapped {
  const spec = { valued: ["-c", "--command", "-i", "--interface", "--settings", "--pythonpath", "-v", "--verbosity"] };
  const scan = scanOptions(argv, from, spec);
  // `python manage.py dbshell`: the SQL client reads the piped SQL; checked as `manage.py dbshell` (see carriers.ts).
  if (argv[scan.rest]?.value === "dbshell" && from > 1) return argvFrom(argv, from - 1, { label: "python manage.py" });
  if (argv[scan.rest]?.value !== "shell" && argv[scan.rest]?.value !== "shell_plus") return NONE;
  const inner = scanOptions(argv, scan.rest + 1, spec);
  const command = inner.options.find((o) => o.name === "-c" || o.name === "--command");
  if (command) {
    const code = valueWord(argv, command.index, command.value);
    return code ? { kind: "code", language: "python", code, label: "manage.py shell -c" } : NONE;
  }
  return { kind: "code", language: "python", label: "manage.py shell" };
}

/** `php artisan tinker --execute=CODE` runs PHP in the Laravel app (with its database); without it, tinker reads PHP from stdin. */
export function artisanTinker(argv: Word[], from: number): Unwrapped {
  const spec = { valued: ["--execute", "--env"] };
  const scan = scanOptions(argv, from, spec);
  if (argv[scan.rest]?.value !== "tinker") return NONE;
  const inner = scanOptions(argv, scan.rest + 1, spec);
  const execute = [...scan.options, ...inner.options].find((o) => o.name === "--execute");
  if (!execute) return { kind: "code", language: "php", label: "artisan tinker" };
  const code = valueWord(argv, execute.index, execute.value);
  return code ? { kind: "code", language: "php", code, label: "artisan tinker --execute" } : NONE;
}

/**
 * `mix run -e CODE` runs Elixir in the project (with its Repo). Elixir's strings, `Module.fun(args)` calls and
 * `#{}` interpolation are written as Ruby's are, so the code is read with the Ruby reader (Ecto calls included).
 */
export function mixRun(argv: Word[]): Unwrapped {
  if (argv[1]?.value !== "run") return NONE;
  const scan = scanOptions(argv, 2, { valued: ["-e", "--eval", "-r", "--require", "-p", "--parallel-require", "-c", "--config"] });
  const evaluated = scan.options.find((o) => o.name === "-e" || o.name === "--eval");
  if (!evaluated) return NONE;
  const code = valueWord(argv, evaluated.index, evaluated.value);
  return code ? { kind: "code", language: "ruby", code, label: "mix run -e" } : NONE;
}

/** Groups whose `ssh` subcommand opens a shell on a machine: `compute ssh`, `compute tpus tpu-vm ssh`, `cloud-shell ssh`, `workstations ssh`. */
const GCLOUD_SSH_GROUPS = new Set(["compute", "tpu-vm", "cloud-shell", "workstations"]);

/** `gcloud compute ssh VM --command CMD` or `gcloud compute ssh VM -- CMD…` (and the other ssh groups): the VM's shell runs it. */
export function gcloudSsh(argv: Word[]): Unwrapped {
  const at = argv.findIndex((w, i) => i > 0 && GCLOUD_SSH_GROUPS.has(w.value) && argv[i + 1]?.value === "ssh");
  if (at < 0) return NONE;
  const dashes = argv.findIndex((w) => w.value === "--");
  const options = argv.slice(0, dashes < 0 ? argv.length : dashes);
  for (let i = at + 2; i < options.length; i++) {
    const w = options[i];
    if (w.value === "--command") return argv[i + 1] ? { kind: "shell-string", word: argv[i + 1], label: "gcloud compute ssh --command" } : NONE;
    if (w.value.startsWith("--command=")) return { kind: "shell-string", word: { ...w, value: w.value.slice(10) }, label: "gcloud compute ssh --command" };
  }
  return dashes > 0 && dashes + 1 < argv.length ? { kind: "shell-words", words: argv.slice(dashes + 1), label: "gcloud compute ssh" } : NONE;
}

/** `az ssh vm|arc … -- CMD…`: the words after `--` go to ssh, whose remote shell runs them. */
export const azSsh: Unwrapper = (argv) => {
  if (argv[1]?.value !== "ssh" || !["vm", "arc"].includes(argv[2]?.value ?? "")) return NONE;
  const dashes = argv.findIndex((w) => w.value === "--");
  if (dashes < 0) return NONE;
  // Like ssh, options may come first (`-- -t rm -rf x` is rare); the remote command is the rest.
  let i = dashes + 1;
  while (i < argv.length && !argv[i].dynamic && /^-[tTnNqvAXY]+$/.test(argv[i].value)) i++;
  return i < argv.length ? { kind: "shell-words", words: argv.slice(i), label: "az ssh" } : NONE;
};

/** The command strings in an ssm `--parameters` value: `commands=["a","b"]`, `commands=a`, or `{"commands":["a"]}` (`command` for start-session). */
function ssmCommands(text: string, key = "commands"): string[] | undefined {
  const json = /^\s*\{[\s\S]*\}\s*$/.test(text) ? text : undefined;
  if (json) {
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      const commands = parsed[key];
      if (Array.isArray(commands) && commands.every((c) => typeof c === "string")) return commands as string[];
      return typeof commands === "string" ? [commands] : undefined;
    } catch {
      return undefined;
    }
  }
  const m = new RegExp(`(?:^|,)\\s*${key}=([\\s\\S]*)$`).exec(text);
  if (!m) return undefined;
  const list = /^\[([\s\S]*)\]\s*$/.exec(m[1]);
  if (!list) return [m[1].replace(/^"([\s\S]*)"$/, "$1")];
  try {
    const parsed = JSON.parse(`[${list[1]}]`) as unknown[];
    return parsed.every((c) => typeof c === "string") ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `aws ssm send-command --parameters commands=[…]`: each command runs in a shell on the target instances;
 * `aws ssm start-session --document-name AWS-StartInteractiveCommand --parameters command=[…]` runs one.
 */
export function awsSsm(argv: Word[]): Unwrapped {
  const at = argv.findIndex((w) => w.value === "ssm");
  const sub = argv[at + 1]?.value;
  if (at < 0 || (sub !== "send-command" && sub !== "start-session")) return NONE;
  const key = sub === "send-command" ? "commands" : "command";
  const i = argv.findIndex((w) => w.value === "--parameters" || w.value.startsWith("--parameters="));
  if (i < 0) return NONE;
  const word = argv[i].value === "--parameters" ? argv[i + 1] : { ...argv[i], value: argv[i].value.slice(13) };
  if (!word) return NONE;
  const commands = word.dynamic || word.value.startsWith("file://") ? undefined : ssmCommands(word.value, key);
  if (!commands) {
    // start-session parameters other than `command` (port forwarding's portNumber) run nothing.
    if (sub === "start-session" && !word.dynamic && !word.value.startsWith("file://")) return NONE;
    return { kind: "unknown", detail: `aws ssm ${sub} runs commands guard cannot read`, span: word.span };
  }
  const list: Unwrapped[] = commands.map((value) => ({ kind: "shell-string", word: { ...word, value }, label: `aws ssm ${sub}` }));
  return list.length ? { kind: "several", list } : NONE;
}
