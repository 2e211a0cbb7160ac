// Records the absolute path of the node running guard beside the bundle (dist/node-path), so bin/guard-shell and bin/guard-prefix never look node up on PATH.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** dist/node-path of the checkout or package that holds this bin/guard. */
export function nodePathFile(guardBin: string): string {
  return join(dirname(guardBin), "..", "dist", "node-path");
}

/**
 * Writes the path when it differs from what is recorded. Best effort: a read-only (root-owned) install
 * keeps its file or has none, and the scripts then fall back to node beside the npm prefix or in the
 * system directories; they never search PATH, where an agent can put its own `node`.
 */
export function recordNodePath(context: { nodePath: string; guardBin: string }): void {
  const file = nodePathFile(context.guardBin);
  try {
    if (readFileSync(file, "utf8").trim() === context.nodePath) return;
  } catch {
    // Not recorded yet.
  }
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${context.nodePath}\n`);
    renameSync(tmp, file);
  } catch {
    // Read-only install: see above.
  }
}
