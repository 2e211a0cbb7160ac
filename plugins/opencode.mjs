// guard's OpenCode plugin: a thin adapter that hands each bash command to guard's policy core in-process, and refuses by throwing before it runs.
import { createRequire } from "node:module";
import { resolve } from "node:path";

const NO_WORKAROUND = "Do not try another way to do the same thing: stop and ask the user.";

/** OpenCode cannot ask the user from a plugin: an ask becomes a refusal with a one-time `guard approve` code. */
const OPENCODE = { canAsk: false, canGrant: false, hasNoOpinion: true };

let library;
/** The library bundle of this checkout (plugins/ → dist/index.cjs); a bundle that cannot load refuses every command. */
function guard() {
  if (!library) library = createRequire(import.meta.url)("../dist/index.cjs");
  return library;
}

export const GuardPlugin = async (ctx = {}) => ({
  "tool.execute.before": async (input, output) => {
    if (!input || input.tool !== "bash") return;
    const args = (output && output.args) || {};
    const base = typeof ctx.directory === "string" && ctx.directory ? ctx.directory : process.cwd();
    const cwd = typeof args.workdir === "string" && args.workdir ? resolve(base, args.workdir) : base;
    if (typeof args.command !== "string") throw new Error(`guard refused this bash call: it carries no command string to check. ${NO_WORKAROUND}`);
    let result;
    try {
      const source = typeof input.sessionID === "string" ? { session: input.sessionID } : {};
      result = await guard().checkToolCall({ agent: "opencode", command: args.command, cwd, source }, OPENCODE);
    } catch (err) {
      // guard fails closed: a command it could not check does not run.
      throw new Error(`guard refused this command: internal error while checking it (${err && err.message ? err.message : err}). ${NO_WORKAROUND}`);
    }
    if (result.warning) process.stderr.write(result.warning);
    if (result.answer === "deny" || result.answer === "ask") throw new Error(result.agentMessage);
  },
});
