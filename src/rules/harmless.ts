// What guard knows to be harmless: read-only programs and subcommands, for the generic verb rule and `profile: strict`.
import type { Invocation, Word } from "../shell/model";
import type { ParsedArgs } from "../shell/program-args";

/**
 * Programs that only read and print, whose positional arguments are data (`grep delete src/`, `man rm`, `echo drop`):
 * never a subcommand that destroys.
 */
export const READ_ONLY_PROGRAMS = new Set([
  "ls", "ll", "la", "dir", "vdir", "tree", "exa", "eza", "lsd", "cat", "bat", "batcat", "tac", "nl", "head", "tail", "less", "more",
  "most", "wc", "sort", "uniq", "cut", "paste", "join", "tr", "fold", "fmt", "expand", "unexpand", "column", "colrm", "rev", "diff",
  "diff3", "sdiff", "cmp", "comm", "grep", "egrep", "fgrep", "rg", "ag", "ack", "ugrep", "zgrep", "zcat", "bzcat", "xzcat", "zless",
  "zdiff", "sed", "awk", "gawk", "mawk", "nawk", "jq", "yq", "gron", "xq", "fx", "echo", "printf", "yes", "true", "false", "test",
  "[", "[[", "man", "info", "whatis", "apropos", "tldr", "cheat", "help", "which", "whereis", "type", "command", "hash", "file",
  "stat", "du", "df", "free", "uptime", "whoami", "id", "groups", "hostname", "uname", "date", "cal", "ncal", "pwd", "basename",
  "dirname", "realpath", "readlink", "printenv", "locale", "tty", "nproc", "arch", "lsb_release", "sha1sum", "sha256sum",
  "sha512sum", "md5sum", "b2sum", "cksum", "sum", "base64", "base32", "xxd", "hexdump", "od", "strings", "seq", "shuf", "numfmt",
  "expr", "bc", "dc", "factor", "look", "fd", "fdfind", "locate", "plocate", "mlocate", "ps", "pgrep", "pstree", "top", "htop",
  "btop", "atop", "vmstat", "iostat", "mpstat", "pidstat", "sar", "lsof", "w", "who", "last", "lastlog", "users", "finger",
  "lsblk", "blkid", "findmnt", "lscpu", "lsusb", "lspci", "lsmod", "lshw", "dmidecode", "lsns", "lsipc", "lslocks", "lslogins",
  "modinfo", "getent", "dig", "host", "nslookup", "whois", "ping", "ping6", "traceroute", "tracepath", "mtr", "ss", "netstat",
  "sestatus", "getenforce", "getfacl", "lsattr", "identify", "exiftool", "ffprobe", "mediainfo", "pdfinfo", "pdftotext",
  "nm", "objdump", "readelf", "ldd", "size", "c++filt", "addr2line", "tokei", "cloc", "scc", "wtf", "env", "sleep", "watch",
  "timeout", "time", "nice", "ionice", "find", "glow", "mdcat", "delta", "difft", "colordiff", "icdiff", "jless", "fzf",
]);

/** Options that make an otherwise read-only program write: `sed -i`, `sort -o out`, `tree -o`, `yq -i`. */
const WRITING_OPTIONS: Record<string, string[]> = {
  sed: ["-i", "--in-place"],
  sort: ["-o", "--output"],
  yq: ["-i", "--inplace"],
  tree: ["-o"],
  shuf: ["-o", "--output"],
  awk: ["-i"],
  gawk: ["-i", "--include"],
  find: ["-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"],
  date: ["-s", "--set"],
  hostname: ["-F", "--file", "-b", "--boot"],
  journalctl: ["--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate", "--flush", "--relinquish-var", "--setup-keys"],
};

/** A writing option given as a parsed option or as a whole word (`find -delete` has single-dash long options). */
function writes(invocation: Invocation, parsed: ParsedArgs): boolean {
  const writing = WRITING_OPTIONS[invocation.program];
  if (!writing) return false;
  return parsed.options.some((o) => writing.includes(o.name)) ||
    invocation.argv.slice(1).some((w) => writing.some((opt) => w.value === opt || w.value.startsWith(`${opt}=`)));
}

/** Read-only subcommand paths of everyday tools (`git status`, `kubectl get`); `*` matches any one word. */
const READ_ONLY_PATHS: Record<string, string[][]> = {
  git: [["status"], ["log"], ["diff"], ["show"], ["blame"], ["shortlog"], ["describe"], ["rev-parse"], ["rev-list"], ["ls-files"],
    ["ls-tree"], ["ls-remote"], ["grep"], ["cat-file"], ["whatchanged"], ["count-objects"], ["version"], ["help"], ["show-ref"],
    ["show-branch"], ["merge-base"], ["name-rev"], ["for-each-ref"], ["var"], ["check-ignore"], ["check-attr"], ["reflog", "show"],
    ["stash", "list"], ["stash", "show"], ["worktree", "list"], ["submodule", "status"], ["remote", "show"], ["remote", "get-url"]],
  kubectl: [["get"], ["describe"], ["logs"], ["top"], ["explain"], ["api-resources"], ["api-versions"], ["version"], ["cluster-info"],
    ["config", "view"], ["config", "get-contexts"], ["config", "current-context"], ["config", "get-clusters"], ["auth", "can-i"],
    ["auth", "whoami"], ["diff"], ["events"], ["rollout", "status"], ["rollout", "history"]],
  docker: [["ps"], ["images"], ["logs"], ["inspect"], ["version"], ["info"], ["stats"], ["top"], ["port"], ["history"], ["diff"],
    ["search"], ["container", "ls"], ["container", "inspect"], ["container", "logs"], ["image", "ls"], ["image", "inspect"],
    ["image", "history"], ["network", "ls"], ["network", "inspect"], ["volume", "ls"], ["volume", "inspect"], ["compose", "ps"],
    ["compose", "logs"], ["compose", "config"], ["compose", "ls"], ["compose", "images"], ["system", "df"], ["system", "info"],
    ["context", "ls"], ["buildx", "ls"]],
  podman: [["ps"], ["images"], ["logs"], ["inspect"], ["version"], ["info"], ["stats"]],
  helm: [["list"], ["ls"], ["status"], ["get", "*"], ["history"], ["show", "*"], ["template"], ["version"], ["search", "*"], ["lint"],
    ["env"], ["repo", "list"], ["dependency", "list"]],
  terraform: [["plan"], ["show"], ["validate"], ["output"], ["state", "list"], ["state", "show"], ["version"], ["providers"], ["graph"],
    ["fmt"]],
  tofu: [["plan"], ["show"], ["validate"], ["output"], ["state", "list"], ["state", "show"], ["version"], ["providers"], ["graph"]],
  npm: [["ls"], ["list"], ["outdated"], ["view"], ["info"], ["show"], ["explain"], ["why"], ["audit"], ["config", "get"],
    ["config", "list"], ["doctor"], ["help"], ["search"], ["ping"], ["root"], ["prefix"], ["bin"], ["fund"], ["query"]],
  pnpm: [["ls"], ["list"], ["outdated"], ["why"], ["audit"], ["root"]],
  yarn: [["list"], ["info"], ["why"], ["outdated"], ["audit"]],
  pip: [["list"], ["show"], ["freeze"], ["check"], ["index", "*"], ["help"], ["debug"], ["config", "list"]],
  pip3: [["list"], ["show"], ["freeze"], ["check"]],
  cargo: [["tree"], ["metadata"], ["search"], ["version"], ["locate-project"], ["pkgid"], ["verify-project"]],
  go: [["version"], ["env"], ["list"], ["doc"]],
  systemctl: [["status"], ["list-units"], ["list-unit-files"], ["list-timers"], ["list-sockets"], ["list-dependencies"], ["is-active"],
    ["is-enabled"], ["is-failed"], ["is-system-running"], ["show"], ["cat"], ["get-default"]],
  journalctl: [[]],
  apt: [["list"], ["search"], ["show"], ["policy"], ["depends"], ["rdepends"], ["changelog"]],
  "apt-cache": [[]],
  brew: [["list"], ["ls"], ["info"], ["search"], ["outdated"], ["deps"], ["uses"], ["config"], ["doctor"], ["leaves"], ["desc"],
    ["home"], ["--version"]],
  dpkg: [["-l"], ["-L"], ["-s"], ["-S"], ["--list"], ["--listfiles"], ["--status"], ["--search"], ["--get-selections"]],
  gh: [["pr", "list"], ["pr", "view"], ["pr", "status"], ["pr", "diff"], ["pr", "checks"], ["issue", "list"], ["issue", "view"],
    ["issue", "status"], ["run", "list"], ["run", "view"], ["repo", "view"], ["release", "list"], ["release", "view"], ["status"],
    ["search", "*"], ["workflow", "list"], ["workflow", "view"], ["auth", "status"]],
  aws: [["sts", "get-caller-identity"], ["configure", "list"], ["s3", "ls"]],
  gcloud: [["config", "list"], ["info"], ["version"], ["auth", "list"]],
  az: [["account", "show"], ["account", "list"], ["version"]],
  ip: [[], ["addr"], ["address"], ["a"], ["link"], ["l"], ["route"], ["r"], ["neigh"], ["n"], ["rule"]],
  node: [["--version"], ["-v"]],
  python: [["--version"], ["-V"]],
  python3: [["--version"], ["-V"]],
};

/** Words after a read-only `ip` object that change it: `ip link set`, `ip route del`. */
const IP_WRITES = new Set(["add", "del", "delete", "set", "change", "replace", "flush", "append", "prepend", "save", "restore"]);

/** aws/gcloud/az read verbs: `aws ec2 describe-instances`, `gcloud compute instances list`, `az vm show`. */
const CLOUD_READ = /^(?:describe|list|get|show|ls)(?:-|$)/;
const CLOUD_SECRET_READ = /secret|password|credential|token|key-value|keys?$/i;

function pathMatches(entry: string[], words: string[]): boolean {
  return entry.every((step, i) => words[i] !== undefined && (step === "*" || step === words[i]));
}

function leadingWords(parsed: ParsedArgs): string[] {
  const out: string[] = [];
  for (const w of parsed.positionals.slice(0, 4)) {
    if (w.dynamic) break;
    out.push(w.value);
  }
  return out;
}

/** Whether an invocation only reads: a read-only program without writing options, or a read-only subcommand path. */
export function readOnlyInvocation(invocation: Invocation, parsed: ParsedArgs): boolean {
  const program = invocation.program;
  if (writes(invocation, parsed)) return false;
  // `env`, `time`, `nice`, `timeout`, `watch` run another command: that command is judged on its own.
  if (READ_ONLY_PROGRAMS.has(program)) return true;
  const words = leadingWords(parsed);
  const optionWords = invocation.argv.slice(1).filter((w: Word) => !w.dynamic).map((w) => w.value);
  if (program === "ip") {
    return words.length <= 1 || !words.slice(1).some((w) => IP_WRITES.has(w));
  }
  if (program === "aws" || program === "gcloud" || program === "az") {
    const last = program === "aws" ? words[1] : words[words.length - 1];
    if (last !== undefined && CLOUD_READ.test(last) && !CLOUD_SECRET_READ.test(words.join(" "))) return true;
  }
  const paths = READ_ONLY_PATHS[program];
  if (!paths) return false;
  // `dpkg -l`, `brew --version`: some read-only forms are options.
  return paths.some((entry) => (entry.length === 0 ? true : pathMatches(entry, words) || (entry.length === 1 && entry[0].startsWith("-") && optionWords[0] === entry[0])));
}
