// Named target classes a rule can match positional arguments against: `{class: catastrophic-path}`.
import { globMatch } from "../core/glob";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { isCatastrophicPath } from "./paths";
import { pathText } from "../shell/cwd";
import { pathBase } from "./zones";
import { programName } from "../shell/words";
import type { ParsedArgs } from "../shell/program-args";
import type { RefspecConditions } from "./types";
import { ZONE_CLASSES } from "./zone-classes";
import { MODIFIED_CLASSES } from "./modified-class";
import { GUARD_CLASSES } from "./guard-classes";
import { STORE_CLASSES } from "./store-protocol";
import { OVERWRITE_CLASSES } from "./overwrite-classes";
import { CONTAINER_CLASSES } from "./container-classes";

/** Returns the matching words, `true` for a match not tied to one word, or `false`. */
export type ArgClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

function isProtectedBranch(branch: string | undefined, ctx: EvalContext): boolean {
  // An unknown current branch might be a protected one: fail closed.
  if (branch === undefined) return true;
  const name = branch.replace(/^refs\/heads\//, "");
  return ctx.protectedBranches.some((glob) => globMatch(name, glob));
}

/** The branch a `git push` refspec writes to: `+main` → main, `HEAD:prod` → prod, `:old` → old (deleted). */
function pushDestination(refspec: string, ctx: EvalContext): string | undefined {
  const spec = refspec.replace(/^\+/, "");
  const colon = spec.indexOf(":");
  const dst = colon >= 0 ? spec.slice(colon + 1) : spec;
  // `HEAD` is the current branch, which may be unknown (undefined): the caller treats that as protected.
  return dst === "HEAD" || dst === "@" ? ctx.branch : dst;
}

/** The literal refspecs of `git push REMOTE REFSPEC…`. */
function refspecs(positionals: Word[]): Word[] {
  return positionals.slice(1).filter((w) => !w.dynamic);
}

export const ARG_CLASSES: Record<string, ArgClass> = {
  /** `/`, `~`, `.`, `..`, `*`, system directories, `"$DIR/"`: see paths.ts. */
  "catastrophic-path": (positionals, inv, ctx) => positionals.filter((w) => w.unseen !== undefined || isCatastrophicPath(w, ctx, inv.cwd)),

  /**
   * An operand guard cannot resolve in a way that could make it anything: a command substitution
   * (`$(ls)`, `$(git rev-parse --show-toplevel)`), a list (`"$@"`, `"${a[@]}"`), braces it could not
   * expand, and a variable guard does not know that makes up the whole last path component
   * (`"$DIR"`, `"$WORK/$name"`): bash fills it in at run time, and it may name home or `/`.
   */
  "unresolved-path": (positionals, inv, ctx) => positionals.filter((w) => unresolvedPath(w, inv, ctx)),

  /**
   * `git push [remote] [refspec…]` writing to a protected branch. With no refspec git pushes the
   * current branch, so that is what is checked.
   */
  "protected-branch-push": (positionals, _inv, ctx) => {
    const refspecs = positionals.slice(1);
    if (refspecs.length === 0) return isProtectedBranch(ctx.branch, ctx);
    return refspecs.filter((w) => {
      if (w.dynamic) return true; // `git push -f origin $BRANCH` might be main
      const dst = pushDestination(w.value, ctx);
      return dst !== "" && isProtectedBranch(dst, ctx);
    });
  },

  /**
   * A branch name argument that is a protected branch (`git branch -D staging` with `protected_branches:
   * [staging]`): the one list from config, not a list in the rule file. A dynamic word might be one.
   */
  "protected-branch": (positionals, _inv, ctx) => positionals.filter((w) => w.dynamic || isProtectedBranch(w.value, ctx)),

  /** A full ref naming a protected branch (`git update-ref -d refs/heads/main`). A dynamic word might be one. */
  "protected-ref": (positionals, _inv, ctx) => positionals.filter((w) => w.dynamic || (w.value.startsWith("refs/heads/") && isProtectedBranch(w.value, ctx))),

  /** `+main`: a refspec that forces the update whatever the flags say. */
  "force-refspec": (positionals) => refspecs(positionals).filter((w) => w.value.startsWith("+")),

  /** `+main` where main is protected. */
  "protected-force-refspec": (positionals, _inv, ctx) =>
    refspecs(positionals).filter((w) => w.value.startsWith("+") && isProtectedBranch(pushDestination(w.value, ctx), ctx)),

  /** `:feature`: a refspec with an empty source deletes the remote branch. */
  "delete-refspec": (positionals) => refspecs(positionals).filter((w) => /^\+?:./.test(w.value)),

  /** `:main` where main is protected. */
  "protected-delete-refspec": (positionals, _inv, ctx) =>
    refspecs(positionals).filter((w) => /^\+?:./.test(w.value) && isProtectedBranch(pushDestination(w.value, ctx), ctx)),

  /** `find / … -delete`: a start path (the arguments before the first expression word) is catastrophic. */
  "find-start-catastrophic": (_positionals, inv, ctx) => catastrophicFindStarts(inv, ctx),

  /** `find / -exec rm {} +`: as above, and an -exec/-ok command deletes what find passes it. */
  "find-exec-delete-catastrophic": (_positionals, inv, ctx) => {
    const deletes = inv.argv.some((w, i) => i > 0 && FIND_EXEC.has(inv.argv[i - 1].value) && DELETERS.has(programName(w)));
    return deletes ? catastrophicFindStarts(inv, ctx) : false;
  },

  ...ZONE_CLASSES,
  ...MODIFIED_CLASSES,
  ...GUARD_CLASSES,
  ...OVERWRITE_CLASSES,
  ...CONTAINER_CLASSES,
  ...STORE_CLASSES,
};

/** Substitutions whose output is a fresh path, never an existing tree: `rm -rf "$(mktemp -d)"`. */
const FRESH_PATH_PRODUCERS = new Set(["mktemp"]);

/** A path component made only of parameter expansions (`$d`, `${DIR:?}`, `$1$2`): nothing literal pins it down. */
const EXPANSION = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9#?$!-]/g;

function unresolvedPath(word: Word, inv: Invocation, ctx: EvalContext): boolean {
  if (!word.dynamic) return false;
  const text = word.shellText ?? word.raw;
  if (/\$\(|`|<\(/.test(text) || word.substitutions?.length) return !(word.substitutions ?? ["?"]).every((p) => FRESH_PATH_PRODUCERS.has(p));
  if (/\$[@*]|\$\{[@*]\}|\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}/.test(text)) return true;
  if (/\{[^}]*(?:,|\.\.)[^}]*\}/.test(word.raw) && !/^\$\{/.test(word.raw)) return true;
  // Values guard computed (`${X:-build}`, a loop over literal words) are judged as those values.
  if (word.candidates?.length) return false;
  // `"$DIR"`, `"$WORK/$name"`: the last component is whatever the variable holds. `"$TMPDIR/x"`,
  // `"$HOME"` are not here: a literal last component, or a variable guard can fill in itself.
  const last = text.replace(EXPANSION, "\u0001").replace(/\/+$/, "").split("/").pop() ?? "";
  if (!/^\u0001+$/.test(last)) return false;
  return (inv.cwd ?? [ctx.cwd]).some((dir) => pathText(word, dir ?? ctx.cwd, pathBase(ctx)) === null);
}

const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
const DELETERS = new Set(["rm", "unlink", "shred", "rmdir"]);

function catastrophicFindStarts(inv: Invocation, ctx: EvalContext): Word[] | boolean {
  const starts: Word[] = [];
  for (const word of inv.argv.slice(1)) {
    if (!word.dynamic && /^[-(!)]/.test(word.value)) break;
    starts.push(word);
  }
  // With no start path find searches the working directory.
  if (starts.length === 0) return isCatastrophicPath({ value: ".", raw: ".", dynamic: false, glob: false, span: inv.span }, ctx, inv.cwd);
  return starts.filter((w) => isCatastrophicPath(w, ctx, inv.cwd));
}

/**
 * Whether the command writes to or deletes a protected branch: what `escalate: {protected_branch: …}`
 * reads. `words` are the arguments the rule matched (a `+main` refspec); when it matched on flags
 * alone, every argument counts. For `git push` an argument is a destination (`main`, `HEAD:main`,
 * `+main`, `:main`; the current branch when no refspec is given), otherwise a branch name or a
 * `refs/heads/` ref. A dynamic word might be one.
 */
export function touchesProtectedBranch(invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs, words: Word[]): boolean {
  const [verb, ...rest] = parsed.positionals;
  if (verb === undefined) return false;
  if (!verb.dynamic && verb.value === "push") {
    if (words.length === 0) return matchClass("protected-branch-push", rest, invocation, ctx, parsed) !== false;
    return words.some((w) => {
      const dst = w.dynamic ? undefined : pushDestination(w.value, ctx);
      return w.dynamic || (dst !== "" && isProtectedBranch(dst, ctx));
    });
  }
  const candidates = words.length ? words : rest;
  return ["protected-branch", "protected-ref"].some((name) => matchClass(name, candidates, invocation, ctx, parsed) !== false);
}

/**
 * The refspecs of `git push REMOTE REFSPEC…` (`positionals` start at the remote) that meet every
 * condition; `true` when only `protected` is asked and no refspec is given but the current branch
 * is protected. A dynamic refspec might be a protected one, but is never known to force or delete.
 */
export function matchRefspecs(cond: RefspecConditions, positionals: Word[], ctx: EvalContext): Word[] | boolean {
  const specs = positionals.slice(1);
  if (specs.length === 0) return cond.protected === true && !cond.force && !cond.delete && isProtectedBranch(ctx.branch, ctx);
  const words = specs.filter((w) => {
    if (w.dynamic) return cond.protected === true && !cond.force && !cond.delete;
    if (cond.force && !w.value.startsWith("+")) return false;
    if (cond.delete && !/^\+?:./.test(w.value)) return false;
    if (!cond.protected) return true;
    const dst = pushDestination(w.value, ctx);
    return dst !== "" && isProtectedBranch(dst, ctx);
  });
  return words.length ? words : false;
}

export function matchClass(name: string, positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs): Word[] | boolean {
  const fn = ARG_CLASSES[name];
  if (!fn) return false;
  const result = fn(positionals, invocation, ctx, parsed);
  return Array.isArray(result) ? (result.length ? result : false) : result;
}
