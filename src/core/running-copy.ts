// Where the running copy of guard is installed: its package root and the parts of it that run (launchers, bundle, code cache, rules, plugins), and the node running it.
import { posix } from "node:path";

/**
 * The package root of this copy, from where this module runs: the bundle in `<root>/dist/`, the sources
 * (tests) in `<root>/src/core/`. Pure string work: evaluation stays free of file reads.
 */
export function runningPackageRoot(dir: string = __dirname): string {
  const here = posix.resolve(dir);
  return here.endsWith("/src/core") ? posix.resolve(here, "../..") : posix.resolve(here, "..");
}

/**
 * The parts of the package that decide what guard does: the launchers, the bundle and the V8 code cache
 * beside it (bin/guard trusts a cache that fits the bundle's length), the compiled rules, the rule files,
 * the OpenCode plugin and package.json (its `bin` and `main`). Not the sources: a checkout of guard
 * stays editable, and its edits only run after a build, which writes dist/.
 */
export const RUNNING_PARTS: readonly { path: string; dir: boolean }[] = [
  { path: "bin", dir: true },
  { path: "dist", dir: true },
  { path: "rules", dir: true },
  { path: "plugins", dir: true },
  { path: "package.json", dir: false },
];

/** The running copy's parts as absolute paths, and the node binary running guard (under ~/.nvm it is the user's to overwrite). */
export function runningCopyPaths(root: string = runningPackageRoot(), nodePath: string = process.execPath): { path: string; dir: boolean }[] {
  return [...RUNNING_PARTS.map((p) => ({ path: posix.join(root, p.path), dir: p.dir })), { path: nodePath, dir: false }];
}

/** The launchers npm and guard install into bin directories (`~/.local/bin/guard`, `node_modules/.bin/guard-shell`). */
export const LAUNCHER_NAMES: readonly string[] = ["guard", "guard-shell", "guard-prefix"];
