// Target class: a glob bash expands to a file holding credentials (`cat .*`, `rg KEY .e*`, `cp .e* /tmp`), judged like the name itself.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import type { ParsedArgs } from "../shell/program-args";
import { GLOB_TEXT, globMatch } from "../core/glob";
import { patternMayMatch } from "../core/glob-paths";
import { isSecretFile } from "../core/secret-files";
import { pathText } from "../shell/cwd";
import { pathBase } from "./zones";

/**
 * One path of each kind isSecretFile knows, anywhere: where guard cannot list the directory a glob is expanded in,
 * a glob that may name one of them counts (fail closed). Templates (`.env.example`) are not among them.
 */
const SECRET_TEMPLATES: readonly (readonly string[])[] = [
  ".env", ".env.local", ".env.production", ".env-prod", ".envrc", ".netrc", ".npmrc", ".pypirc", ".pgpass", ".my.cnf", ".git-credentials",
  "credentials", "credentials.json", "credentials.toml", "credentials.tfrc.json", "application_default_credentials.json", "access-token", "auth.json",
  "hosts.yml", "id_rsa", "id_ed25519", "id_ecdsa", "server.pem", "server.key", "cert.p12", "cert.pfx", "terraform.tfstate", "terraform.tfstate.backup",
  ".git/config", ".kube/config", ".docker/config.json", ".credentials.json", ".vault-token", ".dev.vars", "service-account.json",
].map((path) => ["**", ...path.split("/")]);

/** Stands in for a directory guard cannot tell. */
const UNKNOWN_DIR = "/\0unknown";

/** Programs whose last operand is where they write, not what they read. */
const COPIERS = new Set(["cp", "scp", "rsync", "install", "mv", "ln"]);

/** A directory's entries, bounded (see EvalContext.listDir); undefined when unknown. */
type Lister = (dir: string) => string[] | undefined;

/**
 * Whether the bash pattern `text` (absolute) may name a file holding credentials. A pattern whose wildcards are all in
 * its last segment is expanded against the real directory when guard can list it, as bash does (a leading dot only by
 * an explicit dot, unless dotglob or GLOBIGNORE may be on); otherwise it counts when it may match a secret file's name.
 */
function mayNameSecret(text: string, list: Lister | undefined, wide: boolean): boolean {
  const slash = text.lastIndexOf("/");
  const head = text.slice(0, slash) || "/";
  const last = text.slice(slash + 1);
  const entries = !GLOB_TEXT.test(head) ? list?.(head) : undefined;
  if (entries !== undefined) {
    return entries.some((name) => globMatch(name, last, { dot: wide, nocase: wide, nonegate: true, nocomment: true }) && isSecretFile(posix.join(head, name)));
  }
  // dotglob or nocaseglob may be on: any wildcard may reach a dot file of any case.
  if (wide) return true;
  return SECRET_TEMPLATES.some((template) => patternMayMatch(text, template));
}

export const SECRET_GLOB_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean> = {
  /**
   * `cat .*`, `rg KEY .e*`, `head config/.env*`, `cp .e* /tmp/`: an unquoted glob among the files read that bash expands
   * to a file holding credentials (in the directory the command runs in), or may, where guard cannot list it.
   */
  "glob-names-secret-file": (positionals, inv, ctx) => {
    const read = COPIERS.has(inv.program) ? positionals.slice(0, -1) : positionals;
    const list = ctx.listDir?.bind(ctx);
    // Set earlier in the text, or inherited (`BASHOPTS` exported with dotglob, GLOBIGNORE in the environment).
    const wide = inv.globOptions !== undefined || /\b(?:dotglob|nocaseglob)\b/.test(ctx.env.BASHOPTS ?? "") || ctx.env.GLOBIGNORE !== undefined;
    return read.filter((w) => w.glob && (inv.cwd ?? [ctx.cwd]).some((dir) => {
      const text = pathText(w, dir ?? UNKNOWN_DIR, pathBase(ctx));
      // A part guard cannot compute (`"$D"/.e*`, an unknown directory): only the pattern's own last segment is known.
      if (text === null || text.includes(UNKNOWN_DIR) || (dir === null && !text.startsWith("/"))) {
        return mayNameSecret(`${UNKNOWN_DIR}/${w.value.slice(w.value.lastIndexOf("/") + 1)}`, undefined, wide);
      }
      return mayNameSecret(text.startsWith("/") ? posix.normalize(text) : posix.join(dir!, text), list, wide);
    }));
  },
};
