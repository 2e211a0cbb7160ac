// Ansible: the commands an ad-hoc module call or a playbook's tasks amount to on the managed hosts (shell/command/raw, file state=absent, package, service, user, reboot, database modules).
import type { Word } from "./model";
import { scanOptions } from "./options";
import { literalWord } from "./words";
import type { Unwrapped, Unwrapper } from "./unwrapped";

type Yaml = typeof import("yaml");

/** `key=value key2="v w"` module arguments; free text (a shell command) stays under `_raw`. */
function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const raw: string[] = [];
  for (const m of text.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)|("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g)) {
    if (m[1]) out[m[1]] = m[2].replace(/^(["'])([\s\S]*)\1$/, "$2");
    else raw.push(m[3]);
  }
  if (raw.length) out._raw = raw.join(" ");
  return out;
}

/** A module name without its collection (`ansible.builtin.shell` → `shell`). */
function shortName(module: string): string {
  return module.replace(/^(?:ansible\.(?:builtin|legacy|posix|windows)|community\.(?:general|mysql|postgresql|docker|crypto))\./, "");
}

/** `{{ expr }}` as `${ANSIBLE_expr}`: filled in on the host, so a value guard does not know. */
function jinjaAsShell(text: string): string {
  return text.replace(/\\?\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => `\${ANSIBLE_${expr.replace(/\W+/g, "_").replace(/^_+|_+$/g, "") || "VAR"}}`);
}

/** Modules whose argument is a command line run on the host. */
const COMMAND_MODULES = new Set(["shell", "command", "raw", "script", "win_shell", "win_command"]);

/**
 * The shell text a module call amounts to, or undefined for a module that changes nothing guard
 * judges (copy, template, debug, ping, setup…). `null`: a module that may destroy, with arguments guard cannot read.
 */
export function moduleCommands(module: string, args: Record<string, unknown>): string[] | null | undefined {
  const name = shortName(module);
  const str = (k: string) => (typeof args[k] === "string" || typeof args[k] === "number" || typeof args[k] === "boolean" ? String(args[k]) : undefined);
  // A Jinja expression (`{{ app_dir }}`) is filled in on the host: a shell variable guard cannot read.
  const q = (v: string) => (v.includes("{{") ? `"${jinjaAsShell(v.replace(/["$`\\]/g, "\\$&"))}"` : `'${v.replace(/'/g, "'\\''")}'`);
  if (COMMAND_MODULES.has(name)) {
    const cmd = str("_raw") ?? str("cmd") ?? (Array.isArray(args.argv) ? (args.argv as unknown[]).map((a) => q(String(a))).join(" ") : undefined);
    // `script` copies a local script to the host and runs it: read it like `bash FILE`.
    if (name === "script") return cmd === undefined ? null : [`bash ${cmd}`];
    const chdir = str("chdir");
    return cmd === undefined ? null : [jinjaAsShell(chdir ? `cd ${q(chdir)} && ${cmd}` : cmd)];
  }
  const state = str("state");
  const names = (k: string) => (Array.isArray(args[k]) ? (args[k] as unknown[]).map(String) : str(k)?.split(",").map((s) => s.trim()).filter(Boolean));
  switch (name) {
    case "file": {
      const path = str("path") ?? str("dest") ?? str("name");
      if (state !== "absent") return undefined;
      return path === undefined ? null : [`rm -rf -- ${q(path)}`];
    }
    case "apt":
    case "yum":
    case "dnf":
    case "package":
    case "pip":
    case "npm": {
      if (state !== "absent") return undefined;
      const pkgs = names("name") ?? names("pkg");
      const tool = name === "apt" ? "apt-get remove -y" : name === "pip" ? "pip uninstall -y" : name === "npm" ? "npm uninstall" : `${name === "package" ? "dnf" : name} remove -y`;
      return pkgs ? [`${tool} ${pkgs.map(q).join(" ")}`] : null;
    }
    case "service":
    case "systemd":
    case "systemd_service": {
      const unit = str("name");
      const stop = state === "stopped" || str("enabled") === "false" || str("enabled") === "no" || str("masked") === "true" || str("masked") === "yes";
      if (!stop) return undefined;
      return unit ? [`systemctl ${state === "stopped" ? "stop" : "disable"} ${q(unit)}`] : null;
    }
    case "user":
      if (state !== "absent") return undefined;
      return str("name") ? [`userdel ${/^(?:yes|true)$/i.test(str("remove") ?? "") ? "-r " : ""}${q(str("name")!)}`] : null;
    case "reboot":
      return ["reboot"];
    case "mysql_db":
    case "postgresql_db": {
      if (state !== "absent" && state !== "import") return undefined;
      const db = str("name") ?? str("db");
      if (state === "import") return null;
      return db ? [name === "mysql_db" ? `mysql -e ${q(`DROP DATABASE ${db}`)}` : `dropdb ${q(db)}`] : null;
    }
    case "docker_container":
    case "docker_volume":
    case "docker_image":
    case "k8s":
    case "kubernetes.core.k8s":
    case "lvol":
    case "filesystem":
    case "parted":
    case "zfs":
    case "cron":
    case "iptables":
    case "ufw":
      // Their destroying states (absent, force, a new file system) ask: guard has no one command for them.
      return state === "absent" || str("force") === "yes" || str("force") === "true" || name === "filesystem" || name === "parted" ? null : undefined;
    default:
      return state === "absent" ? null : undefined;
  }
}

const PROD = /\bprod(?:uction)?\b|(?:^|[/_.-])prod(?:uction)?(?:[/_.-]|$)/i;

/** Options before and after the positionals (ansible's parser takes both), and the positionals. */
function allOptions(argv: Word[], valued: string[]): { options: { name: string; value?: string; index: number }[]; positionals: Word[] } {
  const options: { name: string; value?: string; index: number }[] = [];
  const positionals: Word[] = [];
  for (let i = 1; i < argv.length; ) {
    if (argv[i].dynamic || !argv[i].value.startsWith("-") || argv[i].value === "-") {
      positionals.push(argv[i++]);
      continue;
    }
    const scan = scanOptions(argv, i, { valued });
    options.push(...scan.options);
    i = Math.max(scan.rest, i + 1);
  }
  return { options, positionals };
}

/** `ansible-playbook [opts] PLAYBOOK…`: check, syntax and listing runs change nothing. */
export const ansiblePlaybook: Unwrapper = (argv) => {
  const scan = allOptions(argv, ["-i", "--inventory", "--inventory-file", "-l", "--limit", "-e", "--extra-vars", "-u", "--user", "-t", "--tags", "--skip-tags", "-f", "--forks", "-M", "--module-path", "--vault-id", "--vault-password-file", "--private-key", "--key-file", "-c", "--connection", "-T", "--timeout", "--start-at-task", "--become-method", "--become-user", "--ssh-common-args", "--ssh-extra-args", "--scp-extra-args", "--sftp-extra-args"]);
  const names = new Set(scan.options.map((o) => o.name));
  if (["-C", "--check", "--syntax-check", "--list-tasks", "--list-hosts", "--list-tags", "-h", "--help", "--version"].some((o) => names.has(o))) return { kind: "none" };
  const production = scan.options.some((o) => ["-i", "--inventory", "--inventory-file", "-l", "--limit", "-e", "--extra-vars"].includes(o.name) && o.value !== undefined && PROD.test(o.value));
  const playbooks = scan.positionals;
  return playbooks.length ? { kind: "playbook", playbooks, production } : { kind: "none" };
};

/** `ansible HOSTS -m MODULE -a ARGS`: the module's command on the hosts, read like `ssh host CMD`. */
export const ansibleAdhoc: Unwrapper = (argv): Unwrapped => {
  const { options } = allOptions(argv, ["-m", "--module-name", "-a", "--args", "-i", "--inventory", "-l", "--limit", "-e", "--extra-vars", "-u", "--user", "-f", "--forks", "-M", "--module-path", "-B", "--background", "-P", "--poll", "-t", "--tree", "-c", "--connection", "-T", "--timeout", "--become-method", "--become-user", "--vault-id", "--vault-password-file", "--private-key"]);
  const names = new Set(options.map((o) => o.name));
  if (["-C", "--check", "--list-hosts", "-h", "--help", "--version"].some((o) => names.has(o))) return { kind: "none" };
  const value = (flags: string[]): Word | undefined => {
    const o = options.find((x) => flags.includes(x.name));
    if (!o) return undefined;
    const w = argv[o.index];
    return w.value === o.name ? argv[o.index + 1] : { ...w, value: o.value ?? "" };
  };
  const moduleWord = value(["-m", "--module-name"]);
  const argsWord = value(["-a", "--args"]);
  // Without -m, ansible runs the command module.
  if (moduleWord?.dynamic || argsWord?.dynamic) return { kind: "unknown", detail: "ansible runs a module or arguments guard cannot read", span: (moduleWord?.dynamic ? moduleWord : argsWord)!.span };
  const module = moduleWord?.value ?? "command";
  if (argsWord === undefined && COMMAND_MODULES.has(shortName(module))) return { kind: "none" };
  const args = argsWord ? (argsWord.value.trim().startsWith("{") ? safeJson(argsWord.value) : keyValues(argsWord.value)) : {};
  const commands = moduleCommands(module, args ?? {});
  if (commands === undefined) return { kind: "none" };
  const span = (argsWord ?? moduleWord ?? argv[0]).span;
  if (commands === null) return { kind: "unknown", detail: `ansible runs the ${module} module with arguments guard cannot read`, span };
  return { kind: "several", list: commands.map((text) => ({ kind: "shell-string", word: literalWord(text, span), label: `ansible -m ${shortName(module)}` })) };
};

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Task keys that are not the module. */
const TASK_KEYS = new Set(["name", "when", "with_items", "loop", "loop_control", "register", "become", "become_user", "tags", "notify", "vars", "environment",
  "ignore_errors", "changed_when", "failed_when", "delegate_to", "run_once", "until", "retries", "delay", "no_log", "args", "check_mode", "diff", "listen", "timeout", "async", "poll", "throttle", "any_errors_fatal", "debugger", "connection", "module_defaults", "collections"]);

/** What a playbook's tasks run: shell text per task, or reasons guard cannot tell (includes, roles, unreadable modules). */
export function playbookCommands(text: string): { commands: string[]; unknown: string[] } {
  const out = { commands: [] as string[], unknown: [] as string[] };
  let doc: unknown;
  try {
    doc = (require("yaml") as Yaml).parse(text.slice(0, 262_144), { maxAliasCount: 64 });
  } catch {
    out.unknown.push("the playbook is not YAML guard can read");
    return out;
  }
  const plays = Array.isArray(doc) ? doc : [];
  let steps = 0;
  const visitTasks = (tasks: unknown, depth: number): void => {
    if (!Array.isArray(tasks) || depth > 8) return;
    for (const task of tasks) {
      if (++steps > 2000 || !task || typeof task !== "object") return;
      const t = task as Record<string, unknown>;
      for (const key of ["block", "rescue", "always"]) if (t[key]) visitTasks(t[key], depth + 1);
      const moduleKey = Object.keys(t).find((k) => !TASK_KEYS.has(k) && !["block", "rescue", "always"].includes(k));
      if (!moduleKey) continue;
      if (/(?:^|\.)(?:include_tasks|import_tasks|include_role|import_role|include|import_playbook)$/.test(moduleKey)) {
        out.unknown.push(`${moduleKey} ${typeof t[moduleKey] === "string" ? t[moduleKey] : ""}`.trim());
        continue;
      }
      const raw = t[moduleKey];
      const args: Record<string, unknown> = typeof raw === "string" ? keyValues(raw) : raw && typeof raw === "object" ? { ...(raw as Record<string, unknown>) } : {};
      if (typeof raw === "string" && COMMAND_MODULES.has(shortName(moduleKey))) args._raw = raw;
      if (t.args && typeof t.args === "object") Object.assign(args, t.args);
      const commands = moduleCommands(moduleKey, args);
      if (commands === null) out.unknown.push(`the ${moduleKey} task${typeof t.name === "string" ? ` "${t.name}"` : ""}`);
      else if (commands) out.commands.push(...commands);
    }
  };
  for (const play of plays) {
    if (!play || typeof play !== "object") continue;
    const p = play as Record<string, unknown>;
    if (p.import_playbook || p["ansible.builtin.import_playbook"]) out.unknown.push(`import_playbook ${String(p.import_playbook ?? p["ansible.builtin.import_playbook"])}`);
    if (Array.isArray(p.roles) && p.roles.length) out.unknown.push(`roles ${p.roles.map((r) => (typeof r === "string" ? r : (r as { role?: string })?.role ?? "?")).join(", ")}`);
    for (const key of ["pre_tasks", "tasks", "post_tasks", "handlers"]) visitTasks(p[key], 0);
  }
  return out;
}
