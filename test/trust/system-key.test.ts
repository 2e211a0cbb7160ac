// The system-anchored key: approvals, trust records and (if the policy says so) the user config count only when signed with it.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARD, guardInPty, guardNoTty, sandbox } from "../helpers/guard";
import { setPin } from "../../src/act/pin";

const PIN = "correct horse";
const IS_ROOT = process.getuid?.() === 0;

/** A sandbox with a root-owned system directory holding a fresh key (made the way an admin would: guard pin set --system). */
function anchored() {
  const box = sandbox();
  const system = mkdtempSync(join(tmpdir(), "guard-system-"));
  chmodSync(system, 0o755);
  box.env.GUARD_SYSTEM_DIR = system;
  const made = guardInPty(["pin", "set", "--system"], {
    cwd: box.repo, env: box.env,
    steps: [{ wait: "New system PIN (", send: `${PIN}\r` }, { wait: "again", send: `${PIN}\r` }],
  });
  expect(made.output).toContain("System key created");
  expect(readdirSync(system).sort()).toEqual(["signing.key", "signing.pub"]);
  return { ...box, system };
}

function refusedWithCode(box: ReturnType<typeof sandbox>, command: string, env = box.env) {
  const r = guardNoTty(["exec", command], { cwd: box.repo, env: { ...env, GUARD_NO_TTY: "1" } });
  expect(r.code).toBe(77);
  return /guard approve (\S+)/.exec(r.stderr)![1];
}

function approve(box: ReturnType<typeof sandbox>, code: string, pin: string) {
  return guardInPty(["approve", code], { cwd: box.repo, env: box.env, steps: [{ wait: 'Type "approve"', send: "approve\r" }, { wait: "PIN", send: `${pin}\r` }] });
}

/** Marks a pending approval approved by hand, the way a same-user agent could. */
function forgeApproval(approvals: string) {
  for (const name of readdirSync(approvals)) {
    const path = join(approvals, name);
    const record = JSON.parse(readFileSync(path, "utf8"));
    const now = Date.now();
    writeFileSync(path, JSON.stringify({ ...record, approvedAt: new Date(now).toISOString(), expiresAt: new Date(now + 600_000).toISOString() }));
  }
}

describe.skipIf(!IS_ROOT)("system-anchored key (needs root to create /etc/guard-like files)", () => {
  it("a hand-written approval file is refused; a signed one from guard approve works once", () => {
    const box = anchored();
    refusedWithCode(box, `git push --force origin topic`);
    forgeApproval(join(box.env.XDG_STATE_HOME, "guard", "approvals"));
    expect(guardNoTty(["exec", "git push --force origin topic"], { cwd: box.repo, env: { ...box.env, GUARD_NO_TTY: "1" } }).code).toBe(77);

    const code = refusedWithCode(box, "true && git push --force origin nowhere-remote-xyz 2>/dev/null || true");
    const approved = approve(box, code, PIN);
    expect(approved.output).toContain("Approved");
    const ran = guardNoTty(["exec", "true && git push --force origin nowhere-remote-xyz 2>/dev/null || true"], { cwd: box.repo, env: { ...box.env, GUARD_NO_TTY: "1" } });
    expect(ran.code).toBe(0);
  });

  it("a rewritten PIN file does not count: only the PIN that unlocks the system key does", () => {
    const box = anchored();
    setPin("1234", box.env as NodeJS.ProcessEnv);
    const code = refusedWithCode(box, "git push --force origin topic");
    const wrong = approve(box, code, "1234");
    expect(wrong.output).toContain("Not approved (the PIN was wrong)");
    expect(approve(box, code, PIN).output).toContain("Approved");
  });

  it("with user_config: signed, an unsigned or re-edited user config is refused; a signed one applies", () => {
    const box = anchored();
    writeFileSync(join(box.system, "config.yaml"), "user_config: signed\n");
    const user = join(box.env.XDG_CONFIG_HOME, "guard", "config.yaml");
    mkdirSync(join(user, ".."), { recursive: true });
    writeFileSync(user, "mode: audit\n");
    const unsigned = guardNoTty(["check", "--json", "ls"], { cwd: box.repo, env: box.env });
    expect(unsigned.code).toBe(10);
    expect(JSON.parse(unsigned.stdout).findings[0].detail).toMatch(/not signed/);
    // The unsigned file's `mode: audit` is not in force: a deny is still a deny.
    expect(guardNoTty(["exec", "rm -rf /"], { cwd: box.repo, env: box.env }).code).toBe(77);

    writeFileSync(user, "rules: {git.force-push: deny}\n");
    const signed = guardInPty(["pin", "sign-config"], { cwd: box.repo, env: box.env, steps: [{ wait: "System PIN", send: `${PIN}\r` }] });
    expect(signed.output).toContain("Signed");
    expect(guardNoTty(["check", "ls"], { cwd: box.repo, env: box.env }).code).toBe(0);
    expect(guardNoTty(["check", "git push --force origin topic"], { cwd: box.repo, env: box.env }).code).toBe(20);
    writeFileSync(user, "rules: {git.force-push: allow}\n");
    const edited = guardNoTty(["check", "--json", "git push --force origin topic"], { cwd: box.repo, env: box.env });
    expect(JSON.parse(edited.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("guard.config-error");
  });

  it("a trust record must be signed: written by hand it does not count, from guard trust with the PIN it does", () => {
    const box = anchored();
    writeFileSync(join(box.repo, ".guard.yaml"), "rules: {railway.volume-delete: allow}\n");
    const status = JSON.parse(guardNoTty(["check", "--json", "railway volume delete -v v"], { cwd: box.repo, env: box.env }).stdout);
    expect(status.decision).toBe("deny");
    const trusted = guardInPty(["trust"], { cwd: box.repo, env: box.env, steps: [{ wait: 'Type "trust"', send: "trust\r" }, { wait: "PIN", send: `${PIN}\r` }] });
    expect(trusted.output).toContain("Trusted");
    expect(guardNoTty(["check", "railway volume delete -v v"], { cwd: box.repo, env: box.env }).code).toBe(0);
    // Strip the signature: the same record by hand.
    const dir = join(box.env.XDG_STATE_HOME, "guard", "trust");
    for (const name of readdirSync(dir)) {
      const record = JSON.parse(readFileSync(join(dir, name), "utf8"));
      delete record.sig;
      writeFileSync(join(dir, name), JSON.stringify(record));
    }
    expect(guardNoTty(["check", "railway volume delete -v v"], { cwd: box.repo, env: box.env }).code).toBe(20);
  });

  it("as an ordinary user (the agent's): a forged approval is refused, and the public key cannot be replaced", () => {
    const box = anchored();
    for (const dir of [box.root, box.repo, join(box.repo, ".git"), box.env.HOME]) chownSync(dir, 65534, 65534);
    for (const dir of [box.env.XDG_STATE_HOME, box.env.XDG_CONFIG_HOME]) {
      mkdirSync(dir, { recursive: true });
      chownSync(dir, 65534, 65534);
    }
    const asNobody = (args: string[]) => {
      try {
        const out = execFileSync("runuser", ["-u", "nobody", "--", process.execPath, GUARD, ...args], { cwd: box.repo, env: { ...box.env, GUARD_NO_TTY: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        return { code: 0, out };
      } catch (err) {
        const e = err as { status: number; stderr: string; stdout: string };
        return { code: e.status, out: `${e.stdout}${e.stderr}` };
      }
    };
    const push = ["exec", "--", "git", "push", "--force", "origin", "topic"];
    expect(asNobody(push).code).toBe(77);
    forgeApproval(join(box.env.XDG_STATE_HOME, "guard", "approvals"));
    const again = asNobody(push);
    expect(again.code).toBe(77);
    expect(again.out).toContain("NEEDS APPROVAL");
    // Nor can it replace the public key: the system directory is root's.
    const replace = spawnSync("runuser", ["-u", "nobody", "--", "sh", "-c", `echo x > "${join(box.system, "signing.pub")}"`], { encoding: "utf8" });
    expect(replace.status).not.toBe(0);
  });
});
