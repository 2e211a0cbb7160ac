// Target class for a credential directory read by an archiver (`tar cf - ~/.ssh | base64`, `zip -r - ~/.aws`, `find ~/.ssh | cpio -o`): the secrets leave in the archive.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { findOption, optionValues, type ParsedArgs } from "../shell/program-args";
import { archiveSources, findStarts } from "./destroyed";
import { absolutePath } from "./zones";

/**
 * Directories that hold keys and tokens, as path segments under any home (see credentials.yaml's secret
 * files): SSH and GnuPG keys, cloud and cluster credentials, PaaS CLI tokens, password stores.
 */
export const CREDENTIAL_DIR = new RegExp(
  "/(?:\\.ssh|\\.gnupg|\\.aws|\\.azure|\\.kube|\\.docker|\\.password-store|\\.railway|\\.fly|\\.supabase|\\.wrangler|\\.render|\\.terraform\\.d|\\.pulumi" +
    "|\\.config/(?:gcloud|gh|neonctl|planetscale|doctl|op|hub))(?:/|$)",
);

type Holds = "credentials" | "contains-credentials" | undefined;

/** Whether `abs` is (inside) a credential directory, or a directory above such ones (a home, `~/.config`, `/home`, `/`). */
export function holdsCredentials(abs: string, ctx: EvalContext): Holds {
  if (CREDENTIAL_DIR.test(abs)) return "credentials";
  const homes = new Set([ctx.home, "/root"]);
  const above = abs === "/" || abs === "/home" || abs === "/Users" || abs.endsWith("/.config") || /^\/(?:home|Users)\/[^/]+$/.test(abs) || homes.has(abs);
  return above || [...homes].some((h) => h.startsWith(`${abs}/`)) ? "contains-credentials" : undefined;
}

/** Where the archive goes: `stdout` (`-f -`, zip's `-`, 7z's `-so`, cpio), a `remote` host (`tar -f host:path`), or a `file`. */
type Output = "stdout" | "remote" | "file";

interface Archived {
  /** The operands read, each with the directory it is read from (tar's `-C DIR` before it). */
  operands: { word: Word; dir: string | null }[];
  output: Output;
}

/** tar/bsdtar creating or appending (`c`, `r`, `u`): its operands after the `-C` before each, and its `-f`. */
function tarArchived(inv: Invocation, parsed: ParsedArgs, dirs: readonly (string | null)[], ctx: EvalContext): Archived[] | undefined {
  const first = inv.argv[1];
  const bundle = first && !first.dynamic && /^[a-zA-Z]+$/.test(first.value) ? first.value : "";
  const shorts = inv.argv.slice(1).filter((w) => !w.dynamic && /^-[a-zA-Z]+$/.test(w.value)).map((w) => w.value).join("");
  const creates = /[cru]/.test(bundle) || /[cru]/.test(shorts) || parsed.options.some((o) => ["--create", "--append", "--update"].includes(o.name));
  if (!creates) return undefined;
  const option = optionValues(parsed, inv, ["-f", "--file"]).at(-1);
  const file = bundle.includes("f") ? parsed.positionals[1] : option?.word;
  // No -f: GNU tar writes to stdout (unless TAPE names a device).
  const value = file === undefined ? (ctx.env.TAPE ?? "-") : file.dynamic ? undefined : bundle.includes("f") ? file.value : option?.value;
  const output: Output = value === "-" ? "stdout" : value !== undefined && /^[^/]*:/.test(value) && !findOption(parsed, ["--force-local"]) ? "remote" : "file";
  const changes = optionValues(parsed, inv, ["-C", "--directory"]).map((o) => ({ at: inv.argv.indexOf(o.word), word: o.word, value: o.value }));
  return dirs.map((dir) => ({
    output,
    operands: archiveSources(inv, parsed).map((word) => {
      // The last `-C DIR` before the operand is where tar reads it from.
      const at = inv.argv.indexOf(word);
      const change = changes.filter((c) => c.at < at).at(-1);
      const from = change === undefined ? dir : change.word.dynamic ? null : absolutePath({ ...change.word, value: change.value }, dir, ctx) ?? null;
      return { word, dir: from };
    }),
  }));
}

function archived(inv: Invocation, parsed: ParsedArgs, dirs: readonly (string | null)[], ctx: EvalContext): Archived[] | undefined {
  const pos = parsed.positionals;
  const from = (words: Word[], output: Output) => dirs.map((dir) => ({ output, operands: words.map((word) => ({ word, dir })) }));
  switch (inv.program) {
    case "tar":
    case "gtar":
    case "bsdtar":
      return tarArchived(inv, parsed, dirs, ctx);
    case "zip":
      return pos.length ? from(pos.slice(1), !pos[0].dynamic && pos[0].value === "-" ? "stdout" : "file") : undefined;
    case "7z":
    case "7za":
    case "7zz": {
      if (pos[0]?.dynamic || !["a", "u"].includes(pos[0]?.value ?? "")) return undefined;
      return from(pos.slice(2), inv.argv.some((w) => w.value === "-so") ? "stdout" : "file");
    }
    case "cpio": {
      // `find DIR | cpio -o`: the names come from the command before it; the archive goes to stdout unless -O/-F names a file.
      if (!findOption(parsed, ["-o", "--create"])) return undefined;
      const producer = inv.stdin?.kind === "pipe" ? inv.stdin.producer : undefined;
      const names = producer?.program === "find" ? findStarts(producer) : [];
      return from(names, findOption(parsed, ["-O", "-F", "--file"]) ? "file" : "stdout");
    }
    default:
      return undefined;
  }
}

/** The archive leaves through the pipe, the terminal or the network: stdout not redirected into a file, or a remote archive. */
function leaves(output: Output, inv: Invocation): boolean {
  if (output === "remote") return true;
  if (output === "file") return false;
  const toFile = inv.redirects.some((r) => (r.fd === undefined || r.fd === 1) && /^(?:>|>>|>\||&>|&>>)$/.test(r.operator) && r.target !== undefined && !/^\/dev\/(?:tcp|udp)\//.test(r.target.value));
  return !toFile || inv.pipeline.index < inv.pipeline.size - 1;
}

export const ARCHIVE_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext, parsed: ParsedArgs) => Word[] | boolean> = {
  /**
   * An archiver reads a credential directory (`~/.ssh`, `~/.aws`, `~/.config/gcloud`…), or, when the archive
   * leaves through a pipe, the terminal or the network, a directory above them (home, `~/.config`, `/`).
   * A project backup to a file (`tar czf backup.tgz src`) reads none of them.
   */
  "archives-credential-dir": (_p, inv, ctx, parsed) => {
    const all = archived(inv, parsed, inv.cwd ?? [ctx.cwd], ctx) ?? [];
    const hits = new Set<Word>();
    for (const { operands, output } of all) {
      for (const { word, dir } of operands) {
        const abs = word.dynamic && !word.candidates?.length ? undefined : absolutePath(word, dir, ctx);
        if (abs === undefined) continue;
        const found = holdsCredentials(posix.normalize(abs), ctx);
        if (found === "credentials" || (found === "contains-credentials" && leaves(output, inv))) hits.add(word);
      }
    }
    return [...hits];
  },
};
