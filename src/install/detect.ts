// Which agents and shells this machine has, for `guard init`: their config directories or their programs on PATH.
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { InstallContext } from "./install-context";
import type { Integration } from "./integrations";

export interface Detection {
  target: Integration;
  /** What was found, for the plan shown to the user. */
  evidence: string;
}

/** Per target: directories under home that the agent creates, and the programs it installs. */
const SIGNS: { target: Integration; dirs: string[]; programs: string[] }[] = [
  { target: "claude-code", dirs: [".claude"], programs: ["claude"] },
  { target: "cursor", dirs: [".cursor"], programs: ["cursor", "cursor-agent"] },
  { target: "gemini-cli", dirs: [".gemini"], programs: ["gemini"] },
  { target: "codex", dirs: [".codex"], programs: ["codex"] },
  { target: "copilot-cli", dirs: [".copilot"], programs: ["copilot"] },
  { target: "windsurf", dirs: [".codeium/windsurf"], programs: ["windsurf"] },
  { target: "opencode", dirs: [".config/opencode"], programs: ["opencode"] },
  { target: "bash", dirs: [], programs: ["bash"] },
  { target: "zsh", dirs: [], programs: ["zsh"] },
];

function onPath(program: string, env: InstallContext["env"]): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, program);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The targets worth installing for this user. A shell counts when it is the login shell or its rc
 * file exists (bash is on nearly every machine; guarding it where nobody uses it only adds noise).
 */
export function detectTargets(context: InstallContext): Detection[] {
  const out: Detection[] = [];
  const shell = context.env.SHELL ?? "";
  for (const sign of SIGNS) {
    const dir = sign.dirs.find((d) => existsSync(join(context.home, d)));
    const program = sign.programs.map((p) => onPath(p, context.env)).find(Boolean);
    if (sign.target === "bash" || sign.target === "zsh") {
      const rc = sign.target === "bash" ? ".bashrc" : ".zshrc";
      const used = shell.endsWith(`/${sign.target}`) || existsSync(join(context.home, rc));
      if (program && used) out.push({ target: sign.target, evidence: shell.endsWith(`/${sign.target}`) ? `your login shell is ${shell}` : `~/${rc} exists` });
      continue;
    }
    if (dir) out.push({ target: sign.target, evidence: `~/${dir} exists` });
    else if (program) out.push({ target: sign.target, evidence: `${program} is on PATH` });
  }
  return out;
}
