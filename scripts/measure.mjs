// `npm run measure`: false positives on test/measure/everyday.txt and recall on test/measure/destructive.txt,
// checked by the built guard (`guard check --batch`) from a realistic project (git repo on a feature branch, package.json, Makefile).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const lines = (path) => readFileSync(path, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));

function project() {
  const dir = mkdtempSync(join(tmpdir(), "guard-measure-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", scripts: { test: "vitest run", build: "tsc", dev: "vite", lint: "eslint ." } }));
  writeFileSync(join(dir, "Makefile"), "all:\n\techo build\ntest:\n\techo test\nclean:\n\trm -rf build\n");
  const git = (...args) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("-c", "user.email=m@example.com", "-c", "user.name=m", "commit", "-q", "--allow-empty", "-m", "init");
  git("switch", "-q", "-c", "feature/measure");
  return dir;
}

function check(commands, cwd) {
  const input = commands.map((c) => JSON.stringify({ command: c, cwd })).join("\n") + "\n";
  const out = execFileSync(join(process.cwd(), "bin/guard"), ["check", "--batch"], { input, cwd, maxBuffer: 1 << 28 });
  return out.toString().trim().split("\n").map((l) => JSON.parse(l));
}

const reason = (v) => [...new Set(v.findings.map((f) => f.rule))].join(",") || v.error || "?";
const dir = project();
try {
  // The look-alikes were written after the rules, so they are reported with the everyday list but not counted as held out.
  const everyday = [...lines("test/measure/everyday.txt"), ...lines("test/measure/lookalikes.txt")];
  const destructive = lines("test/measure/destructive.txt");
  const fp = check(everyday, dir).filter((v) => v.decision !== "allow");
  const missed = check(destructive, dir).filter((v) => v.decision === "allow");
  const pct = (n, d) => ((100 * n) / d).toFixed(1) + "%";
  console.log(`everyday: ${everyday.length} commands, ${fp.length} stopped (${pct(fp.length, everyday.length)} false positives)`);
  for (const v of fp) console.log(`  FP ${v.decision.padEnd(5)} ${v.command}  [${reason(v)}]`);
  console.log(`destructive: ${destructive.length} commands, ${destructive.length - missed.length} stopped (${pct(destructive.length - missed.length, destructive.length)} recall)`);
  for (const v of missed) console.log(`  MISS ${v.command}`);
  if (process.argv.includes("--strict-exit") && (fp.length || missed.length)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
