// The generic destroying-verb matcher: a tool nobody wrote a pack for still asks when its subcommand says it destroys.
import type { Invocation, Word } from "../shell/model";
import type { ParsedArgs } from "../shell/program-args";
import { READ_ONLY_PROGRAMS } from "./harmless";
import { httpClient } from "../payloads/http";

/** Words that, as a subcommand (or one dash/colon-separated part of one), say the command destroys something. */
const VERBS = new Set([
  "delete", "destroy", "remove", "rm", "purge", "drop", "wipe", "erase", "terminate", "deprovision", "reset", "flush",
  "truncate", "prune", "revoke", "del", "uninstall", "nuke", "expunge", "obliterate", "shred", "decommission", "deregister",
  "unpublish", "rb", "rmi", "assassinate",
  // A server rebuilt, reimaged or restored from a backup loses its disk as it is now; an undeploy takes the service down.
  "rebuild", "reimage", "restore", "undeploy",
]);

/**
 * Program names that say it: `userdel`, `groupdel`, `lvremove`, `dropdb`, `atrm`, `ipcrm`, `trash-rm`. Explicit shapes, not
 * "ends in rm" — `terraform`, `xterm` and `confirm` end in rm too.
 */
const PROGRAM_VERB = /^(?:[a-z0-9]+(?:del|remove|delete|destroy|purge)|(?:at|ipc|trash-?)rm|(?:drop|wipe|purge|destroy|erase|nuke)(?:db|user|fs|all|[-_].+)?)$/;
/** Whole program names that destroy: Windows `del`/`erase`/`rd`/`format`, PowerShell's `Clear-Disk`, `Format-Volume`. */
const VERB_PROGRAMS = new Set(["del", "erase", "rd", "format", "diskpart", "clear-recyclebin", "clear-disk", "format-volume", "initialize-disk",
  "srm", "wipe", "nwipe", "scrub", "trash-empty"]);

// macOS `purge` only empties the disk cache in memory.
// NixOS and Electron rebuilds build software; pg_restore has its own rules (`--clean`).
const PROGRAM_NOT_VERB = new Set(["model", "dropbox", "dropbear", "wiper", "purge", "nixos-rebuild", "darwin-rebuild", "electron-rebuild", "pg_restore"]);

/**
 * Programs whose own packs or payload analysers decide every verb precisely (`git branch -d` is everyday, `git push
 * --delete main` is not), or whose "subcommands" are user-defined names (`make clean-db`, `npm run db:drop`): the
 * generic rule stays out of their way.
 */
const LEFT_TO_PACKS = new Set([
  "git", "rm", "rmdir", "unlink", "find", "shred", "truncate", "kubectl", "oc", "make", "gmake", "just", "poe", "npm", "npx",
  "pnpm", "yarn", "bun", "bunx", "rake", "rails", "psql", "mysql", "mariadb", "sqlite3", "duckdb", "clickhouse-client",
  "clickhouse", "cqlsh", "redis-cli", "valkey-cli", "keydb-cli", "mongosh", "mongo", "etcdctl", "guard",
  "prisma", "sequelize", "typeorm", "knex", "drizzle-kit", "alembic", "flyway", "liquibase", "sqlx", "diesel",
  // Not the other PaaS CLIs (fly, heroku, vercel, netlify, supabase, neonctl, pscale, firebase, railway, wrangler): their
  // subcommands keep growing (`fly ext supabase destroy`, `supabase orgs delete`, `heroku pipelines:destroy`), so the
  // generic rule asks where their pack is silent, and each pack allows its everyday deletes itself.
  // render's pack knows its CLI prompts unless `--confirm` (a delete without it does nothing for an agent).
  "render", "terraform", "tofu", "terragrunt", "pulumi",
  // Wrappers: the command they run is extracted and judged on its own (`xargs rm -rf`, `sudo apt purge`).
  "xargs", "parallel", "sudo", "doas", "su", "runuser", "env", "nohup", "exec", "time", "timeout", "nice", "ionice", "watch",
  "stdbuf", "unbuffer", "chroot", "flock", "setsid", "strace", "ltrace", "command", "builtin", "eval", "ssh", "mosh", "script",
  // Multi-call binaries: `busybox rm -rf DIR` is judged as `rm -rf DIR`.
  "busybox", "toybox",
]);

/** Subcommands after which the words belong to another command: `docker exec web rm x`, `fly ssh console -C "…"`. */
const RUNNER_WORDS = new Set(["exec", "run", "ssh", "shell", "console", "x", "dlx", "sh", "bash", "zsh", "attach", "enter"]);

/**
 * Everyday tools whose removing verbs remove a dependency, a toolchain, a cache or a local helper — undone by installing
 * it again: `pip uninstall`, `cargo remove`, `conda env remove`, `rustup toolchain uninstall`, `tmux kill-session`.
 */
const EVERYDAY_PROGRAMS = new Set([
  "pip", "pip3", "pipx", "uv", "poetry", "pdm", "hatch", "conda", "mamba", "micromamba", "gem", "cargo", "rustup", "go",
  "nvm", "fnm", "volta", "pyenv", "rbenv", "asdf", "mise", "rtx", "sdk", "composer", "dotnet", "mix", "cabal", "stack",
  "opam", "luarocks", "cpanm", "conan", "vcpkg", "bundle", "bower", "deno", "tmux", "screen", "zellij", "ssh-keygen",
  "ssh-add", "pre-commit", "direnv", "zoxide", "autojump", "ollama", "code", "nix-env", "jenv", "goenv", "nodenv", "tfenv",
  "corepack", "pnpx", "gradle", "mvn", "ant", "sbt", "lein", "flutter", "dart", "pub", "swift", "xcrun", "pod",
  // Package restores and native rebuilds: `nuget restore`, `paket restore`, `node-gyp rebuild`.
  "nuget", "paket", "node-gyp", "msbuild",
  // Local helpers whose resets and removals are settings, caches or watch lists: `nx reset`, `watchman watch-del-all`.
  "git-lfs", "pm2", "nx", "turbo", "watchman", "avdmanager", "sdkmanager", "ansible-galaxy", "bluetoothctl", "gsettings", "lerna",
  "apm", "cordova", "ionic", "meteor", "nix", "pipenv", "tlmgr", "rvm", "jupyter", "husky", "distrobox", "toolbox",
  "gnome-extensions", "pyenv-virtualenv", "virtualenvwrapper", "rmvirtualenv", "spack",
  // Terminal state: `tput reset`, `stty sane`.
  "tput", "stty", "setterm", "tset",
]);

/**
 * Subcommand paths of multi-purpose tools that are everyday work: containers and images are rebuilt, a Helm repo entry
 * or a gh extension is added back in a second. Each entry is the path after the program; `*` matches any one word.
 */
const EVERYDAY_PATHS: Record<string, string[][]> = {
  docker: [["rm"], ["rmi"], ["container", "*"], ["image", "*"], ["images", "*"], ["network", "*"], ["builder", "*"], ["buildx", "*"],
    ["context", "*"], ["compose", "*"], ["system", "prune"], ["manifest", "*"], ["plugin", "*"]],
  podman: [["rm"], ["rmi"], ["container", "*"], ["image", "*"], ["network", "*"], ["pod", "*"], ["system", "prune"], ["manifest", "*"]],
  nerdctl: [["rm"], ["rmi"], ["container", "*"], ["image", "*"], ["network", "*"], ["system", "prune"]],
  crictl: [["rm"], ["rmi"], ["rmp"], ["stop"]],
  ctr: [["images", "*"], ["image", "*"], ["i", "*"], ["containers", "*"], ["container", "*"], ["c", "*"], ["snapshots", "*"]],
  "docker-compose": [["rm"], ["down"]],
  buildah: [["rm"], ["rmi"]],
  helm: [["repo", "*"], ["plugin", "*"]],
  gh: [["extension", "*"], ["extensions", "*"], ["alias", "*"], ["cache", "*"]],
  hg: [["remove"], ["rm"]],
  vagrant: [["box", "*"], ["plugin", "*"]],
  gcloud: [["components", "*"], ["config", "*"], ["auth", "revoke"]],
  az: [["extension", "*"], ["config", "*"]],
  brew: [["cleanup"], ["untap"], ["autoremove"]],
  // Local, disposable dev clusters: recreated in a minute. The clusters pack asks when the name says production.
  minikube: [["addons", "*"], ["cache", "*"], ["delete"]],
  kind: [["delete", "*"]],
  k3d: [["cluster", "delete"], ["node", "delete"], ["registry", "delete"]],
  code: [["*"]],
  kubectx: [["*"]],
  ssh: [["*"]],
  // The local development database (the supabase pack asks for `--linked` / `--db-url`).
  supabase: [["db", "reset"]],
  // One item, named by its full key: application data work (the aws pack decides every other dynamodb delete).
  aws: [["dynamodb", "delete-item"]],
};

/** Read verbs: the words after them are names (`docker logs reset-worker`, `kubectl get job cleanup`), not subcommands. */
const READ_WORDS = new Set(["logs", "log", "get", "show", "describe", "list", "ls", "inspect", "status", "view", "info", "cat", "history",
  "search", "top", "stats", "diff", "tail", "watch", "exec", "attach", "port-forward", "open", "browse"]);

/** Options that make a destroying command only show what it would do, or print help. */
const HARMLESS_OPTIONS = new Set([
  "--dry-run", "--dryrun", "--dry_run", "--what-if", "--whatif", "--simulate", "--no-act", "--noop", "--preview", "--help",
  "-h", "--just-print", "--list", "--check", "--plan", "--generate-cli-skeleton", "--preview-only", "-help", "--usage",
]);

/** Words that stop the subcommand path: once a word looks like a path, URL, key=value or an id, the path is over. */
const SUBCOMMAND_WORD = /^[a-z][a-z0-9]*(?:[-_:][a-z0-9]+)*$/i;

/**
 * Long options that name a destroying action on tools without a pack: `gpg --delete-secret-keys`, `kafka-topics --delete`.
 * Exact names only: `--remove-section` (objcopy) or `--delete-after` (wget) are everyday.
 */
const VERB_OPTION = /^--(?:delete|destroy|purge|wipe|erase|remove|drop|uninstall|delete-(?:keys?|secret-keys?|secret-and-public-keys?|all|snapshots?|backups?|data)|overwrite-tables|drop-tables)$/;

/** The number of leading positionals that may be a subcommand path (`gcloud beta compute instances delete`). */
const MAX_PATH = 5;

export interface VerbHit {
  word: Word;
  verb: string;
}

/** `delete-recovery-point` → delete, recovery, point; `eraseDisk` → erase, disk; `pg:backups:delete` → pg, backups, delete. */
function tokens(word: string): string[] {
  return word.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase().split(/[-_:]/).filter(Boolean);
}

/**
 * A verb written together with what it destroys, as one word: nodetool's `clearsnapshot`, `removenode`, `truncatehints`.
 * The object must be a known data noun (`dropdown`, `removeprefix` are not destroying), and `clear` counts only here.
 */
const COMPOUND_VERB = /^(delete|destroy|remove|purge|drop|wipe|erase|truncate|flush|clear|reset)(?:snapshots?|backups?|data|all|everything|nodes?|hints|keyspaces?|tables?|dbs?|databases?|buckets?|volumes?|queues?|index(?:es)?|indices|topics?|users?|keys?|objects?|files?|logs?|binlogs?|history|records?|rows?|store|storage|cluster)$/;

function isVerbWord(word: string): string | undefined {
  const parts = tokens(word);
  // `flush-caches`, `cache purge`: emptying a cache is never the last copy of anything.
  if (parts.some((p) => p === "cache" || p === "caches")) return undefined;
  return parts.find((p) => VERBS.has(p)) ?? parts.map((p) => COMPOUND_VERB.exec(p)?.[1]).find((v) => v !== undefined);
}

function subcommandPath(program: string, parsed: ParsedArgs): Word[] {
  const path: Word[] = [];
  for (const word of parsed.positionals.slice(0, MAX_PATH)) {
    if (word.dynamic || !SUBCOMMAND_WORD.test(word.value)) break;
    // `gcloud run services delete`: Cloud Run is a product there, not a command runner.
    if (RUNNER_WORDS.has(word.value.toLowerCase()) && !(program === "gcloud" && word.value === "run")) break;
    path.push(word);
  }
  return path;
}

function everydayPath(program: string, path: string[]): boolean {
  return (EVERYDAY_PATHS[program] ?? []).some((entry) => entry.every((step, i) => path[i] !== undefined && (step === "*" || step === path[i].toLowerCase())));
}

function programVerb(program: string): string | undefined {
  const name = program.toLowerCase();
  if (PROGRAM_NOT_VERB.has(name)) return undefined;
  if (VERB_PROGRAMS.has(name)) return name;
  const parts = name.split(/[-_.]/);
  if (parts.length > 1) {
    const verb = parts.find((p) => VERBS.has(p));
    if (verb) return verb;
  }
  return PROGRAM_VERB.test(name) ? name : undefined;
}

/**
 * The HTTP rules judge a request (`http DELETE url`, `vercel api /v9/x -X DELETE`) by its method; the other subcommands of a
 * platform CLI that can also send one (`vercel teams rm`, `netlify functions:delete`) are verbs like any tool's.
 */
function sendsOnlyRequests(program: string, parsed: ParsedArgs): boolean {
  if (!httpClient(program)) return false;
  return !PLATFORM_CLIS.has(program) || parsed.positionals[0]?.value === "api";
}

const PLATFORM_CLIS = new Set(["gh", "glab", "railway", "vercel", "netlify"]);

/**
 * The destroying verb this invocation carries, if the generic rule should ask about it: in the program name, in the
 * subcommand path, or in a long option — unless the tool is left to its pack, everyday, or the command is a
 * dry-run or help form.
 */
export function destroyingVerb(invocation: Invocation, parsed: ParsedArgs): VerbHit | undefined {
  const program = invocation.program.toLowerCase();
  if (!program || sendsOnlyRequests(program, parsed) || LEFT_TO_PACKS.has(program) || EVERYDAY_PROGRAMS.has(program) || READ_ONLY_PROGRAMS.has(program)) return undefined;
  if (parsed.options.some((o) => HARMLESS_OPTIONS.has(o.name))) return undefined;
  const path = subcommandPath(program, parsed);
  if (path.some((w) => w.value.toLowerCase() === "help")) return undefined;
  if (everydayPath(program, path.map((w) => w.value))) return undefined;
  // A shell script's name (`./scripts/reset-db.sh`) says less than its contents, which guard reads and checks (or asks about).
  const fromName = /\.(?:sh|bash|zsh)$/.test(program) ? undefined : programVerb(program);
  if (fromName) return { word: invocation.argv[0], verb: fromName };
  for (const word of path) {
    if (READ_WORDS.has(word.value.toLowerCase())) break;
    const verb = isVerbWord(word.value);
    if (verb) return { word, verb };
  }
  const option = parsed.options.find((o) => VERB_OPTION.test(o.name));
  if (option) return { word: invocation.argv[option.index], verb: option.name.replace(/^--/, "") };
  return undefined;
}
