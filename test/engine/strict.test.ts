// `profile: strict`: the corpus rows of test/corpus/strict/, the user's known_harmless list, and the scan report by reason.
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { applyStrict } from "../../src/engine/strict";
import { parseConfig } from "../../src/config/load";
import { strictFor } from "../../src/config/settings";
import { combine } from "../../src/config/keys";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

interface Row { command: string; decision: "allow" | "ask" | "deny"; rules?: string[] }

const ruleset = rulesetWith(loadBuiltinIndividually().files);
const strictVerdict = (command: string, harmless: string[] = []) => applyStrict(evaluate(command, ruleset, exampleContext()), ruleset, harmless);

describe("strict profile corpus", () => {
  const rows = parse(readFileSync("test/corpus/strict/profile.yaml", "utf8")) as Row[];
  it.each(rows.map((r) => [r.command, r] as const))("%s", (_c, row) => {
    const verdict = strictVerdict(row.command);
    expect({ decision: verdict.decision, rules: verdict.findings.map((f) => f.rule) }).toEqual({ decision: row.decision, rules: expect.arrayContaining(row.rules ?? []) });
  });

  it("asks about nothing the default profile would not, on the read-only rows", () => {
    const allowed = rows.filter((r) => r.decision === "allow");
    expect(allowed.length).toBeGreaterThan(15);
    for (const row of allowed) expect(evaluate(row.command, ruleset, exampleContext()).decision).toBe("allow");
  });
});

describe("known_harmless", () => {
  it("lets the user add command prefixes, word by word with globs", () => {
    expect(strictVerdict("docker compose up -d").decision).toBe("ask");
    expect(strictVerdict("docker compose up -d", ["docker compose up"]).decision).toBe("allow");
    expect(strictVerdict("hugo --minify").decision).toBe("ask");
    expect(strictVerdict("hugo --minify", ["hug*"]).decision).toBe("allow");
    // A prefix never extends to another subcommand, and never lowers what the default rules decide.
    expect(strictVerdict("docker compose down", ["docker compose up"]).decision).toBe("ask");
    expect(strictVerdict("terraform destroy -auto-approve", ["terraform *"]).decision).toBe("deny");
  });
});

describe("profile config", () => {
  const layer = (data: unknown, which: "system" | "user" | "project") => parseConfig(data, `/cfg/${which}.yaml`, which);

  it("is set globally or per agent in the user file, and the default profile stays as it was", () => {
    expect(strictFor(combine([]), "codex")).toBe(false);
    expect(strictFor(combine([layer({ profile: "strict" }, "user").layer]), undefined)).toBe(true);
    const perAgent = combine([layer({ agents: { codex: { profile: "strict" } } }, "user").layer]);
    expect(strictFor(perAgent, "codex")).toBe(true);
    expect(strictFor(perAgent, "claude-code")).toBe(false);
  });

  it("cannot be switched off or loosened by the project file", () => {
    const user = layer({ profile: "strict" }, "user").layer;
    expect(strictFor(combine([user, layer({ profile: "default" }, "project").layer]), undefined)).toBe(true);
    expect(layer({ known_harmless: ["rm"] }, "project").errors.join()).toMatch(/known_harmless is not allowed in the project file/);
    expect(strictFor(combine([layer({ profile: "strict" }, "project").layer]), undefined)).toBe(true);
  });

  it("is a floor when the system policy sets it", () => {
    const system = layer({ profile: "strict" }, "system").layer;
    const user = layer({ profile: "default", agents: { codex: { profile: "default" } } }, "user").layer;
    expect(strictFor(combine([system, user]), "codex")).toBe(true);
  });

  it("rejects unknown values", () => {
    expect(layer({ profile: "lenient" }, "user").errors).toContain("profile must be default or strict");
    expect(layer({ agents: { codex: { profile: "x" } } }, "user").errors.join()).toMatch(/agents.codex.profile must be default or strict/);
  });
});

describe("guard scan --profile strict", () => {
  it("reports what strict would ask, by reason and program", async () => {
    const { scanText } = await import("../../src/cli/scan-command");
    const dir = mkdtempSync(join(tmpdir(), "guard-strict-"));
    try {
      writeFileSync(join(dir, "history"), "ls -la\ngit status\ngit commit -m x\nls > out.txt\nsudo ls\nrm -rf ~\n");
      const report = scanText(readFileSync(join(dir, "history"), "utf8"), { name: "history", format: "history", cwd: dir, strict: true });
      expect(report.strict?.asked).toBe(3);
      expect(report.strict?.reasons).toEqual(expect.arrayContaining([
        { rule: "guard.strict-not-known-harmless", count: 1 },
        { rule: "guard.strict-writes-file", count: 1 },
        { rule: "guard.strict-runs-elsewhere", count: 1 },
      ]));
      expect(report.denied).toBe(1);
      const plain = scanText("ls -la\ngit commit -m x\n", { name: "h", format: "history", cwd: dir });
      expect(plain.strict).toBeUndefined();
      expect(plain.asked).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
