// Runs the checked command as a child: inherited stdio, forwarded signals, the child's exit status passed through.
import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Text written to the child's stdin instead of inheriting it (guard shell reading a script from stdin). */
  input?: string;
}

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** Resolves to the exit code guard should exit with: the child's, or 128+n when a signal killed it. */
export function runChild(file: string, args: string[], options: RunOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    });
    const handlers = FORWARDED.map((signal) => {
      const handler = () => {
        child.kill(signal);
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
