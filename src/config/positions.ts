// Where in a config file a problem is: the line and column of a YAML syntax error, or of the key a message names.
import type { Document, LineCounter } from "yaml";

export interface Position {
  line: number;
  column: number;
}

type Yaml = typeof import("yaml");

function yaml(): Yaml {
  return require("yaml") as Yaml;
}

/** The document and its line counter, or the first syntax error's position and message. */
export function parseWithPositions(text: string): { doc: Document; counter: LineCounter; syntax?: { position: Position; message: string } } {
  const { LineCounter: Counter, parseDocument } = yaml();
  const counter = new Counter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const first = doc.errors[0];
  if (!first) return { doc, counter };
  const { line, col } = counter.linePos(first.pos[0]);
  return { doc, counter, syntax: { position: { line, column: col }, message: first.message.split("\n")[0] } };
}

/**
 * The key path a config message starts with: `rules.git.force-push must be…` → [rules, git.force-push];
 * "unknown key `foo`" → [foo]; "unknown isolation key `x`" → [isolation, x]. Rule ids hold dots, so
 * the segments after `rules` and `agents.NAME.rules` stay one key.
 */
export function keyPathOf(message: string): string[] | undefined {
  const unknown = /^unknown (?:(\w+) )?key `([^`]+)`/.exec(message);
  if (unknown) return unknown[1] ? [unknown[1], unknown[2]] : [unknown[2]];
  const m = /^(?:the project file may only set )?([a-z_]+(?:\.[A-Za-z0-9_*/.-]+)?)/.exec(message);
  if (!m) return undefined;
  const parts = m[1].split(".");
  if (parts[0] === "rules" && parts.length > 1) return ["rules", parts.slice(1).join(".")];
  if (parts[0] === "agents" && parts[2] === "rules" && parts.length > 3) return [...parts.slice(0, 3), parts.slice(3).join(".")];
  return parts;
}

/** The position of the deepest node on `path` that exists in the document (the whole key when it does). */
export function positionOf(doc: Document, counter: LineCounter, path: string[]): Position | undefined {
  const { isMap, isNode } = yaml();
  let node: unknown = doc.contents;
  let found: Position | undefined;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => (isNode(p.key) ? String((p.key as { value?: unknown }).value) : String(p.key)) === key);
    if (!pair) break;
    const range = isNode(pair.key) ? pair.key.range : undefined;
    if (range) {
      const { line, col } = counter.linePos(range[0]);
      found = { line, column: col };
    }
    node = pair.value;
  }
  return found;
}
