// Runs a TypeScript script of this repository (scripts/*.ts) by bundling it with esbuild first: no ts runtime needed.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [entry, ...args] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "guard-script-"));
const outfile = join(dir, "script.cjs");
await build({ entryPoints: [resolve(entry)], bundle: true, platform: "node", format: "cjs", target: "node20", outfile, logLevel: "warning",
  define: { __dirname: JSON.stringify(resolve("src/rules")) } });
process.argv = [process.argv[0], outfile, ...args];
try {
  createRequire(import.meta.url)(outfile);
} finally {
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
