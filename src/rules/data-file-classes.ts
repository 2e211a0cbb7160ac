// Target class for clobbering local data files (an embedded database, a dump, Terraform state, a .env of secrets) with any writer, not only rm or truncate.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { destroyedPaths, isDeleter, losesContent } from "./destroyed";
import { contentWrites } from "./written";
import { isDataFile } from "./database-files";
import { isSecretFile } from "../core/secret-files";
import { absolutePath, zonesOfWord } from "./zones";

/**
 * `.env`, `.env.local`, `.env.production`: the project's secrets, kept out of git on purpose. Templates
 * (`.env.example`, `.env.sample`…) are committed and rewritten freely.
 */
const ENV_FILE = /^\.env(?:\.(?!(?:example|sample|template|dist|defaults|schema)$)[\w.-]+)?$/i;

export function isEnvFile(path: string): boolean {
  return ENV_FILE.test(path.slice(path.lastIndexOf("/") + 1));
}

/** A cloud service account's key file (`service-account.json`, `gcp-sa-key.json`): the provider shows a key once, so a deleted one is gone. */
const SERVICE_ACCOUNT_KEY = /(?:service[-_.]?account|(?:^|[-_.])sa[-_.]key)[^/]*\.json$/i;

/** Secrets that exist only in this file (a .env, a private key, a service account key): untracked, and no tool writes them again. */
function isSecretOnlyHere(path: string): boolean {
  return isEnvFile(path) || isSecretFile(path) || SERVICE_ACCOUNT_KEY.test(path.slice(path.lastIndexOf("/") + 1));
}

/** Data that exists only in this file: untracked (git cannot restore it) and present, or not known to be absent. */
function clobbered(word: Word, inv: Invocation, ctx: EvalContext, secret: (path: string) => boolean): boolean {
  return (inv.cwd ?? [ctx.cwd]).some((dir) => {
    if (word.dynamic || word.glob) return false;
    // Run where guard cannot see the files (`ssh host '…'`, a container): the name alone decides.
    if (dir === null) return isDataFile(word.value) || secret(word.value);
    if (!zonesOfWord(word, [dir], ctx).includes("tree")) return false;
    const abs = absolutePath(word, dir, ctx);
    if (abs === undefined || !(isDataFile(abs) || secret(abs))) return false;
    // `[ -f .env ] || cp .env.example .env`: the test proved nothing is there when this write runs.
    if (inv.absent?.includes(abs)) return false;
    const kind = ctx.pathKind?.(abs);
    return kind !== "missing" && kind !== "dir" && ctx.worktree?.tracked?.(abs) !== true;
  });
}

type DataFileClass = (positionals: Word[], invocation: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean;

export const DATA_FILE_CLASSES: Record<string, DataFileClass> = {
  /**
   * `cp README.md data/app.db`, `tee .env < /dev/null`, `sed -i d data/app.db`, `dd of=app.db`, `mv x .env`,
   * `ln -sf /dev/null app.db`, `python3 -c "open('.env','w')"`: a write that replaces (not appends to) an
   * existing untracked database or .env file in the working tree, and deleting an untracked .env (deleting a
   * database file is deletes-database-file). Appends (`>> .env.local`) and new files are not clobbering.
   */
  "overwrites-data-file": (_p, inv, ctx, parsed) => {
    const destroyed = destroyedPaths(inv, parsed);
    const words = [
      ...contentWrites(inv, parsed).filter((e) => e.mode === "replace").map((e) => e.word),
      ...destroyed.filter((d) => d.overwrite).map((d) => d.word),
    ].filter((w) => clobbered(w, inv, ctx, isEnvFile));
    // A deleted .env or key file: the secrets in it exist nowhere else.
    if (isDeleter(inv.argv) && losesContent(inv)) words.push(...destroyed.filter((d) => !d.overwrite).map((d) => d.word).filter((w) => clobbered(w, inv, ctx, isSecretOnlyHere) && isSecretOnlyHere(w.value)));
    return words;
  },
};
