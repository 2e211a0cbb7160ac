// guard scan: per-rule counts from a transcript, histories and scripts.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectFormat, formatScanReport, historyCommands, readScanInput, scanText, transcriptCommands, unmetafy } from "../../src/cli/scan-command";

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

  it("keeps zsh's multi-line entries whole, as zsh itself wrote them", () => {
    // A real zsh writes the history: each entry's embedded newlines become backslash-newline.
    const dir = mkdtempSync(join(tmpdir(), "guard-scan-zsh-"));
    const hist = join(dir, "zsh_history");
    const entries = ["for f in a b; do\n  rm -rf /\ndone", "ls \\\n -la", "echo — ü", "git status", "if true\nthen\n  git push --force origin main\nfi", "pwd"];
    const script = [`HISTFILE=${hist}`, "HISTSIZE=100", "SAVEHIST=100", "setopt EXTENDED_HISTORY", ...entries.map((e) => `print -rs -- ${JSON.stringify(e).replace(/\\n/g, "\n").replace(/\$/g, "\\$")}`), `fc -W ${hist}`].join("\n");
    const zsh = spawnSync("zsh", ["-f", "-i", "-c", script], { encoding: "utf8" });
    expect(zsh.error).toBeUndefined();
    const text = readScanInput(hist, undefined);
    const commands = historyCommands(text, "zsh-history");
    expect(commands).toEqual(entries.map((e) => e.replace(/\\n/g, "\n").replace(/\\\\/g, "\\")));
    const report = scanText(text, { name: hist, cwd: dir });
    expect(report).toMatchObject({ format: "zsh-history", commands: 6, denied: 2, warnings: [] });
  });

  it("undoes zsh's metafied bytes", () => {
    // "—" is e2 80 94; zsh stores the 0x94 as 0x83 0xb4.
    expect(unmetafy(Buffer.from([0x65, 0xe2, 0x80, 0x83, 0xb4])).toString("utf8")).toBe("e—");
  });

  it("groups bash's timestamped multi-line entries", () => {
    expect(historyCommands("#1700000000\nfor f in *; do\n  rm -rf \"$f\"\ndone\n#1700000001\nls\n", "history")).toEqual(['for f in *; do\n  rm -rf "$f"\ndone', "ls"]);
  });

  it("refuses a directory with a clear error instead of EISDIR", () => {
    expect(() => readScanInput(tmpdir(), undefined)).toThrow(/is a directory: give a shell history/);
  });

  it("warns when the input is guard's audit log or has no commands in a known format", () => {
    const audit = '{"v":1,"seq":1,"time":"t","entry":"check","decision":"deny","rules":[],"command":"rm -rf /","cwd":"/","prev":"0","hash":"ab"}\n';
    const fromAudit = scanText(audit, { name: "audit.jsonl", cwd: process.cwd() });
    expect(fromAudit).toMatchObject({ format: "audit-log", commands: 1, denied: 1 });
    expect(fromAudit.warnings[0]).toMatch(/audit log, not a history/);
    const other = scanText('{"some":"json"}\n', { name: "x.jsonl", cwd: process.cwd() });
    expect(other.warnings[0]).toMatch(/no Bash tool calls/);
  });

  it("says 1 command, not 1 commands", () => {
    const text = formatScanReport(scanText("ls\n", { name: "h", format: "history", cwd: process.cwd() }));
    expect(text).toMatch(/^1 command \(history\)/);
  });
});
