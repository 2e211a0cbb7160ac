// Program-side parsing (issue 12, items 3–6): option prefixes, program identity, and the scanners for code inside awk, sed and vim arguments.
import { describe, expect, it } from "vitest";
import { scanOptions } from "../../src/shell/options";
import { literalWord } from "../../src/shell/words";
import { canonicalProgram, packageBinaryName } from "../../src/shell/identity";
import { awkCommands, sedCommands, vimCommands } from "../../src/shell/embedded-code";
import { conventionOf } from "../../src/shell/conventions";
import { fallbackApplies, fallbackCandidates } from "../../src/shell/fallback";

const words = (...values: string[]) => values.map((v) => literalWord(v, { start: 0, end: 0 }));

describe("long-option prefixes (GNU getopt_long, git parse-options)", () => {
  const spec = { valued: ["--command", "--file"], known: ["--recursive", "--force", "--force-with-lease", "--hard"], abbreviations: true };
  it.each([
    ["--rec", "--recursive", undefined],
    ["--har", "--hard", undefined],
    ["--comm=DROP", "--command", "DROP"],
    ["--recursive", "--recursive", undefined],
  ])("%s reads as %s", (given, name, value) => {
    const scan = scanOptions(words("rm", given), 1, spec);
    expect(scan.options[0]).toMatchObject({ name, ...(value ? { value } : {}) });
  });

  it("takes the value of an abbreviated valued option from the next word", () => {
    expect(scanOptions(words("psql", "--comm", "DROP TABLE t"), 1, spec).options[0]).toMatchObject({ name: "--command", value: "DROP TABLE t" });
  });

  it("keeps an ambiguous prefix with every option it could mean", () => {
    expect(scanOptions(words("git", "--forc"), 1, spec).options[0]).toMatchObject({ name: "--forc", candidates: ["--force", "--force-with-lease"] });
  });

  it("leaves prefixes alone for programs that need exact names", () => {
    expect(scanOptions(words("kubectl", "--rec"), 1, { ...spec, abbreviations: false }).options[0].name).toBe("--rec");
    expect(conventionOf("kubectl").style).toBe("exact");
    expect(conventionOf("rm").style).toBe("gnu");
    expect(conventionOf("git").subcommandValued?.checkout).toContain("-b");
  });
});

describe("program identity", () => {
  it.each([
    ["@railway/cli", "railway"], ["@railway/cli@3.2.1", "railway"], ["netlify-cli", "netlify"], ["firebase-tools@latest", "firebase"],
    ["supabase@latest", "supabase"], ["@scope/tool", "tool"], ["vercel", "vercel"], ["./local.tgz", "./local.tgz"],
  ])("npx %s runs %s", (spec, binary) => expect(packageBinaryName(spec)).toBe(binary));

  it.each([["git.exe", "git"], ["GIT.EXE", "git"], ["C:\\Program Files\\Git\\bin\\git.exe", "git"], ["/usr/bin/rm", "rm"], ["npx.cmd", "npx"], ["rm", "rm"]])(
    "%s is %s", (name, program) => expect(canonicalProgram(name)).toBe(program));
});

describe("code inside awk, sed and vim arguments", () => {
  it.each([
    ['BEGIN{system("rm -rf ~")}', [{ kind: "shell", text: "rm -rf ~" }]],
    ['{ print $1 | "sort -u" }', [{ kind: "shell", text: "sort -u" }]],
    ['BEGIN { "date" | getline d }', [{ kind: "shell", text: "date" }]],
    ['BEGIN { print "rm -rf ~" | "sh" }', [{ kind: "shell", text: "sh" }, { kind: "shell", text: "rm -rf ~" }]],
    ["{ system($0) }", [{ kind: "unknown", detail: "system() runs a command built at run time" }]],
    ["$1 ~ /a|b/ || $2 > 3 { print }", []],
    ["{ x = a / b; print x }", []],
  ])("awk %s", (program, expected) => expect(awkCommands(program)).toEqual(expected));

  it.each([
    ["1e rm -rf ~", [{ kind: "shell", text: "rm -rf ~" }]],
    ["s/x/y/e", [{ kind: "unknown", detail: "runs each substituted line as a command (`s///e`)" }]],
    ["/start/,/end/ { e\n}", [{ kind: "unknown", detail: "runs the pattern space as a command (`e`)" }]],
    ["s/e/f/g; /^#/d", []],
    ["s|a|b|w out.txt", []],
    ["y/abc/xyz/", []],
    ["a\\\ntext with e in it", []],
  ])("sed %j", (script, expected) => expect(sedCommands(script)).toEqual(expected));

  it.each([
    ["!rm -rf ~", [{ kind: "shell", text: "rm -rf ~" }]],
    [":silent !rm -rf ~", [{ kind: "shell", text: "rm -rf ~" }]],
    ["%!sort", [{ kind: "shell", text: "sort" }]],
    ["r !ls", [{ kind: "shell", text: "ls" }]],
    ["call system('rm -rf ~')", [{ kind: "shell", text: "rm -rf ~" }]],
    ['exe "!rm -rf ~"', [{ kind: "shell", text: "rm -rf ~" }]],
    ["set ft=sh | wq", []],
    ["42", []],
  ])("vim -c %j", (command, expected) => expect(vimCommands(command)).toEqual(expected));
});

describe("the generic fallback", () => {
  const known = (name: string) => ["rm", "git", "sh", "npm"].includes(name);
  it("applies to programs guard does not know, never to data programs", () => {
    expect(fallbackApplies("mytool", known)).toBe(true);
    for (const data of ["echo", "grep", "jira", "apt-get", "brew", "git"]) expect(fallbackApplies(data, known)).toBe(false);
  });

  const shown = (argv: string[]) => fallbackCandidates(words(...argv), known).map((c) => (c.kind === "argv" ? c.words.map((w) => w.value).join(" ") : `[${c.word.value}]`));

  it("finds commands from each program-like word on, and whole commands in one word", () => {
    expect(shown(["mytool", "--flag", "run", "rm", "-rf", "~", "sh -c 'x'", "it is fine"])).toEqual(["rm -rf ~ sh -c 'x' it is fine", "[sh -c 'x']"]);
    expect(shown(["mytool", "run", "crane", "delete", "x"])).toEqual(["crane delete x"]);
    expect(shown(["mytool", "build", "crane", "delete", "x"])).toEqual([]);
  });

  it("reads a lone program name as a command only after a word that runs it", () => {
    expect(shown(["getent", "passwd"])).toEqual([]);
    expect(shown(["mytool", "info", "rm"])).toEqual([]);
    expect(shown(["mytool", "run", "rm"])).toEqual(["rm"]);
  });

  it("reads `.` as source only before a script-like file", () => {
    expect(fallbackCandidates(words("eslint", ".", "--fix"), () => true)).toEqual([]); // `.` before an option is a path
    expect(fallbackCandidates(words("mytool", ".", "./env.sh"), (n) => n === ".").length).toBe(1);
  });
});

describe("docs/detection.md", () => {
  it("lists every program of each option convention", async () => {
    const { readFileSync } = await import("node:fs");
    const { conventionTable } = await import("../../src/shell/conventions");
    const docs = readFileSync("docs/detection.md", "utf8");
    for (const { style, programs } of conventionTable()) {
      const row = docs.split("\n").find((line) => line.startsWith(`| ${style === "gnu" ? "GNU getopt_long" : style === "git" ? "git parse-options" : "npm's nopt"} |`));
      expect(row, style).toBeDefined();
      for (const program of programs) expect(row, `${style}: ${program}`).toContain(`\`${program}\``);
    }
  });
});
