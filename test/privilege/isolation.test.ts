// Least privilege: credentials removed from commands run through guard, granted only by config, explained by guard env.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardNoTty, sandbox } from "../helpers/guard";
import { activeRules } from "../../src/engine/active-rules";
import { writeTrust } from "../../src/config/trust-store";

// Whether each variable reached the child, never its value: printing a credential's value is itself asked (credentials.print-credential-variable).
const SHOW = 'printf "%s|%s|%s|%s\\n" "${RAILWAY_TOKEN:+set}" "${GH_TOKEN:+set}" "${VERCEL_TOKEN:+set}" "${HOME:+home}"';

describe("token isolation", () => {
  it("removes credential variables from guard exec and guard shell children", () => {
    const { repo, env } = sandbox();
    const secrets = { ...env, RAILWAY_TOKEN: "rw", GH_TOKEN: "gh", VERCEL_TOKEN: "vc" };
    expect(guardNoTty(["exec", SHOW], { cwd: repo, env: secrets }).stdout).toBe("|||home\n");
    expect(guardNoTty(["shell", "-c", SHOW], { cwd: repo, env: secrets }).stdout).toBe("|||home\n");
  });

  it("says on stderr which variables it withheld and how to grant them, never their values", () => {
    const { root, repo, env } = sandbox();
    const r = guardNoTty(["exec", "true"], { cwd: repo, env: { ...env, RAILWAY_TOKEN: "secret-value-1", GH_TOKEN: "secret-value-2" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/withheld from this command: (RAILWAY_TOKEN, GH_TOKEN|GH_TOKEN, RAILWAY_TOKEN) .*isolation: \{grants:/);
    expect(r.stderr).not.toContain("secret-value");
    expect(guardNoTty(["exec", "true"], { cwd: repo, env }).stderr).not.toMatch(/withheld/);
    writeFileSync(join(root, "quiet.yaml"), "isolation: {notice: false}\n");
    expect(guardNoTty(["exec", "true"], { cwd: repo, env: { ...env, GUARD_CONFIG: join(root, "quiet.yaml"), RAILWAY_TOKEN: "x" } }).stderr).not.toMatch(/withheld/);
  });

  it("keeps a variable the user config grants, only for the granted program", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "user.yaml"), "isolation:\n  grants: {VERCEL_TOKEN: [node]}\n  patterns: [\"*_SECRET\"]\n");
    const configured = { ...env, GUARD_CONFIG: join(root, "user.yaml"), VERCEL_TOKEN: "vc", MY_SECRET: "s" };
    // Tested by exit code, not printed: printing a credential's value asks on its own. 0: the child had it; 3: withheld.
    const has = (name: string, value: string) => ["node", "-e", `process.exit(process.env.${name} === "${value}" ? 0 : 3)`];
    expect(guardNoTty(["exec", "--", ...has("VERCEL_TOKEN", "vc")], { cwd: repo, env: configured }).code).toBe(0);
    expect(guardNoTty(["exec", "[ -n \"$VERCEL_TOKEN\" ] && echo leaked; echo done"], { cwd: repo, env: configured }).stdout).toBe("done\n");
    expect(guardNoTty(["exec", "--", ...has("MY_SECRET", "s")], { cwd: repo, env: configured }).code).toBe(3);
    const explained = JSON.parse(guardNoTty(["env", "--json", "--", ...has("VERCEL_TOKEN", "vc")], { cwd: repo, env: configured }).stdout);
    expect(explained.variables).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "VERCEL_TOKEN", kept: true, why: expect.stringMatching(/granted to node/) }),
      expect.objectContaining({ name: "MY_SECRET", kept: false, why: expect.stringMatching(/pattern \*_SECRET/) }),
    ]));
  });

  it("a project file cannot grant credentials", () => {
    const { repo, env } = sandbox();
    writeFileSync(join(repo, ".guard.yaml"), "isolation:\n  grants: {GH_TOKEN: [gh]}\n");
    const r = guardNoTty(["check", "--json", "ls"], { cwd: repo, env });
    expect(JSON.parse(r.stdout).findings[0].detail).toMatch(/grants can only be set in your user config/);
  });

  it("explains each variable with guard env", () => {
    const { repo, env } = sandbox();
    const r = guardNoTty(["env"], { cwd: repo, env: { ...env, RAILWAY_TOKEN: "x" } });
    expect(r.stdout).toContain("removed RAILWAY_TOKEN: a credential on guard's default list");
  });
});

describe("agent identity", () => {
  it("gives commands GUARD_AGENT and GUARD_SESSION, and names the source in the audit log", () => {
    const { repo, env } = sandbox();
    const r = guardNoTty(["exec", 'echo "$GUARD_AGENT ${GUARD_SESSION:+session}"'], { cwd: repo, env });
    expect(r.stdout).toBe("exec session\n");
    const inherited = guardNoTty(["exec", 'echo "$GUARD_AGENT $GUARD_SESSION"'], { cwd: repo, env: { ...env, GUARD_AGENT: "codex", GUARD_SESSION: "s-1" } });
    expect(inherited.stdout).toBe("codex s-1\n");
  });
});

describe("managed policy", () => {
  it("a system policy that denies a rule wins over a project config that allows it", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "system.yaml"), "rules: {git.force-push: deny}\nmode: enforce\n");
    writeFileSync(join(repo, ".guard.yaml"), "rules: {git.force-push: allow}\n");
    const withPolicy = { ...env, GUARD_SYSTEM_CONFIG: join(root, "system.yaml") };
    // Untrusted, the project's allow is ignored (see guard trust); trusted, it applies, but never over the policy.
    expect(JSON.parse(guardNoTty(["check", "--json", "git push -f origin topic"], { cwd: repo, env }).stdout).decision).toBe("ask");
    const trust = activeRules(repo, env as NodeJS.ProcessEnv).trust!;
    writeTrust({ v: 1, root: trust.root, files: trust.files, trustedAt: new Date().toISOString() }, env as NodeJS.ProcessEnv);
    expect(JSON.parse(guardNoTty(["check", "--json", "git push -f origin topic"], { cwd: repo, env }).stdout).decision).toBe("allow");
    expect(JSON.parse(guardNoTty(["check", "--json", "git push -f origin topic"], { cwd: repo, env: withPolicy }).stdout).decision).toBe("deny");
  });

  it("the user file cannot switch a policy's mode to audit or disable a pack it enables", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "system.yaml"), "mode: enforce\npacks: {enable: [deploy]}\n");
    writeFileSync(join(root, "user.yaml"), "mode: audit\npacks: {disable: [deploy]}\n");
    const r = guardNoTty(["exec", "--", "npm", "publish"], { cwd: repo, env: { ...env, GUARD_SYSTEM_CONFIG: join(root, "system.yaml"), GUARD_CONFIG: join(root, "user.yaml") } });
    expect(r.code).toBe(77);
  });
});

describe("guard doctor reports which layer set each setting", () => {
  it("names the system policy, the project file and defaults", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "system.yaml"), "rules: {git.force-push: deny}\nmode: enforce\n");
    writeFileSync(join(repo, ".guard.yaml"), "protected_branches: [staging]\n");
    const r = guardNoTty(["doctor", "--json"], { cwd: repo, env: { ...env, GUARD_SYSTEM_CONFIG: join(root, "system.yaml") } });
    const settings = JSON.parse(r.stdout).settings.settings as { key: string; layer: string }[];
    const layer = (key: string) => settings.find((s) => s.key === key)?.layer;
    expect(layer("rules.git.force-push")).toBe("system");
    expect(layer("mode")).toBe("system");
    expect(layer("protected_branches")).toBe("project");
    expect(layer("read_only_databases")).toBe("default");
  });
});
