// The corpus's files and commands, read one way by the corpus test, the corpus report, the verdict snapshot and the tests that run every corpus command.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const CORPUS = "test/corpus";

/** The files the corpus test runs, sorted: test/corpus/*.yaml (default rules), then test/corpus/packs/NAME.yaml (pack NAME switched on). */
export function corpusFiles(): { path: string; pack?: string }[] {
  const yaml = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  const top = yaml(CORPUS).map((f) => ({ path: join(CORPUS, f) }));
  const packsDir = join(CORPUS, "packs");
  const packs = existsSync(packsDir) ? yaml(packsDir).map((f) => ({ path: join(packsDir, f), pack: f.replace(/\.yaml$/, "") })) : [];
  return [...top, ...packs];
}

/** Every `command:` in any YAML file under test/corpus (strict/ and the packs too, at any depth), each once, in file order. */
export function corpusCommands(): string[] {
  const out = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const row = value as Record<string, unknown>;
      if (typeof row.command === "string") out.add(row.command);
      Object.values(row).forEach(visit);
    }
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml")) visit(parse(readFileSync(path, "utf8")));
    }
  };
  walk(CORPUS);
  return [...out];
}
