// `docker run IMAGE CMD…` / `podman run`: a fresh container's files are its own, but a database or HTTP client in it reaches the same servers as on the host.
import type { Word } from "./model";
import { scanOptions, type OptionSpec } from "./options";
import { argvFrom, NONE, type Unwrapped } from "./unwrapped";
import { programName } from "./words";

/** `docker run`'s options that take a value (`docker run --help`), so the image is found after them. */
export const CONTAINER_RUN_SPEC: OptionSpec = {
  valued: ["-a", "--attach", "--add-host", "--annotation", "--blkio-weight", "--blkio-weight-device", "--cap-add", "--cap-drop", "--cgroup-parent", "--cgroupns",
    "--cidfile", "--cpu-period", "--cpu-quota", "--cpu-rt-period", "--cpu-rt-runtime", "-c", "--cpu-shares", "--cpus", "--cpuset-cpus", "--cpuset-mems",
    "--device", "--device-cgroup-rule", "--device-read-bps", "--device-read-iops", "--device-write-bps", "--device-write-iops", "--dns", "--dns-option",
    "--dns-search", "--domainname", "--entrypoint", "-e", "--env", "--env-file", "--expose", "--gpus", "--group-add", "--health-cmd", "--health-interval",
    "--health-retries", "--health-start-interval", "--health-start-period", "--health-timeout", "-h", "--hostname", "--ip", "--ip6", "--ipc", "--isolation",
    "--kernel-memory", "-l", "--label", "--label-file", "--link", "--link-local-ip", "--log-driver", "--log-opt", "--mac-address", "-m", "--memory",
    "--memory-reservation", "--memory-swap", "--memory-swappiness", "--mount", "--name", "--network", "--net", "--network-alias", "--net-alias",
    "--oom-score-adj", "--pid", "--pids-limit", "--platform", "-p", "--publish", "--pull", "--restart", "--runtime", "--security-opt", "--shm-size",
    "--stop-signal", "--stop-timeout", "--storage-opt", "--sysctl", "--tmpfs", "--ulimit", "-u", "--user", "--userns", "--uts", "-v", "--volume",
    "--volume-driver", "--volumes-from", "-w", "--workdir", "--detach-keys", "--arch", "--os", "--variant", "--pod", "--secret", "--hooks-dir"],
};

/**
 * Programs whose effect leaves the container: database clients and HTTP clients talk to servers the host
 * reaches too. Anything else in a fresh container touches only the container's own files.
 */
const NETWORK_CLIENTS = new Set(["psql", "mysql", "mariadb", "mongosh", "mongo", "redis-cli", "valkey-cli", "keydb-cli", "cqlsh", "clickhouse-client",
  "clickhouse", "cockroach", "sqlcmd", "usql", "cypher-shell", "snowsql", "bq", "trino", "presto", "mycli", "pgcli", "curl", "wget", "http", "https", "xh",
  "aws", "gcloud", "az", "kubectl", "helm", "influx", "dropdb", "pg_restore", "mongorestore", "mysqladmin", "rails", "pscale", "etcdctl", "consul"]);

/** Images whose entrypoint is a client: `docker run curlimages/curl -X DELETE URL`. */
const CLIENT_IMAGES: Record<string, string> = { "curlimages/curl": "curl", "docker.io/curlimages/curl": "curl", "amazon/aws-cli": "aws", "bitnami/kubectl": "kubectl" };

/** `docker run [opts] IMAGE [CMD…]` from the index of `run`: the client it runs, when that client reaches outside the container. */
export function containerRun(argv: Word[], runIndex: number): Unwrapped {
  const scan = scanOptions(argv, runIndex + 1, CONTAINER_RUN_SPEC);
  const image = argv[scan.rest];
  if (!image) return NONE;
  const entrypoint = scan.options.filter((o) => o.name === "--entrypoint").at(-1);
  let words: Word[];
  if (entrypoint?.value) {
    // `--entrypoint psql IMAGE ARGS`: the entrypoint runs with the arguments after the image.
    const word = argv[entrypoint.index + (argv[entrypoint.index].value === "--entrypoint" ? 1 : 0)];
    const program: Word = { ...word, value: entrypoint.value, raw: entrypoint.value };
    words = [program, ...argv.slice(scan.rest + 1)];
  } else if (!image.dynamic && CLIENT_IMAGES[image.value.replace(/:[^/]*$/, "")]) {
    const name = CLIENT_IMAGES[image.value.replace(/:[^/]*$/, "")];
    words = [{ ...image, value: name, raw: name }, ...argv.slice(scan.rest + 1)];
  } else {
    const inner = argvFrom(argv, scan.rest + 1);
    if (inner.kind !== "argv") return NONE;
    words = inner.words;
  }
  return freshContainerCommand(words, `${programName(argv[0])} run`);
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);
/** A client named as a word of shell text: `sh -c 'psql "$URL" -c …'`. */
const CLIENT_WORD = new RegExp(`(?:^|[\\s;&|(\`'"])(?:${[...NETWORK_CLIENTS].map((n) => n.replace(/[-.]/g, "\\$&")).join("|")})(?=[\\s;&|)'"]|$)`);

/**
 * What a fresh container (`docker run`, `kubectl run … -- CMD`) runs that guard checks: a network client, or a shell
 * string that names one (`sh -c 'psql … -c "DROP …"'`, checked whole). Stdin is handed on as for `docker exec`: with
 * `-i` a pipe reaches the client, and guard does not count on its absence.
 */
export function freshContainerCommand(words: Word[], label: string): Unwrapped {
  const first = words[0];
  if (!first || first.dynamic) return NONE;
  const program = programName(first);
  if (NETWORK_CLIENTS.has(program)) return { kind: "argv", words, label };
  const dashC = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = dashC > 0 ? words[dashC + 1] : undefined;
  if (SHELLS.has(program) && script && CLIENT_WORD.test(script.value)) return { kind: "shell-string", word: script, label };
  return NONE;
}
