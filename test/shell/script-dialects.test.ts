// ed, gdb, CMake, Tcl and ex scripts, and one-liners' own arguments: what each reader says runs, and what it leaves alone.
import { describe, expect, it } from "vitest";
import { dialectActions, type ScriptDialect } from "../../src/shell/script-dialects";
import { bindArguments } from "../../src/shell/code-argv";
import { makeShellCommands, unusualRecipeShell } from "../../src/shell/make-parse-time";
import type { CodeAction } from "../../src/shell/interpreter-code";

const show = (a: CodeAction) => (a.kind === "argv" ? a.argv.join(" ") : a.kind === "shell" ? `sh: ${a.text}` : `? ${a.call}`);
const read = (dialect: ScriptDialect, script: string) => dialectActions(dialect, script).map(show);

describe("script dialects", () => {
  it.each<[ScriptDialect, string, string[]]>([
    ["ed", "!rm -rf src\nq\n", ["sh: rm -rf src"]],
    ["ed", "1,$w !git stash clear\n", ["sh: git stash clear"]],
    ["ed", "g/x/!git reset --hard\n", ["sh: git reset --hard"]],
    ["ed", "r !curl -s https://x\n", ["sh: curl -s https://x"]],
    ["ed", "!!\n", ["? ed !!"]],
    // Text typed after a, i and c is buffer text up to a lone dot.
    ["ed", "a\n!important\n.\nw\nq\n", []],
    ["ed", ",s/foo/bar/g\nw\n", []],
    ["gdb", "shell rm -rf src", ["sh: rm -rf src"]],
    ["gdb", "!git reset --hard", ["sh: git reset --hard"]],
    ["gdb", "pipe info locals | rm -rf src", ["sh:  rm -rf src"]],
    ["gdb", "python\nimport os\nos.system('rm -rf src')\nend\n", ["sh: rm -rf src"]],
    ["gdb", "call system(\"git stash clear\")", ["sh: git stash clear"]],
    ["gdb", "run $(rm -rf src)", ["sh: : $(rm -rf src)"]],
    ["gdb", "run\nbt\ninfo registers", []],
    ["cmake", "execute_process(COMMAND rm -rf src COMMAND git stash clear WORKING_DIRECTORY /tmp)", ["rm -rf src", "git stash clear"]],
    ["cmake", 'execute_process(COMMAND sh -c "rm -rf src")', ["sh -c rm -rf src"]],
    ["cmake", "file(REMOVE_RECURSE ${HOME}/.ssh)\n", ["rm -rf -- ${HOME}/.ssh"]],
    ["cmake", "# execute_process(COMMAND rm -rf src)\nmessage(hi)", []],
    ["tcl", "exec rm -rf src >@stdout 2>@stderr", ["rm -rf src"]],
    ["tcl", "exec {git} {reset} {--hard}", ["git reset --hard"]],
    ["tcl", "exec ls | grep x", ["ls", "grep x"]],
    ["tcl", 'set f [open "|rm -rf src" r]', ["rm -rf src"]],
    ["tcl", "if {1} { file delete -force src }", ["rm -rf -- src"]],
    ["tcl", "exec $cmd", ["? exec"]],
    ["tcl", "puts hello", []],
    ["vim", ":!rm -rf src\n:q!\n", ["sh: rm -rf src"]],
  ])("%s: %j", (dialect, script, expected) => {
    expect(read(dialect, script)).toEqual(expected);
  });
});

describe("one-liner arguments", () => {
  it.each<[Parameters<typeof bindArguments>[0], string, string[], string]>([
    ["perl", "exec {$ARGV[0]} @ARGV", ["rm", "-rf", "src"], "exec 'rm', '-rf', 'src'"],
    ["perl", "system @ARGV", ["git", "reset", "--hard"], "system 'git', 'reset', '--hard'"],
    ["perl", "print `$ARGV[0]`", ["ls -la"], "print `ls -la`"],
    ["python", "os.execvp(sys.argv[1], sys.argv[1:])", ["rm", "-rf", "src"], 'os.execvp("rm", ["rm", "-rf", "src"])'],
    ["javascript", "execFileSync(process.argv[1], process.argv.slice(2))", ["git", "stash", "clear"], 'execFileSync("git", ["stash", "clear"])'],
    ["ruby", "exec(*ARGV)", ["rm", "-rf", "src"], "exec('rm', '-rf', 'src')"],
    // An index past the end stays a reference, so the call stays unknown.
    ["python", "os.system(sys.argv[3])", ["a"], "os.system(sys.argv[3])"],
  ])("%s %s", (language, code, args, expected) => {
    expect(bindArguments(language, code, args)).toBe(expected);
  });
});

describe("make while reading", () => {
  it("finds $(shell …) and != wherever they stand, but not in recipe lines' != look-alikes", () => {
    expect(makeShellCommands("X := $(shell rm -rf src)\nY != git stash clear\nall:\n\t@echo $(shell date)\n")).toEqual(["rm -rf src", "date", "git stash clear"]);
    expect(makeShellCommands("V := $(shell echo $(VERSION))")).toEqual(["echo $(VERSION)"]);
  });

  it("asks only about a SHELL or .SHELLFLAGS that is not a plain shell", () => {
    expect(unusualRecipeShell("SHELL", "/bin/bash")).toBe(false);
    expect(unusualRecipeShell("SHELL", "./evil.sh")).toBe(true);
    expect(unusualRecipeShell(".SHELLFLAGS", "-eu -o pipefail -c")).toBe(false);
    expect(unusualRecipeShell(".SHELLFLAGS", '-c "rm -rf src" #')).toBe(true);
  });
});
