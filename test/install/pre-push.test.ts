// The pre-push decision on git's input lines: deletions and non-fast-forward updates of protected branches, nothing else.
import { describe, expect, it } from "vitest";
import { parsePushLines, prePushRefusals, protectedBranchOf, pushCommandText, PUSH_REFUSAL_TEXT, refusalMessage } from "../../src/install/pre-push";
import { DEFAULT_PROTECTED_BRANCHES } from "../../src/core/eval-context";

const A = "a".repeat(40);
const B = "b".repeat(40);
const ZERO = "0".repeat(40);
const line = (local: string, localSha: string, remote: string, remoteSha: string) => `${local} ${localSha} ${remote} ${remoteSha}`;

function decide(input: string, ancestor: boolean | undefined) {
  const { updates, errors } = parsePushLines(input);
  expect(errors).toEqual([]);
  return prePushRefusals(updates, { protectedBranches: DEFAULT_PROTECTED_BRANCHES, isAncestor: () => ancestor });
}

describe("pre-push decision", () => {
  it("a fast-forward to main is allowed; a non-fast-forward or unknown remote commit is a force push", () => {
    const input = line("refs/heads/main", A, "refs/heads/main", B);
    expect(decide(input, true)).toEqual([]);
    expect(decide(input, false)).toMatchObject([{ branch: "main", kind: "force" }]);
    expect(decide(input, undefined)).toMatchObject([{ branch: "main", kind: "force", detail: expect.stringContaining("not known here") }]);
  });

  it("deleting a protected branch is refused; creating one is not", () => {
    expect(decide(line("(delete)", ZERO, "refs/heads/release/2.0", B), true)).toMatchObject([{ branch: "release/2.0", kind: "delete" }]);
    expect(decide(line("refs/heads/main", A, "refs/heads/production", ZERO), false)).toEqual([]);
  });

  it("other branches and tags are not its business", () => {
    expect(decide(line("refs/heads/topic", A, "refs/heads/topic", B), false)).toEqual([]);
    expect(decide(line("(delete)", ZERO, "refs/heads/topic", B), false)).toEqual([]);
    expect(decide(line("refs/tags/v1", A, "refs/tags/main", B), false)).toEqual([]);
    expect(protectedBranchOf("refs/heads/release/1.2", ["release/*"])).toBe("release/1.2");
    expect(protectedBranchOf("refs/heads/mainline", ["main"])).toBeUndefined();
  });

  it("input it cannot read is reported, so the hook refuses it", () => {
    expect(parsePushLines("refs/heads/main not-a-sha refs/heads/main x\n").errors).toHaveLength(1);
    expect(parsePushLines("\n").updates).toEqual([]);
    expect(parsePushLines(`${line("refs/heads/main", A, "refs/heads/main", B)}\n`).updates).toHaveLength(1);
  });

  it("writes the push as a command line for the audit log", () => {
    const { updates } = parsePushLines([line("refs/heads/main", A, "refs/heads/main", B), line("(delete)", ZERO, "refs/heads/old", B)].join("\n"));
    expect(pushCommandText("origin", updates)).toBe("git push origin refs/heads/main:refs/heads/main :refs/heads/old");
  });
});

describe("pre-push refusal texts", () => {
  it("a branch delete is explained as a delete, not with the force-push text", () => {
    const text = refusalMessage([{ kind: "delete", branch: "release/2.0", detail: "the branch would be removed" } as never], "origin");
    expect(text).toMatch(/refused: it would delete a protected branch/);
    expect(text).toContain(PUSH_REFUSAL_TEXT.delete.why);
    expect(text).not.toContain(PUSH_REFUSAL_TEXT.force.why);
  });

  it("a force push keeps the force-push text", () => {
    const text = refusalMessage([{ kind: "force", branch: "main", detail: "not a fast-forward" } as never], "origin");
    expect(text).toContain(PUSH_REFUSAL_TEXT.force.why);
    expect(text).not.toContain(PUSH_REFUSAL_TEXT.delete.why);
  });
});
