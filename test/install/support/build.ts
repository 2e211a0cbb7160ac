// Test support: make sure dist/ is built from the current sources, and give the bin/guard the install tests run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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

/** bin/guard, built from the current sources; it must register `pre-push` (the git hook's entry). */
export function guardWithInstall(): { guardBin: string } {
  ensureBuilt();
  const real = join(ROOT, "bin", "guard");
  // Nothing on stdin is nothing to push: exit 0 when the command exists.
  const state = mkdtempSync(join(tmpdir(), "guard-probe-state-"));
  const env = { ...process.env, XDG_STATE_HOME: state, GUARD_AUDIT_LOG: join(state, "audit.jsonl") };
  const probe = spawnSync(process.execPath, [real, "pre-push", "origin"], { encoding: "utf8", input: "", env });
  rmSync(state, { recursive: true, force: true });
  if (probe.status !== 0) throw new Error(`bin/guard pre-push failed (${probe.status}): ${probe.stderr}`);
  return { guardBin: real };
}
