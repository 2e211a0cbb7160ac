// A unified diff of two texts, for `--dry-run`: what install or uninstall would change, line by line.

type Op = { kind: " " | "-" | "+"; line: string };

/** Past this many line pairs the diff shows the whole file replaced instead of searching for the shortest edit. */
const MAX_CELLS = 4_000_000;

/** Marks a last line without a newline, so it differs from the same line with one (as in `diff -u`). */
const NO_EOL = "\u0000";

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** Longest common subsequence by dynamic programming: config files are small. */
function lineOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((line) => ({ kind: "-" as const, line })), ...b.map((line) => ({ kind: "+" as const, line }))];
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) ops.push({ kind: "-", line: a[i++] });
    else ops.push({ kind: "+", line: b[j++] });
  }
  while (i < n) ops.push({ kind: "-", line: a[i++] });
  while (j < m) ops.push({ kind: "+", line: b[j++] });
  return ops;
}

export interface DiffOptions {
  /** Label of the old text (`a/...`, or /dev/null for a file that does not exist). */
  from: string;
  to: string;
  context?: number;
}

/** Empty when the texts are equal. A missing final newline is marked as in `diff -u`. */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = lineOps(a, b);
  const context = options.context ?? 3;
  const out = [`--- ${options.from}`, `+++ ${options.to}`];
  // Positions of ops, with old/new line numbers, grouped into hunks around changes.
  let oldLine = 1;
  let newLine = 1;
  const numbered = ops.map((op) => {
    const at = { ...op, oldLine, newLine };
    if (op.kind !== "+") oldLine++;
    if (op.kind !== "-") newLine++;
    return at;
  });
  const changed = numbered.map((op, idx) => (op.kind === " " ? -1 : idx)).filter((idx) => idx >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = Math.min(numbered.length - 1, changed[k] + context);
    while (k + 1 < changed.length && changed[k + 1] - context <= end + 1) {
      k++;
      end = Math.min(numbered.length - 1, changed[k] + context);
    }
    const hunk = numbered.slice(start, end + 1);
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    const oldStart = oldCount === 0 ? hunk[0].oldLine - 1 : hunk.find((op) => op.kind !== "+")!.oldLine;
    const newStart = newCount === 0 ? hunk[0].newLine - 1 : hunk.find((op) => op.kind !== "-")!.newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of hunk) {
      if (op.line.endsWith(NO_EOL)) out.push(`${op.kind}${op.line.slice(0, -1)}`, "\\ No newline at end of file");
      else out.push(`${op.kind}${op.line}`);
    }
    k++;
  }
  return `${out.join("\n")}\n`;
}
