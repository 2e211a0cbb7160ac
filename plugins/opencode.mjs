// guard's OpenCode plugin: checks each bash command OpenCode's agent runs, in-process, and refuses by throwing before it runs.
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { resolve } from "node:path";

// The library bundle of this checkout (plugins/ → dist/index.cjs): same rules and config as the guard CLI.
const guard = createRequire(import.meta.url)("../dist/index.cjs");

const NO_WORKAROUND = "Do not try another way to do the same thing: stop and ask the user.";

function findingsText(verdict) {
  return verdict.findings
    .filter((f) => f.action !== "allow")
    .map((f) => `[${f.rule}] ${f.message} Why: ${f.why} Instead: ${f.instead}${f.detail ? ` (${f.detail})` : ""}`)
    .join(" ");
}

/** The verdict as the CLI gives it: a rule or config file that failed to load makes every check at least ask. */
function check(command, cwd) {
  const rules = guard.activeRules(cwd);
  const verdict = guard.evaluate(command, rules.ruleset, guard.localContext({ cwd, settings: rules.settings }));
  const problems = rules.errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
  const decision = problems.length > 0 && verdict.decision === "allow" ? "ask" : verdict.decision;
  return { verdict, decision, problems, audit: rules.settings.mode === "audit", settings: rules.settings };
}

/** The undo snapshot (or, for an approved ask, the trash copy) before the command runs; never blocks. */
async function keep(command, cwd, result, asked) {
  // takeSnapshotIfNeeded comes with newer library builds.
  if (typeof guard.takeSnapshotIfNeeded !== "function" || !result.settings.undo) return;
  const notes = await guard.takeSnapshotIfNeeded(result.verdict.invocations, {
    command, cwd, home: process.env.HOME || homedir(), agent: "opencode", settings: result.settings.undo, asked,
  });
  for (const note of notes) process.stderr.write(`${note}\n`);
}

function log(command, cwd, decision, verdict, extra = {}) {
  // appendAudit comes with newer library builds; without it the plugin still guards, unlogged.
  if (typeof guard.appendAudit !== "function") return;
  guard.appendAudit({ entry: "hook", cwd, command, decision, rules: verdict ? verdict.findings.map((f) => f.rule) : [], source: { agent: "opencode" }, ...extra });
}

function refusal(command, cwd, decision, verdict, problems) {
  const found = `${findingsText(verdict)} ${problems.length ? `guard's configuration has errors: ${problems.join("; ")}.` : ""}`.trim();
  if (decision === "deny") return `guard blocked this command. ${found} ${NO_WORKAROUND}`;
  if (typeof guard.requestApproval === "function") {
    const code = guard.requestApproval(command, cwd);
    const minutes = typeof guard.approvalTtlMs === "function" ? Math.round(guard.approvalTtlMs() / 60_000) : 10;
    return `guard: this command needs a human's approval and was not run. ${found} Ask the user to run \`guard approve ${code}\` in their own terminal, then run exactly the same command again (valid once, within ${minutes} minutes). Do not try another way to do the same thing.`;
  }
  return `guard: this command needs a human's approval and was not run. ${found} Stop and ask the user; do not try another way to do the same thing.`;
}

export const GuardPlugin = async (ctx = {}) => ({
  "tool.execute.before": async (input, output) => {
    if (!input || input.tool !== "bash") return;
    const args = (output && output.args) || {};
    const base = typeof ctx.directory === "string" && ctx.directory ? ctx.directory : process.cwd();
    const cwd = typeof args.workdir === "string" && args.workdir ? resolve(base, args.workdir) : base;
    if (typeof args.command !== "string") throw new Error(`guard refused this bash call: it carries no command string to check. ${NO_WORKAROUND}`);
    const command = args.command;
    let result;
    try {
      result = check(command, cwd);
    } catch (err) {
      // guard fails closed: a command it could not check does not run.
      throw new Error(`guard refused this command: internal error while checking it (${err && err.message ? err.message : err}). ${NO_WORKAROUND}`);
    }
    const { verdict, decision, problems, audit } = result;
    if (decision === "allow") {
      log(command, cwd, decision, verdict);
      await keep(command, cwd, result, false);
      return;
    }
    if (audit) {
      // `mode: audit` in the user config: decide and log, but let it run (shadow rollout).
      log(command, cwd, decision, verdict, { note: "audit mode: not enforced" });
      await keep(command, cwd, result, false);
      return;
    }
    if (decision === "ask" && typeof guard.consumeApproval === "function" && guard.consumeApproval(command, cwd)) {
      log(command, cwd, decision, verdict, { approval: { how: "code", at: new Date().toISOString() } });
      await keep(command, cwd, result, true);
      return;
    }
    const message = refusal(command, cwd, decision, verdict, problems);
    log(command, cwd, decision, verdict);
    throw new Error(message);
  },
});
