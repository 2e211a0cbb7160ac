// Shell completions and the man page come from the same command tree as --help, and the scripts work in their shells.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program";
import { commandSpecs, completionScript, manPage } from "../../src/cli/completion";

const program = buildProgram();
const names = commandSpecs(program).map((s) => s.name);

describe("guard completion", () => {
  it("knows every visible command and hides the hooks' own", () => {
    expect(names).toEqual(expect.arrayContaining(["check", "exec", "install", "doctor", "init", "completion", "scan", "log"]));
    expect(names).not.toContain("pre-push");
    expect(names).not.toContain("man");
  });

  it("completes subcommands, options and install targets in a real bash", () => {
    const script = completionScript(program, "bash");
    const complete = (line: string) => {
      const words = line.split(" ");
      const r = spawnSync("bash", ["-c", `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _guard; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      return r.stdout.trim().split("\n");
    };
    expect(complete("guard ch")).toEqual(["check"]);
    expect(complete("guard install cl")).toEqual(["claude-code"]);
    expect(complete("guard check --j")).toEqual(["--json"]);
  });

  it("gives a zsh script that zsh parses", () => {
    const r = spawnSync("zsh", ["-n"], { input: completionScript(program, "zsh"), encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(completionScript(program, "zsh")).toContain("'1:install:(claude-code cursor");
  });

  it("gives fish completions for every command", () => {
    const fish = completionScript(program, "fish");
    for (const name of names) expect(fish).toContain(`-a ${name} `);
    expect(fish).toContain("__fish_seen_subcommand_from check' -l json");
  });

  it("refuses an unknown shell as a usage error", () => {
    expect(() => completionScript(program, "tcsh")).toThrow(/no completion for tcsh/);
  });
});

describe("the man page", () => {
  it("documents every command and option --help shows", () => {
    const page = manPage(program);
    for (const spec of commandSpecs(program)) {
      expect(page).toContain(`.B guard ${spec.name}`);
      for (const o of spec.options) expect(page).toContain(o.usage.replace(/-/g, "\\-"));
    }
  });

  it("is built into dist/guard.1 and shipped as the package's man page", () => {
    expect(existsSync(resolve("dist/guard.1"))).toBe(true);
    expect(readFileSync("dist/guard.1", "utf8")).toMatch(/^\.TH GUARD 1/);
    expect(JSON.parse(readFileSync("package.json", "utf8")).man).toEqual(["./dist/guard.1"]);
  });
});
