// `mv src /tmp/trash && rm -rf /tmp/trash`: a delete of where an earlier mv put something deletes what was moved, judged as that delete of `src`.
import type { Invocation, Word } from "./model";
import { literalWord } from "./words";

/** Programs whose operands are deleted: a moved tree deleted by them is gone. */
const DELETERS = new Set(["rm", "rimraf", "srm", "wipe", "shred", "trash", "gio"]);

/** At most this many moves are remembered per command text. */
const MAX_MOVES = 64;

interface Move {
  /** The destination as written, without trailing slashes. */
  dest: string;
  /** The mv invocation (its directory and span) and the words it moved. */
  mv: Invocation;
  sources: Word[];
}

const trim = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/** The plain operands of an mv or delete: words after the options (`--` ends them), `-t DIR` apart. */
function operands(inv: Invocation): { words: Word[]; target?: Word } {
  const words: Word[] = [];
  let target: Word | undefined;
  let options = true;
  for (let i = 1; i < inv.argv.length; i++) {
    const w = inv.argv[i];
    if (options && w.value === "--") options = false;
    else if (options && (w.value === "-t" || w.value === "--target-directory")) target = inv.argv[++i];
    else if (options && w.value.startsWith("--target-directory=")) target = { ...w, value: w.value.slice(19) };
    else if (options && w.value.startsWith("-") && w.value !== "-") continue;
    else words.push(w);
  }
  return { words, target };
}

/** Remembers where mv put things, and turns a later delete of that place into a delete of the sources. */
export class MovedThenDeleted {
  private readonly moves: Move[] = [];

  /** Records `inv` when it is an mv; when it deletes a path some earlier mv moved things to, the same delete of those things. */
  follow(inv: Invocation): Invocation[] {
    if (inv.program === "mv") {
      const { words, target } = operands(inv);
      const dest = target ?? words.at(-1);
      const sources = target ? words : words.slice(0, -1);
      if (dest && !dest.dynamic && sources.length && this.moves.length < MAX_MOVES) this.moves.push({ dest: trim(dest.value), mv: inv, sources });
      return [];
    }
    if (!DELETERS.has(inv.program) || this.moves.length === 0) return [];
    const out: Invocation[] = [];
    for (const word of operands(inv).words) {
      if (word.dynamic) continue;
      const deleted = trim(word.value);
      // The destination itself, a directory holding it, or the moved thing inside it (`rm -rf /tmp/trash/src`).
      const hit = this.moves.filter((m) => deleted === m.dest || m.dest.startsWith(`${deleted}/`) || deleted.startsWith(`${m.dest}/`));
      for (const m of hit) {
        this.moves.splice(this.moves.indexOf(m), 1);
        // The same delete, with its own options (`rm -rf`, `rm -f`, rimraf), of the moved words where the mv ran.
        const options = inv.argv.slice(1).filter((w) => w.value.startsWith("-") && w.value !== "--" && w.value !== "-");
        const argv = [inv.argv[0], ...options, literalWord("--", inv.span), ...m.sources];
        out.push({ ...m.mv, program: inv.program, argv, redirects: [], stdin: undefined, via: [...inv.via, { wrapper: `mv ${m.sources.map((s) => s.raw).join(" ")} ${m.dest}, then ${inv.program}`, span: inv.span }], span: inv.span });
      }
    }
    return out;
  }
}
