// Takes a snapshot: one commit under refs/guard/snapshots/ holding the working tree, and keeping branch tips and stash entries reachable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { git, repoInfo, type RepoInfo } from "./git";
import { captureWorktree, type SkippedFile } from "./worktree";
import { redact } from "../core/redact";
import { refReader, refsIn } from "../engine/git-refs";
import { writeSnapshotRefs } from "./loose-refs";
import type { UndoSettings } from "../config/settings";

export const SNAPSHOT_REFS = "refs/guard/snapshots";

/** What a snapshot records, so undo can put it back. Stored as JSON in the commit message. */
export interface SnapshotMeta {
  v: 1;
  command: string;
  time: string;
  agent: string;
  cwd: string;
  /** What the command may change: only these are restored. */
  scope: { worktree: boolean; head: boolean; branches: string[]; stash: boolean };
  /** HEAD: a branch ref, or a commit when detached; undefined in a repository with no commit yet. */
  head: { ref?: string; commit?: string };
  /** The working tree's tree (when in scope). */
  tree?: string;
  /** The staged state: a tree, "head", or absent when it could not be recorded (conflicts). */
  index?: string;
  /** Branch name → tip, for the branches in scope that existed. */
  branches: Record<string, string>;
  /** Stash entries, newest first, when in scope. */
  stash?: Array<{ commit: string; message: string }>;
  skipped: SkippedFile[];
}

export interface SnapshotScope {
  worktree: boolean;
  head: boolean;
  branches: string[] | "all";
  stash: boolean;
}

export interface SnapshotRequest {
  /** A directory inside the repository. */
  dir: string;
  command: string;
  agent: string;
  cwd: string;
  scope: SnapshotScope;
  settings: UndoSettings;
  timeoutMs?: number;
  now?: Date;
}

export interface Snapshot {
  id: string;
  ref: string;
  commit: string;
  root: string;
  meta: SnapshotMeta;
}

interface Refs {
  /** Branch name → tip commit. */
  tips: Map<string, string>;
  snapshots: string[];
  /** Snapshot refs in packed-refs, when the refs were read from files. */
  packed?: Set<string>;
}

/**
 * The refs a snapshot needs, read from the repository's files: the current branch's and the named
 * branches' tips and the snapshot refs. Undefined when the files cannot tell (every branch wanted,
 * reftable, a symbolic or unreadable ref, a big packed-refs): git lists them then.
 */
function refsFromFiles(repo: RepoInfo, scope: SnapshotScope): Refs | undefined {
  if (scope.branches === "all") return undefined;
  const snapshots = refsIn(repo.gitDir, SNAPSHOT_REFS);
  if (!snapshots) return undefined;
  let head: string;
  try {
    head = readFileSync(join(repo.gitDir, "HEAD"), "utf8");
  } catch {
    return undefined;
  }
  const current = /^ref:\s*refs\/heads\/(\S+)$/.exec(head.trim())?.[1];
  const read = refReader(repo.gitDir);
  const tips = new Map<string, string>();
  for (const name of new Set([...scope.branches, ...(current ? [current] : [])])) {
    const tip = read(`refs/heads/${name}`);
    if (tip === undefined) return undefined;
    if (tip !== null) tips.set(name, tip);
  }
  return { tips, snapshots: [...snapshots.refs.keys()], packed: snapshots.packed };
}

async function readRefs(repo: RepoInfo, timeoutMs: number): Promise<Refs> {
  // Names and ids only: asking for a tree (%(tree)) makes git read every listed commit, up to keep_count snapshots.
  const out = await git(["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", SNAPSHOT_REFS], { cwd: repo.root, timeoutMs });
  const refs: Refs = { tips: new Map(), snapshots: [] };
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    const [commit, name] = [line.slice(0, space), line.slice(space + 1)];
    if (space < 0 || !name) continue;
    if (name.startsWith("refs/heads/")) refs.tips.set(name.slice("refs/heads/".length), commit);
    else refs.snapshots.push(name);
  }
  return refs;
}

/** HEAD from its file: a symbolic ref, or a commit id when detached. */
function readHead(repo: RepoInfo, refs: Refs): SnapshotMeta["head"] {
  const text = readFileSync(join(repo.gitDir, "HEAD"), "utf8").trim();
  const m = /^ref:\s*(\S+)$/.exec(text);
  if (!m) return { commit: text };
  const tip = m[1].startsWith("refs/heads/") ? refs.tips.get(m[1].slice("refs/heads/".length)) : undefined;
  return { ref: m[1], ...(tip ? { commit: tip } : {}) };
}

/** Stash entries, newest first, from the stash reflog (stash@{0} is its last line). */
export function readStash(repo: RepoInfo): Array<{ commit: string; message: string }> {
  let text: string;
  try {
    text = readFileSync(join(repo.commonDir, "logs", "refs", "stash"), "utf8");
  } catch {
    return [];
  }
  const entries = text.split("\n").filter(Boolean).map((line) => {
    const tab = line.indexOf("\t");
    return { commit: line.split(" ")[1], message: tab >= 0 ? line.slice(tab + 1) : "" };
  });
  return entries.reverse();
}

function snapshotId(ref: string): string {
  return ref.slice(ref.lastIndexOf("-") + 1);
}

export async function takeSnapshot(request: SnapshotRequest): Promise<Snapshot> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  const repo = await repoInfo(request.dir, timeoutMs);
  if (!repo) throw new Error(`${request.dir} is not inside a git working tree`);
  const scope = request.scope;
  // git status walks the tree and is the long step, so it starts first; the refs are read while it runs.
  // The staged tree must stay reachable: a parentless commit of it becomes one of the snapshot's parents.
  const capturing = scope.worktree
    ? captureWorktree(repo, { maxFileBytes: request.settings.maxFileBytes, timeoutMs, headCommit: () => headRead.then((h) => h.commit, () => undefined), commitIndex: "guard: staged files" })
    : undefined;
  // Read from files when they tell everything: one git process fewer.
  const fromFiles = refsFromFiles(repo, scope);
  const refsRead = fromFiles ? Promise.resolve(fromFiles) : readRefs(repo, timeoutMs);
  const headRead = refsRead.then((r) => readHead(repo, r));
  // One await over all three, so a failure of one is never an unhandled rejection of another.
  const [refs, head, captured] = await Promise.all([refsRead, headRead, capturing]);
  const meta: SnapshotMeta = {
    v: 1, command: redact(request.command), time: (request.now ?? new Date()).toISOString(), agent: request.agent, cwd: request.cwd,
    scope: { worktree: scope.worktree, head: scope.head, branches: [], stash: scope.stash },
    head: { ...(head.ref ? { ref: head.ref } : {}), ...(head.commit ? { commit: head.commit } : {}) },
    branches: {}, skipped: [],
  };
  const parents = new Set<string>();
  if (head.commit) parents.add(head.commit);
  const current = head.ref?.startsWith("refs/heads/") ? head.ref.slice("refs/heads/".length) : undefined;
  const names = scope.branches === "all" ? [...refs.tips.keys()] : [...scope.branches, ...(scope.head && current ? [current] : [])];
  for (const name of new Set(names)) {
    const tip = refs.tips.get(name);
    if (!tip) continue;
    meta.branches[name] = tip;
    meta.scope.branches.push(name);
    parents.add(tip);
  }
  if (scope.stash) {
    meta.stash = readStash(repo);
    for (const entry of meta.stash) parents.add(entry.commit);
  }
  // Without the working tree in scope the commit carries HEAD's tree (commit-tree takes `COMMIT^{tree}`), or the empty tree.
  let tree = head.commit ? `${head.commit}^{tree}` : undefined;
  if (captured) {
    tree = meta.tree = captured.tree;
    meta.skipped = captured.skipped;
    if (captured.index) meta.index = captured.index;
    if (captured.indexCommit) parents.add(captured.indexCommit);
  }
  if (!tree) tree = (await git(["hash-object", "-t", "tree", "-w", "--stdin"], { cwd: repo.root, timeoutMs })).trim(); // the empty tree
  const firstLine = meta.command.split("\n")[0].slice(0, 72);
  const message = `guard snapshot before: ${firstLine}\n\n${JSON.stringify(meta)}\n`;
  const commit = (await git(["commit-tree", "--no-gpg-sign", ...[...parents].flatMap((p) => ["-p", p]), tree], { cwd: repo.root, input: message, timeoutMs })).trim();
  const now = request.now ?? new Date();
  const ref = `${SNAPSHOT_REFS}/${String(now.getTime()).padStart(13, "0")}-${commit.slice(0, 8)}`;
  const drop = pruned([...refs.snapshots, ref], request.settings, now).filter((r) => r !== ref);
  // Written as loose ref files when the refs were read from files and git would write them so;
  // otherwise one update-ref creates the new ref and prunes the old ones (deleting a ref already gone is no error).
  if (!refs.packed || !writeSnapshotRefs(repo.commonDir, ref, commit, drop, refs.packed)) {
    const input = [`create ${ref} ${commit}\n`, ...drop.map((r) => `delete ${r}\n`)].join("");
    await git(["update-ref", "-m", "guard snapshot", "--stdin"], { cwd: repo.root, input, timeoutMs });
  }
  return { id: snapshotId(ref), ref, commit, root: repo.root, meta };
}

/** The snapshots to drop: older than keepDays and beyond the newest keepCount (never the one just taken, the last). */
function pruned(refs: string[], settings: UndoSettings, now: Date): string[] {
  const sorted = [...refs].sort();
  const cutoff = now.getTime() - settings.keepDays * 86_400_000;
  const keepFrom = Math.max(0, sorted.length - Math.max(1, settings.keepCount));
  return sorted.filter((ref, i) => i < sorted.length - 1 && (i < keepFrom || refTime(ref) < cutoff));
}

export function refTime(ref: string): number {
  const m = /\/(\d{13})-[0-9a-f]+$/.exec(ref);
  return m ? Number(m[1]) : 0;
}
