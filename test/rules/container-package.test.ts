// A package operation in a container reaches the running guard only through the project mounted into it.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { runningPackageRoot } from "../../src/core/running-copy";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

const rules = (command: string, cwd?: string) => {
  const ctx = exampleContext();
  const verdict = evaluate(command, ruleset, cwd ? { ...ctx, cwd, repoRoot: cwd } : ctx);
  return verdict.findings.map((f) => f.rule);
};

describe("npm ci in a container", () => {
  it.each(["docker compose run --rm --no-deps web npm ci", "docker compose exec web npm install", "docker exec -w /app web pnpm install", "kubectl exec api-0 -- npm ci"])(
    "%s in a project without guard installed is not a guard reinstall",
    (command) => {
      expect(rules(command)).not.toContain("guard.self-replace-package");
    },
  );

  it("still asks where the project mounted into the container is the running guard's own", () => {
    expect(rules("docker compose run --rm web npm ci", runningPackageRoot())).toContain("guard.self-replace-package");
    expect(rules("npm ci", runningPackageRoot())).toContain("guard.self-replace-package");
  });

  it("still asks for a host directory guard cannot see, or guard named in the container", () => {
    expect(rules('cd "$DIR" && npm ci')).toContain("guard.self-replace-package");
    expect(rules("docker compose run --rm web npm i agent-guard@0.0.1")).toContain("guard.self-replace-package");
  });
});
