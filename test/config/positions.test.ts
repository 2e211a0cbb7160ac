// Config errors point at the line: a YAML syntax error once, at its own position; a bad key or an unknown rule id at the key.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activeRules } from "../../src/engine/active-rules";
import { keyPathOf } from "../../src/config/positions";

function project(config: string) {
  const dir = mkdtempSync(join(tmpdir(), "guard-positions-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".guard.yaml"), config);
  const home = join(dir, "home");
  mkdirSync(home);
  return activeRules(dir, { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".state"), XDG_CACHE_HOME: join(home, ".cache") } as NodeJS.ProcessEnv).errors;
}

describe("config error positions", () => {
  it("a YAML syntax error: one error, at its line and column, in the file", () => {
    const errors = project("mode: enforce\nrules:\n  git.force-push: deny\n  a: [\n");
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toMatch(/\.guard\.yaml$/);
    expect(errors[0].line).toBeGreaterThan(1);
    expect(errors[0].column).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/^YAML: /);
  });

  it("an unknown key, at its line", () => {
    const errors = project("mode: enforce\n\nprotected_branch: [main]\n");
    expect(errors[0]).toMatchObject({ line: 3, column: 1 });
    expect(errors[0].message).toMatch(/unknown key `protected_branch`/);
  });

  it("a typo'd rule id: the file and line that name it, not `config:1`", () => {
    const errors = project("protected_branches: [main]\nrules:\n  git.force-pushx: deny\n");
    const typo = errors.find((e) => /names no rule/.test(e.message));
    expect(typo?.file).toMatch(/\.guard\.yaml$/);
    expect(typo).toMatchObject({ line: 3, column: 3 });
  });

  it("reads rule ids with dots as one key", () => {
    expect(keyPathOf("rules.git.force-push must be allow, ask or deny")).toEqual(["rules", "git.force-push"]);
    expect(keyPathOf("agents.codex.rules.git.force-push must be allow, ask or deny")).toEqual(["agents", "codex", "rules", "git.force-push"]);
    expect(keyPathOf("unknown isolation key `x`")).toEqual(["isolation", "x"]);
  });
});
