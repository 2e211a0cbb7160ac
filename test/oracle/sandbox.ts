// The bash oracle's sandbox: runs commands under real bash in bubblewrap, with stub programs that only log their argv.
//
// Safety, in order of importance (see docs/threat-model.md, "The bash oracle"):
// - fresh user, mount, PID, network, IPC and UTS namespaces; the real root is bound read-only;
// - tmpfs over /tmp, /home, /root, /run and /work: nothing a command does survives the batch;
// - stubs are *bind mounts* inside the sandbox's private mount namespace, never files copied onto the host,
//   so a symlinked /usr/bin entry (psql → pg_wrapper) cannot be written through;
// - the commands run as nobody (uid 65534) with a per-command timeout and a process limit.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, realpathSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Programs replaced by the logging stub. Shells and the wrappers bash uses to reach them stay real. */
export const STUBBED = [
  "rm", "rmdir", "shred", "unlink", "srm", "git", "psql", "mysql", "mariadb", "sqlite3", "mongosh", "redis-cli", "curl", "wget", "http",
  "railway", "ssh", "scp", "sudo", "doas", "kubectl", "docker", "terraform", "aws", "gcloud", "dd", "mkfs", "chmod", "chown", "mv", "truncate",
];

/** Programs whose stdin is logged too (SQL and HTTP bodies arrive there). */
const READS_STDIN = ["psql", "mysql", "mariadb", "sqlite3", "mongosh", "curl", "http"];

/** One program call recorded by a stub. */
export interface Call {
  /** The working directory the program was started in. */
  cwd: string;
  argv: string[];
  stdin?: string;
}

const STUB = `#!/bin/bash
# Oracle stub: records argv (and stdin for SQL/HTTP clients) to a fixed log; never does anything else.
n=\${0##*/}
{
  printf '%s\\x1f' "$PWD" "$n" "$@"
  case "$n" in ${READS_STDIN.join("|")}) printf '\\x1d'; [ -t 0 ] || head -c 65536 ;; esac
  printf '\\x1e'
} >> /run/oracle/log 2>/dev/null
# ssh runs its words as a remote shell command: run it here, so what it would do is recorded too.
if [ "$n" = ssh ]; then
  while [ $# -gt 0 ]; do case "$1" in -[bcDEeFIiJLlmOopQRSWwB]) shift 2 ;; -*) shift ;; *) shift; break ;; esac; done
  [ $# -gt 0 ] && exec /bin/bash -c "$*"
fi
# sudo/doas run their command: follow it, so the stub of the real target records the call.
if [ "$n" = sudo ] || [ "$n" = doas ]; then
  while [ $# -gt 0 ]; do case "$1" in -[ugpCDrtTUhR]) shift 2 ;; --) shift; break ;; -*) shift ;; *=*) export "$1"; shift ;; *) break ;; esac; done
  [ $# -gt 0 ] && exec "$@"
fi
exit 0
`;

/** The driver that runs inside the sandbox: a fresh copy of the canary home for every command. */
const DRIVER = `#!/bin/bash
ulimit -u 256 2>/dev/null; ulimit -t 10 2>/dev/null
i=0
while IFS= read -r -d '' cmd; do
  /usr/bin/find /home/user -delete 2>/dev/null; /bin/cp -a /run/oracle/template/user /home/user
  : > /run/oracle/log
  ( cd /home/user/project && exec timeout -s KILL 3 /bin/bash -c "$cmd" </dev/null >/dev/null 2>&1 )
  /bin/cp /run/oracle/log /run/oracle/out/$i.log
  i=$((i+1))
done < /run/oracle/commands
`;

export interface Sandbox {
  /** Runs each command with a fresh canary home; returns the calls each one made, in order. */
  run(commands: string[]): Call[][];
  dispose(): void;
}

export function bwrapAvailable(): boolean {
  return spawnSync("bwrap", ["--version"], { stdio: "ignore" }).status === 0;
}

function parseLog(text: string): Call[] {
  return text.split("\x1e").filter((r) => r !== "").map((record) => {
    const [argvText, stdin] = record.split("\x1d");
    const [cwd, ...argv] = argvText.split("\x1f");
    argv.pop(); // the trailing separator
    return stdin === undefined ? { cwd, argv } : { cwd, argv, stdin };
  });
}

/** The canary home: a project with files and a git directory, plus dotfiles, as an agent's machine has. */
function writeTemplate(root: string): void {
  const project = join(root, "user", "project");
  mkdirSync(join(project, "src"), { recursive: true });
  mkdirSync(join(project, ".git"), { recursive: true });
  mkdirSync(join(root, "user", ".ssh"), { recursive: true });
  writeFileSync(join(project, "package.json"), '{"name":"canary","scripts":{"test":"true"}}\n');
  writeFileSync(join(project, "src", "index.js"), "console.log(1)\n");
  writeFileSync(join(project, "README.md"), "canary\n");
  writeFileSync(join(root, "user", ".bashrc"), "# canary\n");
  writeFileSync(join(root, "user", ".ssh", "id_ed25519"), "canary key\n");
}

export function createSandbox(): Sandbox {
  if (!bwrapAvailable()) throw new Error("bubblewrap (bwrap) is not installed: apt-get install -y bubblewrap");
  const dir = mkdtempSync(join(tmpdir(), "guard-oracle-"));
  const stubs = join(dir, "stubs");
  const oracle = join(dir, "oracle");
  mkdirSync(stubs);
  mkdirSync(join(oracle, "out"), { recursive: true });
  mkdirSync(join(oracle, "template"));
  writeTemplate(join(oracle, "template"));
  const stub = join(stubs, "_stub");
  writeFileSync(stub, STUB);
  chmodSync(stub, 0o755);
  writeFileSync(join(oracle, "driver"), DRIVER);
  chmodSync(join(oracle, "driver"), 0o755);
  chmodSync(dir, 0o755);
  spawnSync("chown", ["-R", "65534:65534", oracle]);

  // A stub for each program: under the stub directory (first on PATH) and, where the real program
  // exists, bind-mounted over it, so `/usr/bin/rm`, `env -i rm` and `\\rm` all reach the stub.
  const binds: string[] = [];
  for (const name of STUBBED) {
    binds.push("--ro-bind", stub, `/run/stubs/${name}`);
    const targets = new Set<string>();
    for (const prefix of ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin"]) {
      try {
        targets.add(realpathSync(`${prefix}/${name}`));
      } catch {
        // not installed here: the stub directory on PATH stands in for it
      }
    }
    for (const target of targets) binds.push("--ro-bind", stub, target);
  }
  // As root, bwrap itself runs as nobody (setpriv, no capabilities), so even the sandbox's mapped ids are not root's.
  const launcher = process.getuid?.() === 0
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "bwrap"]
    : ["bwrap"];
  const args = [
    "--unshare-all", "--die-with-parent", "--new-session",
    "--ro-bind", "/", "/",
    "--dev", "/dev", "--proc", "/proc",
    "--tmpfs", "/tmp", "--tmpfs", "/home", "--tmpfs", "/root", "--tmpfs", "/run",
    ...(existsSync("/work") ? ["--tmpfs", "/work"] : []),
        "--bind", oracle, "/run/oracle",
    ...binds,
    "--uid", "65534", "--gid", "65534",
    "--clearenv",
    "--setenv", "PATH", "/run/stubs:/usr/local/bin:/usr/bin:/bin",
    "--setenv", "HOME", "/home/user",
    "--setenv", "USER", "user",
    "--chdir", "/",
    "/bin/bash", "/run/oracle/driver",
  ];
  return {
    run(commands) {
      rmSync(join(oracle, "out"), { recursive: true, force: true });
      mkdirSync(join(oracle, "out"));
      spawnSync("chown", ["65534:65534", join(oracle, "out")]);
      writeFileSync(join(oracle, "commands"), commands.map((c) => `${c}\0`).join(""));
      const result = spawnSync(launcher[0], [...launcher.slice(1), ...args], { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 + commands.length * 4_000 });
      if (result.error) throw result.error;
      return commands.map((_, i) => {
        const file = join(oracle, "out", `${i}.log`);
        if (!existsSync(file)) throw new Error(`oracle sandbox did not run command ${i}: ${result.stderr?.toString().slice(0, 500)}`);
        return parseLog(readFileSync(file, "utf8"));
      });
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
