// Checks the examples of project and config rule files when they load, once per content: a rule that does not do what its own examples say is a rule-file error, as `guard test` reports it.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "../core/sha256";
import { readRegularFile } from "../core/read-regular";
import { runExamples } from "../engine/examples";
import type { RuleFileError } from "../rules/load";
import type { Ruleset } from "../rules/ruleset";
import { ruleFileOf } from "../rules/source";
import type { LocalRules } from "./active-rules";

declare const __GUARD_VERSION__: string | undefined;

/**
 * The key of one result: guard's version (the built-in rules the examples run against) and what ties
 * every local rule file to its content (its digest, or the cache key its parse was read under), since
 * one file's rule may fire on another's example.
 */
function keyOf(local: LocalRules, keys: string[]): string {
  const version = typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev";
  return sha256Hex([version, ...local.sources.flatMap((s, i) => [s.file.file, keys[i]])].join("\0"));
}

function readResult(path: string): RuleFileError[] | undefined {
  try {
    const value: unknown = JSON.parse(readRegularFile(path, 1_000_000).toString("utf8"));
    const ok = Array.isArray(value) && value.every((e) => typeof e?.file === "string" && Number.isInteger(e?.line) && typeof e?.message === "string");
    return ok ? (value as RuleFileError[]) : undefined;
  } catch {
    return undefined;
  }
}

function writeResult(dir: string, path: string, errors: RuleFileError[]): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(errors), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // A read-only cache directory only means checking again next time.
  }
}

/**
 * The example failures of the local rule files, run against the rules in force. The result is kept
 * per content in `cacheDir`, so the examples run once after each edit, not on every check. A cached
 * result is a file the agent's user can write; the worst a forged one does is hide a broken example
 * (a config problem, which makes every check ask). The agent could as well fix or delete that
 * example in the file, so a result is cached only when every local file is one this process could
 * change and no trust record covers them (`local.keys`, active-rules.ts): a system policy's rule file,
 * or a trusted project's, has its examples run on every load.
 */
export function localExampleErrors(local: LocalRules, ruleset: Ruleset, cacheDir: string | undefined): RuleFileError[] {
  if (local.sources.every((s) => s.ids.length === 0)) return [];
  const dir = cacheDir && local.keys && join(cacheDir, "examples");
  const path = dir && local.keys && join(dir, `${keyOf(local, local.keys)}.json`);
  const cached = path ? readResult(path) : undefined;
  if (cached) return cached;
  const errors = runExamples(local.sources.map((s) => ruleFileOf(s)), ruleset).failures.map((f): RuleFileError => ({
    file: f.file, line: f.line, message: `${f.rule}: ${f.command ? `example ${JSON.stringify(f.command)}: ` : ""}${f.problem}`,
  }));
  if (dir && path) writeResult(dir, path, errors);
  return errors;
}
