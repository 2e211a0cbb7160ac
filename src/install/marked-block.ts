// guard's block in a shell startup file, between `# >>> guard >>>` and `# <<< guard <<<`: added, replaced or removed, nothing else touched.
import type { FileEdit } from "./file-edit";

export const BLOCK_START = "# >>> guard >>>";
export const BLOCK_END = "# <<< guard <<<";

/** The block's line range [start, end] in `lines`, or undefined; an unterminated block is not guard's to touch. */
function findBlock(lines: string[]): [number, number] | undefined {
  const start = lines.findIndex((l) => l.trimEnd() === BLOCK_START);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.trimEnd() === BLOCK_END);
  return end < 0 ? undefined : [start, end];
}

export function hasBlock(text: string): boolean {
  return findBlock(text.split("\n")) !== undefined;
}

/** The block's body (between the markers), for doctor. */
export function blockBody(text: string): string | undefined {
  const lines = text.split("\n");
  const range = findBlock(lines);
  return range ? lines.slice(range[0] + 1, range[1]).join("\n") : undefined;
}

/** Appends the block, or replaces guard's block where it is. */
export function withBlock(current: string | undefined, body: string): string {
  const block = `${BLOCK_START}\n${body.replace(/\n$/, "")}\n${BLOCK_END}`;
  const text = current ?? "";
  const lines = text.split("\n");
  const range = findBlock(lines);
  if (range) {
    lines.splice(range[0], range[1] - range[0] + 1, ...block.split("\n"));
    return lines.join("\n");
  }
  // A blank line before the block, so it reads as its own section.
  const separator = text === "" ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return `${text}${separator}${block}\n`;
}

/** Removes guard's block (and the blank line install put before it). */
export function withoutBlock(current: string): string {
  const lines = current.split("\n");
  const range = findBlock(lines);
  if (!range) return current;
  let start = range[0];
  lines.splice(start, range[1] - start + 1);
  // The blank line install put before the block goes with it.
  if (start > 0 && lines[start - 1] === "" && start < lines.length) {
    lines.splice(start - 1, 1);
    start -= 1;
  }
  let out = lines.join("\n");
  if (start === 0 && out.startsWith("\n")) out = out.slice(1);
  return out;
}

/** The edit for a block in a startup file the user owns (~/.bashrc, ~/.zshenv). */
export function blockEdit(options: { path: string; body: string; what: string; mode: number }): FileEdit {
  return {
    path: options.path,
    what: options.what,
    mode: options.mode,
    backup: true,
    install: (current) => withBlock(current, options.body),
    uninstall: (current, { createdByGuard }) => {
      const out = withoutBlock(current);
      return createdByGuard && out.trim() === "" ? undefined : out;
    },
    isInstalled: hasBlock,
  };
}
