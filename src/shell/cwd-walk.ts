// How the AST walk carries the working directory through `&&`/`||` chains, subshells and conditional bodies.
import type { SyntaxNode } from "./parse";
import { union, type Dir, type DirState } from "./cwd";

/** Nodes whose commands run in a copy of the shell (subshell, background statement): their cd does not leak out. */
export const SCOPED_NODES = new Set(["Subshell", "Statement", "Coproc"]);

/** Wrapper labels (see wrappers.ts) of a remote tool's subcommand that runs the command on this machine. */
const LOCAL_RUNS = new Set(["railway run"]);

/** Bodies that may not run, or run later: a cd inside them can only add a possible directory. */
export const CONDITIONAL_NODES = new Set(["If", "Elif", "While", "For", "ArithmeticFor", "Select", "Case", "CaseItem", "Function"]);

/** Programs that run a command in a container or on a cloud machine: their files are not this machine's, except what is mounted in. */
export const CONTAINER_RUNNERS: ReadonlySet<string> = new Set(["docker", "podman", "docker-compose", "podman-compose", "nerdctl", "kubectl", "oc", "az", "aws", "incus", "lxc", "nomad"]);

/**
 * Where a command run on another machine starts. A remote shell (ssh and the PaaS ssh commands) starts
 * in the remote user's home, which guard judges like the local one: `ssh host 'rm -rf .'` deletes a
 * home. A container's working directory is unknown: often `/`, so both are judged. `railway run` is the
 * exception among them: it runs the command here, with the deployed environment's variables.
 */
export function remoteStart(program: string, home: string, label?: string): (string | null)[] | undefined {
  if (LOCAL_RUNS.has(label ?? "")) return undefined;
  if (["ssh", "railway", "fly", "flyctl", "heroku", "render", "gcloud", "doctl", "vagrant", "ansible", "ansible-playbook"].includes(program)) return [home];
  // Containers, and cloud run-command agents (az vm run-command, aws ssm/ecs): a directory guard cannot see.
  if (CONTAINER_RUNNERS.has(program)) return ["/", null];
  return undefined;
}

export interface WalkStep {
  node?: SyntaxNode;
  hook?: () => void;
}

/** `exit`, `return`, or a `{ …; exit 1; }` group: nothing after it in this shell runs. */
function ends(node: SyntaxNode): boolean {
  const n = node as { type: string; name?: { value?: string }; body?: { commands?: { command: SyntaxNode }[] } };
  if (n.type === "Command") return ["exit", "return"].includes(n.name?.value ?? "");
  if (n.type === "BraceGroup") {
    const last = n.body?.commands?.at(-1);
    return last !== undefined && ends(last.command);
  }
  return false;
}

/**
 * The steps of `c0 op1 c1 op2 c2…` with the directory bookkeeping between them. Each element runs
 * with the directories of the paths that reach it: after `&&` the previous element succeeded, after `||`
 * it failed. A cd succeeds into its target and fails where it was; `exit` continues nowhere. After the
 * chain, every path that can continue is possible.
 */
export function andOrHooks(node: SyntaxNode, state: DirState): WalkStep[] {
  const chain = node as unknown as { commands: SyntaxNode[]; operators: string[] };
  const steps: WalkStep[] = [];
  let succ: Dir[] = [];
  let fail: Dir[] = [];
  chain.commands.forEach((element, i) => {
    steps.push({
      hook: () => {
        if (i > 0) {
          const input = chain.operators[i - 1] === "&&" ? succ : fail;
          // A path nothing reaches (`exit && rm`): keep the directories, never judge against none.
          state.dirs = input.length ? [...input] : state.dirs;
        }
        state.lastCd = undefined;
      },
    });
    steps.push({ node: element });
    steps.push({
      hook: () => {
        let s: Dir[];
        let f: Dir[];
        if (state.lastCd && state.lastCd.node === element) ({ success: s, failure: f } = state.lastCd);
        else if (ends(element)) s = f = [];
        else s = f = [...state.dirs];
        if (i === 0) {
          succ = s;
          fail = f;
        } else if (chain.operators[i - 1] === "&&") {
          succ = s;
          fail = union(fail, f);
        } else {
          succ = union(succ, s);
          fail = f;
        }
      },
    });
  });
  steps.push({
    hook: () => {
      const after = union(succ, fail);
      if (after.length) state.dirs = after;
      state.lastCd = undefined;
    },
  });
  return steps;
}
