// Runs the checked command as a child: inherited stdio, forwarded signals, the child's exit status passed through.
import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Text written to the child's stdin instead of inheriting it (guard shell reading a script from stdin). */
  input?: string;
  /** Sees the child's stderr as it is passed through (the sandbox explains its refusals from it). */
  watchStderr?: (chunk: Buffer) => void;
  /**
   * The child is a supervisor (bubblewrap) that does not pass signals on: forward them to the
   * processes under it instead, so `trap … TERM` in the command still runs.
   */
  signalDescendants?: boolean;
}

/** Every process under `pid`, from Linux's /proc children lists; empty where they are unavailable. */
function descendants(pid: number, depth = 0): number[] {
  if (depth > 32) return [];
  const { readdirSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number)) {
        out.push(child, ...descendants(child, depth + 1));
      }
    }
  } catch {
    // gone already, or no /proc: nothing more to signal
  }
  return out;
}

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** Resolves to the exit code guard should exit with: the child's, or 128+n when a signal killed it. */
export function runChild(file: string, args: string[], options: RunOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "inherit" : "pipe", "inherit", options.watchStderr ? "pipe" : "inherit"],
    });
    if (options.watchStderr && child.stderr) {
      const watch = options.watchStderr;
      child.stderr.on("data", (chunk: Buffer) => {
        process.stderr.write(chunk);
        watch(chunk);
      });
    }
    const handlers = FORWARDED.map((signal) => {
      const handler = () => {
        const under = options.signalDescendants && child.pid ? descendants(child.pid) : [];
        if (under.length === 0) child.kill(signal);
        for (const pid of under) {
          try {
            process.kill(pid, signal);
          } catch {
            // exited meanwhile
          }
        }
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const cleanup = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    if (options.input !== undefined && child.stdin) {
      child.stdin.on("error", () => undefined); // the child may exit without reading it all
      child.stdin.end(options.input);
    }
    child.on("error", (err: NodeJS.ErrnoException) => {
      cleanup();
      process.stderr.write(`guard: cannot run ${file}: ${err.message}\n`);
      resolve(err.code === "ENOENT" ? 127 : 126);
    });
    child.on("exit", (code, signal) => {
      cleanup();
      resolve(code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 0));
    });
  });
}
