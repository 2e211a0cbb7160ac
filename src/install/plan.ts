// Which files each target's integration changes, for a scope: the single place that maps targets to edits.
import { agentHookEdit } from "./agent-hooks";
import { bashEnvPath, bashEnvScript, bashProfileBlock, bashStartupFiles } from "./bash-env";
import type { InstallContext } from "./install-context";
import { InstallError } from "./errors";
import type { FileEdit } from "./file-edit";
import { prePushEdit } from "./git-hook";
import { blockEdit } from "./marked-block";
import { opencodeEdit } from "./opencode";
import { ownedFileEdit } from "./owned-file";
import { isAgentIntegration, supportedScopes, unsupportedScopeReason, type Scope, type Integration } from "./integrations";
import { zshBlock, zshenvPath } from "./zsh-env";

function bashEdits(scope: Scope, context: InstallContext): FileEdit[] {
  const script = bashEnvPath(scope, context);
  const edits = [ownedFileEdit({
    path: script,
    content: bashEnvScript(context),
    what: "guard's BASH_ENV script",
    mode: scope === "user" ? 0o600 : 0o644,
    privateDir: scope === "user",
    foreign: `${script} exists and is not guard's; guard will not overwrite it. Move it away, then run this again.`,
  })];
  // Project scope writes only the script: the agent is started with BASH_ENV pointing at it.
  if (scope === "user") {
    for (const rc of bashStartupFiles(context.home)) {
      edits.push(blockEdit({ path: rc, body: bashProfileBlock(script), what: "guard's BASH_ENV block", mode: 0o600 }));
    }
  }
  return edits;
}

export function fileEdits(target: Integration, scope: Scope, context: InstallContext): FileEdit[] {
  if (!supportedScopes(target).includes(scope)) throw new InstallError(unsupportedScopeReason(target, scope));
  if (isAgentIntegration(target)) return [agentHookEdit(target, scope, context)];
  switch (target) {
    case "opencode":
      return [opencodeEdit(scope, context)];
    case "bash":
      return bashEdits(scope, context);
    case "zsh":
      return [blockEdit({ path: zshenvPath(context), body: zshBlock(context), what: "guard's TRAPDEBUG block", mode: 0o600 })];
    case "git":
      return [prePushEdit(context)];
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}

/** What the user should know after installing: what takes effect when, and what the agent needs from them. */
export function afterInstallNotes(target: Integration, scope: Scope, context: InstallContext): string[] {
  switch (target) {
    case "claude-code":
    case "cursor":
    case "gemini-cli":
    case "windsurf":
    case "copilot-cli":
      return [`Restart ${target} (or start a new session) so it reads the hook.`];
    case "codex":
      return ["Codex runs a new or changed hook only after you trust it: open /hooks in Codex and trust guard's PreToolUse hook."];
    case "opencode":
      return ["Restart OpenCode so it loads the plugin."];
    case "bash":
      return scope === "user"
        ? ["New login sessions and terminals export BASH_ENV; start your agent from one (or run `source ~/.profile` first).",
          "Every non-interactive bash on this account now checks each command, your own scripts included."]
        : [`Start your agent with BASH_ENV=${bashEnvPath(scope, context)} in its environment.`];
    case "zsh":
      return ["Every new non-interactive zsh (an agent's `zsh -c`, scripts) now checks each command; interactive shells are left alone."];
    case "git":
      return ["Force pushes and deletions of protected branches are now refused for every push from this repository."];
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}
