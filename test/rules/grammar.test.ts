// What the grammar's combinators do when commands are checked: any_of shapes, escalate, and old ids and pack names that keep working.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { parseRuleFile } from "../../src/rules/load";
import { buildRuleset } from "../../src/rules/ruleset";
import { currentRuleId, PACK_ALIASES, RULE_ALIASES, withCurrentNames } from "../../src/rules/aliases";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { conflictingSpecs, programSpecProblems } from "../../src/rules/program-specs";
import { sqlCarrier } from "../../src/payloads/carriers";

const FILE = `
pack: { name: demo }
programs:
  git: { valued: [-C, -c] }
  tool: { valued: [] }
  tool-wipe: { valued: [] }
rules:
  - id: demo.force-push
    action: ask
    severity: medium
    message: Force-pushes.
    why: Remote commits are lost.
    instead: Use --force-with-lease.
    escalate: { protected_branch: deny, production: deny }
    match: { program: git, subcommand: [push], flags: [[-f, --force]] }
    examples: { match: ["git push -f origin topic"], not_match: ["git push origin topic"] }
  - id: demo.branch-delete
    action: ask
    severity: medium
    message: Deletes a branch.
    why: Its commits may exist nowhere else.
    instead: Use -d.
    escalate: { protected_branch: deny }
    match: { program: git, subcommand: [branch], flags: [[-D]] }
    examples: { match: ["git branch -D topic"], not_match: ["git branch -d topic"] }
  - id: demo.forced-protected
    action: deny
    severity: high
    message: Forces a protected branch with a refspec.
    why: History is lost.
    instead: Push a new branch.
    match: { program: git, subcommand: [push], refspec: { force: true, protected: true } }
    examples: { match: ["git push origin +main"], not_match: ["git push origin +topic"] }
  - id: demo.wipe
    action: deny
    severity: high
    message: Wipes.
    why: Gone.
    instead: Do not.
    any_of:
      - { program: tool, subcommand: [wipe] }
      - { program: tool-wipe }
      - { program: tool, flags: { all: [--all, --yes] } }
    examples: { match: ["tool wipe", "tool-wipe x", "tool --all --yes"], not_match: ["tool list", "tool --all"] }
`;

const ruleset = buildRuleset([parseRuleFile(FILE, "demo.yaml")]);
const decide = (command: string) => {
  const verdict = evaluate(command, ruleset, exampleContext());
  return [verdict.decision, verdict.findings.map((f) => f.rule).join(",")].join(" ");
};

describe("any_of", () => {
  it.each([
    ["tool wipe", "deny demo.wipe"],
    ["tool-wipe now", "deny demo.wipe"],
    ["sudo tool --yes --all", "deny demo.wipe"],
    ["tool list", "allow "],
    ["tool --all", "allow "],
    ["tool-wipe-not x", "allow "],
  ])("%s → %s", (command, expected) => {
    expect(decide(command)).toBe(expected);
  });

  it("reports one finding when two shapes match one command", () => {
    expect(decide("tool wipe --all --yes")).toBe("deny demo.wipe");
  });
});

describe("escalate", () => {
  it.each([
    ["git push -f origin topic", "ask demo.force-push"],
    ["git push -f origin main", "deny demo.force-push"],
    ["git push origin +main -f", "deny demo.force-push,demo.forced-protected"],
    ["git push -f origin HEAD:release/2", "deny demo.force-push"],
    ["git -C repo push --force origin production", "deny demo.force-push"],
    ["git branch -D topic", "ask demo.branch-delete"],
    ["git branch -D master", "deny demo.branch-delete"],
  ])("%s → %s", (command, expected) => {
    expect(decide(command)).toBe(expected);
  });

  it("reads the current branch when the push names no refspec", () => {
    const onMain = evaluate("git push -f", ruleset, { ...exampleContext(), branch: "main" });
    expect(onMain.decision).toBe("deny");
    expect(evaluate("git push -f", ruleset, { ...exampleContext(), branch: "topic" }).decision).toBe("ask");
  });

  it("raises the action in production", () => {
    expect(decide("NODE_ENV=production git push -f origin topic")).toBe("deny demo.force-push");
  });
});

describe("refspec", () => {
  it.each([
    ["git push origin +main", "deny demo.forced-protected"],
    ["git push origin +HEAD:release/1", "deny demo.forced-protected"],
    ["git push origin +topic", "allow "],
    ["git push origin main", "allow "],
    // Never known to force; the force flag of demo.force-push may hide in the expansion.
    ["git push origin +$BRANCH", "ask demo.force-push"],
    ["git push origin :main", "allow "],
  ])("%s → %s", (command, expected) => {
    expect(decide(command)).toBe(expected);
  });
});

describe("ids and pack names", () => {
  it("gives every built-in rule an id that starts with its pack's name", () => {
    const off = builtinRuleFiles().flatMap((f) => f.rules.filter((r) => !r.id.startsWith(`${f.pack.name}.`)).map((r) => `${f.pack.name}: ${r.id}`));
    expect(off).toEqual([]);
  });

  it("uses no old spelling in the built-in rules", () => {
    expect(builtinRuleFiles().flatMap((f) => (f.notes ?? []).map((n) => `${f.file}:${n.line}: ${n.message}`))).toEqual([]);
  });

  it("points every old id at a rule that exists, and no current id is an old one", () => {
    const ids = new Set(builtinRuleFiles().flatMap((f) => f.rules.map((r) => r.id)));
    for (const [old, current] of Object.entries(RULE_ALIASES)) {
      expect(ids.has(current), `${old} → ${current}`).toBe(true);
      expect(ids.has(old), old).toBe(false);
    }
    const packs = new Set(builtinRuleFiles().map((f) => f.pack.name));
    for (const current of Object.values(PACK_ALIASES)) expect(packs.has(current)).toBe(true);
  });

  it("reads old ids and pack names in config as today's, with a note for each", () => {
    const old = Object.keys(RULE_ALIASES)[0];
    const read = withCurrentNames({ ruleActions: { [old]: "allow" as const }, disablePacks: ["filesystem"], agentRuleActions: { codex: { [old]: "deny" as const } } });
    expect(read.settings.ruleActions).toEqual({ [currentRuleId(old)]: "allow" });
    expect(read.settings.agentRuleActions).toEqual({ codex: { [currentRuleId(old)]: "deny" } });
    expect(read.settings.disablePacks).toEqual(["fs"]);
    expect(read.notes).toHaveLength(3);
    expect(read.notes[0]).toContain(`\`${currentRuleId(old)}\``);
  });

  it("lets the entry under today's id win over one under an old id", () => {
    const [old, current] = Object.entries(RULE_ALIASES)[0];
    expect(withCurrentNames({ ruleActions: { [current]: "deny" as const, [old]: "allow" as const } }).settings.ruleActions).toEqual({ [current]: "deny" });
  });
});

describe("program specs", () => {
  const isCarrier = (p: string) => sqlCarrier(p) !== undefined;
  const file = (name: string, programs: string, rules = "") => parseRuleFile(`programs:\n${programs}\nrules:\n${rules}`, name);
  const RULE = `  - id: demo.x
    action: ask
    severity: low
    message: M.
    why: W.
    instead: I.
    match: { program: tool, subcommand: [wipe] }
    examples: { match: ["tool wipe"], not_match: ["tool list"] }
`;

  it("gives every built-in program one spec and every built-in subcommand rule a spec", () => {
    expect(programSpecProblems(builtinRuleFiles(), isCarrier).map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([]);
  });

  it("refuses two files that specify one program differently, naming both", () => {
    const a = file("a.yaml", "  tool: { valued: [-C] }");
    const b = file("b.yaml", "  tool: { valued: [-C, --dir] }");
    expect(conflictingSpecs([a, b])).toEqual([expect.objectContaining({ file: "b.yaml", message: expect.stringContaining("a.yaml") })]);
    expect(conflictingSpecs([a, file("c.yaml", "  tool: { valued: [-C] }")])).toEqual([]);
  });

  it("refuses a subcommand rule whose program has no spec, and says what to add", () => {
    const errors = programSpecProblems([file("a.yaml", "  other: { valued: [] }", RULE)], isCarrier);
    expect(errors).toEqual([expect.objectContaining({ file: "a.yaml", message: expect.stringContaining("add programs: {tool: {valued:") })]);
    expect(programSpecProblems([file("a.yaml", "  tool: { valued: [] }", RULE)], isCarrier)).toEqual([]);
  });
});

describe("named sets", () => {
  const file = (sets: string, hosts: string) => `
sets:
${sets}
rules:
  - id: demo.remote-delete
    action: ask
    severity: low
    message: M.
    why: W.
    instead: I.
    match: { http: { methods: [DELETE], hosts: ${hosts} } }
    examples: { match: ["curl -X DELETE https://api.example.com/x"], not_match: ["curl -X DELETE http://localhost/x"] }
`;

  it("stands @NAME for the set's members and !@NAME for each of them excluded", () => {
    const [rule] = parseRuleFile(file("  here: [localhost, \"127.*\"]", '["*", "!@here"]'), "s.yaml").rules;
    expect(rule.match.http?.hosts).toEqual(["*", "!localhost", "!127.*"]);
  });

  it("refuses a set nobody defined", () => {
    expect(() => parseRuleFile(file("  here: [localhost]", '["@there"]'), "s.yaml")).toThrow(/unknown set `there`/);
  });
});
