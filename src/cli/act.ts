// The shared flow of `guard exec` and `guard shell`: check through the policy core, settle the outcome, then refuse or run, and audit either way.
import type { AuditEntry } from "../act/audit";
import { EXIT } from "./exit-codes";
import { recordDecision, recordWarning } from "../act/record";
import { settle, type Outcome } from "../act/outcome";
import { commandEnvironment } from "../act/environment";
import { withheldNotice } from "../act/isolation";
import type { SandboxSettings } from "../config/sandbox-config";
import { sandboxFor } from "../config/settings";
import { openPolicy, type Decision, type Policy } from "../engine/policy";
import { clearDeadline } from "../core/deadline";
import { takeSnapshotIfNeeded, trashPromptNote } from "../undo/take";

export interface ActRequest {
  entry: AuditEntry;
  /** The exact text that was checked: it is what runs. */
  text: string;
  /** How to run it once allowed: file and argv. */
  file: string;
  args: string[];
  cwd: string;
  input?: string;
  /** The command is an argv run directly (guard exec a b c): read-only flags can be inserted. */
  argvForm?: boolean;
}

function source(request: ActRequest): Record<string, string> {
  return { agent: process.env.GUARD_AGENT || request.entry, ...(process.env.GUARD_SESSION ? { session: process.env.GUARD_SESSION } : {}) };
}

function audit(policy: Policy, decision: Decision, outcome: Outcome, request: ActRequest, extra: { exitCode?: number; durationMs?: number; phase?: "start" | "end"; startSeq?: number } = {}): number | undefined {
  // The log is a record, not a gate: a denied command still does not run, an allowed one still runs.
  const result = recordDecision(decision, outcome, { entry: request.entry, source: source(request), ...extra }, policy.settings);
  process.stderr.write(recordWarning(result));
  return result.record?.seq;
}

type Containment =
  | { kind: "none"; note?: string }
  | { kind: "refuse"; message: string }
  | { kind: "walls"; wrap: (file: string, args: string[]) => string[]; explain: (stderr: string) => string | undefined; missing: (file: string, env: NodeJS.ProcessEnv) => string | undefined };

/**
 * Where the command runs: inside bubblewrap walls (sandbox.mode on/required), or as is. `required`
 * without working walls refuses; `on` without them runs as before, and says so once per command.
 */
async function containment(settings: SandboxSettings, cwd: string): Promise<Containment> {
  if (settings.mode === "off") return { kind: "none" };
  const sandbox = await import("../act/sandbox");
  const found = sandbox.findBwrap();
  const probe = found.ok ? sandbox.probeBwrap(found.path) : found;
  if (!found.ok || !probe.ok) {
    const why = probe.ok ? "" : probe.why;
    if (settings.mode === "required") return { kind: "refuse", message: `guard: not run: sandbox.mode is required and the sandbox cannot start here: ${why}. Run guard doctor.\n` };
    // The default (not chosen in a config file) stays quiet: guard doctor says why the walls are down.
    return { kind: "none", note: settings.chosen ? `guard: running without the sandbox: ${why}\n` : undefined };
  }
  const [{ installContext }, { guardOwnedPaths }] = await Promise.all([import("../install/install-context"), import("../install/guard-files")]);
  // A built-in required, not imported: the bundle runs in a vm script, where import() of node: modules has no loader.
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const context = installContext({ cwd });
  const plan = sandbox.sandboxPlan({ settings, tree: context.repoRoot, home: context.home, tmp: tmpdir(), guardPaths: guardOwnedPaths(context) });
  return {
    kind: "walls",
    wrap: (file, args) => sandbox.sandboxArgv(found.path, plan, cwd, file, args),
    explain: (stderr) => sandbox.explainSandboxFailure(stderr, plan),
    missing: (file, env) => sandbox.programMissing(file, env),
  };
}

/** Returns the exit code guard should exit with. */
export async function act(request: ActRequest): Promise<number> {
  const policy = openPolicy({ cwd: request.cwd, agent: process.env.GUARD_AGENT || request.entry });
  const decision = policy.check(request.text);
  // Decided: a human at a prompt, or the command itself, may take as long as they take.
  clearDeadline();
  // Colours and prompts load only when a human needs to see something (start-up cost on every command).
  const human = decision.action === "allow" ? undefined : await import("../report/human");
  const undo = { command: request.text, cwd: request.cwd, home: policy.context.home, agent: process.env.GUARD_AGENT || request.entry, settings: policy.settings.undo, asked: decision.action === "ask" };
  // Before a human approves: whether guard can keep a copy of what this deletes outside a repository.
  const undoNote = decision.action === "ask" ? await trashPromptNote(decision.verdict.invocations, undo) : undefined;
  const outcome = await settle(decision, { channel: "terminal", promptBody: (v) => human!.renderPromptBody(v, process.stderr) + (undoNote ?? "") });
  if (outcome.kind !== "run") {
    process.stderr.write(human!.renderRefusal(decision.verdict, outcome, EXIT.refused));
    for (const n of decision.trustNotices) process.stderr.write(`guard: ${n.message}\n`);
    audit(policy, decision, outcome, request);
    return EXIT.refused;
  }
  for (const note of await takeSnapshotIfNeeded(decision.verdict.invocations, undo)) process.stderr.write(`${note}\n`);
  const started = Date.now();
  const prepared = commandEnvironment({
    env: process.env, invocations: decision.verdict.invocations, settings: policy.settings, production: decision.production, entry: request.entry,
    argv: request.argvForm ? [request.file, ...request.args] : undefined,
  });
  const notice = withheldNotice(prepared.decisions, policy.settings.isolation);
  if (notice) process.stderr.write(notice);
  const [file, ...args] = prepared.argv ?? [request.file, ...request.args];
  const walls = await containment(sandboxFor(policy.settings, process.env.GUARD_AGENT || request.entry), request.cwd);
  if (walls.kind === "refuse") {
    process.stderr.write(walls.message);
    audit(policy, decision, { kind: "refused", why: walls.message.trim() }, request);
    return EXIT.refused;
  }
  if (walls.kind === "none" && walls.note) process.stderr.write(walls.note);
  if (walls.kind === "walls") {
    const missing = walls.missing(file, prepared.env);
    if (missing) {
      process.stderr.write(`guard: cannot run ${file}: ${missing}\n`);
      audit(policy, decision, outcome, request, { exitCode: 127, durationMs: Date.now() - started });
      return 127;
    }
  }
  const [runFile, ...runArgs] = walls.kind === "walls" ? walls.wrap(file, args) : [file, ...args];
  // Loaded here, not at start-up: node:child_process alone costs milliseconds on every check.
  const { runChild } = await import("../act/child");
  // Written before the command runs: a guard killed while it runs still leaves its record.
  const startSeq = audit(policy, decision, outcome, request, { phase: "start" });
  let tail = "";
  const watchStderr = walls.kind === "walls" ? (chunk: Buffer) => { tail = (tail + chunk.toString("utf8")).slice(-8192); } : undefined;
  const exitCode = await runChild(runFile, runArgs, { cwd: request.cwd, input: request.input, env: prepared.env, watchStderr, signalDescendants: walls.kind === "walls" });
  if (walls.kind === "walls" && exitCode !== 0) {
    const why = walls.explain(tail);
    if (why) process.stderr.write(`${why}\n`);
  }
  audit(policy, decision, outcome, request, { exitCode, durationMs: Date.now() - started, phase: "end", ...(startSeq !== undefined ? { startSeq } : {}) });
  return exitCode;
}
