// Property (issue 12): a dangerous command wrapped in any construct bash evaluates — expansions, code in
// traps/subscripts/prompts/callbacks, text piped or fed to a shell — is never allowed, however they nest.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);
const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A destructive command: program and flags as words, and the target it destroys. */
const rmCommand = fc.record({
  program: fc.constantFrom("rm", "\\rm", "/bin/rm", "'rm'", "r''m"),
  flags: fc.constantFrom("-rf", "-fr", "-r -f", "-Rf", "--recursive --force", "-rf --"),
  target: fc.constantFrom("~", "/", "/etc", "$HOME", "~/", "/usr"),
});

type Spelling = (target: string) => string;
/** Item 1: ways bash computes an operand. */
const TARGET_SPELLINGS: Record<string, Spelling> = {
  plain: (t) => t,
  brace: (t) => `{${t},/nonexistent}`,
  "default": (t) => `\${UNSET_X:-${t}}`,
  "assign default": (t) => `\${UNSET_X:=${t}}`,
  "quoted default": (t) => `"\${UNSET_X:-${t}}"`,
  // A substitution's output is not expanded again: `$(printf %s '~')` is a file named ~, so only literal paths.
  "printed substitution": (t) => (t.startsWith("/") ? `$(printf %s ${sq(t)})` : t),
  "tilde spellings": (t) => (t === "~" ? "$HOME//" : t === "/" ? "/." : t),
};

type Construct = (command: string) => string;
/** Items 1, 2 and 10: places bash runs a command from. */
const CONSTRUCTS: Record<string, Construct> = {
  "command in variable": (c) => `W=${sq(c)}; eval "$W"`,
  "set --": (c) => `set -- ${sq(c)}; eval "$1"`,
  trap: (c) => `trap ${sq(c)} EXIT`,
  "arith subscript via variable": (c) => `x=${sq(`a[$(${c})]`)}; echo $((x))`,
  let: (c) => `let ${sq(`a[$(${c})]`)}`,
  "declare -i": (c) => `declare -i n=${sq(`a[$(${c})]`)}`,
  "[[ -eq ]]": (c) => `[[ ${sq(`a[$(${c})]`)} -eq 0 ]]`,
  "printf -v": (c) => `printf -v ${sq(`a[$(${c})]`)} x`,
  "test -v": (c) => `test -v ${sq(`a[$(${c})]`)}`,
  "assignment subscript": (c) => `y[$(${c})]=1`,
  // A prompt is decoded before it is expanded (`\\r` is a carriage return): its author doubles backslashes.
  "@P": (c) => `p=${sq(`$(${c.replace(/\\/g, "\\\\")})`)}; echo "\${p@P}"`,
  PS4: (c) => `PS4=${sq(`$(${c.replace(/\\/g, "\\\\")})`)} bash -xc true`,
  PROMPT_COMMAND: (c) => `PROMPT_COMMAND=${sq(c)} bash -i`,
  "mapfile -C": (c) => `mapfile -C ${sq(c)} -c 1 <<< x`,
  "complete -C": (c) => `complete -C ${sq(c)} ls`,
  "source <()": (c) => `source <(echo ${sq(c)})`,
  "printf %s | bash": (c) => `printf '%s\\n' ${sq(c)} | bash`,
  "printf NUL | bash": (c) => {
    const format = (text: string) => text.replace(/\\/g, "\\\\").replace(/%/g, "%%");
    return `printf ${sq(`${format(c[0])}\\0${format(c.slice(1))}\\n`)} | bash`;
  },
  "unquoted heredoc": (c) => `bash <<EOF\n${c.replace(/[\\$`]/g, "\\$&")}\nEOF`,
  "here-string": (c) => `bash <<< ${sq(c)}`,
  "stdin through eval": (c) => `echo ${sq(c)} | eval bash`,
  "bash -c bash": (c) => `bash -c bash <<< ${sq(c)}`,
  "find -exec bash": (c) => `echo ${sq(c)} | find . -maxdepth 0 -exec bash \\;`,
  "env -": (c) => `env - bash -c ${sq(c)}`,
  "env odd name": (c) => `env 1x=2 bash -c ${sq(c)}`,
  "flock -c": (c) => `flock /tmp/l -c ${sq(c)}`,
  "dash (( ))": (c) => `dash -c ${sq(`((${c}))`)}`,
};

describe("dangerous commands inside bash's constructs", () => {
  it.each(Object.keys(CONSTRUCTS))("%s: never allowed", (name) => {
    fc.assert(fc.property(rmCommand, fc.constantFrom(...Object.keys(TARGET_SPELLINGS)), (rm, spelling) => {
      const command = `${rm.program} ${rm.flags} ${TARGET_SPELLINGS[spelling](rm.target)}`;
      const text = CONSTRUCTS[name](command);
      expect(evaluate(text, ruleset, exampleContext()).decision, text).not.toBe("allow");
    }), { seed: 12, numRuns: 60 });
  });

  it("never allowed when constructs nest", () => {
    const names = Object.keys(CONSTRUCTS);
    fc.assert(fc.property(rmCommand, fc.array(fc.constantFrom(...names), { minLength: 2, maxLength: 3 }), (rm, chain) => {
      const text = chain.reduce((c, name) => CONSTRUCTS[name](c), `${rm.program} ${rm.flags} ${rm.target}`);
      expect(evaluate(text, ruleset, exampleContext()).decision, text).not.toBe("allow");
    }), { seed: 12, numRuns: 400 });
  });

  it("lets the same constructs through with a harmless command", () => {
    // The property is not met by asking about everything: the safe look-alike of each construct is allowed.
    const harmless = Object.entries(CONSTRUCTS).filter(([name]) => !["PROMPT_COMMAND"].includes(name));
    const asked = harmless.filter(([, wrap]) => evaluate(wrap("ls -la build"), ruleset, exampleContext()).decision !== "allow").map(([name]) => name);
    expect(asked).toEqual([]);
  });
});
