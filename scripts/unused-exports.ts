// Lists exports of src/ that nothing imports (src/, test/, scripts/, the launcher), except the library's own entry: candidates for dead code.
// `node scripts/run-ts.mjs scripts/unused-exports.ts --report` prints them; test/architecture/dead-code.test.ts keeps dead ones out.
import ts from "typescript";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { resolveImport, tsFiles } from "./ts-sources";

/** The names code takes from `import("./m")`: `(await import(…)).x`, `const { x, y } = await import(…)`; else everything. */
function namesTaken(call: ts.CallExpression): string[] {
  const awaited = ts.isAwaitExpression(call.parent) ? call.parent : undefined;
  const outer = awaited && ts.isParenthesizedExpression(awaited.parent) ? awaited.parent : undefined;
  if (outer && ts.isPropertyAccessExpression(outer.parent)) return [outer.parent.name.text];
  if (awaited && ts.isVariableDeclaration(awaited.parent) && ts.isObjectBindingPattern(awaited.parent.name)) {
    return awaited.parent.name.elements.map((el) => ((el.propertyName ?? el.name) as ts.Identifier).text);
  }
  return ["*"];
}

/** `file name` for every exported declaration of src/ that no other module imports by name, and that its own file does not use. */
export function unusedExports(root = process.cwd()): string[] {
  const sources = tsFiles(join(root, "src"));
  const readers = [...sources, ...tsFiles(join(root, "test")), ...tsFiles(join(root, "scripts"))];
  const exported = new Map<string, Set<string>>();
  const used = new Map<string, Set<string>>();
  const use = (file: string, name: string) => {
    if (!used.has(file)) used.set(file, new Set());
    used.get(file)!.add(name);
  };
  for (const file of readers) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith(".")) {
        const target = resolveImport(file, node.moduleSpecifier.text);
        if (target) {
          const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
          const named = ts.isImportDeclaration(node) ? clause?.namedBindings : node.exportClause;
          if (named && (ts.isNamedImports(named) || ts.isNamedExports(named))) for (const el of named.elements) use(target, (el.propertyName ?? el.name).text);
          else use(target, "*");
          if (clause?.name) use(target, "default");
        }
      }
      // `const { x } = await import("./m")`: every destructured name is used; a bare import() uses everything.
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        const target = resolveImport(file, node.arguments[0].text);
        if (target) for (const name of namesTaken(node)) use(target, name);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (!file.startsWith(join(root, "src"))) continue;
    const names = new Set<string>();
    for (const statement of source.statements) {
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
      if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) ts.isIdentifier(d.name) && names.add(d.name.text);
      else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) names.add(statement.name.text);
    }
    exported.set(file, names);
  }
  // The launcher (bin/guard, plain JavaScript) calls the CLI bundle's exports by name: `mod.exports.warmCodeCache`.
  for (const m of readFileSync(join(root, "bin", "guard"), "utf8").matchAll(/\bexports\.(\w+)/g)) use(join(root, "src", "cli", "main.ts"), m[1]);
  const unused: string[] = [];
  const library = join(root, "src/index.ts");
  for (const [file, names] of exported) {
    if (file === library) continue;
    const importers = used.get(file) ?? new Set();
    if (importers.has("*")) continue;
    const text = readFileSync(file, "utf8");
    for (const name of names) {
      if (importers.has(name)) continue;
      // Used inside its own file: the export keyword is extra, not the code.
      const own = text.match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
      unused.push(`${relative(root, file).split(sep).join("/")} ${name}${own > 1 ? " (used in its file)" : ""}`);
    }
  }
  return unused.sort();
}

if (process.argv.includes("--report")) for (const line of unusedExports()) console.log(line);
