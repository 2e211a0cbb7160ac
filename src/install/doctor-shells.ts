// doctor for the shell traps: the installed files are in place, and a real bash or zsh skips the probe but runs the command after it.
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { bashEnvPath, bashProfileBlock, bashStartupFiles } from "./bash-env";
import type { InstallContext } from "./install-context";
import type { ScopeCheck } from "./doctor-types";
import { readText } from "./files";
import { blockBody } from "./marked-block";
import { isOwnedByGuard } from "./owned-file";
import type { Probe } from "./probe";
import type { Scope } from "./integrations";
import { zshBlock, zshenvPath } from "./zsh-env";

const TIMEOUT_MS = 30_000;
const REFUSED = "guard: not run:";

interface ShellRun {
  shell: "bash" | "zsh";
  env: Record<string, string>;
  probe: Probe;
  fix: string;
}

/** `<shell> -c '<probe>; echo ran'`: refused means guard's refusal on stderr, `ran` on stdout, and no sign the probe ran. */
function runProbe(run: ShellRun): string | undefined {
  const r = spawnSync(run.shell, ["-c", `${run.probe.shellCommand}; echo ran`], { cwd: run.probe.dir, env: run.env, encoding: "utf8", timeout: TIMEOUT_MS, stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT";
    return missing ? `${run.shell} is not on PATH, so its trap cannot be checked` : `${run.shell} could not run: ${r.error.message}`;
  }
  const stdout = String(r.stdout);
  const stderr = String(r.stderr);
  if (/could not check this command \(exit \d+\)/.test(stderr)) {
    return `every command is refused because guard itself cannot run (${stderr.split("\n").find((l) => l.trim() && !l.startsWith(REFUSED))?.trim() ?? "see guard check"}): ${run.fix}`;
  }
  if (/command not found|not found: guard-probe-destructive/.test(stderr) || !stderr.includes(REFUSED)) {
    return `${run.shell} ran the probe instead of skipping it: the trap is not loaded or not working: ${run.fix}`;
  }
  if (!/(^|\n)ran\n/.test(stdout)) return `${run.shell} stopped after the refused probe instead of going on with the next command: ${run.fix}`;
  return undefined;
}

export function checkBash(scope: Scope, context: InstallContext, probe: Probe): ScopeCheck {
  const script = bashEnvPath(scope, context);
  const rcs = scope === "user" ? bashStartupFiles(context.home) : [];
  const files = [script, ...rcs];
  const fix = `run \`guard install bash${scope === "project" ? " --project" : ""}\``;
  const text = readText(script);
  const blocks = rcs.map((rc) => ({ rc, body: blockBody(readText(rc) ?? "") }));
  const ours = text !== undefined && isOwnedByGuard(text);
  if (!ours && blocks.every((b) => b.body === undefined)) return { scope, installed: false, files };
  if (!ours) return { scope, installed: true, ok: false, files, problem: `${script} is missing (or not guard's) but BASH_ENV points at it: ${fix}` };
  const wanted = bashProfileBlock(script);
  for (const b of blocks) {
    if (b.body === undefined) return { scope, installed: true, ok: false, files, problem: `${b.rc} has no guard block exporting BASH_ENV, so shells started from it are not checked: ${fix}` };
    if (b.body !== wanted) return { scope, installed: true, ok: false, files, problem: `guard's block in ${b.rc} does not point BASH_ENV at ${script}: ${fix}` };
  }
  const problem = runProbe({ shell: "bash", env: { ...probe.env, BASH_ENV: script }, probe, fix });
  if (problem) return { scope, installed: true, ok: false, files, problem };
  const note = scope === "project" ? `start your agent with BASH_ENV=${script}` : context.env.BASH_ENV !== script ? "BASH_ENV is not set in this shell: open a new terminal or log in again" : undefined;
  return { scope, installed: true, ok: true, files, ...(note ? { note } : {}) };
}

export function checkZsh(context: InstallContext, probe: Probe): ScopeCheck {
  const path = zshenvPath(context);
  const fix = "run `guard install zsh`";
  const body = blockBody(readText(path) ?? "");
  if (body === undefined) return { scope: "user", installed: false, files: [path] };
  const current = body === zshBlock(context);
  const problem = runProbe({ shell: "zsh", env: { ...probe.env, HOME: context.home, ZDOTDIR: dirname(path) }, probe, fix });
  if (problem) return { scope: "user", installed: true, ok: false, files: [path], problem };
  return { scope: "user", installed: true, ok: true, files: [path], ...(current ? {} : { note: `guard's block differs from what this guard installs; ${fix} to update it` }) };
}
