// An audit trail the agent cannot erase: records also go to a local syslog socket and a mirror; truncation shows in guard log --verify.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardNoTty, sandbox } from "../helpers/guard";

/** A syslog-style unix datagram socket (python: node cannot open one) that writes each message it receives to a file. */
async function syslogListener(socket: string, out: string) {
  const code = [
    "import socket, sys",
    "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
    `s.bind(${JSON.stringify(socket)})`,
    "print('ready', flush=True)",
    `f = open(${JSON.stringify(out)}, 'ab', buffering=0)`,
    "while True:",
    "    data = s.recv(65536)",
    "    f.write(data.replace(b'\\n', b' ') + b'\\n')",
  ].join("\n");
  const child = spawn("python3", ["-c", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return child;
}

describe("audit copies", () => {
  it("sends one record per verdict to a local syslog socket", async () => {
    const { root, repo, env } = sandbox();
    const socket = join(root, "log.sock");
    const received = join(root, "received.txt");
    const listener = await syslogListener(socket, received);
    try {
      writeFileSync(join(root, "user.yaml"), `audit:\n  syslog: ${JSON.stringify(socket)}\n`);
      const configured = { ...env, GUARD_CONFIG: join(root, "user.yaml") };
      guardNoTty(["check", "ls"], { cwd: repo, env: configured });
      guardNoTty(["check", "rm -rf /"], { cwd: repo, env: configured });
      guardNoTty(["exec", "true"], { cwd: repo, env: configured });
      await new Promise((r) => setTimeout(r, 300));
      const lines = readFileSync(received, "utf8").trim().split("\n");
      // check, check, and exec's two records: one before the command ran, one after.
      expect(lines).toHaveLength(4);
      expect(lines[2]).toContain('"phase":"start"');
      expect(lines[1]).toContain('"decision":"deny"');
      expect(lines[1]).toContain("guard");
    } finally {
      listener.kill();
    }
  });

  it("keeps a mirror; truncating the local log makes guard log --verify fail", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "user.yaml"), `audit:\n  mirror: ${JSON.stringify(join(root, "mirror.jsonl"))}\n`);
    const configured = { ...env, GUARD_CONFIG: join(root, "user.yaml") };
    for (const command of ["ls", "git status", "rm -rf /"]) guardNoTty(["check", command], { cwd: repo, env: configured });
    const ok = guardNoTty(["log", "--verify"], { cwd: repo, env: configured });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("matches the mirror");
    // The agent erases its last record: the local chain is still valid, but the mirror shows the gap.
    const local = readFileSync(env.GUARD_AUDIT_LOG, "utf8").trim().split("\n");
    writeFileSync(env.GUARD_AUDIT_LOG, `${local.slice(0, -1).join("\n")}\n`);
    const truncated = guardNoTty(["log", "--verify"], { cwd: repo, env: configured });
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/missing from .*truncated or removed/);
  });
});
