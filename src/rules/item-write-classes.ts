// Target class for DynamoDB's multi-item writes (`batch-write-item`, `transact-write-items`) that delete items: inline, or in the file:// the CLI reads.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";

/** The options whose value holds the requests: the API's own, and the CLI's whole-input skeletons. */
const REQUEST_OPTIONS = new Set(["--request-items", "--transact-items", "--cli-input-json", "--cli-input-yaml"]);

/** A delete among the requests: `DeleteRequest` (batch), a `Delete` entry (transaction), in JSON, YAML or the CLI's shorthand. */
const DELETES = /DeleteRequest|(?:^|[\s{[,"'])Delete["']?\s*[:=]/;

/** The request words of the command, each with its option: `--request-items VALUE` and `--request-items=VALUE`. */
function requestValues(argv: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.dynamic) continue;
    const eq = w.value.indexOf("=");
    const name = eq < 0 ? w.value : w.value.slice(0, eq);
    if (!REQUEST_OPTIONS.has(name)) continue;
    if (eq >= 0) out.push({ ...w, value: w.value.slice(eq + 1), matchText: undefined });
    else if (argv[i + 1]) out.push(argv[++i]);
  }
  return out;
}

export const ITEM_WRITE_CLASSES: Record<string, (positionals: Word[], inv: Invocation, ctx: EvalContext) => Word[] | boolean> = {
  /**
   * The request words that delete items, read from the file the AWS CLI reads for `file://` and `fileb://`. A value
   * guard cannot read (a variable, a missing file) may hold deletes: it counts, as unreadable SQL does.
   */
  "dynamodb-deletes-items": (_p, inv, ctx) =>
    requestValues(inv.argv).filter((w) => {
      if (w.dynamic) return true;
      const file = /^fileb?:\/\/(.+)$/.exec(w.value);
      const text = file ? ctx.readFile?.(file[1]) : w.value;
      return text === undefined || DELETES.test(text);
    }),
};
