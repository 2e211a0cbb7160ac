// guard's command line: the entry point. `check` and `hook` run without loading commander (the per-command start-up cost agents pay); every other command loads the full CLI.
import { basename } from "node:path";
import { fastCommand } from "./fast-path";
import { reportError } from "./errors";
import { EXIT } from "./exit-codes";
import { endQuietlyOnClosedPipe } from "./output";
import { PathsError } from "../core/user-dirs";
import { armDeadline, deadlineMs } from "../core/deadline";

/** Names under which guard acts as a shell: `guard shell …`, or a stand-in installed as `bash`/`sh`. */
const SHELL_NAMES = new Set(["bash", "sh"]);

export async function main(argv: string[]): Promise<void> {
  const asShell = SHELL_NAMES.has(basename(argv[1] ?? ""));
  const subcommand = asShell ? "shell" : argv[2];
  armEntryDeadline(subcommand);
  try {
    // The hook takes its directory from the payload; every other entry point needs its own, and fails closed without it.
    if (subcommand !== "hook") cwdOrRefuse();
    // The shell stand-in takes bash's own arguments, which commander must not see.
    if (asShell || argv[2] === "shell") {
      endQuietlyOnClosedPipe();
      const { runShell } = await import("./shell");
      process.exitCode = await (asShell ? runShell(argv.slice(2), argv[1]) : runShell(argv.slice(3), "bash"));
      return;
    }
  } catch (err) {
    if (!(err instanceof CannotDecideError || err instanceof PathsError)) throw err;
    return refuse(subcommand, err.message);
  }
  const fast = fastCommand(argv);
  try {
    if (!fast) {
      // `guard rules | head`: a closed pipe ends the output quietly instead of crashing.
      endQuietlyOnClosedPipe();
      const { runFullCli } = await import("./full");
      await runFullCli(argv);
    } else if (fast.kind === "check") {
      const { runCheck } = await import("./check-command");
      await runCheck(fast.args, fast.flags);
    } else {
      const { runHookCommand } = await import("./hook-command");
      await runHookCommand(fast.args);
    }
  } catch (err) {
    if (err instanceof CannotDecideError || err instanceof PathsError) return refuse(subcommand, err.message);
    reportError(err);
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
  const code = subcommand === "exec" || subcommand === "shell" ? EXIT.refused : subcommand === "hook" ? EXIT.hookBlock : DECIDING.has(subcommand ?? "") ? EXIT.deny : EXIT.internal;
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

/**
 * For the launcher (bin/guard), in the one run that writes its code cache: compiles the decision
 * paths this run did not take, so that every later check or hook finds them in the cache.
 */
export function warmCodeCache(): void {
  // require, not import(): the launcher calls this from its synchronous exit handler, and nothing else loads it.
  (require("./warm-up") as typeof import("./warm-up")).warmUp(process.cwd());
}

main(process.argv).catch((err) => {
  process.stderr.write(`guard: internal error: ${err}\n`);
  process.exitCode = EXIT.internal;
});
