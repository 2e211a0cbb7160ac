// Named target classes a rule can match positional arguments against: `{class: catastrophic-path}`.
import { posix } from "node:path";
import { globMatch } from "../core/glob";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { isCatastrophicPath } from "./paths";
import { pathText } from "../shell/cwd";
import { pathBase, zoneOf } from "./zones";
import { findExecCommands, findStartWords, isDeleter, isTruncate } from "./destroyed";
import type { ParsedArgs } from "../shell/program-args";
import type { RefspecConditions } from "./types";
import { ZONE_CLASSES } from "./zone-classes";
import { MODIFIED_CLASSES, mayLoseWorktreeEdits } from "./modified-class";
import { gitPlaces } from "./git-place";
import { UNCOMMITTED_OVERWRITE_CLASSES } from "./uncommitted-overwrite";
import { HOOK_CLASSES } from "./hook-classes";
import { GUARD_CLASSES } from "./guard-classes";
import { STORE_CLASSES } from "./store-protocol";
import { OVERWRITE_CLASSES } from "./overwrite-classes";
import { DATA_FILE_CLASSES } from "./data-file-classes";
import { TEST_DATABASE_CLASSES } from "./test-database-classes";
import { CONTAINER_CLASSES } from "./container-classes";
import { SWITCH_CLASSES } from "./switch-classes";
import { MIGRATION_CLASSES } from "./migration-classes";
import { GIT_SETTING_CLASSES } from "./git-setting-classes";
import { ARCHIVE_CLASSES } from "./archive-classes";
import { CREDENTIAL_DIR_READ_CLASSES } from "./credential-dir-reads";
import { PERMISSION_CLASSES } from "./permission-classes";
import { PROCESS_CLASSES } from "./process-classes";
import { GIT_STATE_CLASSES } from "./git-state-classes";
import { KEY_COLUMN_CLASSES } from "./key-column-class";
import { SECRET_OUTPUT_CLASSES } from "./secret-output-class";
import { QUIET_READER_CLASSES } from "./quiet-readers";
import { SECRET_SEARCH_CLASSES } from "./secret-search";
import { SECRET_GLOB_CLASSES } from "./secret-globs";
import { SECRET_FILE_CLASSES } from "./secret-file-class";
import { ENV_DUMP_CLASSES } from "./env-dump-classes";
import { IGNORED_ADD_CLASSES } from "./ignored-adds";
import { CREDENTIAL_SEND_CLASSES } from "./credential-variable-sends";
import { DOTENV_SOURCE_CLASSES } from "./dotenv-source";
import { TOKEN_AUDIENCE_CLASSES } from "./token-audience";
import { ITEM_WRITE_CLASSES } from "./item-write-classes";
import { remoteBranchGoneKey, TERRAFORM_DESTROY_PLAN, terraformPath } from "../shell/written";
import { envDumpFilteredHarmlessly } from "./env-filter";
import { scansEveryKeyIntoDelete } from "./redis-scan";

/** Returns the matching words, `true` for a match not tied to one word, or `false`. */
export type ArgClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

function isProtectedBranch(branch: string | undefined, ctx: EvalContext): boolean {
  // An unknown current branch might be a protected one: fail closed.
  if (branch === undefined) return true;
  const name = branch.replace(/^refs\/heads\//, "");
  if (ctx.protectedBranches.some((glob) => globMatch(name, glob))) return true;
  // A wildcard refspec side (`refs/heads/*`) covers every branch it matches: a protected one is among
  // them when a branch the protected glob names (its `*` filled in) fits the wildcard.
  return name.includes("*") && ctx.protectedBranches.some((glob) => globMatch(glob.replace(/\*+/g, "x"), name));
}

/** Whether a git config value turns a boolean on. */
function gitTrue(value: string): boolean {
  return /^(?:true|yes|on|1)$/i.test(value);
}

/**
 * `git config [set] remote.NAME.push VALUE` / `remote.NAME.mirror VALUE` (old and new syntax): the key
 * and value words, when the command writes a remote's push behaviour that later plain `git push`es follow.
 */
function remotePushConfig(positionals: Word[]): { key: string; value?: Word; words: Word[] } | undefined {
  const args = positionals[0]?.value === "set" ? positionals.slice(1) : positionals;
  const key = args[0];
  if (!key || key.dynamic || !/^remote\..+\.(?:push|mirror)$/i.test(key.value)) return undefined;
  return { key: key.value.toLowerCase(), value: args[1], words: args.slice(0, 2) };
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

/**
 * Pathspecs that reach more than one named file (`.`, `src/`, `*.ts`, `:/`, a directory, an
 * expansion): restoring them discards every uncommitted edit below. A named file is an everyday
 * undo of one's own edit.
 */
function widePathspecs(positionals: Word[], inv: Invocation, ctx: EvalContext, index = false): Word[] {
  // `git -C ../app restore src`: the pathspecs are ../app's, judged by ../app's index.
  const places = gitPlaces(inv, ctx);
  const wide = positionals.filter((w) => {
    if (w.dynamic || w.glob || /[*?[]/.test(w.value) || w.value.startsWith(":") || w.value.endsWith("/")) return true;
    if (w.value === "." || w.value === ".." || w.value === "") return true;
    return places.some((place) => {
      if (place === null) return true;
      const kind = ctx.pathKind?.(posix.resolve(place.dir, w.value));
      return kind === undefined || kind === "dir" || kind === "other";
    });
  });
  // Where every tracked file under the pathspec matches the index, restoring it loses nothing (`git restore src/` after a build).
  return wide.filter((w) => places.some((place) => mayLoseWorktreeEdits(w, place, index)));
}

/** The branches among `words` whose tip is not also on `origin/B` or `upstream/B`; unreadable refs count as unpushed. */
function unpushedBranches(words: Word[], ctx: EvalContext, inv?: Invocation): Word[] {
  const ref = ctx.worktree?.ref;
  // A push earlier in the text deletes the remote copy (`git push origin --delete B && git branch -D B`): it no longer counts.
  const goneThere = (remote: string, branch: string) =>
    [remoteBranchGoneKey(remote, branch), remoteBranchGoneKey(remote, "*"), remoteBranchGoneKey("*", branch), remoteBranchGoneKey("*", "*")].some((k) => inv?.written?.has(k));
  return words.filter((w) => {
    if (w.dynamic || !ref) return true;
    const tip = ref(`refs/heads/${w.value}`);
    // A branch that certainly does not exist is not deleted or overwritten: nothing to lose.
    if (tip === null) return false;
    if (tip === undefined) return true;
    return !["origin", "upstream"].some((remote) => !goneThere(remote, w.value) && ref(`refs/remotes/${remote}/${w.value}`) === tip);
  });
}

export const ARG_CLASSES: Record<string, ArgClass> = {
  /** An argument xargs fills in from its input at run time (`… | xargs -I{} aws dynamodb delete-item --key '…{}…'`), an option's value included. */
  "xargs-input": (_positionals, inv) => inv.argv.filter((w) => w.unseen === "xargs input"),

  /** No input is given to the command (no pipe, redirection or here-document): `prisma db execute --stdin` then reads whatever the caller's stdin holds. */
  "no-stdin": (_positionals, inv) => inv.stdin === undefined,

  /** Every operand after the first: `losetup /dev/loop5 disk.img` attaches the second, where `losetup /dev/loop5` only shows the first. */
  "after-first-operand": (positionals) => positionals.slice(1),

  /** `/`, `~`, `.`, `..`, `*`, system directories, `"$DIR/"`: see paths.ts. */
  "catastrophic-path": (positionals, inv, ctx) => positionals.filter((w) => w.unseen !== undefined || isCatastrophicPath(w, ctx, inv.cwd)),

  /**
   * An operand guard cannot resolve in a way that could make it anything: a command substitution
   * (`$(ls)`, `$(git rev-parse HEAD)`; not `$(pwd)`, whose output guard knows), a list (`"$@"`, `"${a[@]}"`), braces it could not
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

  /**
   * `git fetch && git push --force-with-lease`: a lease without an expected value compares the remote with its
   * remote-tracking ref, which the fetch just moved to include what others pushed, so it protects nothing.
   * `--force-with-lease=REF:SHA` and `--force-if-includes` still check what this clone has seen.
   */
  "lease-after-fetch": (_positionals, inv) =>
    inv.afterFetch === true && inv.argv.some((w) => !w.dynamic && (w.value === "--force-with-lease" || /^--force-with-lease=[^:]+$/.test(w.value))) && !inv.argv.some((w) => w.value === "--force-if-includes"),

  /** `:feature`: a refspec with an empty source deletes the remote branch. */
  "delete-refspec": (positionals) => refspecs(positionals).filter((w) => /^\+?:./.test(w.value)),

  /** `:main` where main is protected. */
  "protected-delete-refspec": (positionals, _inv, ctx) =>
    refspecs(positionals).filter((w) => /^\+?:./.test(w.value) && isProtectedBranch(pushDestination(w.value, ctx), ctx)),

  /**
   * `git config remote.origin.push '+refs/heads/*:refs/heads/*'` or `remote.origin.mirror true`: every
   * later plain `git push` force-pushes (or mirrors, deleting remote branches) protected branches too.
   */
  "config-force-push-protected": (positionals, _inv, ctx) => {
    const config = remotePushConfig(positionals);
    if (!config) return false;
    const value = config.value;
    // `git config remote.origin.push` with no value reads it.
    if (!value) return false;
    if (config.key.endsWith(".mirror")) return value.dynamic || gitTrue(value.value) ? config.words : false;
    if (value.dynamic) return config.words;
    return value.value.startsWith("+") && isProtectedBranch(pushDestination(value.value, ctx), ctx) ? config.words : false;
  },

  /** The same for a forced refspec that only reaches unprotected branches (`+refs/heads/topic:refs/heads/topic`). */
  "config-force-push": (positionals, _inv, ctx) => {
    const config = remotePushConfig(positionals);
    const value = config?.value;
    if (!config || config.key.endsWith(".mirror") || !value || value.dynamic) return false;
    return value.value.startsWith("+") && !isProtectedBranch(pushDestination(value.value, ctx), ctx) ? config.words : false;
  },

  /** `git push --prune origin 'refs/heads/*:refs/heads/*'`: a wildcard refspec whose destination covers a protected branch. */
  "protected-wildcard-refspec": (positionals, _inv, ctx) =>
    refspecs(positionals).filter((w) => w.value.includes("*") && isProtectedBranch(pushDestination(w.value, ctx), ctx)),

  /** `env | grep NODE_ENV`: the dump only reaches a grep for one plain, non-credential name (see env-filter.ts). */
  "env-filtered-harmlessly": (_positionals, inv, ctx) => envDumpFilteredHarmlessly(inv, ctx),

  /** `redis-cli --scan --pattern '*' | xargs redis-cli del`: on the scan, which lists every key for the delete. */
  "scans-every-key-into-delete": (_positionals, inv) => scansEveryKeyIntoDelete(inv),

  /** `terraform plan -destroy -out p && terraform apply p`: the saved plan applied was made with -destroy earlier in the same command. */
  "destroy-plan-file": (positionals, inv, ctx) =>
    positionals.filter((w) => !w.dynamic && ctx.readFile?.(terraformPath(inv.argv, w.value)) === TERRAFORM_DESTROY_PLAN),

  /**
   * `git push REMOTE --delete B…` / `git push REMOTE :B`: the branches and tags the push deletes on the remote.
   * A local copy does not make that harmless: the remote branch's open pull requests are closed and it is gone
   * for everyone who fetches from there.
   */
  "deleted-remote-ref": (positionals, inv) => {
    const deleting = inv.argv.some((w) => w.value === "--delete" || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(w.value));
    return positionals.slice(1).filter((w) => deleting || /^\+?:./.test(w.value));
  },

  /**
   * `git branch -D B`: a branch whose tip is not also the tip of `origin/B` or `upstream/B`, so its
   * commits may exist only here (the reflog is then their last copy). Unreadable refs count as unpushed.
   */
  "branch-unpushed": (positionals, inv, ctx) => unpushedBranches(positionals, ctx, inv),

  /**
   * `gh pr merge [BRANCH] --delete-branch`: the local branch gh deletes afterwards — the one named, or the current
   * one — has commits its remote copy lacks; they were never part of the pull request. A PR named by number or URL
   * does not say which local branch that is: left alone (see docs/coverage.md).
   */
  "pr-branch-unpushed": (positionals, inv, ctx) => {
    const named = positionals.find((w) => !w.dynamic && !/^\d+$|^https?:|^#\d+$/.test(w.value));
    if (positionals.length && !named) return positionals.some((w) => w.dynamic);
    const branch = named?.value ?? ctx.branch;
    if (branch === undefined) return true;
    return unpushedBranches([{ value: branch, raw: branch, dynamic: false, glob: false, span: inv.span }], ctx, inv).length > 0;
  },

  /**
   * `git branch -M [OLD] NEW` / `-C`: NEW is a protected branch that the rename or copy force-overwrites,
   * and OLD (the current branch when not given) is not itself protected. Renaming the first branch of
   * a new repository (`git branch -M main` on master) is the everyday form and is left alone.
   */
  "rename-onto-protected": (positionals, _inv, ctx) => {
    if (positionals.length === 0 || positionals.length > 2) return false;
    const target = positionals[positionals.length - 1];
    const source = positionals.length === 2 ? positionals[0] : undefined;
    if (!target.dynamic && !isProtectedBranch(target.value, ctx)) return false;
    const sourceName = source ? (source.dynamic ? undefined : source.value) : ctx.branch;
    if (sourceName !== undefined && isProtectedBranch(sourceName, ctx)) return false;
    return [target];
  },

  /**
   * `git branch -M OLD NEW` / `-C` where NEW is an existing, unprotected branch whose tip is not on
   * `origin/NEW` or `upstream/NEW`: the forced rename replaces it and drops its reflog, so its commits
   * are left only in the HEAD reflog. A NEW that does not exist loses nothing; unreadable refs ask.
   */
  "rename-onto-unpushed": (positionals, inv, ctx) => {
    if (positionals.length === 0 || positionals.length > 2) return false;
    const target = positionals[positionals.length - 1];
    if (target.dynamic) return [target];
    if (isProtectedBranch(target.value, ctx)) return false;
    const source = positionals.length === 2 ? positionals[0] : undefined;
    if (source && !source.dynamic && source.value === target.value) return false;
    return unpushedBranches([target], ctx, inv);
  },

  /** `git restore .`, `git restore src/`: see widePathspecs. */
  "wide-pathspec": (positionals, inv, ctx) => widePathspecs(positionals, inv, ctx),

  /** The same, among the words after `--` only (`git checkout -- src/`): before it, checkout's words are usually branches. */
  "wide-pathspec-after-dashes": (positionals, inv, ctx) => {
    const dashes = inv.argv.findIndex((w) => !w.dynamic && w.value === "--");
    if (dashes < 0) return false;
    // By identity, not position in the text: a command read from a pipe (`echo '…' | sh`) has no exact spans.
    const after = new Set(inv.argv.slice(dashes + 1));
    // `git checkout REV -- src`: a revision before `--` rewrites the index too.
    const revision = positionals.some((w) => !after.has(w));
    return widePathspecs(positionals.filter((w) => after.has(w)), inv, ctx, revision);
  },

  /** `find / … -delete`: a start path (the arguments before the first expression word) is catastrophic. */
  "find-start-catastrophic": (_positionals, inv, ctx) => catastrophicFindStarts(inv, ctx),

  /** `find / -exec rm {} +`: as above, and an -exec/-ok command is a deleter (destroyed.ts), whatever wraps it. */
  "find-exec-delete-catastrophic": (_positionals, inv, ctx) => (findExecCommands(inv).some((c) => isDeleter(c) || isTruncate(c)) ? catastrophicFindStarts(inv, ctx) : false),

  ...ZONE_CLASSES,
  ...MODIFIED_CLASSES,
  ...UNCOMMITTED_OVERWRITE_CLASSES,
  ...HOOK_CLASSES,
  ...GUARD_CLASSES,
  ...OVERWRITE_CLASSES,
  ...DATA_FILE_CLASSES,
  ...TEST_DATABASE_CLASSES,
  ...MIGRATION_CLASSES,
  ...CONTAINER_CLASSES,
  ...SWITCH_CLASSES,
  ...GIT_SETTING_CLASSES,
  ...ARCHIVE_CLASSES,
  ...CREDENTIAL_DIR_READ_CLASSES,
  ...PERMISSION_CLASSES,
  ...PROCESS_CLASSES,
  ...GIT_STATE_CLASSES,
  ...STORE_CLASSES,
  ...KEY_COLUMN_CLASSES,
  ...SECRET_OUTPUT_CLASSES,
  ...QUIET_READER_CLASSES,
  ...SECRET_SEARCH_CLASSES,
  ...SECRET_GLOB_CLASSES,
  ...SECRET_FILE_CLASSES,
  ...ENV_DUMP_CLASSES,
  ...IGNORED_ADD_CLASSES,
  ...CREDENTIAL_SEND_CLASSES,
  ...DOTENV_SOURCE_CLASSES,
  ...TOKEN_AUDIENCE_CLASSES,
  ...ITEM_WRITE_CLASSES,
};

/** Substitutions whose output is a fresh path, never an existing tree: `rm -rf "$(mktemp -d)"`. */
const FRESH_PATH_PRODUCERS = new Set(["mktemp"]);

/** A path component made only of parameter expansions (`$d`, `${DIR:?}`, `$1$2`): nothing literal pins it down. */
const EXPANSION = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9#?$!-]/g;

/** Variables guard fills in itself (cwd.ts), so they are never "unset" here. */
const KNOWN_VARIABLES = new Set(["HOME", "PWD", "OLDPWD", "TMPDIR", "USER", "LOGNAME"]);

/** Temp-directory names of other systems (Windows, CI images): usually unset on Linux and macOS. */
const TEMP_LOOKING = /^(?:TEMP|TMP|TEMPDIR|TMP_DIR|TEMP_DIR)$/;

/**
 * `rm -rf "$TEMP/some/dir"` where TEMP is not in the environment: bash expands it to nothing, so the
 * path is `/some/dir`. A temp-looking name is trusted by the reader, so any path outside the working
 * tree and temp asks; for other names only a catastrophic one does (`rm -rf "$STEAMROOT/"*` is `/*`),
 * since a variable exported earlier in the agent's session is not in guard's view. Never denies.
 */
function collapsesOutside(text: string, ctx: EvalContext): boolean {
  const m = /^"?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"?(\/.*)$/.exec(text);
  if (!m) return false;
  const name = m[1] ?? m[2];
  if (KNOWN_VARIABLES.has(name) || ctx.env[name] !== undefined) return false;
  const rest = m[3].replace(/"/g, "");
  if (/[$`]/.test(rest)) return false;
  const zone = zoneOf(posix.resolve(rest), ctx);
  return zone === "catastrophic" || (zone === "outside" && TEMP_LOOKING.test(name));
}

function unresolvedPath(word: Word, inv: Invocation, ctx: EvalContext): boolean {
  if (!word.dynamic) return false;
  const text = word.shellText ?? word.raw;
  if (/\$\(|`|<\(/.test(text) || word.substitutions?.length) {
    // `"$(mktemp -d)"`, `"$T"` or `"$T/sub"` with T from mktemp: inside a fresh directory. Climbing out of it
    // (`"$T/../.."`) or another expansion after it (`"$T/$X"`) is judged below, by what guard can compute.
    const fresh = (word.substitutions ?? ["?"]).every((p) => FRESH_PATH_PRODUCERS.has(p));
    if (fresh && !/\.\.|[$`]/.test(text.replace(/^"?(?:\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^()]*\))"?/, ""))) return false;
    // `"$(pwd)/dist"`, `"$(git rev-parse --show-toplevel)/dist"`: substitutions whose output guard computes are a
    // known path, judged by its zone like `"$PWD/dist"`.
    return (inv.cwd ?? [ctx.cwd]).some((dir) => dir === null || pathText(word, dir, pathBase(ctx)) === null);
  }
  if (/\$[@*]|\$\{[@*]\}|\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}/.test(text)) return true;
  if (/\{[^}]*(?:,|\.\.)[^}]*\}/.test(word.raw) && !/^\$\{/.test(word.raw)) return true;
  // Values guard computed (`${X:-build}`, a loop over literal words) are judged as those values.
  if (word.candidates?.length) return false;
  if (collapsesOutside(text, ctx)) return true;
  // `"$DIR"`, `"$WORK/$name"`: the last component is whatever the variable holds. `"$TMPDIR/x"`,
  // `"$HOME"` are not here: a literal last component, or a variable guard can fill in itself.
  const last = text.replace(EXPANSION, "\u0001").replace(/\/+$/, "").split("/").pop() ?? "";
  if (!/^\u0001+$/.test(last)) return false;
  return (inv.cwd ?? [ctx.cwd]).some((dir) => pathText(word, dir ?? ctx.cwd, pathBase(ctx)) === null);
}

function catastrophicFindStarts(inv: Invocation, ctx: EvalContext): Word[] | boolean {
  const starts = findStartWords(inv);
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
