// Runs the built CLI with a preload that records what it loaded at start: the built-in modules, and how much JSON it parsed (the start-cost tests of issue 14).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const GUARD = resolve("bin/guard");

/** Preloaded into the child: at exit it writes the built-in modules loaded after start-up and the characters JSON.parse read in strings longer than 1 KB. */
const PROBE = `
const fs = require("fs");
const before = new Set(process.moduleLoadList);
let parsed = 0;
const parse = JSON.parse;
JSON.parse = function (text, reviver) { if (typeof text === "string" && text.length > 1024) parsed += text.length; return parse.call(this, text, reviver); };
process.on("exit", () => {
  const modules = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith("NativeModule ")).map((m) => m.slice(13));
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ modules, parsed }));
});
`;

export interface Probed {
  modules: string[];
  parsed: number;
  stdout: string;
}

/** `guard ARGS` run from `home` (its config, state and cache under it), stdout and stderr on pipes, as an agent's hook or a scripted check has them. */
export function probedGuard(home: string, args: string[], input = ""): Probed {
  for (const d of ["config", "state", "cache"]) mkdirSync(join(home, d), { recursive: true });
  const probe = join(home, "probe.js");
  if (!existsSync(probe)) writeFileSync(probe, PROBE);
  const out = join(home, "probe.json");
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_STATE_HOME: join(home, "state"), XDG_CACHE_HOME: join(home, "cache"), NO_COLOR: "1", PROBE_OUT: out };
  const r = spawnSync(process.execPath, ["-r", probe, GUARD, ...args], { cwd: home, env, input, encoding: "utf8" });
  return { ...(JSON.parse(readFileSync(out, "utf8")) as { modules: string[]; parsed: number }), stdout: r.stdout };
}
