// Interpreter one-liners: shell strings, argvs, deletions and SQL inside python -c, node -e, ruby -e, perl -e.
import { describe, expect, it } from "vitest";
import { analyzeCode } from "../../src/shell/interpreter-code";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles());
const decide = (text: string) => evaluate(text, ruleset, exampleContext());

describe("analyzeCode", () => {
  it.each([
    ["python", 'import os; os.system("ls -la")', [{ kind: "shell", text: "ls -la", call: "os.system" }]],
    ["python", 'subprocess.run(["rm", "-rf", "x"])', [{ kind: "argv", argv: ["rm", "-rf", "x"], call: "subprocess.run" }]],
    ["python", 'subprocess.check_call("make clean", shell=True)', [{ kind: "shell", text: "make clean", call: "subprocess.check_call" }]],
    ["python", "shutil.rmtree('/srv/data')", [{ kind: "argv", argv: ["rm", "-rf", "--", "/srv/data"], call: "shutil.rmtree" }]],
    ["python", 'os.system(f"rm -rf {d}")', [{ kind: "unknown", call: "os.system" }]],
    ["python", 'print("os.system(\'rm -rf /\')")', []],
    ["javascript", 'require("child_process").execSync(`rm -rf ${dir}`)', [{ kind: "unknown", call: "child_process.execSync" }]],
    ["javascript", "fs.rmSync('build', { recursive: true })", [{ kind: "argv", argv: ["rm", "-rf", "--", "build"], call: "fs.rmSync" }]],
    ["javascript", "fs.rmSync('a.txt')", [{ kind: "argv", argv: ["rm", "-f", "--", "a.txt"], call: "fs.rmSync" }]],
    ["javascript", 'spawnSync("git", ["push", "-f"])', [{ kind: "argv", argv: ["git", "push", "-f"], call: "spawnSync" }]],
    ["ruby", 'FileUtils.rm_rf("/")', [{ kind: "argv", argv: ["rm", "-rf", "--", "/"], call: "FileUtils.rm_rf" }]],
    ["ruby", 'system("echo #{x}")', [{ kind: "unknown", call: "system" }]],
    ["perl", "system('ls')", [{ kind: "shell", text: "ls", call: "system" }]],
  ] as const)("%s: %s", (language, code, actions) => {
    expect(analyzeCode(language, code)).toEqual(actions);
  });
});

describe("one-liners through the whole pipeline", () => {
  it.each([
    ["python3 -c 'import shutil; shutil.rmtree(\"/\")'", "deny"],
    ["python -c 'import os; os.system(\"rm -rf ~\")'", "deny"],
    ["python3 -Bc 'import subprocess; subprocess.run([\"git\", \"push\", \"--force\", \"origin\", \"main\"])'", "deny"],
    ["node -e 'require(\"child_process\").execSync(\"rm -rf /\")'", "deny"],
    ["node -e 'require(\"fs\").rmSync(\"/home/user\", {recursive: true})'", "deny"],
    ["ruby -e 'system(\"rm -rf /\")'", "deny"],
    ["perl -e 'system(\"rm -rf /\")'", "deny"],
    ["python3 -c 'import sqlite3; sqlite3.connect(\"a.db\").execute(\"DROP TABLE users\")'", "deny"],
    ["python3 - <<'EOF'\nimport shutil\nshutil.rmtree('/home/user')\nEOF", "deny"],
    ["python3 -c 'import os; os.system(cmd)'", "ask"],
    ["python3 -c 'print(sum(range(10)))'", "allow"],
    ["node -e 'require(\"fs\").rmSync(\"dist\", {recursive: true})'", "allow"],
    ["node -e 'console.log(/x/.exec(\"rm -rf /\"))'", "allow"],
    ["python3 -m http.server 8000", "allow"],
    ["python3 manage.py runserver", "allow"],
  ])("%s → %s", (text, decision) => {
    expect(decide(text).decision).toBe(decision);
  });
});

describe("edge cases found by hand", () => {
  it.each([
    ["python3 -c 'import platform; print(platform.system())'", "allow"],
    ["python3 -c \"__import__('os').system('rm -rf /')\"", "deny"],
    ["python3 -c 'print(f\"{x}\")'", "allow"],
    ["python3 -c ''", "allow"],
  ])("%s → %s", (text, decision) => {
    expect(decide(text).decision).toBe(decision);
  });

  it("never throws on code that ends inside a prefix or a string", () => {
    for (const code of ["", "r", "rb", "f'", "u\"", "'", "os.system(", "os.system(r", "x.system(\"a"]) expect(() => analyzeCode("python", code)).not.toThrow();
  });
});

describe("analyzeCode on arbitrary code", () => {
  it("never throws, for every language", async () => {
    const fc = (await import("fast-check")).default;
    const pieces = fc.constantFrom("os.system(", "subprocess.run([", "'", '"', "`", "${", "#{", "r", "f", "b", "u", "(", ")", "[", "]", ",", "\\\\", "shutil.rmtree(", "execSync(", "rmSync(", ".execute(", "x", " ", "\n", "'''", '"""', "shell=True", "{recursive: true}");
    const code = fc.oneof(fc.string({ maxLength: 80 }), fc.array(pieces, { maxLength: 30 }).map((p) => p.join("")));
    fc.assert(fc.property(fc.constantFrom("python", "javascript", "ruby", "perl", "php" as const), code, (language, text) => {
      expect(Array.isArray(analyzeCode(language, text))).toBe(true);
    }), { seed: Number(process.env.GUARD_FC_SEED ?? 11), numRuns: Number(process.env.GUARD_FC_RUNS ?? 3000) });
  });
});
