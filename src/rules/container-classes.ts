// Target classes for containers that reach the host: `docker run -v /:/host`, `--privileged`, `--pid=host`, the docker socket.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { pathBase, SYSTEM_DIRS } from "./zones";
import { pathText } from "../shell/cwd";

type ContainerClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/** Subcommands that start a container: `run`, `create`, `container run|create`. */
function startsContainer(inv: Invocation): boolean {
  const words = inv.argv.slice(1).filter((w) => w.dynamic || !w.value.startsWith("-")).map((w) => w.value);
  return words[0] === "run" || words[0] === "create" || (words[0] === "container" && (words[1] === "run" || words[1] === "create"));
}

/** Flags that drop the container's isolation from the host. */
const HOST_FLAGS = /^--(?:privileged|pid=host|ipc=host|userns=host|uts=host|cgroupns=host|cap-add=(?:all|sys_admin|sys_module|sys_ptrace))$/i;

/** A bind-mount source that hands the container the host's files: `/`, a system directory, home, the docker socket. */
function hostSource(source: string, ctx: EvalContext): boolean {
  const text = source === "~" || source.startsWith("~/") ? ctx.home + source.slice(1) : source;
  if (!text.startsWith("/")) return false;
  const path = posix.resolve(text);
  if (/\/docker\.sock$|\/podman\.sock$/.test(path)) return true;
  return (SYSTEM_DIRS.has(path) && path !== "/tmp") || path === ctx.home;
}

/** The source of a `-v SRC:DST[:opts]` or `--mount type=bind,source=SRC,…` value. */
function mountSource(value: string): string | undefined {
  if (value.includes("source=") || value.includes("src=")) return /(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1];
  const colon = value.indexOf(":");
  return colon > 0 ? value.slice(0, colon) : undefined;
}

/** `docker run` options that take the next word as their value (so that word is not the image). */
const VALUED = new Set(["-v", "--volume", "--mount", "--pid", "--ipc", "--userns", "--uts", "--cap-add", "-e", "--env", "--env-file", "--name", "-p",
  "--publish", "-w", "--workdir", "--network", "--net", "-u", "--user", "--entrypoint", "--platform", "-l", "--label", "-h", "--hostname"]);

/** The value of a mount option: `-v V`, `-vV`, `--volume=V`, `--mount V`, `--mount=V`. */
function mountValue(word: Word, next: Word | undefined, ctx: EvalContext): string | undefined {
  const attached = /^(?:-v|--volume=|--mount=)(.+)$/.exec(word.value);
  const source = attached ? word : /^(?:-v|--volume|--mount)$/.test(word.value) ? next : undefined;
  if (!source) return undefined;
  const text = source.dynamic ? pathText(source, ctx.cwd, pathBase(ctx)) : source.value;
  if (text === null) return undefined;
  return attached && source === word ? text.replace(/^(?:-v|--volume=|--mount=)/, "") : text;
}

/** The target of a writable mount: `-v SRC:DST[:rw]`, `--mount type=volume,source=S,target=DST`; undefined for `:ro`/readonly. */
function mountTarget(value: string): string | undefined {
  if (/(?:^|,)(?:target|dst|destination)=/.test(value)) return /(?:^|,)readonly(?:=true|=1)?(?:,|$)|(?:^|,)ro(?:,|$)/.test(value) ? undefined : /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(value)?.[1];
  const parts = value.split(":");
  if (parts.length < 2 || (parts[2] !== undefined && /(?:^|,)ro(?:,|$)/.test(parts[2]))) return undefined;
  return parts[1].startsWith("/") ? parts[1] : undefined;
}

/** A deleting or emptying command in the container's command line: rm, find -delete, shred, truncate, dd of=. */
const DELETES = /(?:^|[\s;&|('"])(?:rm|rmdir|unlink|shred|truncate|wipe)\s|\s-delete\b|\bof=/;

export const CONTAINER_CLASSES: Record<string, ContainerClass> = {
  /**
   * `docker run -v pgdata:/d alpine rm -rf /d`, `-v $(pwd):/w … rm -rf /w/.git`: the container deletes under a
   * writable mount, so the volume's or host directory's data goes, not the container's own files.
   */
  "deletes-mounted-data": (_p, inv, ctx) => {
    if (!startsContainer(inv)) return false;
    const argv = inv.argv;
    const targets: string[] = [];
    const mountWords = new Set<Word>();
    for (let i = 1; i < argv.length; i++) {
      const mount = mountValue(argv[i], argv[i + 1], ctx);
      if (mount === undefined) continue;
      const target = mountTarget(mount);
      if (target !== undefined) targets.push(posix.normalize(target).replace(/\/+$/, "") || "/");
      mountWords.add(argv[i]).add(argv[i + 1]);
    }
    // `-w /app` names the mount as the working directory, not as something deleted.
    argv.forEach((w, i) => {
      if (/^(?:-w|--workdir)$/.test(w.value) && argv[i + 1]) mountWords.add(w).add(argv[i + 1]);
      else if (/^(?:-w|--workdir=)./.test(w.value)) mountWords.add(w);
    });
    if (targets.length === 0) return false;
    const command = ` ${argv.slice(1).filter((w) => !mountWords.has(w)).map((w) => w.value).join(" ")} `;
    if (!DELETES.test(command)) return false;
    const reaches = (t: string) => new RegExp(`[\\s'"=]${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:/|[\\s'";]|$)`).test(command);
    return targets.some(reaches) ? [argv[0]] : false;
  },


  /**
   * `docker run` that gives the container the host: `--privileged`, `--pid=host` and other host namespaces,
   * powerful capabilities, or a bind mount of `/`, a system directory, home or the docker socket. A process
   * in such a container can read every secret and delete anything on the machine.
   */
  "container-host-access": (_p, inv, ctx) => {
    if (!startsContainer(inv)) return false;
    const out: Word[] = [];
    const argv = inv.argv;
    for (let i = 1; i < argv.length; i++) {
      const word = argv[i];
      const next = argv[i + 1];
      // Options end at the image name: what follows is the container's own command.
      if (!word.dynamic && !word.value.startsWith("-") && !VALUED.has(argv[i - 1].value) && !["run", "create", "container"].includes(word.value)) break;
      if (word.dynamic) continue;
      if (HOST_FLAGS.test(word.value)) out.push(word);
      else if (["--pid", "--ipc", "--userns", "--uts"].includes(word.value) && next?.value === "host") out.push(next);
      else if (word.value === "--cap-add" && next && /^(?:all|sys_admin|sys_module|sys_ptrace)$/i.test(next.value)) out.push(next);
      const mount = mountValue(word, next, ctx);
      const source = mount === undefined ? undefined : mountSource(mount);
      if (source !== undefined && hostSource(source, ctx)) out.push(word);
    }
    return out;
  },
};
