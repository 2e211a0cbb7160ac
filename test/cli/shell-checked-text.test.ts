// The shell stand-in checks what the shell that runs will read: dash's grammar for sh, rc files and BASH_ENV first.
import { describe, expect, it } from "vitest";
import { checkedText } from "../../src/cli/shell";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const decision = (text: string) => evaluate(text, ruleset, exampleContext()).decision;

describe("guard shell: the text checked", () => {
  it("is the -c string itself for bash", () => {
    expect(checkedText("npm test", ["-c", "npm test"], "/bin/bash")).toBe("npm test");
  });

  it("is read as sh reads it when guard stands in for sh (dash runs ((cmd)) as subshells)", () => {
    const text = checkedText("((rm -rf ~))", ["-c", "((rm -rf ~))"], "/bin/sh");
    expect(decision(text)).toBe("deny");
    expect(decision("((rm -rf ~))")).not.toBe("deny"); // bash reads it as arithmetic
  });

  it("checks an interactive shell's --rcfile first", () => {
    const text = checkedText("true", ["--rcfile", "/tmp/unreadable-rc", "-i", "-c", "true"], "/bin/bash");
    expect(text.split("\n")[0]).toBe(". /tmp/unreadable-rc");
    expect(decision(text)).toBe("ask"); // a file guard cannot read runs first
  });
});
