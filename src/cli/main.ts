// guard's command line: commander wiring and the one place errors become exit codes.
import { basename } from "node:path";
import { CommanderError } from "commander";
import { buildProgram } from "./program";
import { UsageError } from "./check";
import { LogUsageError } from "./log";
import { runShell } from "./shell";
import { EXIT } from "./exit-codes";
import { EXIT_REFUSED } from "./act";
import { PathsError } from "../core/user-dirs";
import { armDeadline, deadlineMs } from "../core/deadline";

/** Names under which guard acts as a shell: `guard shell …`, or a stand-in installed as `bash`/`sh`. */
const SHELL_NAMES = new Set(["bash", "sh"]);

export async function main(argv: string[]): Promise<void> {
  // `guard rules | head`: a closed pipe ends the output quietly instead of crashing.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  const asShell = SHELL_NAMES.has(basename(argv[1] ?? ""));
  const subcommand = asShell ? "shell" : argv[2];
  armEntryDeadline(subcommand);
  try {
    // The hook takes its directory from the payload; every other entry point needs its own, and fails closed without it.
    if (subcommand !== "hook") cwdOrRefuse();
    // The shell stand-in takes bash's own arguments, which commander must not see.
    if (asShell) {
      process.exitCode = await runShell(argv.slice(2), argv[1]);
      return;
    }
    if (argv[2] === "shell") {
      process.exitCode = await runShell(argv.slice(3), "bash");
      return;
    }
  } catch (err) {
    if (!(err instanceof CannotDecideError || err instanceof PathsError)) throw err;
    return refuse(subcommand, err.message);
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (err instanceof CannotDecideError || err instanceof PathsError) return refuse(subcommand, err.message);
    if (err instanceof UsageError || err instanceof LogUsageError) {
      process.stderr.write(`guard: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`guard: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = EXIT.internal;
  }
}

/** guard cannot decide at all (no working directory, no home): it refuses, it never allows. */
class CannotDecideError extends Error {}

function cwdOrRefuse(): void {
  try {
    process.cwd();
  } catch {
    throw new CannotDecideError("the working directory no longer exists (deleted or moved); guard cannot check what would run there");
  }
}

/** Entry points that decide on a command: each refuses in its own terms when it cannot. */
const DECIDING = new Set(["check", "explain", "exec", "shell", "hook"]);

function refuse(subcommand: string | undefined, why: string): void {
  // exec and shell refuse to run (77); a hook blocks with 2, the one failure every hooked agent treats as a block; check denies.
  const code = subcommand === "exec" || subcommand === "shell" ? EXIT_REFUSED : subcommand === "hook" ? 2 : DECIDING.has(subcommand ?? "") ? EXIT.deny : EXIT.internal;
  process.stderr.write(`guard: ${why}: refusing (fail closed)\n`);
  process.exitCode = code;
}

/** The overall deadline of every deciding entry point (see core/deadline.ts); `--batch` checks many commands and is exempt. */
function armEntryDeadline(subcommand: string | undefined): void {
  if (!DECIDING.has(subcommand ?? "") || process.argv.includes("--batch")) return;
  const ms = deadlineMs();
  armDeadline(ms, () => {
    refuse(subcommand, `deciding took longer than the ${ms / 1000} s deadline`);
    process.exit(process.exitCode);
  });
}

main(process.argv).catch((err) => {
  process.stderr.write(`guard: internal error: ${err}\n`);
  process.exitCode = EXIT.internal;
});
