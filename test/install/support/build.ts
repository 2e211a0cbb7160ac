// Test support: make sure dist/ is built from the current sources, and find a guard launcher that has the install commands.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Tests run from the repository root (as test/helpers/guard.ts assumes). */
const ROOT = resolve(".");
const LOCK = join(ROOT, "dist", ".test-build-lock");

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

function distIsCurrent(): boolean {
  const outputs = ["dist/guard.cjs", "dist/index.cjs"].map((p) => join(ROOT, p));
  if (!outputs.every(existsSync)) return false;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return ["src", "rules", "scripts", "package.json"].every((p) => newestMtime(join(ROOT, p)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ with scripts/build.mjs when a source is newer than the bundles. Test files run in parallel
 * and other tests read dist/ while they run: one builder at a time (a lock directory), and no rebuild at
 * all when `npm test` has just built it.
 */
export function ensureBuilt(): void {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    if (distIsCurrent()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      if (waited > 120_000) rmSync(LOCK, { recursive: true, force: true });
      sleep(100);
      continue;
    }
    try {
      if (!distIsCurrent()) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

let launcher: string | undefined;

/**
 * bin/guard when its main registers `pre-push` (and install, doctor); until then a test bundle of guard's
 * main plus those commands, laid out like a checkout (bin/, dist/, rules/) in a temp directory.
 */
export function guardWithInstall(): { guardBin: string; wired: boolean } {
  ensureBuilt();
  const real = join(ROOT, "bin", "guard");
  // Nothing on stdin is nothing to push: exit 0 when the command exists, a usage error when it does not.
  const state = mkdtempSync(join(tmpdir(), "guard-probe-state-"));
  const env = { ...process.env, XDG_STATE_HOME: state, GUARD_AUDIT_LOG: join(state, "audit.jsonl") };
  const probe = spawnSync(process.execPath, [real, "pre-push", "origin"], { encoding: "utf8", input: "", env });
  rmSync(state, { recursive: true, force: true });
  if (probe.status === 0) return { guardBin: real, wired: true };
  if (!launcher) {
    const dir = mkdtempSync(join(tmpdir(), "guard-wired-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const checkout = join(dir, "guard");
    mkdirSync(join(checkout, "bin"), { recursive: true });
    // Without precompiled rules, guard reads rules/ two levels above its bundle, as in development.
    symlinkSync(join(ROOT, "rules"), join(dir, "rules"));
    symlinkSync(join(ROOT, "plugins"), join(checkout, "plugins"));
    execFileSync(process.execPath, ["-e", `require("esbuild").buildSync(${JSON.stringify({
      entryPoints: [join(ROOT, "test/install/support/wired-cli.ts")], outfile: join(checkout, "dist", "guard.cjs"),
      bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning",
    })})`], { cwd: ROOT, stdio: "inherit" });
    writeFileSync(join(checkout, "bin", "guard"), "#!/usr/bin/env node\nrequire(\"../dist/guard.cjs\");\n", { mode: 0o755 });
    launcher = join(checkout, "bin", "guard");
  }
  return { guardBin: launcher, wired: false };
}
