// Programs guard and the agents start that an executable in a user's own PATH directory (~/.local/bin, ~/bin) would replace: shells, env, node, guard, the agents.
import { posix } from "node:path";

/**
 * Names guard's hooks, traps and stand-ins start, or that start them. Installed hooks name their
 * interpreters by absolute path; these still matter for project-scope hooks (`guard` from PATH, whose
 * launcher runs `/usr/bin/env node`), for agents that start `bash` from PATH, and for the agents themselves.
 */
export const SHADOWED_NAMES: ReadonlySet<string> = new Set([
  "sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "env", "node", "nodejs",
  "guard", "guard-shell", "guard-prefix",
  "claude", "cursor", "cursor-agent", "gemini", "codex", "copilot", "windsurf", "opencode", "cline",
]);

/** The directories a user's own login profile puts before the system's on PATH (Ubuntu's default ~/.profile, many installers). */
export function userBinDirs(home: string): string[] {
  return [posix.join(home, ".local/bin"), posix.join(home, "bin")];
}

/** The program a write to `path` (absolute, normalised) would shadow, if any. */
export function shadowedProgram(path: string, home: string): string | undefined {
  const name = posix.basename(path);
  return SHADOWED_NAMES.has(name) && userBinDirs(home).includes(posix.dirname(path)) ? name : undefined;
}

/** Whether `path` is one of those directories itself (`cp evil ~/bin/`: the file keeps its source's name). */
export function isUserBinDir(path: string, home: string): boolean {
  return userBinDirs(home).includes(path.replace(/\/+$/, "") || "/");
}
