// Test helpers for the audit log: records appended with everyday defaults, its lines read and rewritten, writer processes appending at once, and `guard log` run in-process.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { vi } from "vitest";
import { appendAudit, type AuditInput, type AuditRecord, type Rotation } from "../../src/act/audit";
import { registerLog } from "../../src/cli/log";

/** A record's input: `ls -la` allowed in /repo, with `overrides`. */
export function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return { entry: "check", cwd: "/repo", command: "ls -la", decision: "allow", rules: [], ...overrides };
}

/** Appends one record to the log at `path`; a failed append throws, so a test sees why. */
export function append(path: string, overrides: Partial<AuditInput> = {}, options: { now?: Date; rotation?: Rotation } = {}): AuditRecord {
  const { now, rotation } = options;
  const result = appendAudit(auditInput(overrides), { path, now: now && (() => now), rotation });
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

/** Appends `echo 1` … `echo COUNT` to the log at `path`; returns the path. */
export function appendNumbered(path: string, count: number, rotation?: Rotation): string {
  for (let i = 1; i <= count; i++) append(path, { command: `echo ${i}` }, { rotation });
  return path;
}

/** The lines of a file, without the empty string after its last newline. */
export function fileLines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").slice(0, -1);
}

export function writeLines(path: string, content: string[]): void {
  writeFileSync(path, content.map((l) => `${l}\n`).join(""));
}

/** src/act/audit.ts bundled into `dir`, so that child processes can require it. */
export async function bundleAudit(dir: string): Promise<string> {
  const { buildSync } = await import("esbuild");
  const bundle = join(dir, "audit.cjs");
  buildSync({ entryPoints: [resolve("src/act/audit.ts")], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "silent" });
  return bundle;
}

/** `processes` node processes, each appending `each` records (`echo ID-I`) to the log at `path` at once; resolves to their exit statuses. */
export function concurrentWriters(bundle: string, path: string, processes: number, each: number, rotation?: Rotation): Promise<(number | null)[]> {
  const run = (id: number) =>
    new Promise<number | null>((done, fail) => {
      const code = `
        const { appendAudit } = require(${JSON.stringify(bundle)});
        for (let i = 0; i < ${each}; i++) {
          const r = appendAudit({ entry: "check", cwd: "/", command: "echo ${id}-" + i, decision: "allow", rules: [] }, ${JSON.stringify({ path, rotation })});
          if (!r.ok) { console.error(r.error); process.exit(1); }
        }`;
      const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", fail);
      child.on("exit", (status) => done(status));
    });
  return Promise.all(Array.from({ length: processes }, (_, id) => run(id)));
}

/** `guard log ARGS` run in-process on the log at `path` (GUARD_AUDIT_LOG, no colour): what it printed and its exit code. */
export async function guardLog(path: string, ...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number | string | undefined }> {
  const saved = { GUARD_AUDIT_LOG: process.env.GUARD_AUDIT_LOG, NO_COLOR: process.env.NO_COLOR };
  process.env.GUARD_AUDIT_LOG = path;
  process.env.NO_COLOR = "1";
  const program = new Command("guard").exitOverride();
  registerLog(program);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write);
  let exitCode: number | string | undefined;
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "guard", "log", ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [name, value] of Object.entries(saved)) restoreEnv(name, value);
    exitCode = process.exitCode;
    process.exitCode = undefined;
  }
  return { stdout: stdout.join(""), stderr: stderr.join(""), exitCode };
}

/** Puts an environment variable back as it was (unset when it was unset). */
export function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
