// Writes the JSON Lines input `npm run bench` feeds `guard check --batch`: every corpus `command`, cycled to N lines.
// Usage: node scripts/batch-input.mjs N OUT.jsonl   (so a batch can be profiled or timed outside the bench harness)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { commandsIn, walkYaml } from "./corpus-lines.mjs";

const [n, file] = process.argv.slice(2);
if (!n || !file) {
  process.stderr.write("usage: node scripts/batch-input.mjs LINES OUT.jsonl\n");
  process.exit(2);
}
const all = walkYaml(join("test", "corpus")).flatMap((f) => commandsIn(parse(readFileSync(f, "utf8"))));
const lines = Array.from({ length: Number(n) }, (_, i) => JSON.stringify(all[i % all.length]));
writeFileSync(file, `${lines.join("\n")}\n`);
process.stderr.write(`${lines.length} lines from ${all.length} corpus commands written to ${file}\n`);
