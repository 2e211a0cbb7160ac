// Interpreter code: variables assigned once are their value; pathlib walks and delete callbacks delete what the walk reaches.
import { describe, expect, it } from "vitest";
import { analyzeCode, type CodeAction } from "../../src/shell/interpreter-code";
import { codeVariables } from "../../src/shell/code-values";
import { blankStrings } from "../../src/shell/code-lex";

const argvs = (actions: CodeAction[]) => actions.flatMap((a) => (a.kind === "argv" ? [a.argv.join(" ")] : a.kind === "unknown" ? [`? ${a.call}`] : [a.text]));

describe("variables assigned once", () => {
  it("knows each language's single assignments, in order", () => {
    const py = "import os; h = os.path.expanduser('~'); p = os.path.join(h, '.ssh')";
    expect(Object.fromEntries(codeVariables(py, blankStrings(py, "python"), "python"))).toEqual({ h: "~", p: "~/.ssh" });
    const js = "const p = os.homedir() + '/.npmrc'; let q = p";
    expect(codeVariables(js, blankStrings(js, "javascript"), "javascript").get("q")).toBe("~/.npmrc");
    const pl = 'my $d = $ENV{HOME}; print $d';
    expect(codeVariables(pl, blankStrings(pl, "perl"), "perl").get("$d")).toBe("~");
  });

  it("leaves a name assigned twice, or a loop variable, unknown", () => {
    const py = "p = 'a'\np = '/'\nfor q in x: pass\nq = '/'";
    const vars = codeVariables(py, blankStrings(py, "python"), "python");
    expect(vars.has("p")).toBe(false);
    expect(vars.has("q")).toBe(false);
  });

  it("reads a write through a variable as a write of its value", () => {
    expect(argvs(analyzeCode("python", "import os; p = os.path.expanduser('~/.claude/settings.json'); open(p, 'w').write('{}')"))).toContain("tee -- ~/.claude/settings.json");
  });
});

describe("pathlib walks and delete callbacks", () => {
  it.each([
    ["import pathlib; [p.unlink() for p in pathlib.Path.home().glob('.ssh/*')]", "rm -rf -- ~/.ssh"],
    ["from pathlib import Path\nfor f in Path('/srv/data').iterdir(): f.unlink()", "rm -rf -- /srv/data"],
    ["import os, glob; list(map(os.remove, glob.glob('/var/backups/*')))", "rm -rf -- /var/backups"],
  ])("%s", (code, expected) => {
    expect(argvs(analyzeCode("python", code))).toContain(expected);
  });

  it.each([
    // A pattern stays a pattern, expanded as the shell's would be, so `rm -f src/*.js` and this are judged alike.
    ["import os, glob\nfor f in glob.glob('src/*.py'): os.remove(f)", "rm -rf -- src/*.py"],
    ["import pathlib\nfor p in pathlib.Path('src').glob('*.js'): p.unlink()", "rm -rf -- src/*.js"],
    // Every depth: find with the name filter, which the find rules read (`*.pyc` is build output).
    ["import pathlib\nfor p in pathlib.Path('.').rglob('*.pyc'): p.unlink()", "find . -name *.pyc -exec rm -rf {} +"],
    ["import os, glob\nfor f in glob.glob('src/**/*.js', recursive=True): os.remove(f)", "find src -name *.js -exec rm -rf {} +"],
    ["import pathlib\nfor p in pathlib.Path('data').rglob('*'): p.unlink()", "rm -rf -- data"],
    // A listing reaches dot files too: the directory, whatever follows.
    ["import os\n[os.remove(f) for f in os.listdir('data')]", "rm -rf -- data"],
  ])("%s", (code, expected) => {
    expect(argvs(analyzeCode("python", code))).toContain(expected);
  });

  it("marks a walked pattern as a glob to expand", () => {
    const [action] = analyzeCode("python", "import os, glob\nfor f in glob.glob('src/*.py'): os.remove(f)").filter((a) => a.kind === "argv");
    expect(action).toMatchObject({ argv: ["rm", "-rf", "--", "src/*.py"], globs: [3] });
  });

  it("deletes each path of a literal list a loop variable runs over", () => {
    expect(argvs(analyzeCode("python", "import os\nfor f in ['src/util.js', 'notes.txt']: os.remove(f)"))).toEqual(["rm -f -- src/util.js", "rm -f -- notes.txt"]);
    expect(argvs(analyzeCode("python", "import shutil\n[shutil.rmtree(d) for d in ('build', 'dist')]"))).toEqual(["rm -rf -- build", "rm -rf -- dist"]);
    expect(argvs(analyzeCode("javascript", "for (const f of ['a.db']) fs.unlinkSync(f)"))).toEqual(["rm -f -- a.db"]);
    // A list with a computed element binds values guard does not know: as any computed path.
    expect(argvs(analyzeCode("python", "import shutil, os\nfor d in ['build', os.environ['X']]: shutil.rmtree(d)"))).toEqual(["? shutil.rmtree"]);
  });

  it("reads PHP callbacks named by string", () => {
    expect(argvs(analyzeCode("php", 'array_map("unlink", glob("/etc/nginx/*"));'))).toContain("rm -rf -- /etc/nginx");
  });

  it("does not read a walk without deletes as one", () => {
    expect(argvs(analyzeCode("python", "import pathlib; print(list(pathlib.Path.home().glob('*')))"))).toEqual([]);
  });
});
