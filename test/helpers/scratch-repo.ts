// A scratch git repository for the zone tests: git with a fixed identity, files written into it, and guard's verdict run there.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { evaluate } from "../../src/engine/evaluate";
import { localContext } from "../../src/engine/local-context";
import type { Ruleset } from "../../src/rules/ruleset";

export function scratchRepo(ruleset: Ruleset, prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    git(...args: string[]): void {
      const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
    },
    write(rel: string, text = "x\n"): void {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), text);
    },
    /** The verdict in the repository, with a home that does not exist (so nothing there is home). */
    check(command: string) {
      const verdict = evaluate(command, ruleset, localContext({ cwd: dir, env: { HOME: "/nonexistent-home-for-test" } }));
      return { decision: verdict.decision, rules: verdict.findings.map((f) => f.rule) };
    },
  };
}
