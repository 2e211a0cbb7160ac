// Target classes for machine-wide switches written as file operations: a setuid bit set, an archive or tree unpacked over home or system configuration.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { findOption, optionValues, type ParsedArgs } from "../shell/program-args";
import { absolutePath } from "./zones";
import { isConfigPath } from "./overwrite-classes";

type SwitchClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

/**
 * A chmod mode that sets the set-user-ID bit: numeric 4xxx–7xxx (`4755`, `06755`), or a symbolic
 * clause for the owner or everyone that adds `s` (`u+s`, `+s`, `a+s`, `u=rwxs`). Set-group-ID alone
 * (`g+s`, `2775`) is left out: on directories it is the everyday shared-group setting.
 */
export function setsSetuid(mode: string): boolean {
  if (/^0*[4-7][0-7]{3}$/.test(mode)) return true;
  return mode.split(",").some((clause) => {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m || !(m[1] === "" || /[ua]/.test(m[1]))) return false;
    return [...m[2].matchAll(/([-+=])([rwxXstugo]*)/g)].some((op) => op[1] !== "-" && op[2].includes("s"));
  });
}

/** Where unpacking or copying a tree is an overwrite of what decides how the machine or account runs. */
function overwritesSetup(dir: string, ctx: EvalContext): boolean {
  const home = ctx.home;
  if (dir === "/" || dir === home || dir === `${home}/.config`) return true;
  // Unpacking into a directory replaces the entries it holds: config under it is replaced too.
  if (isConfigPath(`${dir}/x`, ctx)) return true;
  // System trees the machine runs from; /usr/local, /opt, /srv, /mnt and temp are where software is installed or unpacked.
  return /^\/(?:etc|boot|bin|sbin|lib|lib32|lib64|libx32|usr(?:\/(?:bin|sbin|lib|lib64|libexec|share))?)(?:\/|$)/.test(dir) && !dir.startsWith("/usr/local");
}

/** The directories an unpack or recursive copy writes into, or none when the invocation does not do that. */
function unpackDirs(inv: Invocation, parsed: ParsedArgs): Word[] {
  // `--directory=$HOME`: the value after `=`, keeping its shell text so `$HOME` and `~` resolve.
  const after = (text: string | undefined) => (text !== undefined && text.includes("=") ? text.slice(text.indexOf("=") + 1) : undefined);
  const values = (names: string[]) => optionValues(parsed, inv, names).map((v) => (v.attached ? { ...v.word, value: v.value, raw: after(v.word.raw) ?? v.value, shellText: after(v.word.shellText), matchText: undefined } : v.word));
  const here: Word = { value: ".", raw: ".", dynamic: false, glob: false, span: inv.span };
  switch (inv.program) {
    case "tar":
    case "bsdtar": {
      const extracting = inv.argv.some((w, i) => !w.dynamic && (w.value === "-x" || w.value === "--extract" || w.value === "--get" || (/^-?[a-zA-Z]*x[a-zA-Z]*$/.test(w.value) && (i === 1 || w.value.startsWith("-")))));
      // -k / --keep-old-files / --skip-old-files never replace an existing file.
      const keeps = inv.argv.some((w) => ["--keep-old-files", "--skip-old-files", "--keep-newer-files"].includes(w.value) || (/^-[a-zA-Z]*k[a-zA-Z]*$/.test(w.value) && !w.value.startsWith("--")));
      if (!extracting || keeps) return [];
      const dirs = values(["-C", "--directory"]);
      return dirs.length ? dirs : [here];
    }
    case "unzip": {
      // Without -o, unzip asks before replacing a file, and with no terminal it answers "none".
      const overwrite = inv.argv.some((w, i) => i > 0 && !w.dynamic && /^-[a-zA-Z]*o/.test(w.value) && !/^-[a-zA-Z]*[lvtZpcn]/.test(w.value));
      if (!overwrite) return [];
      const dirs = values(["-d"]);
      return dirs.length ? dirs : [here];
    }
    case "cp":
    case "rsync": {
      const recursive = findOption(parsed, ["-r", "-R", "--recursive", "-a", "--archive"]) !== undefined;
      const target = values(["-t", "--target-directory"]);
      const pos = parsed.positionals;
      if (!recursive) return [];
      return target.length ? target : pos.length > 1 ? pos.slice(-1).filter((w) => inv.program === "cp" || !/^[^/]*:/.test(w.value)) : [];
    }
    default:
      return [];
  }
}

/** Wrappers that run their command as root. */
const AS_ROOT = /^(?:sudo|doas|run0|pkexec|su|sudo -[a-zA-Z]*)\b/;

export const SWITCH_CLASSES: Record<string, SwitchClass> = {
  /** The command runs as root (`sudo pip uninstall x`): not tied to one argument. */
  "runs-as-root": (_p, inv) => inv.via.some((v) => AS_ROOT.test(v.wrapper)),

  /** `chmod u+s FILE`, `chmod 4755 FILE`: the files that become set-user-ID programs. */
  "sets-setuid-bit": (positionals, inv, _ctx, parsed) => {
    if (inv.program === "install") {
      const modes = optionValues(parsed, inv, ["-m", "--mode"]);
      return modes.some((m) => m.word.dynamic || setsSetuid(m.value)) ? positionals.slice(-1) : false;
    }
    if (inv.argv.some((w) => w.value === "--reference" || w.value.startsWith("--reference="))) return false;
    const [mode, ...files] = positionals;
    if (!mode || mode.dynamic) return mode?.dynamic ? [mode] : false;
    return setsSetuid(mode.value) ? (files.length ? files : [mode]) : false;
  },

  /**
   * `tar -xzf x.tgz -C ~`, `unzip -o x.zip -d ~`, `cd ~ && tar xf dots.tar`, `cp -r dotfiles/. ~/`:
   * unpacking or copying a tree into home, `~/.config`, a config directory (`~/.ssh`, `/etc`) or a
   * system tree replaces the dotfiles, keys and programs already there, without a prompt.
   */
  "unpacks-over-setup": (_p, inv, ctx, parsed) =>
    unpackDirs(inv, parsed).filter((w) => (inv.cwd ?? [ctx.cwd]).some((dir) => {
      const path = absolutePath(w, dir, ctx);
      return path !== undefined && overwritesSetup(path.replace(/\/+$/, "") || "/", ctx);
    })),
};
