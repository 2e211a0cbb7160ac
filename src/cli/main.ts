// guard's command line: the entry point. `check` and `hook` run without loading commander (the per-command start-up cost agents pay); every other command loads the full CLI.
import { basename } from "node:path";
import { fastCommand } from "./fast-path";
import { reportError } from "./errors";
import { EXIT } from "./exit-codes";
import { endQuietlyOnClosedPipe } from "./output";

/** Names under which guard acts as a shell: `guard shell …`, or a stand-in installed as `bash`/`sh`. */
const SHELL_NAMES = new Set(["bash", "sh"]);

async function runShellAs(args: string[], name: string): Promise<void> {
  endQuietlyOnClosedPipe();
  const { runShell } = await import("./shell");
  process.exitCode = await runShell(args, name);
}

export async function main(argv: string[]): Promise<void> {
  // The shell stand-in takes bash's own arguments, which commander must not see.
  if (SHELL_NAMES.has(basename(argv[1] ?? ""))) return runShellAs(argv.slice(2), argv[1]);
  if (argv[2] === "shell") return runShellAs(argv.slice(3), "bash");
  const fast = fastCommand(argv);
  if (!fast) {
    endQuietlyOnClosedPipe();
    const { runFullCli } = await import("./full");
    return runFullCli(argv);
  }
  try {
    if (fast.kind === "check") {
      const { runCheck } = await import("./check-command");
      await runCheck(fast.args, fast.flags);
    } else {
      const { runHookCommand } = await import("./hook-command");
      await runHookCommand(fast.args);
    }
  } catch (err) {
    reportError(err);
  }
}

main(process.argv).catch((err) => {
  process.stderr.write(`guard: internal error: ${err}\n`);
  process.exitCode = EXIT.internal;
});
