// Edits a JSON file as text, so everything guard does not touch keeps its exact bytes: formatting, spacing, key order, number spelling.

export type JsonNode =
  | { kind: "object"; start: number; end: number; members: JsonMember[] }
  | { kind: "array"; start: number; end: number; members: JsonMember[] }
  | { kind: "value"; start: number; end: number };

/** A property (with key) or an array item; `start`..`end` spans the key (if any) through the value. */
export interface JsonMember {
  key?: string;
  start: number;
  end: number;
  value: JsonNode;
}

/** Parses text that JSON.parse has already accepted, keeping every node's offsets. */
export function parseTree(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\n\r]/.test(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const node = (): JsonNode => {
    ws();
    const start = i;
    if (text[i] === "{" || text[i] === "[") {
      const kind = text[i] === "{" ? "object" : "array";
      const close = kind === "object" ? "}" : "]";
      const members: JsonMember[] = [];
      i++;
      ws();
      while (text[i] !== close) {
        ws();
        const mStart = i;
        let key: string | undefined;
        if (kind === "object") {
          key = str();
          ws();
          i++; // the colon
        }
        const value = node();
        members.push({ key, start: mStart, end: value.end, value });
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
      return { kind, start, end: i, members };
    }
    if (text[i] === '"') {
      str();
      return { kind: "value", start, end: i };
    }
    while (i < text.length && !/[,\]} \t\n\r]/.test(text[i])) i++;
    return { kind: "value", start, end: i };
  };
  return node();
}

/** The member of an object with this key. */
export function member(node: JsonNode, key: string): JsonMember | undefined {
  return node.kind === "object" ? node.members.find((m) => m.key === key) : undefined;
}

/** The indentation unit of the file (its first indented line), two spaces when it has none. */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1] : "  ";
}

function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function multiline(text: string, node: JsonNode): boolean {
  return text.slice(node.start, node.end).includes("\n");
}

/** The indentation of the container's members: as its first member has it, else one unit deeper than the container's line. */
function memberIndent(text: string, container: JsonNode & { members: JsonMember[] }): string {
  const first = container.members[0];
  if (first) {
    const gap = text.slice(container.start + 1, first.start);
    if (gap.includes("\n")) return gap.slice(gap.lastIndexOf("\n") + 1);
  }
  return lineIndent(text, container.start) + indentUnit(text);
}

function render(key: string | undefined, value: unknown, indent: string, unit: string, pretty: boolean): string {
  const json = pretty ? JSON.stringify(value, null, unit).replace(/\n/g, `\n${indent}`) : JSON.stringify(value);
  return key === undefined ? json : `${JSON.stringify(key)}: ${json}`;
}

/** Adds a member at the end (or the start) of an object or array, formatted like its neighbours. */
export function insertMember(text: string, container: JsonNode, entry: { key?: string; value: unknown }, at: "start" | "end" = "end"): string {
  if (container.kind === "value") throw new Error("not a container");
  const unit = indentUnit(text);
  const members = container.members;
  if (members.length === 0) {
    // An empty container: pretty when the file is (one line per member), as `{}` becomes in JSON.stringify.
    const pretty = text.includes("\n");
    const outer = lineIndent(text, container.start);
    const inner = outer + unit;
    const body = pretty ? `\n${inner}${render(entry.key, entry.value, inner, unit, true)}\n${outer}` : render(entry.key, entry.value, "", unit, false);
    return text.slice(0, container.start + 1) + body + text.slice(container.end - 1);
  }
  const pretty = multiline(text, container);
  const indent = memberIndent(text, container);
  const rendered = render(entry.key, entry.value, indent, unit, pretty);
  if (at === "end") {
    const last = members[members.length - 1];
    const piece = pretty ? `,\n${indent}${rendered}` : `, ${rendered}`;
    return text.slice(0, last.end) + piece + text.slice(last.end);
  }
  const first = members[0];
  const piece = pretty ? `${rendered},\n${indent}` : `${rendered}, `;
  return text.slice(0, first.start) + piece + text.slice(first.start);
}

/** Removes one member with its comma; the last member leaves an empty `{}` / `[]`. */
export function removeMember(text: string, container: JsonNode, index: number): string {
  if (container.kind === "value") throw new Error("not a container");
  const members = container.members;
  const m = members[index];
  if (members.length === 1) {
    const open = container.start + 1;
    const close = container.end - 1;
    return text.slice(0, open) + text.slice(close);
  }
  if (index < members.length - 1) return text.slice(0, m.start) + text.slice(members[index + 1].start);
  return text.slice(0, members[index - 1].end) + text.slice(m.end);
}
