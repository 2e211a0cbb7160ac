// Target class: `git add` of the whole tree with the ignore rules off, which stages .env and keys .gitignore keeps out.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";

/** Pathspecs that reach the whole tree (or all of the current directory). */
const WIDE = new Set([".", "./", ":/", ":/.", "*", ":(top)", "-A", "--all"]);
/** `-f`, `--force`, or a cluster holding f (`-fA`). */
const FORCE = /^(?:--force|-[a-zA-Z]*f[a-zA-Z]*)$/;

/** Whether `git add` stages the whole tree: `-A`/`--all` (with no narrower pathspec), or a pathspec of the whole tree. */
function addsWholeTree(inv: Invocation, positionals: Word[]): boolean {
  const words = inv.argv.slice(1).filter((w) => !w.dynamic).map((w) => w.value);
  const all = words.some((w) => w === "-A" || w === "--all" || /^-[a-zA-Z]*A[a-zA-Z]*$/.test(w));
  if (positionals.length === 0) return all;
  return positionals.some((w) => !w.dynamic && WIDE.has(w.value));
}

/** Lines of an ignore file that exclude something (comments and blanks left out). */
const rules = (text: string) => text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));

/**
 * An ignore file written earlier in this command in a way that may let files through: content guard does not know
 * (`sed -i '/^\.env$/d' .gitignore`), or a rule the file on disk has that the new text lacks. Appending rules is not.
 */
function ignoreRulesDropped(inv: Invocation, ctx: EvalContext): boolean {
  for (const [key, text] of inv.written ?? []) {
    if (!/(?:^|\/)(?:\.gitignore|\.git\/info\/exclude)$/.test(key)) continue;
    if (text === null) return true;
    const abs = key.startsWith("/") ? key : posix.join(inv.cwd?.[0] ?? ctx.cwd, key);
    // No file before (or none guard can read): there was no rule to drop.
    const before = ctx.readFile?.(abs) ?? "";
    const after = new Set(rules(text));
    if (rules(before).some((rule) => !after.has(rule))) return true;
  }
  return false;
}

export const IGNORED_ADD_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext) => boolean> = {
  /**
   * `git add -f -A`, `git add --force .`, `sed -i '/^\.env$/d' .gitignore && git add -A`: the whole tree staged with
   * .gitignore overridden or just loosened, which takes every ignored .env, key and token file along.
   */
  "adds-ignored-files": (positionals, inv, ctx) => {
    if (!addsWholeTree(inv, positionals)) return false;
    const forced = inv.argv.slice(1).some((w) => !w.dynamic && FORCE.test(w.value));
    return forced || ignoreRulesDropped(inv, ctx);
  },
};
