// The hook reads its payload from fd 0 with plain non-blocking reads: every kind of stdin an agent gives, slow writers, and the size cap.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARD, sandbox } from "../helpers/guard";

const payload = (command: string, cwd: string) => JSON.stringify({ session_id: "s", cwd, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command } });

/** The hook with a socket-pair stdin (what node's spawn gives), written in `parts` with `gapMs` between them. */
async function slowWriter(parts: string[], gapMs: number, box: ReturnType<typeof sandbox>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: box.env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on("exit", done));
  for (const part of parts) {
    await new Promise((r) => setTimeout(r, gapMs));
    child.stdin.write(part);
  }
  child.stdin.end();
  return { code: await exited, stdout, stderr };
}

describe("the hook's payload on stdin", () => {
  it("waits for a writer that starts late and writes in pieces (socket pair)", async () => {
    const box = sandbox();
    const text = payload("rm -rf /", box.repo);
    const parts = [text.slice(0, 10), text.slice(10, 40), text.slice(40)];
    const r = await slowWriter(parts, 150, box);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"permissionDecision":"deny"');
    expect(r.stdout).toContain("fs.rm-recursive-catastrophic");
  });

  it("gives the same answer from a FIFO, a regular file and a socket pair", () => {
    const box = sandbox();
    const text = payload("git push --force origin main", box.repo);
    const file = join(box.root, "payload.json");
    writeFileSync(file, text);
    const fifo = join(box.root, "payload.fifo");
    spawnSync("mkfifo", [fifo]);
    const run = (script: string) => spawnSync("sh", ["-c", script, "sh", process.execPath, GUARD, file, fifo], { cwd: box.repo, env: box.env, encoding: "utf8" });
    const fromFile = run('"$1" "$2" hook claude-code < "$3"');
    const fromFifo = run('(sleep 0.2; cat "$3") > "$4" & "$1" "$2" hook claude-code < "$4"');
    const fromSocket = spawnSync(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: box.env, input: text, encoding: "utf8" });
    for (const r of [fromFile, fromFifo, fromSocket]) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('"permissionDecision":"deny"');
    }
    expect(fromFifo.stdout).toBe(fromSocket.stdout);
    expect(fromFile.stdout).toBe(fromSocket.stdout);
  });

  it("refuses a payload over the size cap, and an empty one, without allowing", () => {
    const box = sandbox();
    const big = payload(`echo ${"a".repeat(1_100_000)}`, box.repo);
    const r = spawnSync(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: box.env, input: big, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    expect(r.stdout).toContain('"permissionDecision":"deny"');
    expect(r.stdout).toContain("larger than");
    const empty = spawnSync(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: box.env, input: "", encoding: "utf8" });
    expect(empty.stdout).toContain('"permissionDecision":"deny"');
  });

  it("still allows an everyday command read this way", () => {
    const box = sandbox();
    const r = spawnSync(process.execPath, [GUARD, "hook", "claude-code"], { cwd: box.repo, env: box.env, input: payload("git status", box.repo), encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('"permissionDecision":"deny"');
  });
});
