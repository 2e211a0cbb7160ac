// What a command may discard, read from its invocations: git state per repository, and files by path. Pure: no I/O.
import { isAbsolute, join, resolve } from "node:path";
import type { Invocation, Word } from "../shell/model";
import { scanOptions } from "../shell/options";

/** What one git invocation may discard in the repository it runs in. */
export interface GitEffect {
  /** The directory git runs in (cwd, moved by `cd` and `git -C`). */
  dir: string;
  /** Working-tree files (and the index). */
  worktree: boolean;
  /** Which branch HEAD names, and the current branch's tip. */
  head: boolean;
  /** Branches by name whose tips the command may move or delete; "all" when a name is not literal. */
  branches: string[] | "all";
  /** Stash entries. */
  stash: boolean;
  /** The command removes ignored files too (`git clean -x`), which snapshots do not hold. */
  ignored?: boolean;
  /** Discards only if this path exists: `git checkout NAME` names a file or a branch. */
  ifExists?: string;
}

/** A file a command may delete or overwrite, if it exists. */
export interface FileTarget {
  path: string;
  /** The command named it (rm a), or only writes over it if it exists (cp a b: b). */
  how: "delete" | "overwrite";
}

export interface DiscardPlan {
  git: GitEffect[];
  files: FileTarget[];
  /** Directories where a command discards files guard cannot name (`rm $X`, `xargs rm`, a glob it could not read). */
  unknownIn: string[];
}

export interface PlanContext {
  cwd: string;
  home: string;
  /** Expands a glob in the last path component to the names that exist; undefined when it cannot. */
  expandGlob?: (pattern: string) => string[] | undefined;
}

/** Programs whose wrapped command runs on another machine or in a container: nothing local to keep. */
const REMOTE = new Set(["ssh", "docker", "podman", "nerdctl", "kubectl", "oc", "lxc", "vagrant", "gcloud", "az", "aws", "fly", "flyctl", "railway", "heroku", "mosh"]);

const NO_EFFECT: Omit<GitEffect, "dir"> = { worktree: false, head: false, branches: [], stash: false };

export function emptyPlan(plan: DiscardPlan): boolean {
  return plan.git.length === 0 && plan.files.length === 0 && plan.unknownIn.length === 0;
}

export function discardPlan(invocations: readonly Invocation[], ctx: PlanContext): DiscardPlan {
  const plan: DiscardPlan = { git: [], files: [], unknownIn: [] };
  let cwd = ctx.cwd;
  for (const inv of invocations) {
    if (inv.via.some((step) => REMOTE.has(step.wrapper.split(/\s+/)[0]))) continue;
    const at = { ...ctx, cwd };
    if ((inv.program === "cd" || inv.program === "pushd") && inv.via.length === 0) {
      const dir = inv.argv[1];
      if (dir && !dir.dynamic && !dir.glob && dir.value !== "-") cwd = pathOf(dir.value, at);
      continue;
    }
    for (const r of inv.redirects) {
      if (![">", ">|", "&>"].includes(r.operator) || !r.target) continue;
      addTarget(plan, r.target, "overwrite", at);
    }
    if (inv.program === "git") {
      const effect = gitEffect(inv.argv, at);
      if (effect) plan.git.push(effect);
      continue;
    }
    const handler = FILE_PROGRAMS[inv.program];
    if (!handler) continue;
    if (inv.appendedArgs) plan.unknownIn.push(cwd); // xargs rm, find -exec rm: names arrive at run time
    for (const [word, how] of handler(inv.argv)) addTarget(plan, word, how, at);
  }
  return plan;
}

function pathOf(value: string, ctx: PlanContext): string {
  if (value === "~") return ctx.home;
  if (value.startsWith("~/")) return join(ctx.home, value.slice(2));
  return isAbsolute(value) ? resolve(value) : resolve(ctx.cwd, value);
}

function addTarget(plan: DiscardPlan, word: Word, how: FileTarget["how"], ctx: PlanContext): void {
  if (word.dynamic || /^~[^/]/.test(word.value)) {
    plan.unknownIn.push(ctx.cwd);
    return;
  }
  if (/^\/dev\//.test(word.value)) return;
  const path = pathOf(word.value, ctx);
  const names = word.glob ? ctx.expandGlob?.(path) : [path];
  if (names === undefined) plan.unknownIn.push(ctx.cwd);
  else for (const name of names) if (!plan.files.some((f) => f.path === name)) plan.files.push({ path: name, how });
}

type Targets = (argv: readonly Word[]) => Array<[Word, FileTarget["how"]]>;

/** Positionals after options (GNU style: options may follow operands until `--`). */
function operands(argv: readonly Word[], valued: readonly string[] = []): { positionals: Word[]; options: Map<string, string | undefined> } {
  const positionals: Word[] = [];
  const options = new Map<string, string | undefined>();
  let i = 1;
  while (i < argv.length) {
    const scan = scanOptions(argv, i, { valued });
    for (const o of scan.options) options.set(o.name, o.value);
    if (scan.endOfOptions) {
      positionals.push(...argv.slice(scan.rest));
      break;
    }
    if (scan.rest < argv.length) positionals.push(argv[scan.rest]);
    i = scan.rest + 1;
  }
  return { positionals, options };
}

const all = (how: FileTarget["how"], valued: string[] = []): Targets => (argv) => operands(argv, valued).positionals.map((w) => [w, how]);

/** cp, ln, install: what already exists at the destination is overwritten (the last operand, or -t DIR). */
function destination(valued: string[]): Targets {
  return (argv) => {
    const { positionals, options } = operands(argv, [...valued, "-t", "--target-directory"]);
    const dir = options.get("-t") ?? options.get("--target-directory");
    const sources = dir === undefined ? positionals.slice(0, -1) : positionals;
    const dest = dir === undefined ? positionals[positionals.length - 1] : undefined;
    if (dest === undefined && dir === undefined) return [];
    const destWord = dest ?? { ...argv[0], value: dir!, dynamic: false, glob: false };
    // The destination itself, and each source's name inside it when it is a directory.
    const out: Array<[Word, FileTarget["how"]]> = [[destWord, "overwrite"]];
    for (const s of sources) {
      const base = s.value.replace(/\/+$/, "").split("/").pop() ?? "";
      if (!s.dynamic && !s.glob && base) out.push([{ ...destWord, value: `${destWord.value.replace(/\/+$/, "")}/${base}`, dynamic: destWord.dynamic }, "overwrite"]);
      else if (s.dynamic || s.glob) out.push([{ ...destWord, dynamic: true }, "overwrite"]);
    }
    return out;
  };
}

const FILE_PROGRAMS: Record<string, Targets> = {
  rm: all("delete"),
  unlink: all("delete"),
  shred: all("delete", ["-n", "--iterations", "-s", "--size", "--random-source"]),
  truncate: all("overwrite", ["-s", "--size", "-r", "--reference"]),
  // mv empties its sources from where they were, and overwrites what the destination held.
  mv: (argv) => [...all("delete", ["-t", "--target-directory", "-S", "--suffix"])(argv), ...destination(["-S", "--suffix"])(argv)],
  cp: destination(["-S", "--suffix"]),
  ln: (argv) => (has(argv, "--force") || shortFlag(argv, "f") ? destination(["-S", "--suffix"])(argv) : []),
  tee: (argv) => {
    const { positionals, options } = operands(argv);
    return options.has("-a") || options.has("--append") ? [] : positionals.map((w) => [w, "overwrite"]);
  },
  sed: sedTargets,
  dd: (argv) => argv.slice(1).filter((w) => w.value.startsWith("of=")).map((w) => [{ ...w, value: w.value.slice(3) }, "overwrite"]),
  find: findTargets,
  // Archivers and rsync that delete what they took: the sources are gone from the tree (the archive may be /dev/null).
  tar: removedSources("--remove-files", ["-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from", "-I", "--use-compress-program", "-b", "--blocking-factor", "-H", "--format"]),
  bsdtar: removedSources("--remove-files", ["-f", "--file", "-C", "--directory"]),
  rsync: removedSources("--remove-source-files", ["-e", "--rsh", "--exclude", "--include", "--filter", "-f", "--files-from"], 1),
  zip: (argv) => (argv.some((w) => /^-[a-zA-Z0-9]*m/.test(w.value)) ? operands(argv, ["-b", "-n", "-t", "-tt", "-P", "-O", "--out"]).positionals.slice(1).map((w) => [w, "delete"]) : []),
  "7z": (argv) => (has(argv, "-sdel") ? operands(argv).positionals.slice(2).map((w) => [w, "delete"]) : []),
};

/** `tar -cf A --remove-files x y`, `rsync --remove-source-files x y DEST`: every operand but the last `keepLast` is deleted. */
function removedSources(flag: string, valued: string[], keepLast = 0): Targets {
  return (argv) => {
    if (!has(argv, flag)) return [];
    const { positionals } = operands(argv, valued);
    // Old-style tar (`tar cf A --remove-files x`): the first word is letters, and with f the archive follows it.
    const first = positionals[0];
    const skip = first && argv[1] === first && /^[a-zA-Z]+$/.test(first.value) ? (first.value.includes("f") ? 2 : 1) : 0;
    return positionals.slice(skip, positionals.length - keepLast).map((w) => [w, "delete"]);
  };
}

function sedTargets(argv: readonly Word[]): Array<[Word, FileTarget["how"]]> {
  const { positionals, options } = operands(argv, ["-e", "--expression", "-f", "--file", "-l", "--line-length"]);
  const inPlace = [...options.keys()].some((name) => name === "-i" || name === "--in-place");
  if (!inPlace) return [];
  const scripted = options.has("-e") || options.has("--expression") || options.has("-f") || options.has("--file");
  return (scripted ? positionals : positionals.slice(1)).map((w) => [w, "overwrite"]);
}

/** `find ROOTS… EXPRESSION -delete`: everything under the roots may go. */
function findTargets(argv: readonly Word[]): Array<[Word, FileTarget["how"]]> {
  if (!argv.some((w) => w.value === "-delete")) return [];
  const roots: Word[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i].value;
    if (["-H", "-L", "-P"].includes(v) || /^-O\d$/.test(v) || v === "-D") {
      if (v === "-D") i++;
      continue;
    }
    if (!argv[i].dynamic && (v.startsWith("-") || v === "(" || v === "!")) break;
    roots.push(argv[i]);
  }
  if (roots.length === 0) return [[{ ...argv[0], value: ".", dynamic: false, glob: false }, "delete"]];
  return roots.map((w) => [w, "delete"]);
}

// ---------------------------------------------------------------------------------------------
// git

const GIT_GLOBAL_VALUED = ["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix"];

function gitEffect(argv: readonly Word[], ctx: PlanContext): GitEffect | undefined {
  let dir = ctx.cwd;
  let i = 1;
  // Global options come before the subcommand: `git -C ../repo -c k=v reset --hard`.
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) return undefined;
    if (!w.value.startsWith("-")) break;
    const name = w.value.split("=")[0];
    if (GIT_GLOBAL_VALUED.includes(name) && !w.value.includes("=")) {
      const value = argv[i + 1];
      if (name === "-C" && value) dir = value.dynamic ? dir : pathOf(value.value, { ...ctx, cwd: dir });
      i++;
    }
  }
  const sub = argv[i]?.value;
  if (!sub) return undefined;
  const rest = argv.slice(i);
  const effect = GIT_SUBCOMMANDS[sub]?.(rest, { ...ctx, cwd: dir });
  return effect ? { dir, ...NO_EFFECT, ...effect } : undefined;
}

type GitRule = (argv: readonly Word[], ctx: PlanContext) => Partial<GitEffect> | undefined;

const has = (argv: readonly Word[], ...flags: string[]) => argv.some((w) => flags.includes(w.value.split("=")[0]));
const shortFlag = (argv: readonly Word[], letter: string) => argv.some((w) => /^-[a-zA-Z]+$/.test(w.value) && w.value.includes(letter));
const literalNames = (words: Word[]): string[] | "all" => (words.some((w) => w.dynamic || w.glob) ? "all" : words.map((w) => w.value));

const WORKTREE_AND_BRANCH: Partial<GitEffect> = { worktree: true, head: true };

const GIT_SUBCOMMANDS: Record<string, GitRule> = {
  // Any reset moves the branch or the index; --hard, --merge and --keep also rewrite files.
  reset: () => WORKTREE_AND_BRANCH,
  restore: () => ({ worktree: true }),
  rm: () => ({ worktree: true }),
  mv: (argv) => (has(argv, "-f", "--force") ? { worktree: true } : undefined),
  clean: (argv) => (has(argv, "-n", "--dry-run") || shortFlag(argv, "n") ? undefined : { worktree: true, ignored: shortFlag(argv, "x") || shortFlag(argv, "X") }),
  checkout: checkoutEffect,
  switch: (argv) => {
    const discards = has(argv, "--discard-changes", "-f", "--force");
    const force = operands(argv, ["-c", "--create", "-C", "--force-create", "--orphan"]).options;
    const reset = force.get("-C") ?? force.get("--force-create");
    if (!discards && reset === undefined) return undefined;
    return { worktree: discards, head: discards, branches: reset !== undefined ? [reset] : [] };
  },
  stash: (argv) => {
    const verb = argv[1]?.value;
    if (verb === "drop" || verb === "clear") return { stash: true };
    if (verb === "pop") return { stash: true, worktree: true };
    return undefined;
  },
  branch: (argv) => {
    const { positionals, options } = operands(argv, ["-u", "--set-upstream-to", "--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--format", "--sort"]);
    const force = options.has("-D") || options.has("-f") || options.has("--force") || options.has("-M") || options.has("-C")
      || ((options.has("-d") || options.has("--delete")) && (options.has("-f") || options.has("--force")));
    if (!force) return undefined;
    // -M/-C old new: new is overwritten; -D a b: both deleted; -f name start: name is reset.
    return { branches: literalNames(options.has("-f") || options.has("--force") ? positionals.slice(0, 1) : positionals) };
  },
  rebase: (argv) => ({ ...WORKTREE_AND_BRANCH, branches: literalNames(operands(argv, ["--onto", "-s", "--strategy", "-X", "--strategy-option", "-x", "--exec"]).positionals.filter((w) => !w.value.includes("/") || w.dynamic)) }),
  commit: (argv) => (has(argv, "--amend") ? { head: true } : undefined),
  // `git reflog delete stash@{0}` drops a stash entry as `git stash drop` does; `reflog expire` may drop them all.
  reflog: (argv) => (["delete", "expire"].includes(argv[1]?.value ?? "") ? { stash: true, branches: "all" } : undefined),
  merge: (argv) => (has(argv, "--abort") ? WORKTREE_AND_BRANCH : undefined),
  "cherry-pick": (argv) => (has(argv, "--abort") ? WORKTREE_AND_BRANCH : undefined),
  revert: (argv) => (has(argv, "--abort") ? WORKTREE_AND_BRANCH : undefined),
  am: (argv) => (has(argv, "--abort") ? WORKTREE_AND_BRANCH : undefined),
};

/** `git checkout -- PATH`, `git checkout .`, `checkout -f`, `checkout REV -- PATH` discard; `checkout BRANCH` does not. */
function checkoutEffect(argv: readonly Word[], ctx: PlanContext): Partial<GitEffect> | undefined {
  const { positionals, options } = operands(argv, ["-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"]);
  const reset = options.get("-B");
  if (argv.some((w) => w.value === "--") || options.has("-f") || options.has("--force") || options.has("-p") || options.has("--patch") || options.has("--pathspec-from-file")) {
    return { worktree: true, head: true, branches: reset !== undefined ? [reset] : [] };
  }
  if (reset !== undefined) return { worktree: false, branches: [reset] };
  if (options.has("-b") || options.has("--orphan")) return undefined;
  // One operand is a branch (no discard), or a path; more than one, or `.`, names paths.
  if (positionals.length > 1 || positionals.some((w) => w.value === "." || w.dynamic || w.glob || w.value.includes("/"))) return { worktree: true };
  return positionals.length === 1 ? { worktree: true, ifExists: pathOf(positionals[0].value, ctx) } : undefined;
}
