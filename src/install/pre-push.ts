// The decision of guard's git pre-push hook: refuse force pushes and deletions of protected branches, whoever runs git.
import { spawnSync } from "node:child_process";
import { globMatch } from "../core/glob";
import type { Env } from "./install-context";

/** One line of pre-push stdin: `<local ref> <local sha> <remote ref> <remote sha>`. */
export interface PushUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export interface PushRefusal {
  update: PushUpdate;
  branch: string;
  kind: "force" | "delete";
  /** Why guard calls it a force push or a deletion. */
  detail: string;
}

/** The rule ids of guard's command rules for the same mistakes, for the audit log and the message. */
export const PRE_PUSH_RULES = { force: "git.force-push", delete: "git.delete-remote-branch" } as const;

const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Lines git would never write are refused by the caller: a hook that cannot read its input fails closed. */
export function parsePushLines(text: string): { updates: PushUpdate[]; errors: string[] } {
  const updates: PushUpdate[] = [];
  const errors: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 4 || !SHA.test(fields[1]) || !SHA.test(fields[3])) {
      errors.push(`unexpected pre-push input line: ${JSON.stringify(line)}`);
      continue;
    }
    updates.push({ localRef: fields[0], localSha: fields[1], remoteRef: fields[2], remoteSha: fields[3] });
  }
  return { updates, errors };
}

/** The protected branch a remote ref names, if any (`refs/heads/release/1.2` against `release/*`). */
export function protectedBranchOf(remoteRef: string, protectedBranches: readonly string[]): string | undefined {
  if (!remoteRef.startsWith("refs/heads/")) return undefined;
  const branch = remoteRef.slice("refs/heads/".length);
  return protectedBranches.some((glob) => globMatch(branch, glob)) ? branch : undefined;
}

/** true / false, or undefined when git cannot tell (the commit is not known here). */
export type AncestorTest = (ancestor: string, descendant: string) => boolean | undefined;

export interface PrePushOptions {
  protectedBranches: readonly string[];
  isAncestor: AncestorTest;
}

export function prePushRefusals(updates: PushUpdate[], options: PrePushOptions): PushRefusal[] {
  const refusals: PushRefusal[] = [];
  for (const update of updates) {
    const branch = protectedBranchOf(update.remoteRef, options.protectedBranches);
    if (!branch) continue;
    if (ZERO_SHA.test(update.localSha)) {
      refusals.push({ update, branch, kind: "delete", detail: "the push deletes it on the remote" });
      continue;
    }
    // A new branch on the remote replaces nothing.
    if (ZERO_SHA.test(update.remoteSha)) continue;
    const ancestor = options.isAncestor(update.remoteSha, update.localSha);
    if (ancestor === true) continue;
    // Unknown here means someone else's commits, which a forced push would drop: treated as force.
    refusals.push({
      update, branch, kind: "force",
      detail: ancestor === false
        ? `the remote's ${update.remoteSha.slice(0, 12)} is not in the history being pushed, so it would be dropped`
        : `the remote's ${update.remoteSha.slice(0, 12)} is not known here (fetch first), so pushing over it could drop commits`,
    });
  }
  return refusals;
}

/** `git merge-base --is-ancestor`: exit 0 yes, 1 no, anything else (unknown commit) undefined. */
export function gitAncestorTest(options: { cwd: string; env: Env }): AncestorTest {
  return (ancestor, descendant) => {
    const r = spawnSync("git", ["merge-base", "--is-ancestor", ancestor, descendant], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: "ignore" });
    return r.status === 0 ? true : r.status === 1 ? false : undefined;
  };
}

/** What `git push` shows: each refused ref, why, and what to do instead. */
/** Why and instead, per kind of refused update: a deleted branch is not a rewritten one. */
export const PUSH_REFUSAL_TEXT: Record<PushRefusal["kind"], { why: string; instead: string }> = {
  force: {
    why: "Commits on the remote branch that are not in the pushed history are lost for everyone who uses it.",
    instead: "Push your work to a new branch and open a pull request; to update your branch first, `git pull --rebase`.",
  },
  delete: {
    why: "Deleting a protected branch removes it for everyone: open pull requests lose their base, deployments that track it stop, and its commits can be garbage-collected on the remote.",
    instead: "Leave the branch in place and ask the user; branch protection on the host is where a protected branch is retired.",
  },
};

export function refusalMessage(refusals: PushRefusal[], remote: string): string {
  const kinds = [...new Set(refusals.map((r) => r.kind))];
  const verb = kinds.length === 1 && kinds[0] === "delete" ? "it would delete a protected branch" : kinds.length === 1 ? "it would rewrite a protected branch" : "it would rewrite or delete a protected branch";
  const lines = [`guard: push to ${remote} refused: ${verb}.`];
  for (const r of refusals) {
    const what = r.kind === "delete" ? "deleting" : "force-pushing to";
    lines.push(`  ${what} ${r.branch} [${PRE_PUSH_RULES[r.kind]}]: ${r.detail}.`);
  }
  for (const kind of kinds) {
    const text = PUSH_REFUSAL_TEXT[kind];
    const label = kinds.length > 1 ? ` (${kind === "delete" ? "deleting" : "force-pushing"})` : "";
    lines.push(`  why${label}:     ${text.why}`, `  instead${label}: ${text.instead}`);
  }
  lines.push("  Do not try another way to push this; ask the user.");
  return `${lines.join("\n")}\n`;
}

/** The push as one command line, for the audit log: `git push origin +main :old`. */
export function pushCommandText(remote: string, updates: PushUpdate[]): string {
  const specs = updates.map((u) => (ZERO_SHA.test(u.localSha) ? `:${u.remoteRef}` : `${u.localRef}:${u.remoteRef}`));
  return ["git", "push", remote, ...specs].join(" ");
}
