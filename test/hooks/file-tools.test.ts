// The agents' own file tools: writes to guard's files, the agents' hook settings and guard's startup blocks are denied; credential reads ask; everything else is no opinion.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runHook } from "../../src/hooks/answer";
import { protectedWriteTarget } from "../../src/core/protected-paths";
import { sandbox } from "../helpers/guard";

let box: ReturnType<typeof sandbox>;
let home = "";

beforeAll(() => {
  box = sandbox("topic");
  home = box.env.HOME;
  // The hooks read guard's locations from the process environment, as they do when an agent runs them.
  for (const key of ["HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "GUARD_AUDIT_LOG"]) process.env[key] = box.env[key];
  delete process.env.GUARD_CONFIG;
  mkdirSync(join(home, ".claude"), { recursive: true });
  writeFileSync(join(home, ".claude", "settings.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "sh -c '…' guard-hook guard hook claude-code" }] }] } }));
  writeFileSync(join(home, ".bashrc"), "alias ll='ls -l'\n# >>> guard >>>\nexport BASH_ENV=x\n# <<< guard <<<\n");
  writeFileSync(join(home, ".profile"), "PATH=$HOME/bin:$PATH\n");
});

const claude = (tool: string, input: Record<string, unknown>) => JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "PreToolUse", tool_name: tool, tool_input: input });
async function decision(agent: string, payload: string): Promise<string> {
  const answer = await runHook(agent, { stdin: Readable.from([payload]) });
  if (answer.exitCode === 2) return "deny";
  if (answer.stdout.trim() === "" || answer.stdout.trim() === "{}") return "none";
  const out = JSON.parse(answer.stdout);
  return out.hookSpecificOutput?.permissionDecision ?? out.decision ?? out.permissionDecision ?? out.permission ?? (out.cancel ? "deny" : "none");
}

describe("Claude Code file tools", () => {
  it.each([
    ["Write", { file_path: "~/.config/guard/config.yaml", content: "mode: audit\n" }],
    ["Write", { file_path: "$XDG/guard/config.yaml", content: "mode: audit\n" }],
    ["Edit", { file_path: "$STATE/guard/audit.jsonl", old_string: "a", new_string: "" }],
    ["Write", { file_path: "$STATE/guard/approvals/x.json", content: "{}" }],
    ["MultiEdit", { file_path: "~/.claude/settings.json", edits: [] }],
    ["Edit", { file_path: "~/.bashrc", old_string: "# >>> guard >>>", new_string: "" }],
    ["NotebookEdit", { notebook_path: "$STATE/guard/pin.json", new_source: "" }],
  ])("a %s to guard's own files is denied: %j", async (tool, input) => {
    const fill = (v: unknown) => (typeof v === "string" ? v.replace("~", home).replace("$XDG", box.env.XDG_CONFIG_HOME).replace("$STATE", box.env.XDG_STATE_HOME) : v);
    const filled = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, fill(v)]));
    expect(await decision("claude-code", claude(tool, filled))).toBe("deny");
  });

  it("the denial names the rule and tells the agent not to look for another way", async () => {
    const answer = await runHook("claude-code", { stdin: Readable.from([claude("Write", { file_path: join(box.env.XDG_CONFIG_HOME, "guard", "config.yaml"), content: "mode: audit" })]) });
    expect(JSON.parse(answer.stdout).hookSpecificOutput.permissionDecisionReason).toMatch(/guard\.self-protect.*guard's configuration.*Do not try another way/);
  });

  it.each([
    ["Read", { file_path: "~/.railway/config.json" }],
    ["Read", { file_path: "~/.aws/credentials" }],
    ["Read", { file_path: "$REPO/.env" }],
    ["Read", { file_path: "$REPO/.env.production" }],
    ["Read", { file_path: "~/.ssh/id_ed25519" }],
    ["Read", { file_path: "~/.netrc" }],
    ["Read", { file_path: "~/.docker/config.json" }],
    ["Read", { file_path: "~/.config/gcloud/application_default_credentials.json" }],
  ])("a %s of a credential file asks: %j", async (tool, input) => {
    const path = String(input.file_path).replace("~", home).replace("$REPO", box.repo);
    expect(await decision("claude-code", claude(tool, { file_path: path }))).toBe("ask");
  });

  it.each([
    ["Read", { file_path: "$REPO/src/index.ts" }],
    ["Read", { file_path: "$REPO/.env.example" }],
    ["Read", { file_path: "~/.ssh/id_ed25519.pub" }],
    ["Write", { file_path: "$REPO/src/new.ts", content: "x" }],
    ["Edit", { file_path: "~/.profile", old_string: "a", new_string: "b" }],
    ["Glob", { pattern: "**/*" }],
  ])("no opinion otherwise: %s %j", async (tool, input) => {
    const filled = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v).replace("~", home).replace("$REPO", box.repo)]));
    expect(await decision("claude-code", claude(tool, filled))).toBe("none");
  });

  it("a write through a symbolic link or /proc's root and cwd links reaches the file it names, and is denied", async () => {
    symlinkSync(join(home, ".claude"), join(box.repo, "agent-settings"));
    symlinkSync(join(box.env.XDG_CONFIG_HOME, "guard", "config.yaml"), join(box.root, "cfg-link"));
    for (const file_path of [join(box.repo, "agent-settings", "settings.json"), join(box.root, "cfg-link"), `/proc/self/root${home}/.claude/settings.json`,
      `/proc/self/cwd/${relative(box.repo, join(home, ".claude", "settings.json"))}`]) {
      expect(await decision("claude-code", claude("Write", { file_path, content: "{}" })), file_path).toBe("deny");
    }
    // A link to an ordinary file is an ordinary file.
    writeFileSync(join(box.repo, "notes.txt"), "x");
    symlinkSync(join(box.repo, "notes.txt"), join(box.repo, "notes-link.txt"));
    expect(await decision("claude-code", claude("Write", { file_path: join(box.repo, "notes-link.txt"), content: "y" }))).toBe("none");
  });

  it("a file tool call without a path is refused", async () => {
    expect(await decision("claude-code", claude("Write", { content: "x" }))).toBe("deny");
  });

  it("credential reads are configurable in the user layer (the credentials pack off)", async () => {
    writeFileSync(join(box.root, "user.yaml"), "packs: {disable: [credentials]}\n");
    process.env.GUARD_CONFIG = join(box.root, "user.yaml");
    try {
      expect(await decision("claude-code", claude("Read", { file_path: join(home, ".railway", "config.json") }))).toBe("none");
    } finally {
      delete process.env.GUARD_CONFIG;
    }
  });
});

// guard's own installation: the package root of the running copy (bin/, dist/ with the bundle, the V8 code
// cache and the compiled rules, rules/, plugins/, package.json), the node running it, and guard's launchers
// in the user's bin directories. Writing any of them replaces what every hook runs.
describe("guard's own program", () => {
  const root = resolve(".");
  it.each([
    join(root, "dist", "guard.cjs"),
    join(root, "dist", `guard.cjs.${process.version}.cache`),
    join(root, "dist", "builtin-rules.dat"),
    join(root, "bin", "guard"),
    join(root, "bin", "guard-shell"),
    join(root, "rules", "fs.yaml"),
    join(root, "plugins", "opencode.mjs"),
    join(root, "package.json"),
    process.execPath,
    "~/.local/bin/guard",
    "~/bin/guard-prefix",
  ])("Write %s is denied", async (path) => {
    const answer = await runHook("claude-code", { stdin: Readable.from([claude("Write", { file_path: path.replace("~", home), content: "process.exit(0)" })]) });
    const out = JSON.parse(answer.stdout).hookSpecificOutput;
    expect(out.permissionDecision).toBe("deny");
    expect(out.permissionDecisionReason).toMatch(/guard\.self-protect.*guard's own program/);
  });

  it("the sources of a checkout stay editable: only what runs is protected", async () => {
    expect(await decision("claude-code", claude("Edit", { file_path: join(root, "src", "cli", "main.ts"), old_string: "a", new_string: "b" }))).toBe("none");
    expect(await decision("claude-code", claude("Write", { file_path: join(root, "docs", "notes.md"), content: "x" }))).toBe("none");
  });
});

// Writing an executable named like a shell, env, node, guard or an agent into ~/.local/bin or ~/bin shadows the
// system's copy for everything that starts it by name.
describe("programs shadowed on PATH", () => {
  it.each(["~/.local/bin/sh", "~/.local/bin/node", "~/bin/env", "~/.local/bin/bash", "~/.local/bin/claude"])("Write %s asks", async (path) => {
    const answer = await runHook("claude-code", { stdin: Readable.from([claude("Write", { file_path: path.replace("~", home), content: "#!/bin/sh\nexit 0\n" })]) });
    const out = JSON.parse(answer.stdout).hookSpecificOutput;
    expect(out.permissionDecision).toBe("ask");
    expect(out.permissionDecisionReason).toContain("guard.path-shadowing");
  });

  it.each(["~/.local/bin/mytool", "~/bin/deploy", "~/.local/share/sh"])("Write %s: no opinion", async (path) => {
    expect(await decision("claude-code", claude("Write", { file_path: path.replace("~", home), content: "x" }))).toBe("none");
  });
});

// The agents' other settings: they can switch every hook off (disableAllHooks), replace the hooks, or set the
// environment the hook runs in (NODE_OPTIONS, GUARD_CONFIG, XDG_CONFIG_HOME), without holding guard's entry.
describe("the agents' settings files", () => {
  it.each([
    ["claude-code", "$REPO/.claude/settings.local.json"],
    ["claude-code", "$REPO/.claude/settings.json"],
    ["claude-code", "~/.claude/settings.local.json"],
    ["claude-code", "$REPO/.gemini/.env"],
    ["claude-code", "~/.codex/config.toml"],
    ["claude-code", "$REPO/.codex/config.toml"],
    ["claude-code", "~/.copilot/config.json"],
    ["claude-code", "$REPO/.cursor/cli.json"],
    ["claude-code", "$REPO/opencode.json"],
    ["gemini-cli", "$REPO/.gemini/settings.json"],
    ["gemini-cli", "~/.gemini/.env"],
    ["gemini-cli", "$REPO/.gemini/.env"],
  ])("%s: a write to %s asks", async (agent, path) => {
    const file = path.replace("~", home).replace("$REPO", box.repo);
    const payload = agent === "claude-code"
      ? claude("Write", { file_path: file, content: '{"disableAllHooks": true}' })
      : JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: file, content: "NODE_OPTIONS=--require /tmp/e.js" } });
    const answer = await runHook(agent, { stdin: Readable.from([payload]) });
    expect(answer.stdout).toContain("guard.agent-settings");
    expect(await decision(agent, payload)).toBe("ask");
  });

  it("one that holds guard's hook is still denied", async () => {
    expect(await decision("claude-code", claude("Write", { file_path: join(home, ".claude", "settings.json"), content: "{}" }))).toBe("deny");
  });

  it("files of the same name elsewhere are ordinary files", async () => {
    expect(await decision("claude-code", claude("Write", { file_path: join(box.repo, "docs", "settings.local.json"), content: "{}" }))).toBe("none");
    expect(await decision("claude-code", claude("Write", { file_path: join(box.repo, ".env.local"), content: "X=1" }))).toBe("none");
  });
});

describe("other agents' file tools", () => {
  const config = () => join(box.env.XDG_CONFIG_HOME, "guard", "config.yaml");
  it.each([
    ["gemini-cli", () => JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: config(), content: "mode: audit" } }), "deny"],
    ["gemini-cli", () => JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "BeforeTool", tool_name: "read_file", tool_input: { absolute_path: join(home, ".aws", "credentials") } }), "ask"],
    ["copilot-cli", () => JSON.stringify({ sessionId: "s", timestamp: 1, cwd: box.repo, toolName: "edit", toolArgs: JSON.stringify({ path: config() }) }), "deny"],
    ["copilot-cli", () => JSON.stringify({ sessionId: "s", timestamp: 1, cwd: box.repo, toolName: "edit", toolArgs: JSON.stringify({ path: "/etc/passwd" }) }), "none"],
    ["cursor", () => JSON.stringify({ hook_event_name: "beforeReadFile", file_path: join(box.repo, ".env"), workspace_roots: [box.repo] }), "ask"],
    ["cursor", () => JSON.stringify({ hook_event_name: "preToolUse", tool_name: "Write", tool_input: { file_path: config() }, workspace_roots: [box.repo] }), "deny"],
    ["windsurf", () => JSON.stringify({ agent_action_name: "pre_write_code", tool_info: { file_path: config(), cwd: box.repo } }), "deny"],
    ["cline", () => JSON.stringify({ taskId: "t", workspacePath: box.repo, preToolUse: { tool: "write_to_file", parameters: { path: config() } } }), "deny"],
  ] as const)("%s", async (agent, payload, expected) => {
    expect(await decision(agent, payload())).toBe(expected);
  });
});

describe("protectedPaths", () => {
  const env = () => ({ HOME: home, XDG_CONFIG_HOME: box.env.XDG_CONFIG_HOME, XDG_STATE_HOME: box.env.XDG_STATE_HOME });
  it("resolves relative paths against the cwd, and counts a parent directory of a protected path", () => {
    expect(protectedWriteTarget("config.yaml", { cwd: join(box.env.XDG_CONFIG_HOME, "guard"), env: env() })?.kind).toBe("guard-config");
    expect(protectedWriteTarget("../state", { cwd: join(box.root, "x"), env: env() })?.kind).toBe("guard-state");
    expect(protectedWriteTarget("src/a.ts", { cwd: box.repo, env: env() })).toBeUndefined();
  });

  it("startup files and agent settings only while they hold guard's part", () => {
    expect(protectedWriteTarget("~/.bashrc", { cwd: box.repo, env: env() })?.kind).toBe("shell-startup");
    expect(protectedWriteTarget("~/.profile", { cwd: box.repo, env: env() })).toBeUndefined();
    expect(protectedWriteTarget("~/.claude/settings.json", { cwd: box.repo, env: env() })?.kind).toBe("agent-hooks");
  });
});
