// Decides whether an rm/find target is catastrophic: the root, home, the working tree, system directories, `.git`.
import type { Word } from "../shell/model";
import type { EvalContext } from "../engine/context";
import { pathText } from "../shell/cwd";
import { pathBase, zonesOfWord } from "./zones";

/** Variables that name the home or working directory: deleting them whole is never a cleanup. */
const HOME_OR_CWD = /^(?:\$HOME|\$\{HOME\}|\$PWD|\$\{PWD\}|\$OLDPWD|\$\{OLDPWD\}|\$\(pwd\)|`pwd`|~)(?:\/|\/\*|\/\.\*)?$/;
/** `$DIR/`, `${DIR}/*`: if DIR is empty or unset this is `/` or `/*`. `${DIR:?}/` fails instead, so it is not here. */
const BARE_VARIABLE_DIR = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|\{(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\})\/(?:\*|\.\*)?$/;

/**
 * True when the word names `/`, home, the start directory or the repository root (or an ancestor), a
 * system directory, a `.git` directory, or every entry of one of them — in any directory the command
 * may run in (`dirs`, after cd). Paths are normalised first: `$TMPDIR/../etc`, `~+`, `${PWD%/*}`.
 */
export function isCatastrophicPath(word: Word, ctx: EvalContext, dirs?: readonly (string | null)[]): boolean {
  if (word.value === "" && !word.dynamic) return false;
  if (word.dynamic && pathText(word, ctx.cwd, pathBase(ctx)) === null) {
    const raw = word.raw.replace(/"/g, "");
    return HOME_OR_CWD.test(raw) || BARE_VARIABLE_DIR.test(raw);
  }
  return zonesOfWord(word, dirs, ctx).includes("catastrophic");
}
