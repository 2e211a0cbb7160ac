// `guard check --batch`: JSON Lines in, one JSON verdict per line out, in order; bad lines never stop it.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { openPolicy, type Policy } from "../engine/policy";
import { verdictJson } from "../report/json";
import { EXIT } from "./exit-codes";

interface BatchItem {
  command: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** Parses one input line; a string is a command, an object carries command, cwd and env. */
export function parseBatchLine(line: string): BatchItem {
  const value: unknown = JSON.parse(line);
  if (typeof value === "string") return { command: value };
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("each line must be a JSON string or an object with a command");
  const item = value as Record<string, unknown>;
  if (typeof item.command !== "string") throw new Error("`command` must be a string");
  if (item.cwd !== undefined && typeof item.cwd !== "string") throw new Error("`cwd` must be a string");
  if (item.env !== undefined) {
    if (!item.env || typeof item.env !== "object" || Array.isArray(item.env) || Object.values(item.env).some((v) => typeof v !== "string")) {
      throw new Error("`env` must be an object of strings");
    }
  }
  return { command: item.command, cwd: item.cwd as string | undefined, env: item.env as Record<string, string> | undefined };
}

export async function runBatch(input: Readable, output: Writable, options: { cwd?: string }): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  // A line's env is the command's environment (production markers, GUARD_AGENT); config is found as for the batch.
  // Lines without an env share one policy per directory: openPolicy with reuse gives an equal one every
  // time (same cached rules and context), so building it per line only cost time.
  const shared = new Map<string, Policy>();
  const policyFor = (item: BatchItem): Policy => {
    const cwd = item.cwd ?? options.cwd;
    if (item.env) return openPolicy({ reuse: true, cwd, commandEnv: item.env });
    const key = cwd ?? "";
    let policy = shared.get(key);
    if (!policy) {
      if (shared.size >= 256) shared.clear();
      shared.set(key, (policy = openPolicy({ reuse: true, cwd })));
    }
    return policy;
  };
  // Verdicts are written in chunks: one write per line would cost a system call per command.
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) output.write(pending.join(""));
    pending = [];
  };
  for await (const line of lines) {
    let out: object;
    try {
      // Answered, not skipped: output line N must be the verdict of input line N.
      if (line.trim() === "") throw new Error("the line is empty");
      const item = parseBatchLine(line);
      const { verdict } = policyFor(item).check(item.command);
      out = verdictJson(verdict);
    } catch (err) {
      // A line guard cannot read is refused, never allowed, and the batch goes on.
      out = { decision: "deny", command: null, findings: [], error: `invalid input line: ${(err as Error).message}` };
    }
    pending.push(JSON.stringify(out) + "\n");
    if (pending.length >= 512) flush();
  }
  flush();
  // Decisions are in the output lines; the exit code only says the batch itself ran.
  return EXIT.allow;
}
