// guard scan: per-rule counts from a transcript, histories and scripts.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { detectFormat, historyCommands, scanText, transcriptCommands } from "../../src/cli/scan";

describe("guard scan", () => {
  const transcript = readFileSync("test/fixtures/scan/transcript.jsonl", "utf8");

  it("finds the Bash tool calls in a Claude Code transcript, skipping damaged lines and other tools", () => {
    expect(transcriptCommands(transcript)).toHaveLength(6);
  });

  it("reports per-rule counts", () => {
    const report = scanText(transcript, { name: "t.jsonl", cwd: process.cwd() });
    expect(report).toMatchObject({ format: "transcript", commands: 6, denied: 3, asked: 1 });
    expect(report.rules.find((r) => r.rule === "fs.rm-recursive-catastrophic")).toMatchObject({ count: 2, action: "deny" });
    expect(report.rules.find((r) => r.rule === "api.railway-destructive-mutation")).toMatchObject({ count: 1 });
    expect(report.rules.find((r) => r.rule === "credentials.search-for-secrets")).toMatchObject({ count: 1, action: "ask" });
  });

  it("reads bash and zsh histories line by line", () => {
    expect(historyCommands("#1700000000\nls\n#1700000001\nrm -rf /\n", "history")).toEqual(["ls", "rm -rf /"]);
    expect(historyCommands(": 1700000000:0;git push -f origin main\n: 1700000001:0;ls\n", "zsh-history")).toEqual(["git push -f origin main", "ls"]);
    expect(detectFormat("x", ": 1700000000:0;ls\n")).toBe("zsh-history");
    expect(detectFormat("deploy.sh", "echo\n")).toBe("script");
    const report = scanText(": 1:0;git push --force origin main\n: 2:0;ls\n", { name: "h", cwd: process.cwd() });
    expect(report).toMatchObject({ commands: 2, denied: 1 });
  });

  it("scans a script as one program", () => {
    const report = scanText("#!/bin/bash\nif true; then\n  rm -rf \"$HOME\"\nfi\n", { name: "x.sh", cwd: process.cwd() });
    expect(report).toMatchObject({ format: "script", commands: 1, denied: 1 });
  });
});
