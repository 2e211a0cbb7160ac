// What `guard check` evaluates: a shell string, an argv, or one command from stdin; never an empty command.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkInput } from "../../src/cli/command-text";

describe("checkInput", () => {
  it.each([[[""]], [["   "]], [["\n"]]])("refuses the empty command %j as a usage error", (args) => {
    expect(() => checkInput(args)).toThrow(/the command is empty/);
  });

  it("reads - from stdin, without the trailing newline", () => {
    expect(checkInput(["-"], () => "rm -rf /\n")).toBe("rm -rf /");
    expect(() => checkInput(["-"], () => "\n")).toThrow(/empty/);
  });

  it("quotes several arguments as an argv", () => {
    expect(checkInput(["rm", "-rf", "my dir"])).toBe("rm -rf 'my dir'");
  });
});

describe("guard check - (end to end)", () => {
  const state = mkdtempSync(join(tmpdir(), "guard-check-stdin-"));
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [resolve("bin/guard"), "check", ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", XDG_STATE_HOME: state, GUARD_AUDIT_LOG: join(state, "audit.jsonl") } });

  it("checks a command longer than argv allows for one argument", () => {
    // 300 KB: more than Linux's 128 KB limit for a single argv string.
    const r = run(["--json", "-"], `echo ${"a".repeat(300_000)} && rm -rf ~\n`);
    expect(r.status).toBe(20);
    expect(JSON.parse(r.stdout).decision).toBe("deny");
  });

  it("exits 64 for an empty command instead of allowing it", () => {
    const r = run([""]);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/the command is empty/);
  });
});
