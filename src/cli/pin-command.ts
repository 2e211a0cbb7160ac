// `guard pin set|clear`: the approval PIN, which a human types and an agent never sees.
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clearPin, pinIsSet, setPin, verifyPin } from "../act/pin";
import { MIN_PIN_LENGTH, SYSTEM_MIN_PIN_LENGTH } from "../core/pin-kdf";
import { createKeyPair, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, systemDir, systemKeyPresent, unlockSigner } from "../core/system-key";
import { readRegularFile } from "../core/read-regular";
import { MAX_CONFIG_BYTES, sha256, userConfigPath, userConfigPayload, userConfigSignaturePath } from "../config/load";
import { openTerminal, type Terminal } from "../act/tty";
import { askSecret } from "../act/confirm";
import { CliError } from "./errors";
import { EXIT } from "./exit-codes";

function requireTerminal(): Terminal {
  // Setting or clearing the PIN from a script would let an agent do it: a terminal is required.
  const terminal = openTerminal();
  if (!terminal || !process.stdin.isTTY) throw new CliError("guard pin is interactive: run it yourself in a terminal");
  return terminal;
}


async function setSystemPin(): Promise<void> {
  if (process.getuid?.() !== 0) throw new CliError("guard pin set --system writes the system key under /etc/guard: run it with sudo");
  const terminal = requireTerminal();
  try {
    const dir = systemDir();
    if (systemKeyPresent()) {
      const current = await askSecret(terminal, "Current system PIN");
      if (current === undefined || !unlockSigner(current)) return fail("wrong PIN");
    }
    const first = await askSecret(terminal, `New system PIN (at least ${SYSTEM_MIN_PIN_LENGTH} characters)`);
    if (first === undefined) return fail("cancelled");
    if (first.length < SYSTEM_MIN_PIN_LENGTH) return fail(`the system PIN must have at least ${SYSTEM_MIN_PIN_LENGTH} characters`);
    const again = await askSecret(terminal, "New system PIN again");
    if (again !== first) return fail("the two PINs differ");
    const { publicPem, encrypted } = createKeyPair(first);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    // Both halves world-readable, root-owned: anyone may verify; only the PIN unlocks the private half.
    writeRootFile(join(dir, PRIVATE_KEY_FILE), `${JSON.stringify(encrypted)}\n`);
    writeRootFile(join(dir, PUBLIC_KEY_FILE), publicPem);
    process.stdout.write(`System key created in ${dir}: approvals and guard trust records are now valid only when signed with it (the PIN unlocks it).\n`);
  } finally {
    terminal.close();
  }
}

function writeRootFile(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o644 });
  chmodSync(tmp, 0o644);
  renameSync(tmp, path);
}

export async function signUserConfig(): Promise<void> {
  if (!systemKeyPresent()) throw new CliError("there is no system key to sign with (sudo guard pin set --system)");
  const terminal = requireTerminal();
  try {
    const path = userConfigPath();
    let bytes: Buffer;
    try {
      bytes = readRegularFile(path, MAX_CONFIG_BYTES);
    } catch (err) {
      return fail(`cannot read ${path}: ${(err as Error).message}`);
    }
    process.stdout.write(`${bytes.toString("utf8")}\n`);
    const secret = await askSecret(terminal, `Sign ${path} as shown above? System PIN`);
    const sign = secret === undefined ? undefined : unlockSigner(secret);
    if (!sign) return fail("wrong PIN");
    writeFileSync(userConfigSignaturePath(), `${sign(userConfigPayload(sha256(bytes)))}\n`, { mode: 0o600 });
    process.stdout.write(`Signed ${path}.\n`);
  } finally {
    terminal.close();
  }
}

function fail(message: string): void {
  process.stderr.write(`guard: ${message}\n`);
  process.exitCode = EXIT.failure;
}

export async function pinSet(flags: { system?: boolean }) {
  if (flags.system) return setSystemPin();
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
}

export async function pinClear() {
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
}
