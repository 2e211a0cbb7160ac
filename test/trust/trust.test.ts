// Trusted project files: a repository's .guard.yaml may tighten at once, but loosens only after a human runs `guard trust` at a real terminal.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardInPty, guardNoTty, sandbox } from "../helpers/guard";

const INCIDENT = "railway volume delete -v vol_1 -y";

function project(yaml: string) {
  const box = sandbox();
  writeFileSync(join(box.repo, ".guard.yaml"), yaml);
  return box;
}

function check(box: ReturnType<typeof sandbox>, command: string, json = false) {
  return guardNoTty(["check", ...(json ? ["--json"] : []), command], { cwd: box.repo, env: box.env });
}

function trustAtTerminal(box: ReturnType<typeof sandbox>, answer = "trust") {
  return guardInPty(["trust"], { cwd: box.repo, env: box.env, steps: [{ wait: 'Type "trust"', send: `${answer}\r` }] });
}

describe("guard trust (real terminal)", () => {
  it("an untrusted loosening is ignored with a notice; trusted it applies; a one-byte edit voids it", () => {
    const box = project("rules:\n  railway.volume-delete: allow\n");
    const before = check(box, INCIDENT);
    expect(before.code).toBe(20);
    expect(before.stderr).toContain(".guard.yaml is not trusted: its 1 loosening entry is ignored (rules.railway.volume-delete: deny → allow); run guard trust");

    const trusted = trustAtTerminal(box);
    expect(trusted.output).toContain("rules.railway.volume-delete: deny → allow");
    expect(trusted.exitCode).toBe(0);

    const after = check(box, INCIDENT);
    expect(after.code).toBe(0);
    expect(after.stderr).not.toContain("not trusted");
    // Allowed by trusted config, yet still shown as the rule it is, overridden, never "no rule matched".
    expect(after.stdout).toContain("railway.volume-delete matched, overridden: deny → allow by .guard.yaml");
    const json = JSON.parse(check(box, INCIDENT, true).stdout);
    expect(json.findings).toEqual([expect.objectContaining({ rule: "railway.volume-delete", action: "allow", overridden: expect.objectContaining({ from: "deny" }) })]);
    const explained = guardNoTty(["explain", INCIDENT], { cwd: box.repo, env: box.env });
    expect(explained.stdout).toMatch(/railway\.volume-delete \(overridden: deny → allow/);

    appendFileSync(join(box.repo, ".guard.yaml"), " ");
    const edited = check(box, INCIDENT);
    expect(edited.code).toBe(20);
    expect(edited.stderr).toContain(".guard.yaml changed since trusted: its 1 loosening entry is ignored");
  });

  it("a wrong answer trusts nothing, and a pipe cannot trust at all", () => {
    const box = project("rules:\n  railway.volume-delete: allow\n");
    expect(trustAtTerminal(box, "yes").exitCode).not.toBe(0);
    expect(check(box, INCIDENT).code).toBe(20);
    const piped = guardNoTty(["trust"], { cwd: box.repo, env: box.env, input: "trust\n" });
    expect(piped.code).toBe(64);
    expect(check(box, INCIDENT).code).toBe(20);
  });

  it("a hand-written trust record for other content does not count", () => {
    const box = project("rules:\n  railway.volume-delete: allow\n");
    trustAtTerminal(box);
    writeFileSync(join(box.repo, ".guard.yaml"), "rules:\n  railway.volume-delete: allow\n  git.force-push: allow\n");
    expect(check(box, INCIDENT).code).toBe(20);
    expect(check(box, "git push --force origin main").code).toBe(20);
  });

  it("tightening applies while untrusted", () => {
    const box = project("rules:\n  git.force-push: deny\n  railway.volume-delete: allow\n");
    const r = check(box, "git push --force origin topic");
    expect(r.code).toBe(20);
  });

  it("a project programs: spec never changes rm -rf /, trusted or not", () => {
    const box = project("rules:\n  railway.volume-delete: allow\n");
    mkdirSync(join(box.repo, ".guard/rules"), { recursive: true });
    writeFileSync(join(box.repo, ".guard/rules/parse.yaml"), "programs:\n  rm: {single_dash_long: true, valued: [-r, -f, --recursive]}\nrules: []\n");
    for (const trusted of [false, true]) {
      if (trusted) expect(trustAtTerminal(box).exitCode).toBe(0);
      const r = check(box, "rm -rf /");
      expect(r.code).toBe(20);
      expect(r.stdout).toContain("fs.rm-recursive-catastrophic");
      expect(r.stderr).toContain(".guard/rules/parse.yaml: its programs: parsing specs are ignored");
    }
  });

  it("a project file cannot loosen guard's self-protection even when trusted", () => {
    const box = project("rules:\n  guard.self-files-redirect: allow\n");
    expect(trustAtTerminal(box).exitCode).toBe(0);
    const r = check(box, "echo 'rules: {}' > .guard.yaml");
    expect(r.code).toBe(20);
    expect(r.stdout).toContain("guard.self-files-redirect");
    expect(r.stderr).toContain("cannot loosen guard's self-protection");
  });

  it("agents: loosening waits for trust, and never goes below the system policy", () => {
    const box = project("agents:\n  codex:\n    rules:\n      railway.volume-delete: allow\n");
    const env = { ...box.env, GUARD_AGENT: "codex" };
    expect(guardNoTty(["check", INCIDENT], { cwd: box.repo, env }).code).toBe(20);
    expect(trustAtTerminal(box).exitCode).toBe(0);
    expect(guardNoTty(["check", INCIDENT], { cwd: box.repo, env }).code).toBe(0);
    const system = join(box.root, "system.yaml");
    writeFileSync(system, "rules:\n  railway.volume-delete: deny\n");
    expect(guardNoTty(["check", INCIDENT], { cwd: box.repo, env: { ...env, GUARD_SYSTEM_CONFIG: system } }).code).toBe(20);
  });

  it("guard trust --status and --revoke", () => {
    const box = project("rules:\n  railway.volume-delete: allow\n");
    trustAtTerminal(box);
    const status = guardNoTty(["trust", "--status"], { cwd: box.repo, env: box.env });
    expect(status.stdout).toContain(": trusted");
    expect(guardNoTty(["trust", "--revoke"], { cwd: box.repo, env: box.env }).code).toBe(0);
    expect(check(box, INCIDENT).code).toBe(20);
    const log = readFileSync(box.env.GUARD_AUDIT_LOG, "utf8");
    expect(log).toContain('"entry":"trust"');
  });
});
