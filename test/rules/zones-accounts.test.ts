// Zones and configuration across accounts and systems: other accounts' login configuration, Windows temp paths, unset variables.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { zoneOf } from "../../src/rules/zones";
import { isConfigPath } from "../../src/rules/overwrite-classes";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const ctx = exampleContext();

function decision(command: string, env: Record<string, string> = {}): string {
  return evaluate(command, ruleset, { ...exampleContext(), env }).decision;
}

describe("another account's login configuration", () => {
  it.each(["/home/alice/.ssh/authorized_keys", "/root/.ssh/authorized_keys", "/Users/bob/.bashrc", "/home/alice/.ssh/config"])("%s is configuration", (path) => {
    expect(isConfigPath(path, ctx)).toBe(true);
  });
  it.each(["/home/alice/notes.txt", "/home/alice/project/src/a.ts", "/srv/app/.ssh-notes"])("%s is not", (path) => {
    expect(isConfigPath(path, ctx)).toBe(false);
  });
  it("asks for an append to it after a cd", () => {
    expect(decision("cd /home/alice/.ssh; echo k >>authorized_keys")).toBe("ask");
    expect(decision("cd /home/alice/.ssh && cat authorized_keys")).toBe("allow");
  });
});

describe("Windows temp directories (Git Bash, Cygwin, WSL spellings)", () => {
  it.each(["/c/Users/u/AppData/Local/Temp/build", "/C/users/U/appdata/local/temp/x", "/mnt/c/Windows/Temp/x", "/cygdrive/d/Users/me/AppData/Local/Temp/a/b"])("%s is temp", (path) => {
    expect(zoneOf(path, ctx)).toBe("temp");
  });
  it.each(["/c/Users/u/AppData/Local/Temp", "/c/Users/u/Documents", "/c/Users/u/AppData/Local/Programs/x"])("%s is not", (path) => {
    expect(zoneOf(path, ctx)).not.toBe("temp");
  });
});

describe("an unset variable that collapses a recursive delete's path", () => {
  it("asks when a temp-looking variable is unset, allows when it is set", () => {
    expect(decision('rm -rf "$TEMP/some/subdir/file"')).toBe("ask");
    expect(decision('rm -rf "$TEMP/some/subdir/file"', { TEMP: "/tmp" })).toBe("allow");
  });
  it("asks for any unset variable when what is left is a system directory", () => {
    expect(decision('rm -rf "$PREFIX/etc"')).toBe("ask");
    expect(decision('rm -rf "${PREFIX}/usr"')).toBe("ask");
    expect(decision('rm -rf "$BUILD_DIR/out"')).toBe("allow");
  });
});
