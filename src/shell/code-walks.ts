// What deleting the paths a glob or directory walk yields amounts to as a shell command, so the shell's rules judge it.

/** How a call reaches paths: from a directory (`os.walk`, `os.listdir`, `iterdir()`), or by a glob pattern. */
export type Walk = "directory" | "pattern";

const GLOB_CHARS = /[*?[]/;

/**
 * The argv that deletes what a walk reaches, with the indexes of its words that are globs to expand. Whatever the
 * code's delete function, it is judged as `rm -rf`, since the code may recurse or take directories with it:
 * - a directory (`os.walk("data")`, `os.listdir("data")`, `glob("data/*")`): `rm -rf data` — a listing reaches dot
 *   files too, which the shell's `data/*` would not;
 * - a pattern below every depth (`rglob("*.pyc")`, `glob("src/**\/*.js")`): `find src -name '*.js' -exec rm -rf {} +`,
 *   judged by the names it selects (`*.pyc` is build output, `*.js` may hold uncommitted edits);
 * - any other pattern (`glob("src/*.py")`): `rm -rf src/*.py` with the pattern expanded, as the shell's is.
 */
export function walkDelete(root: string, walk: Walk): { argv: string[]; globs?: number[] } {
  // `~/**/*` and `data/*` name every entry under the directory: the directory itself.
  const tree = root.replace(/(?:\/(?:\*+|\.\*))+$/, "") || (root.startsWith("/") ? "/" : ".");
  if (walk === "directory") return { argv: ["rm", "-rf", "--", tree] };
  const deep = /^(?:(.*)\/)?\*\*\/([^/]+)$/.exec(tree);
  if (deep && !GLOB_CHARS.test(deep[1] ?? "")) return { argv: ["find", deep[1] || ".", "-name", deep[2], "-exec", "rm", "-rf", "{}", "+"] };
  return GLOB_CHARS.test(tree) ? { argv: ["rm", "-rf", "--", tree], globs: [3] } : { argv: ["rm", "-rf", "--", tree] };
}
