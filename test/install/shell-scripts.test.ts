// bin/guard-shell and bin/guard-prefix run guard with a node named by absolute path: a `node` (or `dirname`, `readlink`) an agent puts first on PATH never runs.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./support/build";
import { sandbox } from "./support/sandbox";

beforeAll(() => ensureBuilt(), 180_000);

/** A copy of this checkout's scripts, launcher and bundle; `nodePath` is what dist/node-path records, if anything. */
function checkout(root: string, nodePath?: string): string {
  const dir = join(root, "checkout");
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "dist"), { recursive: true });
  for (const f of ["guard", "guard-shell", "guard-prefix", "guard-node.sh"]) copyFileSync(resolve("bin", f), join(dir, "bin", f));
  for (const f of ["guard.cjs", "builtin-rules.dat"]) copyFileSync(resolve("dist", f), join(dir, "dist", f));
  spawnSync("chmod", ["+x", ...["guard", "guard-shell", "guard-prefix"].map((f) => join(dir, "bin", f))]);
  if (nodePath !== undefined) writeFileSync(join(dir, "dist", "node-path"), `${nodePath}\n`);
  return dir;
}

/** A PATH whose first directory holds stand-ins that leave a mark and exit 0 (= "ran fine, nothing to say"). */
function shadowedPath(root: string): { path: string; mark: string } {
  const bin = join(root, "local-bin");
  const mark = join(root, "shadow-ran");
  mkdirSync(bin, { recursive: true });
  for (const name of ["node", "env", "dirname", "readlink"]) writeFileSync(join(bin, name), `#!/bin/sh\necho ${name} >> ${mark}\nexit 0\n`, { mode: 0o755 });
  return { path: `${bin}:${process.env.PATH}`, mark };
}

const cases = [["recorded in dist/node-path", process.execPath], ["not recorded (falls back to the system's node)", undefined]] as const;

describe.each(cases)("node %s", (_name, recorded) => {
  const hasSystemNode = ["/usr/local/bin/node", "/usr/bin/node", "/opt/homebrew/bin/node"].some(existsSync);

  it.runIf(recorded !== undefined || hasSystemNode)("guard-shell checks the command with guard, not with the node on PATH", () => {
    const box = sandbox();
    const dir = checkout(box.root, recorded);
    const { path, mark } = shadowedPath(box.root);
    const env = { ...box.env, PATH: path, NODE_OPTIONS: `--require ${join(box.root, "nothing.js")}` };
    const ok = spawnSync(join(dir, "bin", "guard-shell"), ["-c", "echo ran"], { cwd: box.repo, env, encoding: "utf8", timeout: 30_000 });
    expect(ok.stdout, ok.stderr).toBe("ran\n");
    // guard refuses, so the canary survives.
    const canary = join(box.repo, "canary");
    writeFileSync(canary, "x");
    const refused = spawnSync(join(dir, "bin", "guard-shell"), ["-c", `rm -rf ${box.repo}/.git`], { cwd: box.repo, env: { ...env, GUARD_NO_TTY: "1" }, encoding: "utf8", timeout: 30_000 });
    expect(refused.status).not.toBe(0);
    expect(existsSync(join(box.repo, ".git"))).toBe(true);
    const prefixed = spawnSync(join(dir, "bin", "guard-prefix"), ["echo via-prefix"], { cwd: box.repo, env, encoding: "utf8", timeout: 30_000 });
    expect(prefixed.stdout, prefixed.stderr).toBe("via-prefix\n");
    expect(existsSync(mark)).toBe(false);
  }, 60_000);
});

it("with no node recorded or found, guard-shell refuses (exit 126) instead of searching PATH", () => {
  const box = sandbox();
  const dir = checkout(box.root, "/nonexistent/node");
  // Make the fallbacks unreachable: the script is only looked at for a node in its own tree here.
  const script = join(dir, "bin", "guard-node.sh");
  writeFileSync(script, readFileSync(script, "utf8").replace(/ \/usr\/local\/bin\/node \/usr\/bin\/node \/opt\/homebrew\/bin\/node/, ""));
  const { path, mark } = shadowedPath(box.root);
  const r = spawnSync(join(dir, "bin", "guard-shell"), ["-c", "echo ran"], { cwd: box.repo, env: { ...box.env, PATH: path }, encoding: "utf8", timeout: 30_000 });
  expect(r.status).toBe(126);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/no node found/);
  expect(existsSync(mark)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});
