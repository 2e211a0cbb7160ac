// Command logic as plain functions, called in-process: no commander, no spawned guard.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { join } from "node:path";
import { sandbox } from "../helpers/guard";
import { CliError } from "../../src/cli/errors";
import { EXIT } from "../../src/cli/exit-codes";
import { explain } from "../../src/cli/explain-command";
import { listRules, showRule } from "../../src/cli/rules-command";
import { envReport } from "../../src/cli/env-command";
import { execCommand } from "../../src/cli/exec-command";
import { testRules } from "../../src/cli/test-command";

let out: string;
let err: string;

beforeEach(() => {
  const box = sandbox();
  for (const name of ["HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "GUARD_AUDIT_LOG"]) vi.stubEnv(name, box.env[name]);
  vi.stubEnv("XDG_CACHE_HOME", join(box.root, "cache"));
  vi.spyOn(process, "cwd").mockReturnValue(box.repo);
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((err += String(chunk)), true));
  process.exitCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe("guard explain", () => {
  it("shows each command found and the rule that matched", async () => {
    await explain(["rm -rf ~"], {});
    expect(out).toContain("rm");
    expect(out).toMatch(/deny/i);
  });

  it("without a command is a usage error", async () => {
    await expect(explain([], {})).rejects.toMatchObject({ constructor: CliError, exitCode: EXIT.usage });
  });
});

describe("guard rules", () => {
  it("lists the packs in force, and shows one rule with its examples", () => {
    listRules({ json: true });
    const packs = JSON.parse(out) as { pack: string; enabled: boolean; rules: { id: string }[] }[];
    const rule = packs.find((p) => p.enabled && p.rules.length)!.rules[0];
    out = "";
    showRule(rule.id, {});
    expect(out).toContain(rule.id);
    expect(out).toContain("matches:");
  });

  it("an unknown rule id fails with exit 1", () => {
    showRule("no.such-rule", {});
    expect(err).toContain("no rule with id no.such-rule");
    expect(process.exitCode).toBe(EXIT.failure);
  });
});

describe("guard env", () => {
  it("says whether isolation is on and lists what a command would see, as JSON", () => {
    vi.stubEnv("GITHUB_TOKEN", "x");
    envReport(["gh", "pr", "list"], { json: true });
    const report = JSON.parse(out) as { isolation: boolean; variables: { name: string; kept: boolean }[] };
    expect(report.isolation).toBe(true);
    expect(report.variables.find((v) => v.name === "GITHUB_TOKEN")).toMatchObject({ kept: false });
  });
});

describe("guard exec", () => {
  it("without a command is a usage error, and runs nothing", async () => {
    await expect(execCommand([], { shell: "bash" })).rejects.toMatchObject({ constructor: CliError, exitCode: EXIT.usage });
  });
});

describe("guard test", () => {
  it("runs the built-in examples and says they all pass", () => {
    testRules([], {});
    expect(out).toMatch(/all passed\n$/);
    expect(process.exitCode).toBe(EXIT.allow);
  });
});
