// The TypeScript files under a folder and where a relative import among them lands: shared by the import-graph and unused-export checks.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Every .ts/.mts/.cts file under `dir` (declaration files left out), sorted. */
export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (/\.[mc]?ts$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

/** The file a relative import `spec` in the file `from` names (`./x`, `./x.js`, `./dir` → its index.ts); undefined when none. */
export function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
