// What a script does is looked up by its text once per process, but the script is read from disk on every check: a batch sees a rewritten script.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPolicy } from "../../src/engine/policy";
import { codeActions } from "../../src/shell/code-cache";

function workspace() {
  const root = mkdtempSync(join(tmpdir(), "guard-code-cache-"));
  const env = { HOME: join(root, "home"), XDG_CACHE_HOME: join(root, "cache"), XDG_STATE_HOME: join(root, "state"), GUARD_CONFIG: join(root, "none.yaml"), PATH: process.env.PATH };
  return { root, env };
}

describe("interpreter code read once per text", () => {
  it("follows a script rewritten between two checks of one policy, as a batch checks its lines", () => {
    const { root, env } = workspace();
    const script = join(root, "tidy.py");
    const policy = openPolicy({ cwd: root, env, reuse: true });
    writeFileSync(script, 'print("tidy")\n');
    expect(policy.check("python3 tidy.py").action).toBe("allow");
    // Same command text, new content on disk: the verdict follows the file, not an earlier reading.
    writeFileSync(script, 'import shutil\nshutil.rmtree("/")\n');
    const destructive = policy.check("python3 tidy.py");
    expect(destructive.action).toBe("deny");
    writeFileSync(script, 'print("tidy")\n');
    expect(policy.check("python3 tidy.py").action).toBe("allow");
  });

  it("gives the same answer from the cache as on the first reading", () => {
    const code = 'import os\nos.system("rm -rf ~/")\n';
    const first = codeActions("python", code);
    expect(codeActions("python", code)).toBe(first);
    expect(first).toEqual([{ kind: "shell", text: "rm -rf ~/", call: "os.system" }]);
  });

  it("shares only frozen answers, so no caller can change what a later check reads", () => {
    const actions = codeActions("python", 'import subprocess\nsubprocess.run(["rm", "-rf", "build"])\n');
    expect(Object.isFrozen(actions)).toBe(true);
    for (const action of actions) {
      expect(Object.isFrozen(action)).toBe(true);
      if (action.kind === "argv") expect(Object.isFrozen(action.argv)).toBe(true);
    }
    expect(() => (actions as unknown[]).push({ kind: "unknown", call: "x" })).toThrow(TypeError);
  });
});
