// One notion of "a deleter" (rules/destroyed.ts): find's -exec actions and the delete rules judge every deleter alike, through any argv wrapper.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { DELETER_COMMANDS, findExecCommands, isDeleter } from "../../src/rules/destroyed";
import { extract } from "../../src/shell/extract";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const verdict = (command: string) => evaluate(command, ruleset, exampleContext());

describe("find -exec with a deleter", () => {
  it("knows the deleters of the shared table, trash commands among them", () => {
    expect(DELETER_COMMANDS).toEqual(expect.arrayContaining(["rm", "unlink", "rmdir", "shred", "srm", "wipe", "scrub", "rimraf", "trash", "trash-put", "gio trash", "gio remove"]));
  });

  it.each(DELETER_COMMANDS.flatMap((cmd) => ["-exec", "-execdir", "-ok"].map((action) => [cmd, action] as const)))("denies find / %s via %s", (cmd, action) => {
    const v = verdict(`find / ${action} ${cmd} {} \\;`);
    expect(v.decision).toBe("deny");
    expect(v.findings.map((f) => f.rule)).toContain("fs.find-exec-delete-catastrophic");
  });

  it.each(["sudo", "sudo -u root", "env LC_ALL=C", "nice -n 5", "command", "busybox", "timeout 60", "nohup", "sudo env"])("looks through %s in front of the deleter", (wrapper) => {
    const v = verdict(`find ~ -exec ${wrapper} rm -f {} +`);
    expect(v.decision).toBe("deny");
    expect(v.findings.map((f) => f.rule)).toContain("fs.find-exec-delete-catastrophic");
  });

  it.each([
    "find / -exec sudo cat {} +",
    "find . -name '*.orig' -exec sudo rm {} +",
    "find /tmp/build -exec srm {} +",
    "find ~ -type f -exec env chmod 600 {} +",
    "find . -exec gio info {} +",
  ])("leaves %s to the other rules (not the catastrophic deny)", (command) => {
    expect(verdict(command).findings.map((f) => f.rule)).not.toContain("fs.find-exec-delete-catastrophic");
  });

  it("stops unwrapping after a bounded number of wrappers, where the command is too deep to judge (ask)", () => {
    const command = `find / -exec ${"nice ".repeat(40)}rm {} +`;
    const inv = extract(command).invocations.find((i) => i.program === "find")!;
    const [argv] = findExecCommands(inv);
    expect(argv[0].value).toBe("nice");
    expect(isDeleter(argv)).toBe(false);
    expect(verdict(command).decision).not.toBe("allow");
  });
});

describe("find … | xargs CMD is judged as find … -exec CMD {} +", () => {
  it.each([
    ["find . | xargs rm -f", "find . -exec rm -f {} +"],
    ["find ~ -type f | xargs srm", "find ~ -type f -exec srm {} +"],
    ["find / -print0 | xargs -0 shred -u", "find / -print0 -exec shred -u {} +"],
    ["find ~ | xargs -I{} trash {}", "find ~ -exec trash {} \\;"],
    ["find . -mtime +7 | xargs rm", "find . -mtime +7 -exec rm {} +"],
    ["find . -name '*.log' | xargs rm -f", "find . -name '*.log' -exec rm -f {} +"],
  ])("%s decides as %s", (piped, exec) => {
    const a = verdict(piped);
    const b = verdict(exec);
    expect(a.decision).toBe(b.decision);
    expect(a.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(b.findings.map((f) => f.rule)));
  });

  it("marks the equivalent command as reached through find | xargs", () => {
    const finding = verdict("find . | xargs rm -f").findings.find((f) => f.rule === "fs.find-exec-delete-catastrophic")!;
    expect(finding.via).toContain("find | xargs");
  });
});
