// Configuration: what each file may say, how user and project combine, and that mistakes fail closed.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load";
import { defaultSettings, packEnabled } from "../../src/config/settings";
import { combine } from "../../src/config/keys";
import { openPolicy, rulesFor } from "../../src/engine/policy";
import { activeRules } from "../../src/engine/active-rules";
import { writeTrust } from "../../src/config/trust-store";

/** A repository with an optional project config, and an env whose user config file is given. */
function setup(project?: string, user?: string) {
  const root = mkdtempSync(join(tmpdir(), "guard-config-"));
  const repo = join(root, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
  writeFileSync(join(repo, ".git/HEAD"), "ref: refs/heads/topic\n");
  // Local branches that were never pushed: deleting them (here or on a remote) may lose commits.
  mkdirSync(join(repo, ".git/refs/heads"), { recursive: true });
  for (const branch of ["staging", "main"]) writeFileSync(join(repo, ".git/refs/heads", branch), `${"5".repeat(40)}\n`);
  if (project !== undefined) writeFileSync(join(repo, ".guard.yaml"), project);
  const userFile = join(root, "user.yaml");
  if (user !== undefined) writeFileSync(userFile, user);
  const env = { HOME: join(root, "home"), GUARD_CONFIG: userFile, PATH: process.env.PATH };
  return { repo, env };
}

function decide(command: string, where: ReturnType<typeof setup>) {
  const saved = { ...process.env };
  Object.assign(process.env, where.env);
  try {
    return openPolicy({ cwd: where.repo, env: where.env }).check(command).verdict;
  } finally {
    process.env = saved;
  }
}

describe("parseConfig", () => {
  it("accepts every documented key", () => {
    const { errors, layer } = parseConfig({
      packs: { enable: ["deploy"], disable: ["credentials"] },
      rules: { "git.force-push": "deny" },
      extra_rules: ["x.yaml"],
      protected_branches: ["staging"],
      production: { variables: { DEPLOY: "live" }, kube_context: "", remote_database_url: false },
      allowed_rm_paths: ["/srv/cache/**"],
    }, "/etc/u.yaml", "user");
    expect(errors).toEqual([]);
    expect(layer.settings.extraRuleFiles).toEqual(["/etc/x.yaml"]);
  });

  it.each([
    [{ packs: { disable: ["git"] } }, /packs.disable is not allowed in the project file/],
    [{ allowed_rm_paths: ["/"] }, /allowed_rm_paths is not allowed in the project file/],
    [{ production: { remote_database_url: false } }, /only be changed in your user config/],
    [{ rules: { "git.force-push": "maybe" } }, /must be allow, ask or deny/],
    [{ colour: true }, /unknown key `colour`/],
  ])("refuses in a project file: %j", (data, message) => {
    const { errors } = parseConfig(data, "/repo/.guard.yaml", "project");
    expect(errors.join("\n")).toMatch(message);
  });
});

describe("combine", () => {
  it("lets the project add but not remove protected branches", () => {
    const s = combine([
      { layer: "user", file: "u", settings: { protectedBranches: ["main"] } },
      { layer: "project", file: "p", settings: { protectedBranches: ["staging"] } },
    ]);
    expect(s.protectedBranches).toEqual(["main", "staging"]);
  });

  it("switches opt-in packs on and default packs off", () => {
    const s = combine([{ layer: "user", file: "u", settings: { enablePacks: ["deploy"], disablePacks: ["credentials"] } }]);
    expect(packEnabled(s, { name: "deploy", enabledByDefault: false })).toBe(true);
    expect(packEnabled(s, { name: "credentials", enabledByDefault: true })).toBe(false);
    expect(packEnabled(defaultSettings(), { name: "deploy", enabledByDefault: false })).toBe(false);
  });
});

describe("config in force", () => {
  it("changes a rule's action by id, from either file", () => {
    expect(decide("git push -f", setup()).decision).toBe("ask");
    expect(decide("git push -f", setup(undefined, "rules: {git.force-push: deny}\n")).decision).toBe("deny");
    // The project file (which an agent can write) loosens only once a human trusted its exact content.
    const project = setup("rules: {credentials.read-secret-file: allow}\n");
    expect(decide("cat .env", project).decision).toBe("ask");
    const trust = activeRules(project.repo, project.env).trust!;
    expect(trust.loosening).toEqual([{ key: "rules.credentials.read-secret-file", from: "ask", to: "allow" }]);
    writeTrust({ v: 1, root: trust.root, files: trust.files, trustedAt: new Date().toISOString() }, project.env);
    expect(activeRules(project.repo, project.env).settings.ruleActions["credentials.read-secret-file"]).toBe("allow");
  });

  it("lets the user disable a pack; the project file cannot", () => {
    expect(decide("cat .env", setup(undefined, "packs: {disable: [credentials]}\n")).decision).toBe("allow");
    const project = decide("cat .env", setup("packs: {disable: [credentials]}\n"));
    expect(project.decision).toBe("ask");
    expect(project.findings.map((f) => f.rule)).toContain("guard.config-error");
  });

  it("adds protected branches from the project file", () => {
    expect(decide("git push -f origin staging", setup()).decision).toBe("ask");
    expect(decide("git push -f origin staging", setup("protected_branches: [staging]\n")).decision).toBe("deny");
  });

  it.each([
    ["git branch -D staging", "git.branch-force-delete-protected", "git.branch-force-delete"],
    ["git branch --delete --force staging", "git.branch-force-delete-protected", "git.branch-force-delete"],
    ["git update-ref -d refs/heads/staging", "git.update-ref-delete-protected", "git.update-ref-delete"],
  ])("protected_branches from config apply to every branch rule: %s", (command, protectedRule, plainRule) => {
    const rules = (where: ReturnType<typeof setup>) => decide(command, where).findings.map((f) => f.rule);
    expect(rules(setup("protected_branches: [staging]\n"))).toContain(protectedRule);
    expect(rules(setup())).toContain(plainRule);
    expect(rules(setup())).not.toContain(protectedRule);
    // The user's list replaces the defaults: main is then an ordinary branch.
    const mainCommand = command.replace(/staging/g, "main");
    expect(decide(mainCommand, setup(undefined, "protected_branches: [develop]\n")).findings.map((f) => f.rule)).toContain(plainRule);
  });

  it.each(["git push origin --delete staging", "git push origin :staging", "git push -f origin staging", "git push origin +staging"])(
    "protected_branches from config escalate the push rules: %s",
    (command) => {
      expect(decide(command, setup("protected_branches: [staging]\n")).decision).toBe("deny");
      expect(decide(command, setup()).decision).toBe("ask");
      // The user's list replaces the defaults: main is then an ordinary branch.
      expect(decide(command.replace(/staging/g, "main"), setup(undefined, "protected_branches: [develop]\n")).decision).toBe("ask");
    },
  );

  it("keeps a rule's protected-branch escalation when config sets its action", () => {
    const where = setup(undefined, "rules:\n  git.force-push: allow\n");
    expect(decide("git push -f origin topic", where).decision).toBe("allow");
    expect(decide("git push -f origin main", where).decision).toBe("deny");
  });

  it("reads an old rule id in config as the rule that does its job now, with a notice", () => {
    const where = setup(undefined, "rules:\n  git.force-refspec: allow\npacks:\n  disable: [filesystem]\n");
    expect(decide("git push origin +topic", where).decision).toBe("allow");
    expect(decide("rm -rf /", where).decision).toBe("allow");
    const rules = rulesFor(where.repo, where.env, false);
    expect(rules.errors).toEqual([]);
    expect(rules.notices.map((n) => n.message).join("\n")).toMatch(/`git.force-refspec` is now `git.force-push`[\s\S]*`filesystem` is now `fs`/);
  });

  it("allows rm of configured paths (user file only)", () => {
    const where = setup(undefined, "allowed_rm_paths: [/srv]\n");
    expect(decide("rm -rf /srv", setup()).decision).toBe("deny");
    expect(decide("rm -rf /srv", where).decision).toBe("allow");
  });

  it("fails closed on a broken config, naming the problem", () => {
    const verdict = decide("ls", setup(undefined, "rules: [oops\n"));
    expect(verdict.decision).toBe("ask");
    expect(verdict.findings[0]).toMatchObject({ rule: "guard.config-error" });
    expect(verdict.findings[0].detail).toMatch(/YAML/);
    const unknown = decide("ls", setup("rules: {no.such-rule: allow}\n"));
    expect(unknown.findings[0].detail).toMatch(/no.such-rule` names no rule/);
  });

  it("escalates in production: markers from the environment and from config", () => {
    const where = setup("production: {variables: {DEPLOY_TARGET: live}}\n");
    const rules = rulesFor(where.repo);
    expect(rules.settings.production.variables.DEPLOY_TARGET).toBe("live");
  });
});

describe("conditioned on the agent", () => {
  it("applies agents: {NAME: {rules}} only to that agent", () => {
    const where = setup("agents:\n  codex:\n    rules: {git.force-push: deny}\n");
    const saved = { ...process.env };
    Object.assign(process.env, where.env);
    try {
      expect(openPolicy({ cwd: where.repo, env: where.env, agent: "codex" }).check("git push -f").action).toBe("deny");
      expect(openPolicy({ cwd: where.repo, env: where.env, agent: "claude-code" }).check("git push -f").action).toBe("ask");
    } finally {
      process.env = saved;
    }
  });

  it("applies a rule with when: {agent: [...]} only to those agents", async () => {
    const { parseRuleFile } = await import("../../src/rules/load");
    const { buildRuleset } = await import("../../src/rules/ruleset");
    const { evaluate } = await import("../../src/engine/evaluate");
    const { exampleContext } = await import("../../src/engine/example-context");
    const file = parseRuleFile(`- id: team.no-npm-publish-codex
  action: deny
  severity: high
  message: Publishes a package.
  why: Codex sessions in this team never publish.
  instead: Ask a human to publish.
  when: {agent: [codex]}
  match: {program: npm, subcommand: [publish]}
  examples: {match: [npm publish], not_match: [npm pack]}
`, "team.yaml");
    const rules = buildRuleset([file]);
    expect(evaluate("npm publish", rules, { ...exampleContext(), agent: "codex" }).decision).toBe("deny");
    expect(evaluate("npm publish", rules, { ...exampleContext(), agent: "cursor" }).decision).toBe("allow");
    expect(evaluate("npm publish", rules, exampleContext()).decision).toBe("allow");
  });
});

describe("what a project file can never loosen", () => {
  it("adds production variables but never replaces an existing glob", () => {
    const user = parseConfig({ production: { variables: { DEPLOY: "live" } } }, "/u.yaml", "user").layer;
    const project = parseConfig({ production: { variables: { NODE_ENV: "never", DEPLOY: "x", STAGE_NAME: "prod*" } } }, "/r/.guard.yaml", "project").layer;
    const settings = combine([user, project]);
    expect(settings.production.variables).toMatchObject({ DEPLOY: "live", STAGE_NAME: "prod*" });
    expect(combine([project]).production.variables.NODE_ENV).toBe("prod*");
  });

  it("an agents: override stays at the system policy's floor", () => {
    const system = parseConfig({ rules: { "git.force-push": "deny" } }, "/etc/guard/config.yaml", "system").layer;
    const user = parseConfig({ agents: { codex: { rules: { "git.force-push": "allow" } } } }, "/u.yaml", "user").layer;
    expect(combine([system, user]).agentRuleActions.codex["git.force-push"]).toBe("deny");
  });
});
