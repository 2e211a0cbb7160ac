// Cloud CLIs that run a command elsewhere: what guard reads as the command that runs on the machine.
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/shell/wrappers";
import { literalWord } from "../../src/shell/words";
import type { Unwrapped } from "../../src/shell/unwrapped";

const argv = (...values: string[]) => values.map((v) => literalWord(v, { start: 0, end: 0 }));

/** The command text an unwrapped result runs, for comparing. */
function runs(u: Unwrapped): string | undefined {
  if (u.kind === "shell-string") return u.word.value;
  if (u.kind === "shell-words" || u.kind === "argv") return u.words.map((w) => w.value).join(" ");
  if (u.kind === "several") return u.list.map(runs).join("; ");
  return u.kind;
}

describe("remote-execution wrappers", () => {
  it.each([
    [["kubectl", "debug", "node/n1", "-it", "--image=busybox", "--", "rm", "-rf", "/host/x"], "rm -rf /host/x"],
    [["kubectl", "exec", "api-0", "--", "ls"], "ls"],
    [["az", "vm", "run-command", "invoke", "-g", "rg", "-n", "vm", "--command-id", "RunShellScript", "--scripts", "cd /srv", "rm -rf data", "--no-wait"], "cd /srv\nrm -rf data"],
    [["az", "vm", "run-command", "create", "--vm-name", "vm", "--script=rm -rf /data"], "rm -rf /data"],
    [["az", "aks", "command", "invoke", "-n", "c", "--command", "kubectl get pods"], "kubectl get pods"],
    [["az", "container", "exec", "-n", "c", "--exec-command", "sh"], "sh"],
    [["aws", "ecs", "execute-command", "--cluster", "c", "--command", "rm -rf /data"], "rm -rf /data"],
    [["doctl", "compute", "ssh", "web", "--ssh-command", "uptime"], "uptime"],
    [["render", "ssh", "srv-1", "--", "-t", "rm", "-rf", "/var/data"], "rm -rf /var/data"],
    [["fly", "machine", "exec", "3d8d", "ls /data", "-a", "shop"], "ls /data"],
    [["fly", "machines", "exec", "ls /data"], "ls /data"],
    [["oc", "rsh", "-c", "app", "api-0", "rm", "-rf", "/data"], "rm -rf /data"],
    [["incus", "exec", "web", "--env", "A=1", "--", "rm", "-rf", "/srv"], "rm -rf /srv"],
    [["nomad", "alloc", "exec", "-task", "api", "3f2a", "rm", "-rf", "/data"], "rm -rf /data"],
    [["gcloud", "compute", "tpus", "tpu-vm", "ssh", "tpu1", "--command", "nvidia-smi"], "nvidia-smi"],
    [["aws", "ssm", "start-session", "--target", "i-1", "--parameters", 'command=["df -h"]'], "df -h"],
    [["heroku", "run:inside", "web.1", "ls", "/app"], "ls /app"],
  ])("%j runs %j", (words, expected) => {
    expect(runs(unwrap(argv(...words)))).toBe(expected);
  });

  it.each([
    [["az", "vm", "run-command", "invoke", "--command-id", "RunPowerShellScript", "--scripts", "Get-Service"]],
    [["az", "vm", "run-command", "invoke", "--command-id", "RunShellScript", "--scripts", "@wipe.sh"]],
    [["az", "vm", "run-command", "create", "--vm-name", "vm", "--script-uri", "https://x/s.sh"]],
  ])("%j runs a script guard cannot read", (words) => {
    expect(unwrap(argv(...words)).kind).toBe("unknown");
  });

  it.each([
    [["kubectl", "debug", "node/n1", "-it", "--image=busybox"]],
    [["az", "vm", "run-command", "list", "-g", "rg"]],
    [["aws", "ecs", "list-tasks"]],
    [["doctl", "compute", "droplet", "list"]],
    [["render", "services", "list"]],
    [["fly", "machine", "list"]],
    [["oc", "get", "pods"]],
    [["incus", "list"]],
    [["aws", "ssm", "start-session", "--target", "i-1", "--parameters", "portNumber=80,localPortNumber=8080"]],
  ])("%j runs nothing else", (words) => {
    expect(unwrap(argv(...words)).kind).toBe("none");
  });
});
