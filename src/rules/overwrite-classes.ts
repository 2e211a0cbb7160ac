// Target classes for overwrites: any writer (a redirection, tee, cp, install, ln -sf, sed -i, sort -o, dd of=) judged by the zone of what it replaces.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { contentWrites, type WrittenPath } from "./written";
import { destroyedPaths } from "./destroyed";
import { landingPaths, SYSTEM_DIRS, zoneOf } from "./zones";
import { globMatchAny } from "../core/glob";
import { protectedKind } from "../core/shell-protected-paths";

const DOT = { dot: true };

type OverwriteClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/**
 * Files the machine cannot boot, log in or authorise without, and the programs and libraries it runs:
 * replacing one breaks every user at once.
 */
const CRITICAL_FILES = ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d/*", "/etc/fstab", "/etc/crypttab",
  "/etc/pam.d/*", "/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/*", "/boot/**"];
/** System programs and libraries: replacing one with other content breaks everything that runs it (removing one is the package manager's job, and asks). */
const SYSTEM_PROGRAMS = ["/bin/*", "/sbin/*", "/usr/bin/*", "/usr/sbin/*", "/lib/**", "/lib64/**", "/usr/lib/**", "/usr/lib64/**"];

/**
 * Configuration that changes what runs or who gets in: writing one counts even when the file is new
 * (a fresh `~/.ssh/authorized_keys` lets someone in; a fresh `~/.ssh/config` reroutes every ssh).
 */
const HOME_CONFIG = [".ssh/**", ".gnupg/**", ".aws/**", ".kube/**", ".docker/**", ".gitconfig", ".git-credentials", ".netrc", ".npmrc", ".pypirc",
  ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".inputrc", ".curlrc",
  ".wgetrc", ".pgpass", ".my.cnf", ".config/autostart/**", ".config/systemd/**", ".config/fish/**", "Library/LaunchAgents/**",
  // Shell and REPL histories: the user's record of what ran; emptying one (`: > ~/.bash_history`) erases it and hides what the session did.
  ".bash_history", ".zsh_history", ".zhistory", ".histfile", ".sh_history", ".local/share/fish/fish_history", ".python_history", ".node_repl_history",
  ".psql_history", ".mysql_history", ".sqlite_history", ".irb_history", ".lesshst"];
const SYSTEM_CONFIG = ["/etc/**", "/var/spool/cron/**", "/lib/systemd/**", "/usr/lib/systemd/**"];
/**
 * Configuration an append only extends with what ssh itself records: `ssh-keyscan HOST >> ~/.ssh/known_hosts` pins a
 * host key, as the first `ssh HOST` does. Replacing the file (`>`) still counts: it drops every pinned key.
 */
const APPEND_ONLY_SAFE = [".ssh/known_hosts", ".ssh/known_hosts2"];

/** System directories that are scratch space: changing every entry there is not the machine's programs. */
const TEMP_DIRS = new Set(["/tmp", "/var/tmp"]);

/** Where a write goes nowhere a user keeps data: devices, the process's own descriptors, the kernel's interfaces (judged by their own rules). */
function pseudoPath(path: string): boolean {
  return /^\/(?:dev|proc|sys)(?:\/|$)/.test(path);
}

/** Home directories of any account, ours or another's: `/home/NAME`, `/Users/NAME`, root's. */
const ACCOUNT_HOME = /^(\/home\/[^/]+|\/Users\/[^/]+|\/root|\/var\/root)\/(.+)$/;

/**
 * Configuration that changes what runs or who gets in: under /etc, cron spools, or a listed file in a
 * home directory — ours or another account's (`/home/user/.ssh/authorized_keys` lets someone in as user).
 */
export function isConfigPath(path: string, ctx: EvalContext): boolean {
  if (globMatchAny(path, SYSTEM_CONFIG, DOT)) return true;
  const relative = path.startsWith(`${ctx.home}/`) ? path.slice(ctx.home.length + 1) : ACCOUNT_HOME.exec(path)?.[2];
  if (relative === undefined) return false;
  return globMatchAny(relative, HOME_CONFIG, DOT);
}

function appendOnlySafe(path: string, ctx: EvalContext): boolean {
  return path.startsWith(`${ctx.home}/`) && globMatchAny(path.slice(ctx.home.length + 1), APPEND_ONLY_SAFE, DOT);
}

function isCritical(path: string): boolean {
  return globMatchAny(path, CRITICAL_FILES, DOT) || globMatchAny(path, SYSTEM_PROGRAMS, DOT);
}

function isCriticalFile(path: string): boolean {
  return globMatchAny(path, CRITICAL_FILES, DOT);
}

/**
 * A write outside the working tree destroys something when it replaces an existing file (a directory
 * is written into, not replaced), or when it changes configuration; an append only adds, so it counts
 * for configuration that decides what runs or who logs in (persistence: authorized_keys, cron, /etc).
 */
function destroysOutside(entry: WrittenPath, path: string, ctx: EvalContext): boolean {
  if (pseudoPath(path) || zoneOf(path, ctx) !== "outside") return false;
  // `cp a /opt/app/`: a trailing slash names a directory to copy into, not a file to replace.
  if (!entry.word.dynamic && entry.word.value.endsWith("/")) return isConfigPath(path, ctx) && entry.mode !== "append";
  // Shell rc files guard installs into have their own rules (guard.shell-rc-append).
  if (entry.mode === "append") return isConfigPath(path, ctx) && !appendOnlySafe(path, ctx) && protectedKind(path, { home: ctx.home, env: ctx.env }) !== "shell-rc";
  if (isConfigPath(path, ctx)) return true;
  const kind = ctx.pathKind?.(path);
  return kind !== "dir" && kind !== "missing";
}

export const OVERWRITE_CLASSES: Record<string, OverwriteClass> = {
  /**
   * A write that replaces a file the system cannot boot or log in without, or a system program or
   * library; and a delete, truncation or move of one of those files (`rm /etc/passwd`, `truncate -s0 /etc/shadow`).
   */
  "overwrites-critical": (_p, inv, ctx, parsed) => {
    const removed: WrittenPath[] = destroyedPaths(inv, parsed).map((d) => ({ word: d.word, mode: d.overwrite ? "replace" : "remove" }));
    return [
      ...contentWrites(inv, parsed).filter((e) => landingPaths(e.word, inv, ctx).some((p) => p !== undefined && isCritical(p))),
      ...removed.filter((e) => landingPaths(e.word, inv, ctx).some((p) => p !== undefined && isCriticalFile(p))),
    ].map((e) => e.word);
  },

  /**
   * A write outside the working tree, temp and cache directories that replaces an existing file or
   * writes configuration (`echo > ~/.ssh/id_rsa`, `sed -i … /srv/app.yml`, `tee ~/.ssh/authorized_keys`,
   * `>> ~/.ssh/authorized_keys`, `sort -o ~/.zshrc`). New files elsewhere (`> ~/notes.txt` that does not exist yet) are not destroyed.
   */
  "overwrites-outside": (_p, inv, ctx, parsed) =>
    // rsync copies into its destination directory; what it deletes there (--delete) is the zone policy's delete rule.
    inv.program !== "rsync" && contentWrites(inv, parsed).filter((e) => !isCriticalWrite(e, inv, ctx) && landingPaths(e.word, inv, ctx).some((p) => p !== undefined && destroysOutside(e, p, ctx))).map((e) => e.word),

  /** A write to the kernel's runtime settings: `/proc/sys/**` (what `sysctl -w` does) and `/sys/**`. */
  "writes-kernel-settings": (_p, inv, ctx, parsed) =>
    contentWrites(inv, parsed).filter((e) => landingPaths(e.word, inv, ctx).some((p) => p !== undefined && /^\/(?:proc\/sys|sys)\//.test(p))).map((e) => e.word),

  /** A write to `/proc/sysrq-trigger`: reboots, crashes or kills everything at once, with no shutdown. */
  "writes-sysrq": (_p, inv, ctx, parsed) =>
    contentWrites(inv, parsed).filter((e) => landingPaths(e.word, inv, ctx).some((p) => p === "/proc/sysrq-trigger")).map((e) => e.word),

  /** chmod/chown/chgrp on every entry of a system directory (`chmod -x /bin/*`): every program or library at once. */
  "changes-every-system-entry": (positionals) =>
    positionals.filter((w) => {
      const m = /^(\/[^*?[]*?)\/+\*$/.exec(w.value);
      return w.glob && m !== null && SYSTEM_DIRS.has(posix.resolve(m[1])) && !TEMP_DIRS.has(posix.resolve(m[1]));
    }),
};

function isCriticalWrite(entry: WrittenPath, inv: Invocation, ctx: EvalContext): boolean {
  return landingPaths(entry.word, inv, ctx).some((p) => p !== undefined && isCritical(posix.normalize(p)));
}
