// Target classes of guard's self-protection: a write, move or delete that reaches guard's own files, resolved after cd.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { writtenPaths, type WrittenPath } from "./written";
import { editedPaths } from "./edited";
import { absolutePath, landingPaths, writeTarget } from "./zones";
import { findOption } from "../shell/program-args";
import { containsProtected, patternContainsProtected, patternProtectedKind, protectedKind, type ProtectedBase } from "../core/shell-protected-paths";
import { isUserBinDir, shadowedProgram } from "../core/shadowed-programs";
import { runningPackageRoot } from "../core/running-copy";
import { CONTAINER_RUNNERS } from "../shell/cwd-walk";

type GuardClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/**
 * A word computed by asking where guard is (`$(command -v guard)`, `` `which guard` ``, `$(npm root -g)/agent-guard/…`):
 * guard cannot resolve it, but it names guard's own program whatever it resolves to.
 */
const LOCATES_GUARD = /\b(?:command\s+-[vV]|which|type\s+-[aPp]+|whereis|hash\s+-t)\s+(?:-\S+\s+)*['"]?guard\b|agent-guard\b/;

function denied(entry: WrittenPath, path: string, base: ProtectedBase): boolean {
  const kind = protectedKind(path, base);
  if (kind === "guard-files" || kind === "hook-files") return true;
  if (kind === "shell-rc") return entry.mode !== "append";
  return entry.mode === "remove" && containsProtected(path, base);
}

/** The directory a package manager is told to work in: npm's `--prefix`, pnpm's `-C`/`--dir`, yarn's `--cwd`. */
function packageDirs(inv: Invocation): Word[] {
  const out: Word[] = [];
  inv.argv.forEach((w, i) => {
    const m = /^(--prefix|--dir|--cwd|-C)(?:=(.*))?$/.exec(w.value);
    if (!m) return;
    if (m[2] !== undefined) out.push({ ...w, value: m[2], raw: m[2], matchText: undefined });
    else if (inv.argv[i + 1]) out.push(inv.argv[i + 1]);
  });
  return out;
}

/** Hook managers' usual directories for core.hooksPath (husky, plain `.githooks`): the project's own hooks live there. */
const HOOK_DIRS = new Set([".githooks", "githooks", ".hooks", "hooks", ".git-hooks", "git-hooks", ".husky", ".husky/_", ".config/husky", "scripts/git-hooks", "scripts/hooks", "tools/git-hooks", "tools/hooks"]);

/** The variables that steer where guard reads its config, state and rules, or what a nested shell loads. */
export const GUARD_ENV = /^(?:GUARD_\w*|HOME|XDG_CONFIG_HOME|XDG_STATE_HOME|XDG_CACHE_HOME|XDG_DATA_HOME|BASH_ENV|ZDOTDIR)$/;

/**
 * The words naming variables a builtin sets: every operand of export/declare/typeset/local/readonly/unset,
 * printf's `-v NAME` (only that: the rest is the format and its arguments), read's and mapfile's names
 * (the words after the options; the option values -p, -d, -n, -u… are skipped by their letters).
 */
function variableOperands(inv: Invocation, positionals: Word[]): Word[] {
  const args = inv.argv.slice(1);
  if (inv.program === "printf") {
    const at = args.findIndex((w) => w.value === "-v");
    const attached = args.find((w) => /^-v./.test(w.value));
    if (attached) return [{ ...attached, value: attached.value.slice(2) }];
    return at >= 0 && args[at + 1] ? [args[at + 1]] : [];
  }
  if (inv.program === "read" || inv.program === "mapfile" || inv.program === "readarray") {
    // Options that take a value: read -a -d -i -n -N -p -t -u; mapfile -d -n -O -s -u -C -c.
    const valued = inv.program === "read" ? /^-[^-]*[adinNptu]$/ : /^-[^-]*[dnOsuCc]$/;
    const out: Word[] = [];
    for (let i = 0; i < args.length; i++) {
      const w = args[i];
      if (!w.dynamic && w.value.startsWith("-") && w.value !== "-" && w.value !== "--") {
        // `read -a NAME`: the array name is the option's value.
        if (inv.program === "read" && /^-[^-]*a$/.test(w.value) && args[i + 1]) out.push(args[i + 1]);
        if (valued.test(w.value)) i++;
        continue;
      }
      if (w.value === "--") continue;
      out.push(w);
    }
    return out;
  }
  return positionals.length ? positionals : args.filter((w) => w.dynamic || !w.value.startsWith("-"));
}

/** Programs that copy, link or move their sources into a destination directory under the sources' names. */
const COPIERS = new Set(["cp", "ln", "install", "mv", "rsync"]);

/** `~/.local/bin/$name`, `$HOME/bin/$(x)`: a dynamic last component in a user PATH directory, which guard cannot name. */
function dynamicInUserBin(word: Word, home: string): boolean {
  if (!word.dynamic) return false;
  const raw = word.raw.replace(/^["']|["']$/g, "");
  const at = raw.lastIndexOf("/");
  if (at < 0) return false;
  const dir = raw.slice(0, at).replace(/^(?:~|\$HOME|\$\{HOME\}|"\$HOME"|"\$\{HOME\}")(?=\/|$)/, home);
  return isUserBinDir(dir, home) && /[$`*?[]/.test(raw.slice(at + 1));
}

/** The same for a pattern bash expands when the command runs: denied when it can name a protected path. */
function patternDenied(entry: WrittenPath, pattern: string, base: ProtectedBase): boolean {
  const aimed = !entry.word.anyName;
  const kind = patternProtectedKind(pattern, base, false, aimed);
  if (kind === "guard-files" || kind === "hook-files") return true;
  if (kind === "shell-rc") return entry.mode !== "append";
  return entry.mode === "remove" && patternContainsProtected(pattern, base, aimed);
}

/**
 * Whether writing `entry` reaches a protected path from one of the directories the command may run in: the path as
 * written, the path once symbolic links are followed (`ln -s ~/.claude /tmp/c; > /tmp/c/settings.json`), or a
 * pattern that can name one (`> ~/.cla[u]de/settings.json`, `cd ~/.conf*\/guard; > config.yaml`).
 */
function reachesProtected(entry: WrittenPath, inv: Invocation, ctx: EvalContext, judge: (e: WrittenPath, p: string) => boolean, judgePattern: (e: WrittenPath, p: string) => boolean): boolean {
  return (inv.cwd ?? [ctx.cwd]).some((dir) => {
    const target = writeTarget(entry.word, dir, ctx);
    if (target === undefined) return false;
    if ("pattern" in target) return judgePattern(entry, target.pattern);
    if (judge(entry, target.path)) return true;
    const real = ctx.realPath?.(target.path);
    return real !== undefined && real !== target.path && judge(entry, real);
  });
}

/**
 * The files a link-making command points at (`ln -s ~/.claude /tmp/c`, `ln settings.json hl`, `cp -l`, `cp -s`, `link A B`):
 * a link to a protected file is a second name to write it through, so making one is judged as writing the file.
 */
function linkSources(inv: Invocation, parsed: ParsedArgs): WrittenPath[] {
  const pos = parsed.positionals;
  const linking = inv.program === "ln" || inv.program === "link"
    || (inv.program === "cp" && findOption(parsed, ["-l", "--link", "-s", "--symbolic-link"]) !== undefined);
  if (!linking) return [];
  const targetDir = findOption(parsed, ["-t", "--target-directory"]) !== undefined;
  const sources = targetDir || (inv.program === "ln" && pos.length === 1) ? pos : pos.slice(0, -1);
  return sources.map((word) => ({ word, mode: "replace" as const }));
}

/** What self-protection judges of an invocation: what it writes, and what any link it makes points at. */
function judgedWrites(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): WrittenPath[] {
  return [...writtenPaths(inv, parsed), ...editedPaths(inv, parsed, ctx), ...linkSources(inv, parsed)];
}

/** A link source reaching a directory that holds protected files (`ln -s ~/.claude /tmp/c`) counts like its removal would. */
function linkOrWriteDenied(entry: WrittenPath, path: string, base: ProtectedBase, link: boolean): boolean {
  return denied(entry, path, base) || (link && containsProtected(path, base));
}

/** Unknown parts of a word (`$X`, `$(…)`, `` `…` ``): read as "any text, `/` included" for the pattern below. */
const UNKNOWN_PART = /\$\{[^}]*\}|\$\([^()]*\)|`[^`]*`|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9#?@*$!-]/g;
/** Paths named inside a word's substitutions (`$(ls -d ~/.claude)`): `~/…`, `$HOME/…`, `/…`. */
const NAMED_PATH = /(?:~|\$HOME|\$\{HOME\}|(?<![\w.~}-]))\/[^\s'"`$()|;&<>]*|~(?=[\s)`]|$)/g;

/**
 * Whether a written word guard cannot compute may still land on a protected path: its known start puts it in a
 * directory that holds one (`> ~/.claude/$(x)`, `> "$HOME/.config/$NAME/config.yaml"`), or a substitution in it names
 * one (`> "$(ls -d ~/.claude)/settings.json"`). A word that starts unknown (`> "$OUT"`, `> "$(mktemp)"`) says nothing.
 */
function unknownMayReach(entry: WrittenPath, inv: Invocation, ctx: EvalContext, base: ProtectedBase): boolean {
  const word = entry.word;
  if (!word.dynamic) return false;
  const text = word.shellText ?? word.raw;
  const dirs = inv.cwd ?? [ctx.cwd];
  if (dirs.some((dir) => writeTarget(word, dir, ctx) !== undefined)) return false;
  const at = text.search(UNKNOWN_PART);
  const known = at > 0 ? text.slice(0, at) : "";
  if (known.includes("/")) {
    // The unknown rest may be any name, a dot directory's too: `~/.config/$X/…` may be `~/.config/guard/…`.
    const stem = known.replace(/[^/]*$/, (last) => `${last}*`);
    const patterns = [`${stem}/**`, `${known.replace(/[^/]*$/, (last) => (last ? `${last}*` : ".*"))}/**`];
    if (patterns.some((pattern) => dirs.some((dir) => {
      const target = writeTarget({ value: pattern, raw: pattern, dynamic: false, glob: true, span: word.span }, dir, ctx);
      if (target === undefined || !("pattern" in target)) return false;
      const kind = patternProtectedKind(target.pattern, base, true, false);
      return kind !== undefined && kind !== "shell-rc";
    }))) return true;
  }
  for (const m of text.slice(Math.max(at, 0)).matchAll(NAMED_PATH)) {
    const named: Word = { value: m[0].replace(/^\$\{?HOME\}?/, "~"), raw: m[0], dynamic: false, glob: true, anyName: true, span: word.span };
    const target = writeTarget(named, ctx.cwd, ctx);
    if (target === undefined) continue;
    if ("pattern" in target ? patternDenied({ word: named, mode: "remove" }, target.pattern, base) : denied({ word: named, mode: "remove" }, target.path, base)) return true;
  }
  return false;
}

export const GUARD_CLASSES: Record<string, GuardClass> = {
  /**
   * Writes, truncates, moves or deletes guard's config, state, cache, approvals or audit log, an agent's
   * hook settings or guard's startup code, or replaces a shell rc file guard installs into. Relative
   * paths are resolved where the command runs (`cd ~/.config/guard && echo … > config.yaml`).
   */
  "writes-guard-files": (_p, inv, ctx, parsed) => {
    const base = { home: ctx.home, env: ctx.env };
    const links = new Set(linkSources(inv, parsed));
    return [...writtenPaths(inv, parsed), ...editedPaths(inv, parsed, ctx), ...links]
      .filter((e) => (e.word.dynamic && LOCATES_GUARD.test(e.word.raw))
        || reachesProtected(e, inv, ctx, (w, p) => linkOrWriteDenied(w, p, base, links.has(w)), (w, p) => patternDenied(links.has(w) ? { ...w, mode: "remove" } : w, p, base)))
      .map((e) => e.word);
  },

  /**
   * A write whose target guard cannot compute, but which may land on guard's files or an agent's hook settings: its
   * known start is a directory that holds one, or a substitution in it names one. Everyday unknown targets
   * (`> "$OUT"`, `> "$(mktemp)"`, `> "build/$NAME.log"`) are left alone.
   */
  "may-write-guard-files": (_p, inv, ctx, parsed) => {
    const base = { home: ctx.home, env: ctx.env };
    return judgedWrites(inv, parsed, ctx).filter((e) => unknownMayReach(e, inv, ctx, base)).map((e) => e.word);
  },

  /**
   * Switches off guard's shell integration from inside the shell: removes or replaces the DEBUG trap
   * (`trap - DEBUG`, `trap '' DEBUG`, any other DEBUG trap), the functions it runs (`unset -f __guard_check`,
   * `unfunction TRAPDEBUG`), the options it needs (`shopt -u extdebug`, `set +T`, `unsetopt debug_before_cmd`),
   * nested shells' BASH_ENV, zsh's hook arrays, or shadows guard with an alias or a function.
   */
  "unhooks-guard-shell": (_p, inv) => {
    const args = inv.argv.slice(1).filter((w) => !w.dynamic);
    const hit = (test: (v: string) => boolean) => args.filter((w) => test(w.value));
    const zshOption = (v: string) => v.toLowerCase().replace(/_/g, "");
    switch (inv.program) {
      case "trap":
        return args.some((w) => /^-[lp]+$/.test(w.value)) ? [] : hit((v) => /^(?:SIG)?DEBUG$/i.test(v));
      case "unset":
      case "unfunction":
      case "unhash":
        return hit((v) => /^(?:__guard\w*|TRAPDEBUG|BASH_ENV|preexec_functions|precmd_functions)$/.test(v));
      case "shopt":
        return args.some((w) => /^-\w*u/.test(w.value)) ? hit((v) => v === "extdebug" || v === "functrace") : [];
      case "set":
        return hit((v) => /^\+\w*T/.test(v) || v === "functrace" || v === "extdebug");
      case "unsetopt":
        return hit((v) => zshOption(v) === "debugbeforecmd");
      case "setopt":
        return hit((v) => zshOption(v) === "nodebugbeforecmd");
      case "alias":
        return hit((v) => /^(?:guard|guard-shell|trap|unset|__guard\w*|TRAPDEBUG)=/.test(v));
      case "function":
        return args.slice(0, 1);
      case "add-zsh-hook":
        return args.some((w) => /^-[dD]$/.test(w.value)) ? hit((v) => /guard/i.test(v)) : [];
      default:
        return [];
    }
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

  /**
   * `git config --local core.hooksPath /tmp/nohooks`: a repository's hooks pointed at a directory outside it,
   * so guard's pre-push hook in .git/hooks no longer runs (a hook manager keeps its hooks in the repository),
   * or at one inside it that does not exist (`.nohooks`), which runs no hook at all.
   */
  "moves-git-hooks": (_p, inv, ctx) => {
    const words = inv.argv.slice(1);
    const at = words.findIndex((w) => !w.dynamic && /^core\.hookspath$/i.test(w.value));
    if (at < 0 || !words.some((w) => w.value === "config")) return false;
    if (words.some((w) => /^--(?:get|get-all|get-regexp|unset|unset-all|list)$|^-l$/.test(w.value))) return false;
    const value = words[at + 1];
    if (value === undefined || value.dynamic) return false;
    const root = ctx.repoRoot ?? ctx.cwd;
    return (inv.cwd ?? [ctx.cwd]).some((dir) => {
      const abs = absolutePath(value, dir, ctx);
      // Outside the repository guard sees (another machine over ssh, a cd elsewhere) only a hook manager's usual directory is known to hold hooks.
      if (abs === undefined || (abs !== root && !abs.startsWith(`${root}/`))) return /^[/~]/.test(value.value) || abs === undefined || !HOOK_DIRS.has(value.value.replace(/^\.\//, "").replace(/\/+$/, ""));
      // Inside the repository, a directory that is not there holds no hooks (`core.hooksPath .nohooks`): every hook is off.
      // A hook manager's usual directory is the project's setup even before its first hook is written.
      return ctx.pathKind?.(abs) === "missing" && !HOOK_DIRS.has(abs.slice(root.length + 1).replace(/\/+$/, ""));
    }) ? [words[at]] : false;
  },

  /**
   * Writes a file named like a shell, env, node, guard or an agent into a directory the user's profile puts
   * before the system's on PATH (`~/.local/bin/sh`, `ln -s … ~/bin/node`, `cp x/sh ~/.local/bin/`): every
   * later program that starts `sh` or `node` by name would run it instead. A word guard cannot resolve
   * there counts too (`> ~/.local/bin/$n`).
   */
  "shadows-system-program": (_p, inv, ctx, parsed) => {
    const hits: Word[] = [];
    for (const e of writtenPaths(inv, parsed)) {
      if (e.mode === "remove") continue;
      for (const path of landingPaths(e.word, inv, ctx)) {
        if (path !== undefined ? shadowedProgram(path, ctx.home) !== undefined : dynamicInUserBin(e.word, ctx.home)) hits.push(e.word);
        // A directory destination: the copy or link takes its source's name.
        else if (path !== undefined && isUserBinDir(path, ctx.home) && COPIERS.has(inv.program)
          && parsed.positionals.some((w) => w !== e.word && (w.dynamic || shadowedProgram(`${path}/${w.value.replace(/\/+$/, "").split("/").pop()}`, ctx.home) !== undefined))) hits.push(e.word);
      }
    }
    return [...new Set(hits)];
  },

  /**
   * A package operation that can replace the running copy of guard: run in its own checkout (`npm link`,
   * `npm install`), in the project whose node_modules holds it (`npm ci`, `npm prune`), or pointed there
   * (`npm install --prefix <guard's dir> x.tgz`, `pnpm -C …`). Naming agent-guard itself is the rule's other arm.
   */
  "changes-guard-package": (_p, inv, ctx) => {
    const root = runningPackageRoot();
    const dirs = packageDirs(inv).map((w) => ({ w, dir: w === undefined ? undefined : absolutePath(w, ctx.cwd, ctx) }));
    // In a container (`docker compose run web npm ci`) the directory guard cannot see is the container's own, or the
    // project mounted into it: the running guard is reached only when it is installed in the project.
    const inContainer = inv.via.some((v) => CONTAINER_RUNNERS.has(v.wrapper));
    const targets = dirs.length ? dirs : (inv.cwd ?? [ctx.cwd]).map((dir) => ({ w: inv.argv[0], dir: dir ?? (inContainer ? ctx.cwd : undefined) }));
    const hit = targets.find(({ dir }) => dir === undefined || dir === root || root.startsWith(`${dir.replace(/\/+$/, "")}/node_modules/`) || /\/node_modules\/agent-guard(?:\/|$)/.test(dir));
    return hit?.w ? [hit.w] : false;
  },

  /**
   * A builtin that sets, exports, un-exports or unsets a variable guard reads its own locations from
   * (HOME, the XDG base directories, GUARD_*, BASH_ENV, ZDOTDIR): `declare -x XDG_CONFIG_HOME=…`,
   * `printf -v HOME …`, `read XDG_CONFIG_HOME`, `mapfile HOME`, `export -n XDG_CONFIG_HOME`, `unset HOME`.
   * In a shell guard's trap checks, every later command would be checked against a config the agent chose.
   * A name guard cannot read (`declare -x "$v"=…`) counts too.
   */
  "sets-guard-environment": (positionals, inv) => {
    const names = variableOperands(inv, positionals);
    // `export $(grep -v '^#' .env | xargs)`: the words the file gives (see shell/dotenv-export.ts) are the names.
    const loaded = inv.loadedWords?.some((w) => w.startsWith("-") || GUARD_ENV.test(/^[^=]*/.exec(w)![0]));
    // The name is what counts: `export PATH=$HOME/bin:$PATH` has a dynamic value, not a dynamic name.
    return names.filter((w) => {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[|\+?=|$)/.exec(w.raw);
      if (name) return GUARD_ENV.test(name[1]);
      if (loaded !== undefined && w.raw.startsWith("$(")) return loaded;
      return w.dynamic;
    });
  },

  /** Appends to a shell rc file guard installs into (`echo … >> ~/.bashrc`): it could undo guard's BASH_ENV line. */
  "appends-shell-rc": (_p, inv, ctx, parsed) => {
    const base = { home: ctx.home, env: ctx.env };
    return writtenPaths(inv, parsed).filter((e) => e.mode === "append"
      && reachesProtected(e, inv, ctx, (_e, p) => protectedKind(p, base) === "shell-rc", (_e, p) => patternProtectedKind(p, base) === "shell-rc")).map((e) => e.word);
  },
};
