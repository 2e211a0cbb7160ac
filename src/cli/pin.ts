// `guard pin set|clear`: the approval PIN, which a human types and an agent never sees.
// Commander wiring only: pin-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";
import { MIN_PIN_LENGTH, SYSTEM_MIN_PIN_LENGTH } from "../core/pin-kdf";

export function registerPin(program: Command): void {
  const pin = program.command("pin").description("set or clear the PIN that every approval needs");
  pin
    .command("set")
    .description(`set (or change) the approval PIN, at least ${MIN_PIN_LENGTH} characters`)
    .option("--system", `as root: create the system signing key (${SYSTEM_MIN_PIN_LENGTH}+ character PIN) that approvals, trust and the user config must be signed with`)
    .action(async (flags: { system?: boolean }) => (await import("./pin-command")).pinSet(flags));
  pin
    .command("sign-config")
    .description("sign your user config with the system key (needs the PIN), when the system policy says user_config: signed")
    .action(async () => (await import("./pin-command")).signUserConfig());
  pin
    .command("clear")
    .description("remove the approval PIN (needs the current PIN)")
    .action(async () => (await import("./pin-command")).pinClear());
}
