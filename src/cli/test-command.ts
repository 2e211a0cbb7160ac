// `guard test`: runs every rule's examples and checks the rule files themselves.
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { builtinRuleFiles } from "../rules/builtin";
import { loadRuleFiles, projectRulePaths } from "../engine/active-rules";
import { formatRuleFileError, ruleFilesIn } from "../rules/load";
import { buildRuleset, duplicateIds } from "../rules/ruleset";
import { runExamples } from "../engine/examples";
import { variantsOf, weakerVariants } from "../tester/variants";
import { exampleContext } from "../engine/example-context";
import { EXIT } from "./exit-codes";

function expand(paths: string[]): string[] {
  return paths.flatMap((p) => {
    const full = resolve(p);
    try {
      return statSync(full).isDirectory() ? ruleFilesIn(full) : [full];
    } catch {
      return [full]; // reported as unreadable by the loader
    }
  });
}

export function testRules(paths: string[], flags: { variants?: boolean }) {
  const cwd = process.cwd();
  const loaded = loadRuleFiles(paths.length ? expand(paths) : projectRulePaths(cwd), cwd);
  // Testing a built-in file (or an edited copy of one) replaces that built-in file in the rule set.
  const names = new Set(loaded.files.map((f) => basename(f.file)));
  const builtin = builtinRuleFiles({ examples: true }).filter((f) => !paths.length || !names.has(basename(f.file)));
  const all = [...builtin, ...loaded.files];
  const tested = paths.length ? loaded.files : all;
  const lines = loaded.errors.map(formatRuleFileError);
  for (const dup of duplicateIds(all)) {
    lines.push(`${dup.second.file}:${dup.second.line}: ${dup.id}: duplicate rule id (first defined at ${dup.first.file}:${dup.first.line})`);
  }
  const ruleset = buildRuleset(all);
  const report = runExamples(tested, ruleset);
  for (const f of report.failures) {
    lines.push(`${f.file}:${f.line}: ${f.rule}: ${f.command ? `example ${JSON.stringify(f.command)}: ` : ""}${f.problem}`);
  }
  let variants = 0;
  let weaker = 0;
  if (flags.variants) {
    for (const rule of tested.flatMap((f) => f.rules)) {
      for (const example of rule.examples.match) {
        variants += variantsOf(example.command).length;
        for (const v of weakerVariants([example.command], ruleset, exampleContext())) {
          weaker++;
          lines.push(`${rule.file}:${example.line}: ${rule.id}: variant "${v.variant}" of ${JSON.stringify(example.command)} is ${v.got}, weaker than ${v.original}: ${JSON.stringify(v.variantCommand)}`);
        }
      }
    }
  }
  for (const line of lines) process.stdout.write(`FAIL ${line}\n`);
  // Old spellings still load: say what to write instead, without failing.
  for (const f of tested) for (const note of f.notes ?? []) process.stdout.write(`NOTE ${f.file}:${note.line}: ${note.message}\n`);
  const files = tested.length + loaded.errors.filter((e, i, a) => a.findIndex((x) => x.file === e.file) === i).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const counted = [plural(files, "rule file"), plural(report.rules, "rule"), plural(report.examples, "example")];
  if (flags.variants) counted.push(`${plural(variants, "variant")} (${weaker} weaker than their example)`);
  process.stdout.write(`${counted.join(", ")}: ${lines.length ? `${lines.length} failed` : "all passed"}\n`);
  process.exitCode = lines.length ? EXIT.failure : EXIT.allow;
}
