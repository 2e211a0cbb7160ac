// `git -c KEY=VALUE` (and GIT_CONFIG_*, and an earlier `git config`) that switches off a git safety is judged as the option it stands for.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { extract } from "../../src/shell/extract";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const verdict = (command: string) => evaluate(command, ruleset, exampleContext());
const rules = (command: string) => verdict(command).findings.map((f) => f.rule);

describe("a setting is judged as the option it stands for", () => {
  it.each([
    ["-c clean.requireForce=false", "clean -d", "git clean -f -d"],
    ["-c clean.requireForce=0", "clean", "git clean -f"],
    ["-c clean.requireforce=off", "clean drafts/", "git clean -f drafts/"],
    ["-c clean.requireForce=", "clean -d", "git clean -f -d"],
    ["-c gc.pruneExpire=now", "gc", "git gc --prune=now"],
  ])("git %s %s decides as %s", (setting, command, equivalent) => {
    const withSetting = verdict(`git ${setting} ${command}`);
    const spelled = verdict(equivalent);
    expect(spelled.decision).not.toBe("allow");
    expect(withSetting.decision).toBe(spelled.decision);
    expect(withSetting.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(spelled.findings.map((f) => f.rule)));
  });

  it.each([
    "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=clean.requireForce GIT_CONFIG_VALUE_0=false git clean -d",
    "GIT_CONFIG_PARAMETERS=\"'clean.requireForce'='no'\" git clean -d",
    "env GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=clean.requireForce GIT_CONFIG_VALUE_0=0 git clean -d",
    "git config clean.requireForce false; git clean -d",
  ])("reads the setting from the environment or an earlier git config: %s", (command) => {
    expect(rules(command)).toContain("git.clean-force");
  });

  it("makes the equivalent command once: following it again with the same settings ends (no too-deep)", () => {
    for (const command of [
      "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=clean.requireForce GIT_CONFIG_VALUE_0=false git clean -d",
      "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.push GIT_CONFIG_VALUE_0=+refs/heads/x:refs/heads/x git push origin",
      "git config clean.requireForce false; git clean -d",
    ]) {
      const { problems, invocations } = extract(command);
      expect(problems, command).toEqual([]);
      expect(invocations.length, command).toBeLessThan(6);
    }
  });

  it.each([
    "git -c clean.requireForce=true clean -d",
    "git -c clean.requireForce clean -d",
    "git -c clean.requireForce=false clean -n -d",
    "git -c gc.pruneExpire=2.weeks.ago gc",
    "git -c core.hooksPath=/dev/null commit -m x",
    "git -c core.hooksPath=/dev/null push origin feature",
    "git -c clean.requireForce=false status",
  ])("leaves %s allowed", (command) => {
    expect(verdict(command).decision).toBe("allow");
  });

  it("asks for git config that switches the safety off for every later command", () => {
    expect(rules("git config clean.requireForce false")).toContain("git.safety-config-off");
    expect(rules("git config --global gc.pruneExpire now")).toContain("git.safety-config-off");
    expect(rules("git config clean.requireForce \"$V\"")).toContain("git.safety-config-off");
    expect(verdict("git config clean.requireForce true").decision).toBe("allow");
  });
});
