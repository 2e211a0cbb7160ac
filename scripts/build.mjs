// Builds dist/guard.cjs (the CLI) and dist/index.cjs (the library): one CommonJS bundle each, rules precompiled into dist/builtin-rules.dat.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

// Minified: a smaller bundle is read, hashed and compiled faster on every start. Names are not kept:
// keepNames wraps every function in a defineProperty call at load (about 3% of a check's instructions).
// The bundled libraries that read constructor.name use it for an error's `name` (commander, which guard
// reads by `code`) and to tell select prompts apart (prompts; guard asks only text and password prompts).
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", absWorkingDir: root, minify: true, keepNames: false };

// 1. Validate and serialise the built-in rules with the same loader guard uses for user rules.
const precompiler = join(dist, ".precompile-rules.cjs");
await build({ ...common, minify: false, entryPoints: ["scripts/precompile-rules.ts"], outfile: precompiler, define: { __dirname: JSON.stringify(join(root, "src/rules")) } });
try {
  const compiled = require(precompiler).precompile();
  writeFileSync(join(dist, "builtin-rules.dat"), compiled.rules);
  writeFileSync(join(dist, "rule-examples.json"), compiled.examples);
} catch (err) {
  console.error(`guard build: the built-in rules are invalid:\n${err.message}`);
  process.exit(1);
} finally {
  rmSync(precompiler, { force: true });
}

const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
// The rules stay out of the bundle (dist/builtin-rules.dat, read and parsed per program on demand): a smaller bundle and code cache load faster on every start.
const define = { __GUARD_BUILTIN_RULES__: "true", __GUARD_VERSION__: JSON.stringify(version) };

// 2. The CLI and the library, each a single file: an ESM entry or many files cost start-up time.
await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: join(dist, "guard.cjs"), define });
// One non-ASCII character (esbuild keeps them raw in regular expression literals) makes V8 hold the whole
// bundle as a two-byte string: twice the memory to decode, scan and compile on every start. Write them as \u escapes.
// bin/guard also relies on it: it reads the bundle as latin1, which is only the same text for ASCII.
const bundleText = readFileSync(join(dist, "guard.cjs"), "utf8");
const at = bundleText.search(/[^\x00-\x7f]/);
if (at >= 0) {
  const text = bundleText;
  console.error(`guard build: dist/guard.cjs has a non-ASCII character near ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}; write it as a \\u escape in the source`);
  process.exit(1);
}
// The node that built this checkout, for bin/guard-shell and bin/guard-prefix (which never look node up on
// PATH). Not in the package's files: an installed package gets its own from `guard install`.
writeFileSync(join(dist, "node-path"), `${process.execPath}\n`);
// A new bundle invalidates the launcher's V8 code caches.
for (const name of readdirSync(dist)) if (name.endsWith(".cache")) rmSync(join(dist, name), { force: true });
await build({ ...common, entryPoints: ["src/index.ts"], outfile: join(dist, "index.cjs"), define });

// 3. The man page, from the same command tree as --help (so the two cannot drift).
const { execFileSync } = await import("node:child_process");
writeFileSync(join(dist, "guard.1"), execFileSync(process.execPath, [join(dist, "guard.cjs"), "man"], { encoding: "utf8" }));
