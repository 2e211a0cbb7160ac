// The built-in rules stored per program must give the same verdicts as every rule parsed up front: the storage is for speed, never for a different answer.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { filesFromStore, mergePrograms, serialiseStore, storeFromBuffer, storeFromFile, storeFromFiles } from "../../src/rules/builtin-store";
import { memorySource, serialiseSource, storedSource } from "../../src/rules/source";
import { buildRuleset, storeRuleset } from "../../src/rules/ruleset";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import type { Rule, RuleFile } from "../../src/rules/types";
import { ruleGlobs } from "../../src/rules/match";
import { prebuildGlob } from "../../src/core/glob";
import { Minimatch } from "minimatch";
import { corpusCommands } from "../../scripts/corpus-files";

const files = builtinRuleFiles();
// As the build writes it: without examples, through the serialised file.
const bare: RuleFile[] = files.map((f) => ({ ...f, rules: f.rules.map((r) => ({ ...r, examples: { match: [], not_match: [] } })) }));
// With the globs' expressions compiled ahead, as the build does: the verdicts below cover them too.
const store = storeFromBuffer(serialiseStore(bare, ruleGlobs));

describe("the per-program rule store", () => {
  it("holds every built-in rule file and rule, in order", () => {
    expect(filesFromStore(store)).toEqual(bare);
  });

  it("is ASCII, so V8 parses it as one-byte strings, and escapes give back the same text", () => {
    const data = serialiseStore(bare);
    expect(data.every((byte) => byte < 0x80)).toBe(true);
    expect(JSON.stringify(bare)).toMatch(/[^\x00-\x7f]/); // the rules do hold non-ASCII text (— and …)
  });

  it("compiles ahead every glob a rule uses, to the expression minimatch gives at run time", () => {
    const globs = bare.flatMap((f) => f.rules.flatMap(ruleGlobs));
    expect(globs.length).toBeGreaterThan(1000);
    for (const [pattern, options] of globs) {
      const re = new Minimatch(pattern, options).makeRe();
      expect(prebuildGlob(pattern, options)).toEqual(re ? [re.source, re.flags] : null);
    }
  });

  it("reads the same store from the file piecewise as from memory (a header longer than one read included)", () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-store-"));
    const path = join(dir, "builtin-rules.dat");
    writeFileSync(path, serialiseStore(bare, ruleGlobs));
    const fromFile = storeFromFile(path);
    expect(fromFile.index.shards).toEqual(store.index.shards);
    expect(fromFile.index.ids).toEqual(store.index.ids);
    expect(fromFile.index.packs).toEqual(bare.map((f) => f.pack));
    expect(filesFromStore(fromFile)).toEqual(bare);
    // Padded past the first read (128 KB): the header line is found across reads.
    const padded = { ...bare[0], pack: { ...bare[0].pack, description: `${bare[0].pack.description}${" ".repeat(200_000)}` } };
    writeFileSync(path, serialiseStore([padded, ...bare.slice(1)], ruleGlobs));
    expect(readFileSync(path).indexOf(10)).toBeGreaterThan(128 * 1024);
    expect(filesFromStore(storeFromFile(path))).toEqual([padded, ...bare.slice(1)]);
  });

  it("gives each program the option spec merged over every file, as the files themselves do, parsing only the specs asked for", () => {
    const merged = mergePrograms(bare);
    expect(merged.size).toBeGreaterThan(100);
    const fresh = storeFromBuffer(serialiseStore(bare, ruleGlobs));
    for (const [program, spec] of merged) expect(fresh.spec(program)).toEqual(spec);
    expect(fresh.spec("no-such-program")).toBeUndefined();
    expect(fresh.spec("__proto__")).toBeUndefined();
    // Through a ruleset, with a later file adding a valued option to a built-in program.
    const extra = { file: "extra.yaml", pack: { name: "extra", description: "", enabledByDefault: true }, programs: { git: { valued: ["--extra-valued"], singleDashLong: false } }, rules: [] } as RuleFile;
    const ruleset = storeRuleset(fresh, () => true, (r) => r, [memorySource(extra)]);
    expect(ruleset.programs.get("git")).toEqual(mergePrograms([...bare, extra]).get("git"));
    expect(ruleset.programs.get("rm")).toEqual(merged.get("rm"));
  });

  it("parses only the shards a command needs", () => {
    const fresh = storeFromBuffer(serialiseStore(bare, ruleGlobs));
    const parsed: string[] = [];
    const shard = fresh.shard.bind(fresh);
    fresh.shard = (key) => (parsed.push(key), shard(key));
    const ruleset = storeRuleset(fresh, () => true, (r) => r, []);
    evaluate("git status", ruleset, exampleContext());
    expect(parsed.filter((k) => k.startsWith("program:"))).toEqual(["program:git"]);
  });

  // Packs on by default, one pack disabled, and config actions on two rules: the same lists as buildRuleset.
  const cases: [string, (i: number) => boolean, Record<string, Rule["action"]>][] = [
    ["default packs", (i) => bare[i].pack.enabledByDefault, {}],
    ["every pack", () => true, { "fs.rm-recursive-catastrophic": "ask", [bare[0].rules[0].id]: "allow" }],
    ["the first pack disabled", (i) => i !== 0 && bare[i].pack.enabledByDefault, {}],
  ];
  it("rule files read shard by shard from cache entries, as project and config rule files are, give every corpus command the verdict buildRuleset gives", () => {
    const sources = bare.map((f) => {
      const entry = serialiseSource(f);
      const newline = entry.indexOf("\n");
      const rest = Buffer.from(entry.slice(newline + 1));
      const text = { header: entry.slice(0, newline), size: rest.length, slice: (a: number, b: number) => rest.toString("utf8", a, b) };
      return storedSource(text, f.file, () => { throw new Error(`${f.file}: entry refused`); })!;
    });
    const lazy = storeRuleset(storeFromFiles([]), () => true, (r) => r, sources);
    const eager = buildRuleset(bare);
    const differ = corpusCommands().filter((command) => JSON.stringify(evaluate(command, eager, exampleContext())) !== JSON.stringify(evaluate(command, lazy, exampleContext())));
    expect(differ).toEqual([]);
  }, 120_000);

  it.each(cases)("gives every corpus command the verdict buildRuleset gives (%s)", (_label, enabled, actions) => {
    const adjust = (r: Rule) => (r.id in actions ? { ...r, action: actions[r.id], inProduction: undefined } : r);
    // Option specs come from every file, enabled or not, on both paths.
    const eager = buildRuleset(bare.filter((_, i) => enabled(i)).map((f) => ({ ...f, rules: f.rules.map(adjust) })), { specFiles: bare });
    const lazy = storeRuleset(store, enabled, adjust, []);
    const differ: string[] = [];
    const commands = corpusCommands();
    expect(commands.length).toBeGreaterThan(500);
    for (const command of commands) {
      const a = evaluate(command, eager, exampleContext());
      const b = evaluate(command, lazy, exampleContext());
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(command);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
