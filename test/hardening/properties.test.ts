// Property-based tests (fast-check, seeded): any input — shell-like, unicode or binary — yields a decision,
// deterministically, without throwing, within a time bound. A failure prints its seed and path for replay:
// GUARD_FC_SEED=<seed> npx vitest run test/hardening/properties.test.ts
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";
import { ACTIONS } from "../../src/core/action";

const ruleset = buildRuleset(builtinRuleFiles());
const seed = Number(process.env.GUARD_FC_SEED ?? 20261122);
const numRuns = Number(process.env.GUARD_FC_RUNS ?? 1000);
const options = { seed, numRuns, verbose: 1 } as const;

/** Tokens that exercise the shell grammar: quoting, expansions, operators, heredocs, wrappers, payloads. */
const token = fc.constantFrom(
  "rm", "-rf", "/", "~", "$HOME", "\"$X/\"", "git", "push", "--force", "origin", "main", "+main", ":main", "sudo", "env", "A=1", "bash", "-c",
  "sh", "-lc", "eval", "xargs", "find", "-exec", "{}", "\\;", "-delete", "psql", "-c", "'DROP TABLE t'", "curl", "-d", "@x.json", "-X", "DELETE",
  "https://backboard.railway.app/graphql/v2", "'{\"query\":\"mutation { volumeDelete(volumeId: 1) }\"}'", "python3", "'import os; os.system(\"rm -rf /\")'",
  "|", "||", "&&", ";", "&", "\n", "(", ")", "{", "}", "$(", "`", "'", "\"", "\\", "<<EOF", "EOF", "<<<", ">", "2>&1", "<(", "${", "}", "$((", "))",
  "if", "then", "fi", "for", "in", "do", "done", "case", "esac", "f()", "#", "*", "?", "[a]", "!", "~user", "$'\\x72m'", "r''m", "\\rm", "/bin/rm",
);
const shellLike = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(" "));
const anyText = fc.oneof(shellLike, fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 100 }), fc.string({ unit: "binary", maxLength: 200 }));

function decide(text: string) {
  const started = Date.now();
  const verdict = evaluate(text, ruleset, exampleContext());
  return { verdict, ms: Date.now() - started };
}

describe("properties of evaluate", () => {
  it("always returns a decision, never throws, and is deterministic", () => {
    fc.assert(fc.property(anyText, (text) => {
      const a = decide(text);
      const b = decide(text);
      expect(ACTIONS).toContain(a.verdict.decision);
      expect(JSON.stringify(b.verdict.findings)).toBe(JSON.stringify(a.verdict.findings));
      expect(b.verdict.decision).toBe(a.verdict.decision);
    }), options);
  });

  it("stays within a generous time bound per input", () => {
    fc.assert(fc.property(fc.array(token, { minLength: 200, maxLength: 2000 }).map((t) => t.join(" ")), (text) => {
      expect(decide(text).ms).toBeLessThan(2000);
    }), { ...options, numRuns: Math.max(10, Math.floor(numRuns / 10)) });
  });

  it("never lets internal errors through as allow", () => {
    fc.assert(fc.property(anyText, (text) => {
      const { verdict } = decide(text);
      if (verdict.findings.some((f) => f.rule === "guard.internal-error")) expect(verdict.decision).not.toBe("allow");
    }), options);
  });

  it("a dangerous command stays dangerous after any prefix of harmless commands", () => {
    const harmless = fc.constantFrom("ls", "cd /tmp", "echo hi", "true", "export A=1", "git status", "npm test");
    fc.assert(fc.property(fc.array(harmless, { maxLength: 5 }), fc.constantFrom(";", "&&", "\n"), (before, sep) => {
      const text = [...before, "rm -rf /"].join(` ${sep} `.replace(" \n ", "\n"));
      expect(decide(text).verdict.decision).toBe("deny");
    }), options);
  });
});

describe("pathological inputs finish quickly and fail closed where capped", () => {
  it.each([
    ["100,000 && chains", "a && ".repeat(100_000) + "a"],
    ["a 300-deep $( bomb", "$(".repeat(300) + "rm -rf /" + ")".repeat(300)],
    ["50,000 arguments", `echo ${"x ".repeat(50_000)}`],
    ["an unterminated quote after 500 KB", `echo ${"a".repeat(500_000)} "`],
    ["a 500 KB SQL string", `psql -c '${"SELECT 1; ".repeat(50_000)}'`],
    ["a 200 KB GraphQL body", `curl https://backboard.railway.app/graphql/v2 -d '{"query":"query { ${"a { b } ".repeat(25_000)} }"}'`],
  ])("%s", (_name, text) => {
    const { verdict, ms } = decide(text);
    expect(ACTIONS).toContain(verdict.decision);
    expect(ms).toBeLessThan(10_000);
  });
});
