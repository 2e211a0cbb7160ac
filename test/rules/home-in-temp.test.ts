// HOME under a temp directory (containers, CI images): home and its credentials stay protected, only its caches are scratch.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { zoneOf } from "../../src/rules/zones";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

describe.each(["/tmp/ci-home", "/var/tmp/agent/home"])("HOME=%s", (home) => {
  const ctx = { ...exampleContext(), home };
  const decision = (command: string) => evaluate(command, ruleset, ctx).decision;

  it.each(["rm -rf ~/.ssh", "rm -rf ~/backups", "rm ~/.aws/credentials", "rm -rf $HOME/.gnupg", `rm -rf ${home}/.ssh`])("stops %s", (command) => {
    expect(decision(command)).not.toBe("allow");
  });

  it("denies deleting home itself", () => {
    expect(decision("rm -rf ~")).toBe("deny");
  });

  it.each(["rm -rf ~/.cache/pip", "rm -rf ~/.npm/_cacache", "rm -rf /tmp/build-123", "rm -rf /var/tmp/scratch"])("keeps %s allowed (caches and other scratch)", (command) => {
    expect(decision(command)).toBe("allow");
  });

  it("zones a path in home as outside, a cache in home as temp", () => {
    expect(zoneOf(`${home}/.ssh/id_ed25519`, ctx)).toBe("outside");
    expect(zoneOf(`${home}/.cache/x`, ctx)).toBe("temp");
  });
});
