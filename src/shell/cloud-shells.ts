// Cloud CLIs that run a command on a VM, node, container or cluster for you (az vm run-command, kubectl debug, doctl compute ssh, aws ecs execute-command…): the command is checked as if typed on that machine.
import type { Word } from "./model";
import { freshContainerCommand } from "./container-run";
import { scanOptions } from "./options";
import { argvFrom, NONE, type Unwrapped, type Unwrapper } from "./unwrapped";
import { awsSsm, azSsh } from "./remote-runners";

/** The word after `name`, or the rest of `name=VALUE`; undefined when the option is absent. */
function optionWord(argv: Word[], names: readonly string[]): Word | undefined {
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.value === "--") return undefined;
    if (names.includes(w.value)) return argv[i + 1];
    const eq = w.value.indexOf("=");
    if (eq > 0 && names.includes(w.value.slice(0, eq))) return { ...w, value: w.value.slice(eq + 1) };
  }
  return undefined;
}

/** The values of an az list option (`--scripts A B C`): the words up to the next option. */
function listValues(argv: Word[], names: readonly string[]): Word[] | undefined {
  const at = argv.findIndex((w) => names.includes(w.value) || names.some((n) => w.value.startsWith(`${n}=`)));
  if (at < 0) return undefined;
  const first = argv[at];
  const eq = first.value.indexOf("=");
  const values: Word[] = eq > 0 ? [{ ...first, value: first.value.slice(eq + 1) }] : [];
  for (let i = at + 1; i < argv.length; i++) {
    if (!argv[i].dynamic && /^--?[a-zA-Z]/.test(argv[i].value)) break;
    values.push(argv[i]);
  }
  return values;
}

/** Each word is one line of a shell script; `@file` (az reads the file) or a PowerShell script is code guard cannot read. */
function scriptLines(words: Word[], label: string, shell: boolean): Unwrapped {
  if (!words.length) return NONE;
  const unreadable = words.find((w) => w.value.startsWith("@"));
  if (unreadable || !shell) {
    const what = unreadable ? `a script from ${unreadable.value}` : "a PowerShell script";
    return { kind: "unknown", detail: `${label} runs ${what} on the machine, which guard cannot read`, span: (unreadable ?? words[0]).span };
  }
  // az joins the words into one script, a line each: `cd /srv` on one line moves the next.
  const script: Word = { ...words[0], value: words.map((w) => w.value).join("\n"), dynamic: words.some((w) => w.dynamic) };
  return { kind: "shell-string", word: script, label };
}

/**
 * `az vm|vmss run-command invoke --scripts …` (one word a line), `az vm|connectedmachine run-command create --script …`,
 * `az aks command invoke --command "kubectl …"` (runs in a pod with cluster-admin), `az container exec --exec-command CMD`.
 */
const azRemote: Unwrapper = (argv, env) => {
  const [group, sub, verb] = [argv[1]?.value, argv[2]?.value, argv[3]?.value];
  if (["vm", "vmss", "connectedmachine"].includes(group ?? "") && sub === "run-command" && (verb === "invoke" || verb === "create")) {
    const label = `az ${group} run-command ${verb}`;
    const lines = listValues(argv, ["--scripts", "--script"]);
    if (lines) return scriptLines(lines, label, !/powershell/i.test(optionWord(argv, ["--command-id"])?.value ?? ""));
    const uri = optionWord(argv, ["--script-uri"]);
    return uri ? { kind: "unknown", detail: `${label} runs a script from ${uri.value}, which guard cannot read`, span: uri.span } : NONE;
  }
  if (group === "aks" && sub === "command" && verb === "invoke") {
    const command = optionWord(argv, ["--command", "-c"]);
    return command ? { kind: "shell-string", word: command, label: "az aks command invoke" } : NONE;
  }
  if (group === "container" && sub === "exec") {
    const command = optionWord(argv, ["--exec-command"]);
    return command ? { kind: "shell-string", word: command, label: "az container exec" } : NONE;
  }
  return azSsh(argv, env);
};

/** `aws ssm send-command --parameters commands=…`, `aws ecs execute-command --command CMD` (runs in the task's container). */
const awsRemote: Unwrapper = (argv) => {
  const at = argv.findIndex((w) => w.value === "ecs");
  if (at > 0 && argv[at + 1]?.value === "execute-command") {
    const command = optionWord(argv, ["--command"]);
    return command ? { kind: "shell-string", word: command, label: "aws ecs execute-command" } : NONE;
  }
  return awsSsm(argv);
};

/** `oc rsh [opts] POD [CMD…]`: OpenShift's remote shell runs CMD in the pod (an interactive shell without one). */
function ocRsh(argv: Word[], at: number): Unwrapped {
  const scan = scanOptions(argv, at + 1, { valued: ["-c", "--container", "--shell", "--timeout", "-n", "--namespace", "-f", "--filename"] });
  return argvFrom(argv, scan.rest + 1);
}

/** `kubectl exec POD -- CMD…`, `kubectl debug node/N -it --image=I -- CMD…` (a node's root file system is at /host), `oc rsh POD CMD…`. */
const kubectlRemote: Unwrapper = (argv) => {
  const rsh = argv[0].value.endsWith("oc") ? argv.findIndex((w) => w.value === "rsh") : -1;
  if (rsh > 0) return ocRsh(argv, rsh);
  const dashes = argv.findIndex((w) => w.value === "--");
  // `kubectl run NAME --image=I [--rm -i] -- CMD…`: a fresh pod, where only a client reaching a server counts.
  const run = argv.findIndex((w) => w.value === "run");
  if (run > 0 && (dashes < 0 || run < dashes) && !argv.slice(1, run).some((w) => w.value === "exec" || w.value === "debug")) return dashes > 0 ? freshContainerCommand(argv.slice(dashes + 1), "kubectl run") : NONE;
  if (!argv.some((w) => w.value === "exec" || w.value === "debug")) return NONE;
  return dashes > 0 ? argvFrom(argv, dashes + 1) : NONE;
};

/** `doctl compute ssh DROPLET --ssh-command CMD`: the droplet's shell runs CMD. */
const doctlSsh: Unwrapper = (argv) => {
  const compute = argv.findIndex((w) => w.value === "compute");
  if (compute < 0 || argv[compute + 1]?.value !== "ssh") return NONE;
  const command = optionWord(argv, ["--ssh-command"]);
  return command ? { kind: "shell-string", word: command, label: "doctl compute ssh" } : NONE;
};

/**
 * `render ssh [SERVICE] [-- SSH-ARGS…]`: render runs the local ssh with the extra words, and ssh's remote shell runs
 * what follows its own options.
 */
const renderSsh: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["-o", "--output", "--region"] });
  if (argv[scan.rest]?.value !== "ssh") return NONE;
  const dashes = argv.findIndex((w) => w.value === "--");
  let i = dashes > 0 ? dashes + 1 : scanOptions(argv, scan.rest + 1, { valued: ["-o", "--output", "--region"] }).rest + 1;
  while (i < argv.length && !argv[i].dynamic && /^-[tTnNqvAXY]+$/.test(argv[i].value)) i++;
  return i < argv.length ? { kind: "shell-words", words: argv.slice(i), label: "render ssh" } : NONE;
};

const FLY_VALUED = ["-a", "--app", "-c", "--config", "--timeout", "-t", "--access-token", "-s", "--select"];

/** `fly machine exec [MACHINE] CMD`: the last operand is a command run on the machine. */
export function flyMachineExec(argv: Word[]): Unwrapped {
  const scan = scanOptions(argv, 1, { valued: FLY_VALUED });
  if (!["machine", "machines", "m"].includes(argv[scan.rest]?.value ?? "") || argv[scan.rest + 1]?.value !== "exec") return NONE;
  const operands: Word[] = [];
  for (let i = scan.rest + 2; i < argv.length; i++) {
    const more = scanOptions(argv, i, { valued: FLY_VALUED });
    if (more.rest > i) {
      i = more.rest - 1;
      continue;
    }
    operands.push(argv[i]);
  }
  const command = operands.at(-1);
  return command ? { kind: "shell-string", word: command, label: "fly machine exec" } : NONE;
}

/** `incus exec INSTANCE [opts] -- CMD…` and LXD's `lxc exec`: the command runs in the container or VM. */
const incusExec: Unwrapper = (argv) => {
  const scan = scanOptions(argv, 1, { valued: ["--project", "--remote"] });
  if (argv[scan.rest]?.value !== "exec") return NONE;
  const valued = ["--env", "--cwd", "--user", "--group", "--mode", "--project"];
  const inner = scanOptions(argv, scanOptions(argv, scan.rest + 2, { valued }).rest, { valued });
  return argvFrom(argv, inner.rest, { label: `${argv[0].value} exec` });
};

/** `nomad alloc exec [-task T] ALLOC CMD…`: the command runs in the allocation's task (Go-style `-flag value` options). */
const nomadExec: Unwrapper = (argv) => {
  const at = argv.findIndex((w) => w.value === "alloc");
  if (at < 0 || argv[at + 1]?.value !== "exec") return NONE;
  const valued = new Set(["-task", "-job", "-region", "-namespace", "-address", "-token", "-ca-cert", "-client-cert", "-client-key", "-tls-server-name", "-e"]);
  let i = at + 2;
  while (i < argv.length && !argv[i].dynamic && argv[i].value.startsWith("-")) i += valued.has(argv[i].value) ? 2 : 1;
  return argvFrom(argv, i + 1, { label: "nomad alloc exec" });
};

/** Rows for the wrapper table, one per program. */
export const CLOUD_SHELLS: Record<string, Unwrapper> = {
  az: azRemote,
  aws: awsRemote,
  kubectl: kubectlRemote,
  oc: kubectlRemote,
  doctl: doctlSsh,
  render: renderSsh,
  incus: incusExec,
  lxc: incusExec,
  nomad: nomadExec,
};
