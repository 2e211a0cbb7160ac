// The import graph of src/ and the structural checks over it: layer order, cycles (folder and file), one owner per
// dependency, function length. `npm run graph` prints the problems (exit 1 when there are any; `-- --functions` lists
// long functions too); test/architecture/import-graph.test.ts runs the same checks in `npm test`.
import ts from "typescript";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { resolveImport, tsFiles } from "./ts-sources";

/**
 * The pipeline, bottom to top. A module imports its own folder and folders on lower rungs only; folders sharing a
 * rung (hooks, install) stay independent. docs/architecture.md shows the same list; a test keeps the two in step.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["shell"],
  ["payloads"],
  ["rules"],
  ["config"],
  ["engine"],
  ["tester"],
  ["undo"],
  ["act"],
  ["report"],
  ["hooks", "install"],
  ["cli"],
  ["index.ts"],
];

/** A dependency with a narrow job has one importing module, so replacing or lazy-loading it is one edit. */
export const OWNERS: Readonly<Record<string, string>> = {
  chalk: "src/report/human.ts",
  prompts: "src/act/confirm.ts",
  minimatch: "src/core/glob.ts",
  unbash: "src/shell/parse.ts",
};

/** Longer functions are listed by functionLengths (test/architecture keeps the list to the known ones). */
export const MAX_FUNCTION_LINES = 80;

export interface Edge {
  from: string;
  line: number;
  typeOnly: boolean;
  /** `import()` or `require()`: the module loads when that code runs, not with the importer. */
  lazy: boolean;
  /** The src file imported (a relative import that resolved). */
  to?: string;
  /** The package imported (`chalk`, `@scope/name`, `node:fs`). */
  pkg?: string;
  /** A relative import that names no file. */
  unresolved?: string;
}

export interface Graph {
  files: string[];
  edges: Edge[];
}

export interface LongFunction {
  file: string;
  line: number;
  lines: number;
  name: string;
}

interface Specifier {
  spec: string;
  typeOnly: boolean;
  line: number;
  lazy?: boolean;
}

/** The folder (layer unit) of a src file: src/engine/policy.ts → engine; src/index.ts → index.ts. */
export function folderOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? parts[1] : parts[parts.length - 1];
}

/** Every module a file names: import/export … from, import x = require(), import(), require(), import("x").T. */
export function specifiers(text: string, fileName = "x.ts"): Specifier[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Specifier[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean, lazy = false) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    found.push({ spec: literal.text, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, ...(lazy ? { lazy } : {}) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, !!node.importClause?.isTypeOnly);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) add(node, node.arguments[0], false, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The src-relative path (forward slashes) of the file a relative import names. */
function resolveLocal(root: string, fromFile: string, spec: string): string | undefined {
  const target = resolveImport(join(root, fromFile), spec);
  return target === undefined ? undefined : relative(root, target).split(sep).join("/");
}

/** The graph of src/ under `root`. Type-only imports count: a cycle of types is still a cycle between the folders. */
export function buildGraph(root = process.cwd()): Graph {
  const files = tsFiles(join(root, "src")).map((f) => relative(root, f).split(sep).join("/"));
  const edges: Edge[] = [];
  for (const file of files) {
    for (const { spec, typeOnly, line, lazy } of specifiers(readFileSync(join(root, file), "utf8"), file)) {
      const edge: Edge = { from: file, line, typeOnly, lazy: lazy === true };
      if (spec.startsWith(".")) {
        const to = resolveLocal(root, file, spec);
        if (to) edge.to = to;
        else edge.unresolved = spec;
      } else {
        edge.pkg = spec.startsWith("node:") ? spec : spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");
      }
      edges.push(edge);
    }
  }
  return { files, edges };
}

const rungOf = (folder: string) => LAYERS.findIndex((rung) => rung.includes(folder));

/** Every src file that loads as soon as `file` does: its static, non-type imports, followed transitively. */
export function loadedWith(graph: Graph, file: string): Set<string> {
  const seen = new Set([file]);
  const queue = [file];
  while (queue.length) {
    const current = queue.pop()!;
    for (const edge of graph.edges) {
      if (edge.from !== current || !edge.to || edge.lazy || edge.typeOnly || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}

/** Imports that point up the pipeline or across a rung, and src folders the layer list does not place. */
export function layerViolations(graph: Graph): string[] {
  const problems: string[] = [];
  for (const folder of new Set(graph.files.map(folderOf))) {
    if (rungOf(folder) < 0) problems.push(`src/${folder} is not in the layer list (scripts/import-graph.ts LAYERS)`);
  }
  for (const edge of graph.edges) {
    if (!edge.to) continue;
    const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
    const [a, b] = [rungOf(from), rungOf(to)];
    if (from === to || a < 0 || b < 0) continue;
    if (b > a) problems.push(`${edge.from}:${edge.line} imports ${edge.to}: ${from} sits below ${to}`);
    else if (b === a) problems.push(`${edge.from}:${edge.line} imports ${edge.to}: ${from} and ${to} share a rung and stay independent`);
  }
  return problems;
}

/** Strongly connected components of more than one node (Tarjan's algorithm), each sorted. */
export function cycles(nodes: readonly string[], next: (node: string) => Iterable<string>): string[][] {
  let counter = 0;
  const stack: string[] = [];
  const info = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    const mine = { index: counter, low: counter, onStack: true };
    counter++;
    info.set(node, mine);
    stack.push(node);
    for (const to of next(node)) {
      const seen = info.get(to);
      if (!seen) {
        connect(to);
        mine.low = Math.min(mine.low, info.get(to)!.low);
      } else if (seen.onStack) mine.low = Math.min(mine.low, seen.index);
    }
    if (mine.low !== mine.index) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      info.get(top)!.onStack = false;
      component.push(top);
    } while (top !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of nodes) if (!info.has(node)) connect(node);
  return found;
}

function cyclesBy(graph: Graph, unit: (file: string) => string): string[][] {
  const next = new Map<string, Set<string>>();
  for (const file of graph.files) next.set(unit(file), new Set());
  for (const edge of graph.edges) {
    if (!edge.to) continue;
    const [a, b] = [unit(edge.from), unit(edge.to)];
    if (a !== b) next.get(a)?.add(b);
  }
  return cycles([...next.keys()], (n) => next.get(n) ?? []);
}

export const fileCycles = (graph: Graph): string[][] => cyclesBy(graph, (f) => f);
export const folderCycles = (graph: Graph): string[][] => cyclesBy(graph, folderOf);

/** Imports of an owned package from any module but its owner (type-only imports included: the owner names the type). */
export function ownerViolations(graph: Graph): string[] {
  return graph.edges
    .filter((e) => e.pkg !== undefined && OWNERS[e.pkg] !== undefined && e.from !== OWNERS[e.pkg])
    .map((e) => `${e.from}:${e.line} imports ${e.pkg}: only ${OWNERS[e.pkg!]} may`);
}

export function unresolvedImports(graph: Graph): string[] {
  return graph.edges.filter((e) => e.unresolved).map((e) => `${e.from}:${e.line} imports ${e.unresolved}, which is not a file`);
}

function functionName(node: ts.SignatureDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) return node.name.text;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "(anonymous)";
}

/** Functions (declarations, methods, arrows, function expressions) longer than `limit` lines, longest first. */
export function functionLengths(graph: Graph, limit = MAX_FUNCTION_LINES, root = process.cwd()): LongFunction[] {
  const long: LongFunction[] = [];
  for (const file of graph.files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - start + 1;
        if (lines > limit) long.push({ file, line: start + 1, lines, name: functionName(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return long.sort((a, b) => b.lines - a.lines);
}

/** Every structural problem, one line each; empty when the house is in order. */
export function problems(graph: Graph = buildGraph()): string[] {
  return [
    ...unresolvedImports(graph),
    ...layerViolations(graph),
    ...folderCycles(graph).map((c) => `folder cycle: ${c.join(" ↔ ")}`),
    ...fileCycles(graph).map((c) => `file cycle: ${c.join(" ↔ ")}`),
    ...ownerViolations(graph),
  ];
}

if (process.argv.includes("--report")) {
  const graph = buildGraph();
  const found = problems(graph);
  for (const line of found) console.log(line);
  if (process.argv.includes("--functions")) {
    for (const f of functionLengths(graph)) console.log(`long function: ${f.file}:${f.line} ${f.name} (${f.lines} lines)`);
  }
  console.log(`${graph.files.length} files, ${graph.edges.filter((e) => e.to).length} local imports: ${found.length} problem(s)`);
  process.exitCode = found.length ? 1 : 0;
}
