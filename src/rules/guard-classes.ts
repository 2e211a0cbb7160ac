// Target classes of guard's self-protection: a write, move or delete that reaches guard's own files, resolved after cd.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { writtenPaths, type WrittenPath } from "./written";
import { absolutePath } from "./zones";
import { containsProtected, protectedKind, type ProtectedBase } from "../core/shell-protected-paths";

type GuardClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/** The absolute paths a written word may be, one per directory the command may run in; undefined for one guard cannot tell. */
function candidates(entry: WrittenPath, inv: Invocation, ctx: EvalContext): (string | undefined)[] {
  return (inv.cwd ?? [ctx.cwd]).map((dir) => absolutePath(entry.word, dir, ctx));
}

function denied(entry: WrittenPath, path: string, base: ProtectedBase): boolean {
  const kind = protectedKind(path, base);
  if (kind === "guard-files" || kind === "hook-files") return true;
  if (kind === "shell-rc") return entry.mode !== "append";
  return entry.mode === "remove" && containsProtected(path, base);
}

export const GUARD_CLASSES: Record<string, GuardClass> = {
  /**
   * Writes, truncates, moves or deletes guard's config, state, cache, approvals or audit log, an agent's
   * hook settings or guard's startup code, or replaces a shell rc file guard installs into. Relative
   * paths are resolved where the command runs (`cd ~/.config/guard && echo … > config.yaml`).
   */
  "writes-guard-files": (_p, inv, ctx, parsed) => {
    const base = { home: ctx.home, env: ctx.env };
    return writtenPaths(inv, parsed).filter((e) => candidates(e, inv, ctx).some((p) => p !== undefined && denied(e, p, base))).map((e) => e.word);
  },

  /**
   * `git config [--global|--system] core.hooksPath VALUE`: git stops running the hooks guard installs
   * (pre-push) when hooks point at /dev/null or nowhere, or, globally, at any other directory. A repository's
   * own `core.hooksPath .husky` is how hook managers work and is left alone.
   */
  "disables-git-hooks": (_p, inv) => {
    const words = inv.argv.slice(1);
    const at = words.findIndex((w) => !w.dynamic && /^core\.hookspath$/i.test(w.value));
    if (at < 0 || !words.some((w) => w.value === "config")) return false;
    if (words.some((w) => /^--(?:get|get-all|get-regexp|unset|unset-all|list)$|^-l$/.test(w.value))) return false;
    const value = words[at + 1];
    if (value === undefined) return false;
    const global = words.slice(0, at).some((w) => w.value === "--global" || w.value === "--system");
    return value.dynamic || global || value.value === "" || value.value === "/dev/null" ? [words[at]] : false;
  },

  /** Appends to a shell rc file guard installs into (`echo … >> ~/.bashrc`): it could undo guard's BASH_ENV line. */
  "appends-shell-rc": (_p, inv, ctx, parsed) => {
    const base = { home: ctx.home, env: ctx.env };
    return writtenPaths(inv, parsed).filter((e) => e.mode === "append" && candidates(e, inv, ctx).some((p) => p !== undefined && protectedKind(p, base) === "shell-rc")).map((e) => e.word);
  },
};
