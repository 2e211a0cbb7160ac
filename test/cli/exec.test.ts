// guard exec and guard shell end to end: what runs, what does not, exit codes, signals, stdin, approvals.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { askBeforeTouch, guardAsync, guardInPty, guardNoTty, sandbox } from "../helpers/guard";

describe("guard exec: deny", () => {
  it("does not run a denied command; the canary survives; exit 77 with an explanation", () => {
    const { root, repo, env } = sandbox();
    const canaryDir = join(root, "canary");
    mkdirSync(canaryDir);
    writeFileSync(join(canaryDir, "canary.txt"), "alive");
    const r = guardNoTty(["exec", 'rm -rf "$CANARY_DIR"/'], { cwd: repo, env: { ...env, CANARY_DIR: canaryDir } });
    expect(r.code).toBe(77);
    expect(readFileSync(join(canaryDir, "canary.txt"), "utf8")).toBe("alive");
    expect(r.stderr).toContain("guard: BLOCKED (exit 77)");
    expect(r.stderr).toContain("fs.rm-recursive-catastrophic");
    expect(r.stderr).toMatch(/why: /);
    expect(r.stderr).toMatch(/instead: /);
    expect(r.stderr).toContain("Do not try another way to do the same thing: stop and ask the user.");
  });

  it("blocks the argv form too", () => {
    const { repo, env } = sandbox();
    const r = guardNoTty(["exec", "--", "git", "push", "--force", "origin", "main"], { cwd: repo, env });
    expect(r.code).toBe(77);
  });
});

describe("guard exec: running", () => {
  it("passes the child's exit code through", () => {
    const { repo, env } = sandbox();
    expect(guardNoTty(["exec", "--", "sh", "-c", "exit 3"], { cwd: repo, env }).code).toBe(3);
    expect(guardNoTty(["exec", "exit 4"], { cwd: repo, env }).code).toBe(4);
  });

  it("gives 128+n when a signal kills the child", () => {
    const { repo, env } = sandbox();
    expect(guardNoTty(["exec", "--", "sh", "-c", "kill -KILL $$"], { cwd: repo, env }).code).toBe(137);
  });

  it("runs one string with bash -c and an argv directly, with no shell", () => {
    const { repo, env } = sandbox();
    expect(guardNoTty(["exec", "echo $((1+2))"], { cwd: repo, env }).stdout).toBe("3\n");
    expect(guardNoTty(["exec", "--", "printf", "%s\n", "$HOME; rm -rf /"], { cwd: repo, env }).stdout).toBe("$HOME; rm -rf /\n");
  });

  it("hands stdin through intact", () => {
    const { repo, env } = sandbox();
    const input = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"é".repeat(i % 7)}`).join("\n");
    expect(guardNoTty(["exec", "--", "cat"], { cwd: repo, env, input }).stdout).toBe(input);
  });

  it("forwards SIGTERM to the child", async () => {
    const { repo, env } = sandbox();
    const child = guardAsync(["exec", "--", "sh", "-c", "trap 'echo got-term; exit 5' TERM; echo ready; while :; do sleep 0.05; done"], { cwd: repo, env });
    let out = "";
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => { out += d; if (out.includes("ready")) resolve(); }));
    child.kill("SIGTERM");
    // "close", not "exit": the child's last output may still be in the pipe when it exits (seen on a loaded machine).
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(out).toContain("got-term");
    expect(code).toBe(5);
  });

  it("writes an audit record with the exit code and duration", () => {
    const { repo, env } = sandbox();
    guardNoTty(["exec", "--", "sh", "-c", "exit 2"], { cwd: repo, env });
    const lines = readFileSync(env.GUARD_AUDIT_LOG, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ entry: "exec", decision: "allow", exitCode: 2, cwd: repo });
    expect(typeof lines.at(-1).durationMs).toBe("number");
  });

  it("still runs an allowed command when the audit log cannot be written, with a warning", () => {
    const { root, repo, env } = sandbox();
    writeFileSync(join(root, "not-a-dir"), "");
    const r = guardNoTty(["exec", "echo ran"], { cwd: repo, env: { ...env, GUARD_AUDIT_LOG: join(root, "not-a-dir", "audit.jsonl") } });
    expect(r.stdout).toBe("ran\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("could not write the audit log");
  });
});

describe("guard exec: ask without a terminal", () => {
  it("refuses with a one-time code, runs once after guard approve, refuses again after", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const first = guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env });
    expect(first.code).toBe(77);
    const code = /guard approve ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(first.stderr)?.[1];
    expect(code, first.stderr).toBeDefined();
    expect(existsSync(join(repo, "approved.txt"))).toBe(false);

    // Only a terminal can approve.
    expect(guardNoTty(["approve", code!], { cwd: repo, env }).code).toBe(64);

    const approval = guardInPty(["approve", code!], { cwd: repo, env, steps: [{ wait: "Type", send: "approve\r" }] });
    expect(approval.output).toContain("command:   touch approved.txt");
    expect(approval.output).toContain(`directory: ${repo}`);
    expect(approval.exitCode).toBe(0);

    // Another directory or another command does not use the approval.
    expect(guardNoTty(["exec", "touch other.txt"], { cwd: repo, env }).code).toBe(77);
    const ran = guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env });
    expect(ran.code).toBe(0);
    expect(existsSync(join(repo, "approved.txt"))).toBe(true);

    const again = guardNoTty(["exec", "touch approved.txt"], { cwd: repo, env });
    expect(again.code).toBe(77);
    expect(again.stderr).toMatch(/guard approve [2-9A-Z]{4}-[2-9A-Z]{4}/);
  });

  it("cannot approve an unknown code", () => {
    const { repo, env } = sandbox();
    const r = guardInPty(["approve", "AAAA-BBBB"], { cwd: repo, env, steps: [] });
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain("no pending request");
  });
});

describe("guard exec: ask at a terminal", () => {
  const type = (answer: string) => [{ wait: 'Type "x.txt"', send: answer }];

  it("runs the command when the target is typed", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: type("x.txt\r") });
    expect(r.output).toContain("test.touch");
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(repo, "x.txt"))).toBe(true);
  });

  it.each([
    ["a wrong answer", "yes\r"],
    ["Esc", "\u001b"],
    ["Ctrl-C", "\u0003"],
    ["Ctrl-D (EOF)", "\u0004"],
  ])("does not run it on %s", (_name, keys) => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: type(keys) });
    expect(r.pendingSteps, "the prompt was shown and answered").toBe(0);
    expect(r.exitCode).toBe(77);
    expect(existsSync(join(repo, "x.txt"))).toBe(false);
  });

  it("does not run it when nobody answers before the timeout", () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const started = Date.now();
    const r = guardInPty(["exec", "touch x.txt"], { cwd: repo, env: { ...env, GUARD_PROMPT_TIMEOUT: "1" }, steps: [] });
    expect(r.exitCode).toBe(77);
    expect(r.output).toContain("no answer within 1 s");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(join(repo, "x.txt"))).toBe(false);
  });

  it("with a PIN set, needs the PIN as well", async () => {
    const { repo, env } = sandbox();
    askBeforeTouch(repo);
    const set = guardInPty(["pin", "set"], { cwd: repo, env, steps: [{ wait: "New PIN", send: "4711\r" }, { wait: "again", send: "4711\r" }] });
    expect(set.exitCode).toBe(0);
    const pinFile = join(env.XDG_CONFIG_HOME, "guard", "pin.json");
    expect(readFileSync(pinFile, "utf8")).not.toContain("4711");

    const wrong = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: [...type("x.txt\r"), { wait: "PIN", send: "1234\r" }] });
    expect(wrong.pendingSteps).toBe(0);
    expect(wrong.exitCode).toBe(77);
    expect(existsSync(join(repo, "x.txt"))).toBe(false);

    const right = guardInPty(["exec", "touch x.txt"], { cwd: repo, env, steps: [...type("x.txt\r"), { wait: "PIN", send: "4711\r" }] });
    expect(right.exitCode).toBe(0);
    expect(existsSync(join(repo, "x.txt"))).toBe(true);

    const clear = guardInPty(["pin", "clear"], { cwd: repo, env, steps: [{ wait: "Current PIN", send: "4711\r" }] });
    expect(clear.exitCode).toBe(0);
    expect(existsSync(pinFile)).toBe(false);
  });
});

describe("guard shell", () => {
  it.each([
    [["-c", "echo $0 $1", "zero", "one"], "zero one\n"],
    [["-lc", "echo hi"], "hi\n"],
    [["-c", "-l", "echo hi"], "hi\n"],
    [["--norc", "--noprofile", "-o", "pipefail", "-c", "echo hi"], "hi\n"],
    [["-e", "-x", "-c", "echo hi"], "hi\n"],
  ])("runs bash with the same argv: %j", (args, out) => {
    const { repo, env } = sandbox();
    expect(guardNoTty(["shell", ...args], { cwd: repo, env }).stdout).toBe(out);
  });

  it("refuses a denied -c string; the canary survives", () => {
    const { root, repo, env } = sandbox();
    mkdirSync(join(root, "c"));
    writeFileSync(join(root, "c", "canary"), "x");
    const r = guardNoTty(["shell", "-c", `cd ${join(root, "c")} && rm -rf ..`], { cwd: repo, env });
    expect(r.code).toBe(77);
    expect(existsSync(join(root, "c", "canary"))).toBe(true);
  });

  it("checks a script file and a script on stdin", () => {
    const { repo, env } = sandbox();
    writeFileSync(join(repo, "ok.sh"), "echo fine\n");
    writeFileSync(join(repo, "bad.sh"), "git push --force origin main\n");
    expect(guardNoTty(["shell", "ok.sh"], { cwd: repo, env }).stdout).toBe("fine\n");
    expect(guardNoTty(["shell", "bad.sh"], { cwd: repo, env }).code).toBe(77);
    expect(guardNoTty(["shell"], { cwd: repo, env, input: "echo from-stdin\n" }).stdout).toBe("from-stdin\n");
    expect(guardNoTty(["shell", "-s"], { cwd: repo, env, input: "git push --force origin main\n" }).code).toBe(77);
  });
});
