// `guard pin set|clear`: the approval PIN, which a human types and an agent never sees.
import type { Command } from "commander";
import { clearPin, MIN_PIN_LENGTH, pinIsSet, setPin, verifyPin } from "../act/pin";
import { openTerminal, type Terminal } from "../act/tty";
import { UsageError } from "./check";
import { EXIT } from "./exit-codes";

/** `validate` keeps the question open with its message until the answer passes (or the person cancels). */
async function askSecret(terminal: Terminal, message: string, validate?: (value: string) => true | string): Promise<string | undefined> {
  const { default: prompts } = await import("prompts");
  let cancelled = false;
  const answer = await prompts(
    { type: "password", name: "value", message, validate, stdin: terminal.input, stdout: terminal.output } as never,
    { onCancel: () => { cancelled = true; return false; } },
  );
  return cancelled || typeof answer.value !== "string" ? undefined : answer.value;
}

function requireTerminal(): Terminal {
  // Setting or clearing the PIN from a script would let an agent do it: a terminal is required.
  const terminal = openTerminal();
  if (!terminal || !process.stdin.isTTY) throw new UsageError("guard pin is interactive: run it yourself in a terminal");
  return terminal;
}

export function registerPin(program: Command): void {
  const pin = program.command("pin").description("set or clear the PIN that every approval needs");
  pin
    .command("set")
    .description(`set (or change) the approval PIN, at least ${MIN_PIN_LENGTH} characters`)
    .action(async () => {
      const terminal = requireTerminal();
      try {
        if (pinIsSet()) {
          const current = await askSecret(terminal, "Current PIN");
          if (current === undefined || !verifyPin(current)) return fail("wrong PIN");
        }
        // Too short is asked again, not the end of the command.
        const first = await askSecret(terminal, `New PIN (at least ${MIN_PIN_LENGTH} characters)`, (v) => v.length >= MIN_PIN_LENGTH || `at least ${MIN_PIN_LENGTH} characters, please`);
        if (first === undefined) return fail("cancelled");
        const again = await askSecret(terminal, "New PIN again");
        if (again !== first) return fail("the two PINs differ");
        setPin(first);
        process.stdout.write("PIN set: every approval now needs it.\n");
      } finally {
        terminal.close();
      }
    });
  pin
    .command("clear")
    .description("remove the approval PIN (needs the current PIN)")
    .action(async () => {
      if (!pinIsSet()) {
        process.stdout.write("No PIN is set.\n");
        return;
      }
      const terminal = requireTerminal();
      try {
        const current = await askSecret(terminal, "Current PIN");
        if (current === undefined || !verifyPin(current)) return fail("wrong PIN");
        clearPin();
        process.stdout.write("PIN cleared.\n");
      } finally {
        terminal.close();
      }
    });
}

function fail(message: string): void {
  process.stderr.write(`guard: ${message}\n`);
  process.exitCode = EXIT.testFailure;
}
