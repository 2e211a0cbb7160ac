// `guard shell`: a drop-in for the shell agents spawn. Checks what bash would run, then runs the real bash with the same argv.
import { basename } from "node:path";
import { quote } from "shell-quote";
import { act } from "./act";
import { EXIT } from "./exit-codes";
import { LIMITS } from "../core/limits";
import { parseBashArgs } from "../shell/bash-args";

export interface ShellInvocation {
  /** -c STRING: the command string; otherwise undefined. */
  command?: string;
  /** A script file to run (no -c); undefined when the script comes from stdin. */
  script?: string;
  interactive: boolean;
  readsStdin: boolean;
}

/** What bash would do with these arguments: run a -c string, a script file, or read stdin. */
export function parseShellArgs(args: string[]): ShellInvocation {
  const parsed = parseBashArgs(args);
  if (parsed.command) return { command: args[parsed.operand] ?? "", interactive: parsed.interactive, readsStdin: false };
  if (!parsed.readsStdin) return { script: args[parsed.operand], interactive: parsed.interactive, readsStdin: false };
  return { interactive: parsed.interactive, readsStdin: true };
}

/** The real shell to run: never looked up on PATH, where guard itself may stand in for bash. */
export function realShell(invokedAs: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GUARD_REAL_SHELL) return env.GUARD_REAL_SHELL;
  return basename(invokedAs) === "sh" ? "/bin/sh" : "/bin/bash";
}

/** Reads stdin up to `limit` bytes; undefined when there is more (guard never runs a truncated script). */
async function readStdin(limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The text checked for `-c STRING`: as the shell that will run it reads it (`sh` may be dash, which runs
 * `((cmd))` as subshells), after the file an interactive bash reads first (`--rcfile F`/`--init-file F`).
 * BASH_ENV in guard's own environment is not added: guard's bash integration sets it to its own trap,
 * and an agent cannot set it for this process except in command text, where it is checked.
 */
export function checkedText(command: string, args: string[], shell: string): string {
  const parsed = parseBashArgs(args);
  const first: string[] = [];
  const rc = args.findIndex((a) => a === "--rcfile" || a === "--init-file");
  if (rc >= 0 && args[rc + 1] !== undefined && parsed.interactive) first.push(quote([".", args[rc + 1]]));
  const text = basename(shell) === "bash" ? command : quote([basename(shell), "-c", command]);
  return first.length ? `${first.join("\n")}\n${text}` : text;
}

export async function runShell(args: string[], invokedAs: string): Promise<number> {
  const shell = realShell(invokedAs);
  const parsed = parseShellArgs(args);
  const cwd = process.cwd();
  const base = { entry: "shell" as const, file: shell, args, cwd };
  if (parsed.command !== undefined) return act({ ...base, text: checkedText(parsed.command, args, shell) });
  // `bash script.sh`: checked as exactly that, which reads the script and checks its commands.
  if (parsed.script !== undefined) return act({ ...base, text: quote([basename(shell), parsed.script]) });
  // An interactive shell: lines are typed later, out of guard's sight (the shell hooks cover those).
  if (process.stdin.isTTY) return act({ ...base, text: "" });
  // A script on stdin: read it (bounded), check it, and hand the same bytes to the real shell.
  const script = await readStdin(LIMITS.maxInputChars);
  if (script === undefined) {
    process.stderr.write(`guard: the script on stdin is larger than ${LIMITS.maxInputChars} bytes; guard does not run what it cannot check.\n`);
    return EXIT.refused;
  }
  return act({ ...base, text: script, input: script });
}
