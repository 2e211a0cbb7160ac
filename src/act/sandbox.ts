// Containment: the command guard lets run runs inside bubblewrap walls — the filesystem read-only except the working tree,
// temp, build caches and what the user lists; guard's own files read-only always; the network on or off.
import type { SandboxSettings } from "../config/sandbox-config";
import { accessSync, constants, existsSync, realpathSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

/**
 * Package-manager and build caches the project's own tools write while building and testing
 * (measured: `npm ci`, `npm test`, `cargo build`, `go test`, `pip install -e .` in a project need these).
 */
export const CACHE_DIRS = [
  ".npm", ".cache", ".yarn", ".pnpm-store", ".local/share/pnpm", ".bun/install/cache", ".cargo/registry", ".cargo/git",
  "go/pkg/mod", ".m2/repository", ".gradle/caches", ".nuget/packages", ".deno", ".node-gyp", ".pyenv/shims",
];

export interface SandboxPlan {
  /** The writable directories, in the order they are bound. */
  writable: string[];
  /** Files and directories bound read-only over everything writable: guard's state and config, the agents' hook settings. */
  readOnly: string[];
  network: "on" | "off";
}

export interface PlanInput {
  settings: SandboxSettings;
  /** The working tree: the repository root, or the cwd outside a repository. */
  tree: string;
  home: string;
  tmp: string;
  /** guard's config/state/cache directories and the agents' hook settings files. */
  guardPaths: string[];
}

function expandHome(path: string, home: string): string {
  return path === "~" ? home : path.startsWith("~/") ? join(home, path.slice(2)) : resolve(path);
}

/** Symlinks resolved where they exist: bwrap binds the path it is given, and /tmp may be a link. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function sandboxPlan(input: PlanInput): SandboxPlan {
  const writable = [
    input.tree,
    // The temp directory commands use: TMPDIR when set (then /tmp itself stays read-only), else /tmp.
    input.tmp,
    "/var/tmp",
    "/dev/shm",
    ...CACHE_DIRS.map((d) => join(input.home, d)),
    ...input.settings.write.map((p) => expandHome(p, input.home)),
  ];
  const unique = [...new Set(writable.map(real))].filter((p) => existsSync(p));
  const readOnly = [...new Set(input.guardPaths.map(real))].filter((p) => existsSync(p));
  return { writable: unique, readOnly, network: input.settings.network };
}

/** bwrap on PATH (or GUARD_BWRAP), and whether it can make namespaces here (containers often forbid it). */
export function findBwrap(env: NodeJS.ProcessEnv = process.env): { ok: true; path: string } | { ok: false; why: string } {
  const candidates = env.GUARD_BWRAP ? [env.GUARD_BWRAP] : (env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, "bwrap"));
  const path = candidates.find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!path) return { ok: false, why: "bwrap is not installed (Debian/Ubuntu: apt install bubblewrap)" };
  return { ok: true, path };
}

/**
 * Whether `file` can be run (a path, or a name on PATH): bwrap reports a missing program as its own
 * exit 1, so guard checks first and answers like the unsandboxed run (127, "cannot run").
 */
export function programMissing(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = file.includes("/") ? [file] : (env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, file));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return undefined;
    } catch {
      // next
    }
  }
  return file.includes("/") ? "no such file or not executable" : "not found on PATH";
}

/** Runs bwrap once with the walls guard uses: does this machine allow the namespaces? Used by doctor and `required`. */
export function probeBwrap(path: string): { ok: true } | { ok: false; why: string } {
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const r = spawnSync(path, ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "--die-with-parent", "true"], { encoding: "utf8", timeout: 5000 });
  if (r.error) return { ok: false, why: `bwrap could not start: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, why: `bwrap cannot create namespaces here (${String(r.stderr).trim() || `exit ${r.status}`}); in a container, allow unprivileged user namespaces or run guard outside it` };
  return { ok: true };
}

/**
 * The argv that runs `file args` inside the walls. Later binds win in bwrap, so the read-only binds
 * of guard's own files come after the writable ones: the working tree can be home itself and still
 * not reach guard's config.
 */
export function sandboxArgv(bwrap: string, plan: SandboxPlan, cwd: string, file: string, args: string[]): string[] {
  const argv = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"];
  for (const dir of plan.writable) argv.push("--bind", dir, dir);
  for (const path of plan.readOnly) argv.push("--ro-bind", path, path);
  if (plan.network === "off") argv.push("--unshare-net");
  argv.push("--unshare-pid", "--die-with-parent", "--chdir", cwd, "--", file, ...args);
  return argv;
}

/** One line for a failure the walls probably caused, with how to allow it; undefined when the output shows none. */
export function explainSandboxFailure(stderr: string, plan: SandboxPlan): string | undefined {
  const erofs = /(?:Read-only file system|EROFS)[^\n]*/.exec(stderr);
  if (erofs) {
    const path = /['"\u2018]?(\/[^\s'":\u2019]+)['"\u2019]?:? (?:Read-only file system|EROFS)|EROFS[^\n]*?['"](\/[^'"]+)['"]/.exec(stderr);
    const where = path ? ` (${path[1] ?? path[2]})` : "";
    return `guard: the sandbox refused a write outside the working tree${where}: only the tree, temp and build caches are writable; to allow a path add it to sandbox.write in ~/.config/guard/config.yaml`;
  }
  if (plan.network === "off" && /(Network is unreachable|Could not resolve host|Temporary failure in name resolution|ENETUNREACH|EAI_AGAIN|getaddrinfo|Connection refused|ECONNREFUSED|Couldn't connect|Failed to connect)/.test(stderr)) {
    return "guard: the sandbox has no network (sandbox.network: off); set sandbox.network: on in ~/.config/guard/config.yaml to allow connections";
  }
  return undefined;
}
