// evaluate(): the strictest finding wins, uncertain matches ask, and nothing inside can crash into an allow.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import type { EvalContext } from "../../src/core/eval-context";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles());

function decide(text: string, ctx: Partial<EvalContext> = {}) {
  return evaluate(text, ruleset, { ...exampleContext(), ...ctx });
}

describe("evaluate", () => {
  it("takes the strictest of several findings and lists it first", () => {
    const verdict = decide("git push -f origin feature; rm -rf /");
    expect(verdict.decision).toBe("deny");
    expect(verdict.findings.map((f) => [f.rule, f.action])).toEqual([
      ["fs.rm-recursive-catastrophic", "deny"],
      ["git.force-push", "ask"],
    ]);
  });

  it("turns an uncertain deny into ask", () => {
    const verdict = decide("railway volume $VERB -v vol_1");
    expect(verdict.decision).toBe("ask");
    expect(verdict.findings[0]).toMatchObject({ rule: "railway.volume-delete", action: "ask", certain: false });
  });

  it("fails closed to ask when something inside throws", () => {
    const verdict = decide("bash deploy.sh", { readFile: () => { throw new Error("disk on fire"); } });
    expect(verdict.decision).toBe("ask");
    expect(verdict.findings[0].rule).toBe("guard.internal-error");
    expect(verdict.findings[0].detail).toContain("disk on fire");
  });

  it("uses the branch from the context for pushes without a refspec", () => {
    expect(decide("git push -f", { branch: "main" }).decision).toBe("deny");
    expect(decide("git push -f", { branch: "topic" }).decision).toBe("ask");
    expect(decide("git push -f", { branch: undefined }).decision).toBe("deny");
    expect(decide("git push -f", { branch: "topic", protectedBranches: ["topic"] }).decision).toBe("deny");
  });

  it("reads SQL files through the context's reader", () => {
    const files: Record<string, string> = { "drop.sql": "BEGIN; DROP TABLE users; COMMIT;", "seed.sql": "CREATE TABLE t (id int); INSERT INTO t VALUES (1);" };
    const readFile = (p: string) => files[p];
    expect(decide("psql -f drop.sql", { readFile }).decision).toBe("deny");
    expect(decide("psql app < drop.sql", { readFile }).decision).toBe("deny");
    expect(decide("psql -f seed.sql", { readFile }).decision).toBe("allow");
    expect(decide("psql -f missing.sql", { readFile }).decision).toBe("ask");
  });

  it("resolves relative rm targets against the working directory", () => {
    expect(decide("rm -rf etc", { cwd: "/" }).decision).toBe("deny");
    expect(decide("rm -rf etc", { cwd: "/home/user/project" }).decision).toBe("allow");
  });
});

describe("indirect execution (the example project's files)", () => {
  it.each([
    ["npm run wipe", "deny"],
    ["npm run clean", "allow"],
    ["npm test", "allow"],
    ["npm t", "allow"],
    ["yarn wipe", "deny"],
    ["pnpm run wipe", "deny"],
    ["bun run wipe", "deny"],
    ["npm run missing-script", "allow"],
    ["yarn eslint .", "allow"],
    ["make nuke", "deny"],
    ["make clean", "allow"],
    ["make", "allow"],
    ["make -n nuke", "allow"],
    ["make no-such-target", "allow"],
    ["make -f other.mk no-such-target", "ask"],
    ["./scripts/wipe.sh", "deny"],
    ["bash scripts/wipe.sh", "deny"],
    ["sh ./scripts/build.sh", "allow"],
    ["./scripts/missing.sh", "ask"],
    ["./node_modules/.bin/tsc -p .", "allow"],
    ["npx rimraf dist", "allow"],
    ["npx -y sh -c 'rm -rf /'", "deny"],
    ["poetry run python -m pytest", "allow"],
    ["railway run rm -rf ~", "deny"],
    ["heroku run -a app 'rm -rf /'", "deny"],
    ["fly ssh console -C 'rm -rf /'", "deny"],
  ])("%s → %s", (text, decision) => {
    expect(decide(text).decision).toBe(decision);
  });

  // A command run on a deployed machine is in production context, like `heroku run`: prisma migrate dev is allowed locally and denied there.
  it.each([
    "render ssh srv-123 -- npx prisma migrate dev",
    "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'npx prisma migrate dev'",
    "fly machine exec 3d8d 'npx prisma migrate dev'",
    "aws ecs execute-command --cluster c --task t --interactive --command 'npx prisma migrate dev'",
  ])("%s runs in production context", (text) => {
    expect(decide("npx prisma migrate dev").decision).toBe("allow");
    expect(decide(text).decision).toBe("deny");
  });

  // Not a corpus row: its ssh and docker-exec variants are allowed (on another host a loop variable's
  // glob is not judged by the overwrite-outside class yet), and the corpus requires variants to hold.
  it("a loop that empties every modified file a glob names asks", () => {
    expect(decide('for f in src/*.js; do : > "$f"; done').decision).toBe("ask");
  });

  it("names the script in the wrapper chain", () => {
    const verdict = decide("npm run wipe");
    expect(verdict.findings[0].via).toEqual(["npm run wipe"]);
  });
});

describe("production context", () => {
  it("marks commands under railway run and inline production variables", async () => {
    const { isProduction } = await import("../../src/engine/production");
    const { extract } = await import("../../src/shell/extract");
    const ctx = exampleContext();
    const last = (text: string) => extract(text).invocations.at(-1)!;
    expect(isProduction(last("railway run psql"), ctx)).toBe(true);
    expect(isProduction(last("NODE_ENV=production node x"), ctx)).toBe(true);
    expect(isProduction(last("NODE_ENV=development node x"), ctx)).toBe(false);
    expect(isProduction(last("node x"), { ...ctx, production: true })).toBe(true);
  });
});

describe("in_production", () => {
  it("escalates a rule's action inside production markers, railway run and config variables", async () => {
    const { parseRuleFile } = await import("../../src/rules/load");
    const file = parseRuleFile(`- id: demo.migrate-reset
  action: ask
  in_production: deny
  severity: high
  message: Resets the database.
  why: Data is dropped.
  instead: Ask.
  match: {program: prisma, subcommand: [migrate, reset]}
  examples: {match: [prisma migrate reset], not_match: [prisma migrate status]}
`, "demo.yaml");
    const rules = buildRuleset([file]);
    const run = (text: string, ctx: Partial<EvalContext> = {}) => evaluate(text, rules, { ...exampleContext(), ...ctx }).decision;
    expect(run("prisma migrate reset")).toBe("ask");
    expect(run("NODE_ENV=production prisma migrate reset")).toBe("deny");
    expect(run("railway run prisma migrate reset")).toBe("deny");
    expect(run("prisma migrate reset", { production: true })).toBe("deny");
    expect(run("DEPLOY_TARGET=live prisma migrate reset", { productionVariables: { DEPLOY_TARGET: "live" } })).toBe("deny");
  });

  it("recognises a remote DATABASE_URL", async () => {
    const { remoteDatabaseUrl } = await import("../../src/engine/production");
    expect(remoteDatabaseUrl("postgres://u:p@db.prod.internal:5432/app")).toBe(true);
    expect(remoteDatabaseUrl("postgres://u:p@localhost:5432/app")).toBe(false);
    expect(remoteDatabaseUrl("postgresql:///app?host=/var/run/postgresql")).toBe(false);
    expect(remoteDatabaseUrl(undefined)).toBe(false);
  });
});
