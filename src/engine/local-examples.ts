// Checks the examples of project and config rule files when they load, once per content: a rule that does not do what its own examples say is a rule-file error, as `guard test` reports it.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "../core/crypto";
import { readRegularFile } from "../core/read-regular";
import { runExamples } from "../engine/examples";
import type { RuleFileError } from "../rules/load";
import type { Ruleset } from "../rules/ruleset";
import type { RuleFile } from "../rules/types";

declare const __GUARD_VERSION__: string | undefined;

/**
 * The key of one result: guard's version (the built-in rules the examples run against) and the
 * content of every local rule file, since one file's rule may fire on another's example.
 */
function keyOf(files: RuleFile[]): string {
  const version = typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev";
  const hash = createHash("sha256").update(version);
  for (const file of files) hash.update("\0").update(file.file).update("\0").update(file.digest ?? JSON.stringify(file.rules));
  return hash.digest("hex");
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
 * result is a file the agent's user can write; the worst a forged one does is hide a broken
 * example: project rules only ever add findings, so nothing is loosened by it.
 */
export function localExampleErrors(files: RuleFile[], ruleset: Ruleset, cacheDir: string | undefined): RuleFileError[] {
  if (files.every((f) => f.rules.length === 0)) return [];
  const dir = cacheDir && join(cacheDir, "examples");
  const path = dir && join(dir, `${keyOf(files)}.json`);
  const cached = path ? readResult(path) : undefined;
  if (cached) return cached;
  const errors = runExamples(files, ruleset).failures.map((f): RuleFileError => ({
    file: f.file, line: f.line, message: `${f.rule}: ${f.command ? `example ${JSON.stringify(f.command)}: ` : ""}${f.problem}`,
  }));
  if (dir && path) writeResult(dir, path, errors);
  return errors;
}
