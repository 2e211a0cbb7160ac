// guard's command line: commander wiring and the one place errors become exit codes.
import { basename } from "node:path";
import { CommanderError } from "commander";
import { buildProgram } from "./program";
import { UsageError } from "./check";
import { LogUsageError } from "./log";
import { runShell } from "./shell";
import { EXIT } from "./exit-codes";

/** Names under which guard acts as a shell: `guard shell …`, or a stand-in installed as `bash`/`sh`. */
const SHELL_NAMES = new Set(["bash", "sh"]);

export async function main(argv: string[]): Promise<void> {
  // `guard rules | head`: a closed pipe ends the output quietly instead of crashing.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  // The shell stand-in takes bash's own arguments, which commander must not see.
  if (SHELL_NAMES.has(basename(argv[1] ?? ""))) {
    process.exitCode = await runShell(argv.slice(2), argv[1]);
    return;
  }
  if (argv[2] === "shell") {
    process.exitCode = await runShell(argv.slice(3), "bash");
    return;
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
    if (err instanceof UsageError || err instanceof LogUsageError) {
      process.stderr.write(`guard: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`guard: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = EXIT.internal;
  }
}

main(process.argv).catch((err) => {
  process.stderr.write(`guard: internal error: ${err}\n`);
  process.exitCode = EXIT.internal;
});
