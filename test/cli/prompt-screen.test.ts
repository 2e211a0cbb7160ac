// What a person sees at the approval prompt, read off a real PTY's screen: refusals read as refusals, no codes, no agent lines.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { askBeforeTouch, guardInPty, guardNoTty, sandbox } from "../helpers/guard";
import { screenText } from "../helpers/screen";

const type = (answer: string) => [{ wait: 'Type "x.txt"', send: answer }];

function screen(output: string): string {
  return screenText(output).join("\n");
}

describe("the approval prompt, as the screen shows it", () => {
  it("shows the timeout in the question", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env: { ...env, GUARD_PROMPT_TIMEOUT: "45" }, steps: type("x.txt\r") });
    expect(screen(r.output)).toMatch(/Type "x\.txt" to run it \(anything else cancels; 45 s\)/);
    expect(r.exitCode).toBe(0);
  });

  it("keeps the underline under the finding when a long command is cut to an 80-column screen", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const command = `echo ${"word ".repeat(30)}&& touch x.txt`;
    const r = guardInPty(["exec", command], { cwd: repo, env, cols: 80, steps: type("no\r") });
    const lines = screenText(r.output, 80);
    const at = lines.findIndex((l) => l.includes("touch x.txt") && !l.includes("Type"));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at].length).toBeLessThanOrEqual(80);
    const carets = lines[at + 1];
    expect(carets).toMatch(/^\s*\^+\s*$/);
    // The carets stand exactly under the rule's span, `touch x.txt`, on the cut line.
    const start = carets.indexOf("^");
    expect(lines[at].slice(start, start + carets.trim().length)).toBe("touch x.txt");
    expect(existsSync(join(repo, "x.txt"))).toBe(false);
  });

  it("draws a wrong answer as a refusal: a cross, never a tick, and the reason in words", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: type("nope\r") });
    const text = screen(r.output);
    expect(r.exitCode).toBe(77);
    expect(existsSync(join(repo, "x.txt"))).toBe(false);
    expect(text).not.toContain("✔");
    expect(text).toMatch(/✖ Type "x\.txt"/);
    expect(text).toContain('✖ Not approved (the answer was not "x.txt"): the command did not run.');
    // No internal codes, and the finding is shown once (in the prompt), not again after the refusal.
    expect(text).not.toMatch(/wrong-answer|wrong-pin/);
    expect(text.match(/test\.touch/g)).toHaveLength(1);
    // Lines written for an agent are not shown to the person at the terminal.
    expect(text).not.toMatch(/ask the user|do not try another way/i);
  });

  it("draws a wrong PIN as a refusal too", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    guardInPty(["pin", "set"], { cwd: repo, env, steps: [{ wait: "New PIN", send: "4711\r" }, { wait: "again", send: "4711\r" }] });
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: [...type("x.txt\r"), { wait: "PIN", send: "1234\r" }] });
    const text = screen(r.output);
    expect(r.exitCode).toBe(77);
    expect(text).toMatch(/✖ Approval PIN/);
    expect(text).toContain("✖ Not approved (the PIN was wrong)");
    expect(text).not.toMatch(/✔ Approval PIN/);
  });

  it("asks again for a PIN that is too short instead of ending the command", () => {
    const { repo, env } = sandbox();
    const r = guardInPty(["pin", "set"], { cwd: repo, env, steps: [{ wait: "New PIN", send: "12\r" }, { wait: "at least 4 characters, please", send: "\x7f\x7f4711\r" }, { wait: "again", send: "4711\r" }] });
    expect(r.pendingSteps).toBe(0);
    expect(r.exitCode).toBe(0);
  });

  it("guard approve shows the rule, what and why, local times and what happens next", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const first = guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env });
    const code = /guard approve ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(first.stderr)?.[1];
    expect(code).toBeDefined();
    const r = guardInPty(["approve", code!], { cwd: repo, env, steps: [{ wait: "Type", send: "approve\r" }] });
    const text = screen(r.output);
    expect(r.exitCode).toBe(0);
    expect(text).toContain("ASK  test.touch");
    expect(text).toContain("what: Creates a file.");
    expect(text).toContain("why:  The test needs an ask.");
    expect(text).toMatch(/asked at: +\w/);
    expect(text).toContain("Approving runs nothing now.");
    expect(text).toMatch(/✔ Approved\. Nothing ran yet: the command runs when it is run again/);
    expect(text).not.toMatch(/Type "approve" to run it/);
  });
});
