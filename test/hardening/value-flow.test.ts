// Property (issue 12): a dangerous target that reaches `rm -rf` through any way bash carries a value — parameter
// operators, assignments, read, printf -v, mapfile, loops, function arguments, a child's environment, xargs,
// script files and git settings — is never allowed; the same flows carrying a build directory are.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

/** Spellings of a catastrophic target (the example context: HOME /home/user, cwd /home/user/project). */
const TARGETS = ["~", "/", "/etc", "$HOME", "/usr", "~/", "."];

type Flow = (target: string) => string;
/** Each flow ends in `rm -rf` of the value it carried. */
const FLOWS: Record<string, Flow> = {
  "${X%/}": (t) => `X=${t}/; rm -rf "\${X%/}"`,
  "${X%%pattern}": (t) => `X=${t}; rm -rf \${X%%zz*}`,
  "${X:0}": (t) => `X=${t}; rm -rf "\${X:0}"`,
  "${X:0:99}": (t) => `X=${t}; rm -rf "\${X:0:99}"`,
  "${X/#a/b}": (t) => `X=${t}; rm -rf "\${X/#zz/}"`,
  "${X//a/b}": (t) => `X=${t}; rm -rf "\${X//zz/}"`,
  "${X^^}": (t) => `X=${t}; rm -rf "\${X^^}"`,
  "${X,,}": (t) => `X=${t}; rm -rf "\${X,,}"`,
  "${!v}": (t) => `X=${t}; v=X; rm -rf "\${!v}"`,
  "copy": (t) => `X=${t}; Y=$X; rm -rf "$Y"`,
  declare: (t) => `declare X=${t}; rm -rf "$X"`,
  local: (t) => `f() { local X=${t}; rm -rf "$X"; }; f`,
  export: (t) => `export X=${t}; rm -rf "$X"`,
  readonly: (t) => `readonly X=${t}; rm -rf "$X"`,
  typeset: (t) => `typeset X=${t}; rm -rf "$X"`,
  "read <<<": (t) => `read -r d <<< ${t}; rm -rf "$d"`,
  "read from a pipe into a group": (t) => `echo ${t} | { read d; rm -rf "$d"; }`,
  "printf -v": (t) => `printf -v d %s ${t}; rm -rf "$d"`,
  mapfile: (t) => `mapfile -t a <<< ${t}; rm -rf "\${a[@]}"`,
  "readarray element": (t) => `readarray -t a <<< ${t}; rm -rf "\${a[0]}"`,
  for: (t) => `for d in build ${t}; do rm -rf "$d"; done`,
  select: (t) => `select d in ${t}; do rm -rf "$d"; done`,
  "while read <<<": (t) => `while read -r d; do rm -rf "$d"; done <<< ${t}`,
  "pipe into while read": (t) => `echo ${t} | while read -r d; do rm -rf "$d"; done`,
  "function $1": (t) => `f() { rm -rf "$1"; }; f ${t}`,
  "function $@": (t) => `f() { rm -rf "$@"; }; f ${t}`,
  "function shift": (t) => `f() { shift; rm -rf "$1"; }; f x ${t}`,
  "function calls function": (t) => `g() { rm -rf "$1"; }; f() { g "$1"; }; f ${t}`,
  "case arm": (t) => `case y in y) d=${t};; esac; rm -rf "$d"`,
  "env of a child shell": (t) => `X=${t} bash -c 'rm -rf "$X"'`,
  "exported to a child shell": (t) => `export X=${t}; sh -c 'rm -rf "$X"'`,
  "env wrapper": (t) => `env X=${t} sh -c 'rm -rf "$X"'`,
  "eval in the same shell": (t) => `X=${t}; eval 'rm -rf "$X"'`,
  "xargs sh -c $0": (t) => `echo ${t} | xargs sh -c 'rm -rf "$0"'`,
  "xargs -I sh -c": (t) => `echo ${t} | xargs -I{} sh -c 'rm -rf {}'`,
  "xargs -0": (t) => `printf '%s\\0' ${t} | xargs -0 rm -rf`,
  "awk -f written": (t) => `echo 'BEGIN{system("rm -rf ${t}")}' > x.awk; awk -f x.awk`,
  "git alias then git": (t) => `git config alias.z '!rm -rf ${t}'; git z`,
  "make -f -": (t) => `printf 'all:\\n\\trm -rf ${t}\\n' | make -f -`,
};

describe("values bash carries into rm -rf", () => {
  it.each(Object.keys(FLOWS))("%s: a catastrophic target is never allowed", (name) => {
    fc.assert(fc.property(fc.constantFrom(...TARGETS), (target) => {
      const text = FLOWS[name](target);
      expect(evaluate(text, ruleset, exampleContext()).decision, text).not.toBe("allow");
    }), { seed: 12, numRuns: 20 });
  });

  it("lets the same flows through with a build directory", () => {
    const asked = Object.entries(FLOWS).filter(([, flow]) => evaluate(flow("build"), ruleset, exampleContext()).decision !== "allow").map(([name]) => name);
    expect(asked).toEqual([]);
  });

  it("asks when the value is unknown", () => {
    for (const text of ['rm -rf "$DIR"', 'ls | while read -r d; do rm -rf "$d"; done', 'f() { rm -rf "$1"; }; f "$X"', 'for d in $LIST; do rm -rf "$d"; done']) {
      expect(evaluate(text, ruleset, exampleContext()).decision, text).toBe("ask");
    }
  });
});
