// Test-only CLI entry: guard's own main, plus install, uninstall, doctor and pre-push, for a checkout whose main.ts does not register them yet.
import { Command } from "commander";
import { registerInstall } from "../../../src/cli/install";
import { registerDoctor } from "../../../src/cli/doctor";

const OURS = new Set(["install", "uninstall", "doctor", "pre-push"]);

async function run(): Promise<void> {
  if (!OURS.has(process.argv[2] ?? "")) {
    // Everything else (check, hook, …) is guard's real main, which runs on load.
    require("../../../src/cli/main");
    return;
  }
  const program = new Command("guard").exitOverride();
  registerInstall(program);
  registerDoctor(program);
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    process.stderr.write(`guard: ${(err as Error).message}\n`);
    process.exitCode = (err as { exitCode?: number }).exitCode ?? 70;
  }
}

void run();
