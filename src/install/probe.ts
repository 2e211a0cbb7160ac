// What `guard doctor` sends through an integration: a command guard must refuse, harmless if it ever ran, and the sandbox it runs in.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "../engine/evaluate";
import { localContext } from "../engine/local-context";
import { activeRules } from "../engine/active-rules";
import type { Env } from "./install-context";

/** Denied by the built-in rule guard.self-probe; no such program exists, so running it does nothing. */
export const PROBE_COMMAND = "guard-probe-destructive --now";
/** For agent payloads when guard.self-probe is not in force: only the hook sees it, nothing runs it. */
const PAYLOAD_FALLBACK = "rm -rf /";
/** For shells when guard.self-probe is not in force: a dynamic command name (always at least ask); the variable names the probe program. */
const SHELL_FALLBACK = "\"$GUARD_DOCTOR_PROBE\" --now";

export interface Probe {
  /** The command put in agents' JSON payloads (never executed). */
  payloadCommand: string;
  /** The command a shell is asked to run; harmless if the integration fails to stop it. */
  shellCommand: string;
  /** Where probes run, and the environment they get (guard's audit log kept out of the user's). */
  dir: string;
  env: Record<string, string>;
  /** `mode: audit` in guard's config: integrations log but let everything through, probes included. */
  auditMode: boolean;
  cleanup(): void;
}

export function makeProbe(env: Env): Probe {
  const dir = mkdtempSync(join(tmpdir(), "guard-doctor-"));
  const probeEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) probeEnv[k] = v;
  // Probes are not commands anyone ran: they go to a throwaway log, not the user's audit trail.
  probeEnv.GUARD_AUDIT_LOG = join(dir, "audit.jsonl");
  probeEnv.GUARD_DOCTOR_PROBE = "guard-probe-destructive";
  probeEnv.NO_COLOR = "1";
  let selfProbe = false;
  let auditMode = false;
  try {
    const rules = activeRules(dir, probeEnv);
    auditMode = rules.settings.mode === "audit";
    selfProbe = evaluate(PROBE_COMMAND, rules.ruleset, localContext({ cwd: dir, env: probeEnv, settings: rules.settings })).decision === "deny";
  } catch {
    selfProbe = false;
  }
  return {
    payloadCommand: selfProbe ? PROBE_COMMAND : PAYLOAD_FALLBACK,
    shellCommand: selfProbe ? PROBE_COMMAND : SHELL_FALLBACK,
    dir,
    env: probeEnv,
    auditMode,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
