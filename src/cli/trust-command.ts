// `guard trust`: a human, at a terminal, lets this repository's .guard.yaml loosen rules, for exactly its current content.
import { resolve } from "node:path";
import { recordAudit } from "../act/record";
import { confirmOnTerminal, promptTimeoutMs } from "../act/confirm";
import { pinCheck } from "../act/pin";
import { openTerminal } from "../act/tty";
import { revokeTrust, trustFile, trustSignedPayload, writeTrust, type TrustRecord } from "../config/trust-store";
import { activeRules, type ActiveRules } from "../engine/active-rules";
import { CliError } from "./errors";
import { EXIT } from "./exit-codes";

export interface TrustFlags {
  status?: boolean;
  revoke?: boolean;
  cwd?: string;
}


function showStatus(rules: ActiveRules): number {
  const trust = rules.trust;
  if (!trust) {
    process.stdout.write("No project guard files here (.guard.yaml, .guard/rules/).\n");
    return EXIT.allow;
  }
  const state = trust.status === "trusted" ? "trusted" : trust.status === "changed" ? `changed since trusted (${trust.changed.join(", ")})` : "not trusted";
  process.stdout.write(`${trust.root}: ${state}\n`);
  for (const [name, digest] of Object.entries(trust.files)) process.stdout.write(`  ${name}  sha256:${digest.slice(0, 16)}…\n`);
  for (const e of trust.loosening) process.stdout.write(`  loosens ${e.key}: ${e.from} → ${e.to}${trust.status === "trusted" ? "" : " (ignored)"}\n`);
  for (const n of rules.notices) process.stdout.write(`guard: ${n.message}\n`);
  return EXIT.allow;
}

function body(trust: NonNullable<ActiveRules["trust"]>): string {
  const lines = ["guard: trust this repository's guard files?", "", `  repository: ${trust.root}`];
  for (const [name, digest] of Object.entries(trust.files)) lines.push(`  file:       ${name}  (sha256 ${digest.slice(0, 16)}…)`);
  lines.push("");
  if (trust.loosening.length) {
    lines.push("Once trusted, these entries loosen guard here:");
    for (const e of trust.loosening) lines.push(`  ${e.key}: ${e.from} → ${e.to}`);
  } else lines.push("These files loosen nothing today; trusting them records their content.");
  for (const e of trust.refused) lines.push(`  (never applied, trusted or not: ${e.key}: ${e.from} → ${e.to})`);
  lines.push("", "Read the files first: an agent may have written them. Any later change voids the trust.", "");
  return lines.join("\n");
}

async function trustInteractively(cwd: string, rules: ActiveRules): Promise<number> {
  const trust = rules.trust!;
  // Only a human at a terminal can trust: an agent's pipe or script must never be able to.
  const terminal = openTerminal();
  if (!terminal || !process.stdin.isTTY) throw new CliError("guard trust is interactive: run it yourself in a terminal");
  const pin = pinCheck();
  const result = await confirmOnTerminal(terminal, { body: body(trust), expected: "trust", action: "trust these files", pin, timeoutMs: promptTimeoutMs() });
  if (!result.approved) {
    audit(cwd, `refused: ${result.reason}`, rules);
    process.stderr.write(`guard: not trusted (${result.reason})\n`);
    return EXIT.failure;
  }
  // Exactly the digests shown: a file changed after the prompt opened is simply not trusted.
  const record: TrustRecord = { v: 1, root: trust.root, files: { ...trust.files }, trustedAt: new Date().toISOString() };
  // With the system key, the record is signed with the key the PIN just unlocked; unsigned, it would not count.
  const sign = pin?.signer();
  if (sign) record.sig = sign(trustSignedPayload(record));
  writeTrust(record);
  audit(cwd, "trusted", rules);
  process.stdout.write(`Trusted ${trust.root} (${Object.keys(trust.files).length} file(s), recorded in ${trustFile(trust.root)}).\n`);
  return EXIT.allow;
}

function audit(cwd: string, note: string, rules: ActiveRules): void {
  const logged = recordAudit({
    entry: "trust", cwd, command: `guard trust ${rules.trust?.root ?? cwd}`, decision: note === "trusted" ? "allow" : "deny",
    rules: rules.trust?.loosening.map((e) => e.key) ?? [], note,
  }, rules.settings);
  if (!logged.ok) process.stderr.write(`guard: warning: could not write the audit log: ${logged.errors.join("; ")}\n`);
}

export async function trust(flags: TrustFlags) {
  const cwd = resolve(flags.cwd ?? process.cwd());
  // Read now, not from the cache: what the human is shown is what the recorded digests cover.
  const rules = activeRules(cwd, process.env, { fresh: true });
  if (flags.status) return void (process.exitCode = showStatus(rules));
  if (!rules.trust) {
    process.stdout.write("No project guard files here (.guard.yaml, .guard/rules/): nothing to trust.\n");
    return;
  }
  if (flags.revoke) {
    // Revoking only makes guard stricter: no terminal needed.
    revokeTrust(rules.trust.root);
    audit(cwd, "revoked", rules);
    process.stdout.write(`Trust revoked for ${rules.trust.root}: its loosening entries are ignored again.\n`);
    return;
  }
  process.exitCode = await trustInteractively(cwd, rules);
}
