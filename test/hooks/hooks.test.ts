// Each agent's documented payload in, exactly the answer that agent expects out: allow, ask, deny, and refusal of bad payloads.
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runHook } from "../../src/hooks/answer";
import { ADAPTERS } from "../../src/hooks/agents";
import { sandbox } from "../helpers/guard";

const AGENTS = ["claude-code", "cursor", "gemini-cli", "codex", "copilot-cli", "windsurf", "cline"] as const;
type Agent = (typeof AGENTS)[number];

let repo = "";

beforeAll(() => {
  const box = sandbox("topic");
  repo = box.repo;
  process.env.XDG_STATE_HOME = box.env.XDG_STATE_HOME;
  process.env.GUARD_AUDIT_LOG = box.env.GUARD_AUDIT_LOG;
});

/** The fixture payload (from the agent-hook reference) with a command and cwd filled in, JSON-escaped. */
function payload(agent: Agent, command: string): string {
  const template = readFileSync(join("test/fixtures/hooks", `${agent}.json`), "utf8");
  const escaped = JSON.stringify(command).slice(1, -1);
  // copilot-cli's toolArgs is a JSON string inside JSON: escape twice.
  const inner = agent === "copilot-cli" ? JSON.stringify(escaped).slice(1, -1) : escaped;
  return template.replace("__COMMAND__", inner).replaceAll("__CWD__", repo);
}

async function hook(agent: Agent, input: string) {
  return runHook(agent, { stdin: Readable.from([input]) });
}

const ALLOW = "ls -la";
const ASK = "git push --force origin topic";
const DENY = "rm -rf /";

describe("allow / ask / deny per agent", () => {
  it("claude-code", async () => {
    // Nothing against it: no opinion (exit 0, no output), so Claude Code's own permission prompt still applies.
    expect(await hook("claude-code", payload("claude-code", ALLOW))).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const ask = JSON.parse((await hook("claude-code", payload("claude-code", ASK))).stdout);
    expect(ask.hookSpecificOutput.permissionDecision).toBe("ask");
    expect(ask.hookSpecificOutput.permissionDecisionReason).toContain("git.force-push");
    const deny = JSON.parse((await hook("claude-code", payload("claude-code", DENY))).stdout);
    expect(deny.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(deny.hookSpecificOutput.permissionDecisionReason).toMatch(/fs.rm-recursive-catastrophic.*Do not try another way/);
  });

  it("cursor", async () => {
    // Cursor has no silent answer under failClosed: a bare allow, "no objection".
    expect(JSON.parse((await hook("cursor", payload("cursor", ALLOW))).stdout)).toEqual({ permission: "allow" });
    expect(JSON.parse((await hook("cursor", payload("cursor", ASK))).stdout).permission).toBe("ask");
    const deny = JSON.parse((await hook("cursor", payload("cursor", DENY))).stdout);
    expect(deny).toMatchObject({ permission: "deny", user_message: expect.stringMatching(/^guard blocked: fs.rm-recursive-catastrophic: Recursively deletes .* Why: /) });
    expect(deny.agent_message).toContain("Do not try another way");
  });

  it("gemini-cli", async () => {
    expect(JSON.parse((await hook("gemini-cli", payload("gemini-cli", ALLOW))).stdout)).toEqual({});
    expect(JSON.parse((await hook("gemini-cli", payload("gemini-cli", ASK))).stdout).decision).toBe("ask");
    const deny = JSON.parse((await hook("gemini-cli", payload("gemini-cli", DENY))).stdout);
    expect(Object.keys(deny).sort()).toEqual(["decision", "reason", "systemMessage"]);
    expect(deny.decision).toBe("deny");
  });

  it("codex: ask becomes deny with a one-time code, and only the documented fields", async () => {
    const allow = await hook("codex", payload("codex", ALLOW));
    expect(allow).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const ask = JSON.parse((await hook("codex", payload("codex", ASK))).stdout);
    expect(Object.keys(ask)).toEqual(["hookSpecificOutput"]);
    expect(Object.keys(ask.hookSpecificOutput).sort()).toEqual(["hookEventName", "permissionDecision", "permissionDecisionReason"]);
    expect(ask.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(ask.hookSpecificOutput.permissionDecisionReason).toMatch(/guard approve [2-9A-Z]{4}-[2-9A-Z]{4}/);
    const deny = JSON.parse((await hook("codex", payload("codex", DENY))).stdout);
    expect(deny.hookSpecificOutput.permissionDecision).toBe("deny");
  });

  it("copilot-cli (toolArgs is a JSON string)", async () => {
    expect(await hook("copilot-cli", payload("copilot-cli", ALLOW))).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(JSON.parse((await hook("copilot-cli", payload("copilot-cli", ASK))).stdout).permissionDecision).toBe("ask");
    expect(JSON.parse((await hook("copilot-cli", payload("copilot-cli", DENY))).stdout).permissionDecision).toBe("deny");
  });

  it("windsurf: exit 2 blocks, nothing on stdout", async () => {
    expect(await hook("windsurf", payload("windsurf", ALLOW))).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const ask = await hook("windsurf", payload("windsurf", ASK));
    expect(ask).toMatchObject({ stdout: "", exitCode: 2 });
    expect(ask.stderr).toMatch(/guard approve/);
    const deny = await hook("windsurf", payload("windsurf", DENY));
    expect(deny).toMatchObject({ stdout: "", exitCode: 2 });
    expect(deny.stderr).toContain("fs.rm-recursive-catastrophic");
  });

  it("cline: cancel", async () => {
    expect(JSON.parse((await hook("cline", payload("cline", ALLOW))).stdout)).toEqual({ cancel: false });
    const deny = JSON.parse((await hook("cline", payload("cline", DENY))).stdout);
    expect(deny).toMatchObject({ cancel: true });
    expect(deny.contextModification).toContain("fs.rm-recursive-catastrophic");
    expect(JSON.parse((await hook("cline", payload("cline", ASK))).stdout).cancel).toBe(true);
  });
});

describe("the payload's cwd is the evaluation context", () => {
  it("reads the branch and files of the payload's cwd", async () => {
    const onTopic = JSON.parse((await hook("claude-code", payload("claude-code", "git push -f"))).stdout);
    expect(onTopic.hookSpecificOutput.permissionDecision).toBe("ask");
    const elsewhere = JSON.parse((await hook("claude-code", payload("claude-code", "git push -f").replace(`"cwd":"${repo}"`, '"cwd":"/nonexistent/dir"'))).stdout);
    expect(elsewhere.hookSpecificOutput.permissionDecision).toBe("deny"); // no repository there: the branch is unknown
  });
});

describe("non-shell tool calls pass through", () => {
  it.each([
    ["claude-code", '{"session_id":"s","cwd":"/p","hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"/etc/passwd"}}'],
    ["gemini-cli", '{"session_id":"s","cwd":"/p","hook_event_name":"BeforeTool","tool_name":"read_file","tool_input":{"path":"x"}}'],
    ["cline", '{"taskId":"t","workspacePath":"/p","preToolUse":{"tool":"read_file","parameters":{"path":"x"}}}'],
  ] as const)("%s", async (agent, input) => {
    const answer = await hook(agent, input);
    expect(answer.exitCode).toBe(0);
  });
});

describe("bad payloads are refused, never allowed", () => {
  const bad = (agent: Agent) => [
    "",
    "not json",
    "[]",
    "null",
    // The agent's own payload with the command missing or not a string.
    readFileSync(join("test/fixtures/hooks", `${agent}.json`), "utf8").replace(/\\?"__COMMAND__\\?"/, "42").replaceAll("__CWD__", repo),
    readFileSync(join("test/fixtures/hooks", `${agent}.json`), "utf8").replace(/\\?"__COMMAND__\\?"/, "null").replaceAll("__CWD__", repo),
    payload(agent, DENY).slice(0, 40),
    payload(agent, ALLOW).slice(0, -5),
    "\u0000\u0001\u0002",
    "x".repeat(2_000_000),
  ];

  for (const agent of AGENTS) {
    it(`${agent}`, async () => {
      for (const input of bad(agent)) {
        const answer = await hook(agent, input);
        const refused =
          answer.exitCode === 2 ||
          /"(?:permissionDecision|permission|decision)":"deny"/.test(answer.stdout) ||
          /"cancel":true/.test(answer.stdout);
        expect(refused, `${agent}: ${JSON.stringify(input.slice(0, 60))} → ${answer.stdout}`).toBe(true);
      }
    });
  }

  // Cursor's "nothing to say" is an allow, so an event guard does not know must be refused, not answered
  // like a harmless command (another agent's shape, a renamed event).
  it.each([
    ["cursor", '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm -rf /"},"cwd":"/p"}'],
    ["cursor", '{"hook_event_name":"beforeShellExec","command":"rm -rf /","cwd":"/p"}'],
    ["cursor", '{"hook_event_name":"afterFileEdit","file_path":"/p/x","cwd":"/p"}'],
    ["windsurf", '{"agent_action_name":"pre_run_cmd","tool_info":{"command_line":"rm -rf /","cwd":"/p"}}'],
  ] as const)("%s: an event guard does not know is refused: %s", async (agent, input) => {
    const answer = await hook(agent, input);
    const refused = answer.exitCode === 2 || /"permission":"deny"/.test(answer.stdout);
    expect(refused, answer.stdout).toBe(true);
  });

  it("fuzzed payloads: random mutations of a deny payload never come back allowed", async () => {
    let seed = 1234567;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const agent of AGENTS) {
      const base = payload(agent, DENY);
      for (let i = 0; i < 40; i++) {
        const chars = [...base];
        for (let k = 0; k < 3; k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(32 + Math.floor(random() * 95));
        const answer = await hook(agent, chars.join(""));
        const allowed = answer.exitCode === 0 && !/deny|"cancel":true|"ask"/.test(answer.stdout);
        if (!allowed) continue;
        // A mutation may turn the payload into a non-shell tool call or a harmless command; it must never
        // be a readable shell call of rm -rf / that came back allowed.
        let command: string | undefined;
        try {
          command = ADAPTERS[agent].parse(JSON.parse(chars.join(""))).command;
        } catch {
          command = undefined;
        }
        expect(command === undefined || !/^rm -rf \/$/.test(command), `${agent}: ${chars.join("")}`).toBe(true);
      }
    }
  });
});

describe("isolation.route_hooks", () => {
  it("rewrites allowed commands to run through guard exec, for agents that can rewrite", async () => {
    const box = sandbox("topic");
    const { writeFileSync } = await import("node:fs");
    // A rewrite only takes effect with an answer that lets the call run, so routing needs the opt-in grant.
    writeFileSync(join(box.root, "user.yaml"), "isolation:\n  route_hooks: true\nhooks:\n  grant_allowed: true\n");
    const saved = process.env.GUARD_CONFIG;
    process.env.GUARD_CONFIG = join(box.root, "user.yaml");
    try {
      const input = JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls -la" } });
      const answer = JSON.parse((await runHook("claude-code", { stdin: Readable.from([input]) })).stdout);
      expect(answer.hookSpecificOutput.permissionDecision).toBe("allow");
      expect(answer.hookSpecificOutput.updatedInput.command).toMatch(/bin\/guard'? exec -- 'ls -la'$/);
      const denied = JSON.parse((await runHook("claude-code", { stdin: Readable.from([input.replace("ls -la", "rm -rf /")]) })).stdout);
      expect(denied.hookSpecificOutput.updatedInput).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.GUARD_CONFIG;
      else process.env.GUARD_CONFIG = saved;
    }
  });
});

/** Runs `body` with GUARD_CONFIG pointing at a user config holding `yaml`. */
async function withUserConfig<T>(yaml: string, body: () => Promise<T>): Promise<T> {
  const box = sandbox("topic");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(box.root, "user.yaml"), yaml);
  const saved = process.env.GUARD_CONFIG;
  process.env.GUARD_CONFIG = join(box.root, "user.yaml");
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.GUARD_CONFIG;
    else process.env.GUARD_CONFIG = saved;
  }
}

/** Whether an answer lets the agent skip its own permission prompt. */
function grants(agent: Agent, answer: { stdout: string; exitCode: number }): boolean {
  if (answer.exitCode !== 0 || answer.stdout.trim() === "") return false;
  const out = JSON.parse(answer.stdout);
  switch (agent) {
    case "claude-code":
    case "codex":
      return out.hookSpecificOutput?.permissionDecision === "allow";
    case "cursor":
      // Cursor's answer under failClosed: a bare allow is "no objection"; an allow with guard's message is a grant.
      return out.permission === "allow" && "user_message" in out;
    case "gemini-cli":
      return out.decision === "allow";
    case "copilot-cli":
      return out.permissionDecision === "allow";
    case "windsurf":
    case "cline":
      return false;
    default:
      return false;
  }
}

/** The exact "no opinion" answer of each agent (docs/integrations.md, "What each answer does"). */
const NO_OPINION: Record<Agent, { stdout: string; stderr: string; exitCode: number }> = {
  "claude-code": { stdout: "", stderr: "", exitCode: 0 },
  codex: { stdout: "", stderr: "", exitCode: 0 },
  cursor: { stdout: '{"permission":"allow"}\n', stderr: "", exitCode: 0 },
  "gemini-cli": { stdout: "{}\n", stderr: "", exitCode: 0 },
  "copilot-cli": { stdout: "", stderr: "", exitCode: 0 },
  windsurf: { stdout: "", stderr: "", exitCode: 0 },
  cline: { stdout: '{"cancel":false}\n', stderr: "", exitCode: 0 },
};

describe("hooks never grant", () => {
  it.each(AGENTS)("%s: a command with no finding gets the agent's no-opinion answer", async (agent) => {
    for (const command of [ALLOW, "rm -rf src", "chmod -R 755 .", "mv ~/.ssh /tmp/x", "npm test"]) {
      const answer = await hook(agent, payload(agent, command));
      if (answer.stdout.includes("deny") || answer.stdout.includes('"ask"') || answer.exitCode === 2 || answer.stdout.includes('"cancel":true')) continue;
      expect(answer, `${agent}: ${command}`).toEqual(NO_OPINION[agent]);
    }
  });

  it.each(AGENTS)("%s: audit mode never answers allow, even for rm -rf ~/", async (agent) => {
    await withUserConfig("mode: audit\nhooks:\n  grant_allowed: true\n", async () => {
      for (const command of [ALLOW, ASK, DENY, "rm -rf ~/"]) {
        const answer = await hook(agent, payload(agent, command));
        expect(grants(agent, answer), `${agent}: ${command} → ${answer.stdout}`).toBe(false);
        // Not enforced: no refusal either. Cursor, which has no silent answer, asks instead of allowing.
        if (command === ALLOW || agent !== "cursor") expect(answer, `${agent}: ${command}`).toEqual(NO_OPINION[agent]);
        else expect(JSON.parse(answer.stdout).permission).toBe("ask");
      }
    });
  });

  it.each(AGENTS)("%s: the opt-in grant (hooks.grant_allowed in the user config) answers allow where the agent has one", async (agent) => {
    await withUserConfig("hooks:\n  grant_allowed: true\n", async () => {
      const answer = await hook(agent, payload(agent, ALLOW));
      const canGrant = ["claude-code", "cursor", "gemini-cli", "copilot-cli"].includes(agent);
      expect(grants(agent, answer), `${agent}: ${answer.stdout}`).toBe(canGrant);
      if (!canGrant) expect(answer).toEqual(NO_OPINION[agent]);
      // A grant never reaches a command with a finding.
      expect(grants(agent, await hook(agent, payload(agent, DENY)))).toBe(false);
      expect(grants(agent, await hook(agent, payload(agent, ASK)))).toBe(false);
    });
  });

  it("the grant is refused in a project file: a config error, which asks, and never an allow", async () => {
    const box = sandbox("topic");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(box.repo, ".guard.yaml"), "hooks:\n  grant_allowed: true\n");
    const input = JSON.stringify({ session_id: "s", cwd: box.repo, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls -la" } });
    const answer = await runHook("claude-code", { stdin: Readable.from([input]) });
    expect(grants("claude-code", answer)).toBe(false);
    const out = JSON.parse(answer.stdout);
    expect(out.hookSpecificOutput.permissionDecision).toBe("ask");
    expect(out.hookSpecificOutput.permissionDecisionReason).toContain("guard.config-error");
  });

  it.each([
    ["claude-code", '{"session_id":"s","cwd":"/p","hook_event_name":"PreToolUse","tool_name":"Glob","tool_input":{"pattern":"**/*.ts"}}'],
    ["copilot-cli", '{"sessionId":"s","timestamp":1,"cwd":"/p","toolName":"glob","toolArgs":"{\\"pattern\\":\\"*\\"}"}'],
    ["gemini-cli", '{"session_id":"s","cwd":"/p","hook_event_name":"BeforeTool","tool_name":"glob","tool_input":{"pattern":"x"}}'],
  ] as const)("%s: a non-shell tool call gets no opinion", async (agent, input) => {
    await withUserConfig("hooks:\n  grant_allowed: true\n", async () => {
      expect(await hook(agent, input)).toEqual(NO_OPINION[agent]);
    });
  });
});
