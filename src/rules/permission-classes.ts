// Target class for permissions opened up on system paths: `chmod 666 /etc/passwd`, `chmod 777 /tmp`, `setfacl -m u:x:rwx /etc`.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { absolutePath } from "./zones";

type PermissionClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/**
 * A chmod mode that lets the group or everyone write: numeric with a 2/3/6/7 in the group or other
 * digit (`666`, `777`, `0775`), or a symbolic clause for g, o or a that adds or sets `w` (`o+w`,
 * `a=rwx`, `go+w`). A clause with no "who" (`+w`) is filtered through the umask, which keeps group
 * and other writes out by default, so it is left alone.
 */
export function grantsSharedWrite(mode: string): boolean {
  const numeric = /^[0-7]{1,5}$/.exec(mode);
  if (numeric) {
    const digits = mode.padStart(4, "0");
    return [digits.at(-1)!, digits.at(-2)!].some((d) => (Number(d) & 2) !== 0);
  }
  return mode.split(",").some((clause) => {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m || !/[goa]/.test(m[1])) return false;
    return [...m[2].matchAll(/([-+=])([rwxXstugo]*)/g)].some((op) => op[1] !== "-" && op[2].includes("w"));
  });
}

/** A setfacl entry list that grants write to someone (`u:app:rwx`, `o::rw`, `d:g:dev:w`). */
function aclGrantsWrite(spec: string): boolean {
  return spec.split(",").some((entry) => {
    const perms = entry.split(":").at(-1) ?? "";
    return /w/.test(perms) || /^[0-7]$/.test(perms) && (Number(perms) & 2) !== 0;
  });
}

/**
 * Paths whose permissions the system's security rests on: the root, system trees, the sticky shared
 * temp directories themselves, home directories and ssh keys (sshd refuses a group-writable ~/.ssh).
 * /usr/local, /opt, /srv, /var/www and the project are where software and sites are installed, so
 * opening them up is a choice, not a hole in the system.
 */
function isSystemPath(path: string, ctx: EvalContext): boolean {
  const home = ctx.home;
  if (["/", "/tmp", "/var/tmp", "/dev/shm", "/var", "/usr", "/home", "/Users", "/root", "/dev", home].includes(path)) return true;
  if (path === `${home}/.ssh` || path.startsWith(`${home}/.ssh/`)) return true;
  if (/^\/home\/[^/]+(?:\/\.ssh(?:\/.*)?)?$/.test(path) || /^\/Users\/[^/]+(?:\/\.ssh(?:\/.*)?)?$/.test(path)) return true;
  return /^\/(?:etc|boot|bin|sbin|lib|lib32|lib64|libx32|root|usr\/(?:bin|sbin|lib|lib32|lib64|libexec|share)|var\/(?:lib|log|spool|run|mail|cache|backups))(?:\/|$)/.test(path);
}

/** The words among `files` that name a system path. A path guard cannot resolve is left alone: opening permissions destroys nothing. */
function systemTargets(files: Word[], inv: Invocation, ctx: EvalContext, sticky = false): Word[] {
  return files.filter((w) => (inv.cwd ?? [ctx.cwd]).some((dir) => {
    const path = absolutePath(w, dir, ctx);
    if (path === undefined) return false;
    const clean = path.replace(/\/+$/, "") || "/";
    // `chmod 1777 /tmp` is how a shared temp directory is meant to be: anyone writes, nobody deletes others' files.
    if (sticky && STICKY_DIRS.has(clean)) return false;
    return isSystemPath(clean, ctx);
  }));
}

const STICKY_DIRS = new Set(["/tmp", "/var/tmp", "/dev/shm"]);

/** A mode that keeps or sets the sticky bit: numeric 1xxx (3xxx, 5xxx, 7xxx), or a clause adding `t`. */
function setsSticky(mode: string): boolean {
  if (/^[0-7]{4,5}$/.test(mode)) return (Number(mode.at(-4)) & 1) !== 0;
  return /[+=][rwxXst]*t/.test(mode);
}

/** setfacl's entry lists and files, read from argv: `-m SPEC`, `-mSPEC`, `--modify=SPEC`, `--set SPEC`, `-Rm SPEC`. */
function setfaclArgs(inv: Invocation): { specs: string[]; files: Word[]; unknownSpec: boolean } {
  const specs: string[] = [];
  const files: Word[] = [];
  let unknownSpec = false;
  const argv = inv.argv.slice(1);
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    if (options && v === "--") { options = false; continue; }
    if (options && /^--(?:modify|set)=/.test(v)) { specs.push(v.slice(v.indexOf("=") + 1)); continue; }
    if (options && /^--(?:modify|set)$/.test(v)) { specs.push(argv[++i]?.value ?? ""); continue; }
    // -M/--modify-file and --set-file read the entries from a file guard does not open.
    if (options && (/^--(?:modify-file|set-file)/.test(v) || /^-[A-Za-z]*M/.test(v))) { unknownSpec = true; if (!v.includes("=") && /M$|file$/.test(v)) i++; continue; }
    if (options && /^-[A-Za-z]*m/.test(v) && !v.startsWith("--")) {
      const rest = v.slice(v.indexOf("m") + 1);
      specs.push(rest || (argv[++i]?.value ?? ""));
      continue;
    }
    if (options && v.startsWith("-") && v !== "-") continue;
    files.push(w);
  }
  return { specs, files, unknownSpec };
}

export const PERMISSION_CLASSES: Record<string, PermissionClass> = {
  /** `chmod 666 /etc/passwd`, `chmod o+w /etc`, `chmod 777 /tmp`, `setfacl -R -m u:app:rwx /etc`: the system paths opened to writers. */
  "weakens-system-permissions": (positionals, inv, ctx) => {
    if (inv.program === "setfacl") {
      const { specs, files, unknownSpec } = setfaclArgs(inv);
      return unknownSpec || specs.some(aclGrantsWrite) ? systemTargets(files, inv, ctx) : false;
    }
    if (inv.argv.some((w) => w.value === "--reference" || w.value.startsWith("--reference="))) return false;
    const [mode, ...files] = positionals;
    if (!mode || mode.dynamic || !grantsSharedWrite(mode.value)) return false;
    return systemTargets(files, inv, ctx, setsSticky(mode.value));
  },
};
