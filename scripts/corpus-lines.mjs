// The corpus's YAML files and every `command` in them, duplicates kept: the batch input `npm run bench` and scripts/batch-input.mjs build from it.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every .yaml/.yml file under `dir`, sorted by name at each level. */
export function walkYaml(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkYaml(path));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every `command` string in a parsed corpus file, wherever it sits. */
export function commandsIn(value, out = []) {
  if (Array.isArray(value)) for (const v of value) commandsIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "command" && typeof v === "string") out.push(v);
      else commandsIn(v, out);
    }
  }
  return out;
}
