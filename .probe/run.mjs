// Runs probes.txt through `guard check --batch` and prints the mismatches.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
const file = process.argv[2] ?? new URL("./probes.txt", import.meta.url).pathname;
const rows = readFileSync(file, "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => {
  const tab = l.indexOf("\t");
  return { expect: l.slice(0, tab), command: l.slice(tab + 1) };
});
const input = rows.map((r) => JSON.stringify({ command: r.command })).join("\n") + "\n";
const out = execFileSync("node", [new URL("../bin/guard", import.meta.url).pathname, "check", "--batch"], { input, encoding: "utf8", cwd: new URL("..", import.meta.url).pathname, maxBuffer: 1 << 26 });
const verdicts = out.trim().split("\n").map((l) => JSON.parse(l));
let bad = 0;
rows.forEach((r, i) => {
  const v = verdicts[i];
  const d = v.decision;
  const ok = r.expect === "ask+" ? d === "ask" || d === "deny" : d === r.expect;
  if (!ok || process.env.ALL) {
    if (!ok) bad++;
    console.log(`${ok ? "ok  " : "FAIL"} want ${r.expect.padEnd(5)} got ${d.padEnd(5)} ${r.command}  [${(v.findings ?? []).map((f) => f.rule).join(",")}]`);
  }
});
console.log(`${bad}/${rows.length} mismatches`);
