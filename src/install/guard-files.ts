// Every file through which guard itself could be switched off: its config, state and caches, the agents' hook settings, the
// shell startup files and hooks guard installs into. The sandbox binds them read-only.
import { dirname, join } from "node:path";
import { auditLogPath } from "../act/audit";
import { configDir, stateDir } from "../core/user-dirs";
import { AGENT_HOOKS } from "./agent-hooks";
import { bashEnvPath, bashStartupFiles } from "./bash-env";
import type { InstallContext } from "./install-context";
import { opencodePluginPath } from "./opencode";
import { AGENT_INTEGRATIONS, type Scope } from "./integrations";
import { zshenvPath } from "./zsh-env";

export function guardOwnedPaths(context: InstallContext): string[] {
  const env = context.env as NodeJS.ProcessEnv;
  const cache = join(env.XDG_CACHE_HOME || join(context.home, ".cache"), "guard");
  const scopes: Scope[] = ["user", "project"];
  return [
    configDir(env),
    stateDir(env),
    cache,
    dirname(auditLogPath(env)),
    "/etc/guard",
    ...AGENT_INTEGRATIONS.flatMap((t) => scopes.map((s) => AGENT_HOOKS[t].file(s, context))),
    ...scopes.map((s) => opencodePluginPath(s, context)),
    ...scopes.map((s) => bashEnvPath(s, context)),
    ...bashStartupFiles(context.home),
    zshenvPath(context),
    join(context.repoRoot, ".git", "hooks"),
  ];
}
