// Lists snapshots, works out exactly what restoring one changes, and restores it after snapshotting the present.
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { git, type RepoInfo } from "./git";
import { captureWorktree, type CapturedTree } from "./worktree";
import { readStash, SNAPSHOT_REFS, takeSnapshot, type Snapshot, type SnapshotMeta } from "./snapshot";
import type { UndoSettings } from "../config/settings";

/** Every snapshot of the repository, oldest first; commits whose message is not guard's are skipped. */
export async function listSnapshots(repo: RepoInfo): Promise<Snapshot[]> {
  const out = await git(["for-each-ref", "--sort=refname", `--format=%(refname)%00%(objectname)%00%(contents)%1e`, SNAPSHOT_REFS], { cwd: repo.root });
  const snapshots: Snapshot[] = [];
  for (const record of out.split("\x1e")) {
    const [ref, commit, contents] = record.replace(/^\n/, "").split("\0");
    if (!ref || !commit || contents === undefined) continue;
    const json = contents.split("\n").find((line) => line.startsWith("{"));
    try {
      const meta = JSON.parse(json ?? "") as SnapshotMeta;
      if (meta.v !== 1) continue;
      snapshots.push({ id: ref.slice(ref.lastIndexOf("-") + 1), ref, commit, root: repo.root, meta });
    } catch {
      continue;
    }
  }
  return snapshots;
}

export interface FileChange {
  path: string;
  /** restore: put the snapshot's content back; remove: the file is not in the snapshot. */
  action: "restore" | "remove";
}

export interface RestorePlan {
  snapshot: Snapshot;
  files: FileChange[];
  /** The staged state is put back too. */
  index: boolean;
  head?: { from?: string; to: string };
  branches: Array<{ name: string; from?: string; to: string }>;
  /** The stash after restoring, newest first, when it differs from now. */
  stash?: { add: Array<{ commit: string; message: string }>; result: Array<{ commit: string; message: string }> };
  /** Paths left as they are: the snapshot could not hold them. */
  kept: string[];
}

export function planIsEmpty(plan: RestorePlan): boolean {
  return plan.files.length === 0 && !plan.head && plan.branches.length === 0 && !plan.stash;
}

async function branchTips(repo: RepoInfo): Promise<Map<string, string>> {
  const out = await git(["for-each-ref", "--format=%(objectname) %(refname:lstrip=2)", "refs/heads"], { cwd: repo.root });
  return new Map(out.split("\n").filter(Boolean).map((line) => [line.slice(line.indexOf(" ") + 1), line.slice(0, line.indexOf(" "))]));
}

async function currentHead(repo: RepoInfo): Promise<string | undefined> {
  const ref = await git(["symbolic-ref", "-q", "HEAD"], { cwd: repo.root, okCodes: [1] });
  if (ref.trim()) return ref.trim();
  return (await git(["rev-parse", "-q", "--verify", "HEAD"], { cwd: repo.root, okCodes: [1] })).trim() || undefined;
}

/** Files that differ between now and the snapshot, in both directions, minus what the snapshot had to leave out. */
async function fileChanges(repo: RepoInfo, now: CapturedTree, meta: SnapshotMeta): Promise<{ files: FileChange[]; kept: string[] }> {
  if (!meta.tree || now.tree === meta.tree) return { files: [], kept: [] };
  const out = await git(["diff-tree", "-r", "-z", "--no-renames", "--name-status", now.tree, meta.tree], { cwd: repo.root });
  const parts = out.split("\0");
  const skipped = [...meta.skipped, ...now.skipped].map((s) => s.path);
  const files: FileChange[] = [];
  const kept: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [status, path] = [parts[i], parts[i + 1]];
    if (skipped.some((s) => path === s || (s.endsWith("/") && path.startsWith(s)))) {
      kept.push(path);
      continue;
    }
    files.push({ path, action: status === "D" ? "remove" : "restore" });
  }
  return { files, kept };
}

/** `now`: the present working tree, when already captured (listing compares many snapshots with one walk). */
export async function restorePlan(repo: RepoInfo, snapshot: Snapshot, settings: UndoSettings, present?: CapturedTree): Promise<RestorePlan & { now: CapturedTree }> {
  const meta = snapshot.meta;
  const now = present ?? (await captureWorktree(repo, { maxFileBytes: settings.maxFileBytes, timeoutMs: 60_000 }));
  const plan: RestorePlan & { now: CapturedTree } = { snapshot, files: [], index: false, branches: [], kept: [], now };
  if (meta.scope.worktree) {
    Object.assign(plan, await fileChanges(repo, now, meta));
    plan.index = meta.index !== undefined;
  }
  if (meta.scope.head) {
    const want = meta.head.ref ?? meta.head.commit;
    const have = await currentHead(repo);
    if (want && want !== have) plan.head = { from: have, to: want };
  }
  const tips = await branchTips(repo);
  for (const [name, tip] of Object.entries(meta.branches)) {
    if (tips.get(name) !== tip) plan.branches.push({ name, from: tips.get(name), to: tip });
  }
  if (meta.scope.stash && meta.stash) {
    const current = readStash(repo);
    const had = new Set(meta.stash.map((e) => e.commit));
    const result = [...current.filter((e) => !had.has(e.commit)), ...meta.stash];
    const same = result.length === current.length && result.every((e, i) => e.commit === current[i].commit && e.message === current[i].message);
    if (!same) plan.stash = { add: meta.stash.filter((e) => !current.some((c) => c.commit === e.commit)), result };
  }
  return plan;
}

/** Restores the plan; the present is snapshotted first, so this undo can itself be undone. Returns that snapshot. */
export async function restore(repo: RepoInfo, plan: RestorePlan & { now: CapturedTree }, settings: UndoSettings): Promise<Snapshot> {
  const meta = plan.snapshot.meta;
  const safety = await takeSnapshot({
    dir: repo.root, command: `guard undo ${plan.snapshot.id}`, agent: "guard undo", cwd: repo.root, settings,
    scope: { worktree: meta.scope.worktree, head: true, branches: [...Object.keys(meta.branches)], stash: meta.scope.stash },
  });
  try {
    await apply(repo, plan);
  } catch (err) {
    throw new Error(`${(err as Error).message}. Nothing is lost: the state before this undo is snapshot ${safety.id} (\`guard undo ${safety.id}\`).`);
  }
  return safety;
}

async function apply(repo: RepoInfo, plan: RestorePlan & { now: CapturedTree }): Promise<void> {
  const meta = plan.snapshot.meta;
  const run = (args: string[], extra: { input?: string; env?: Record<string, string>; okCodes?: number[] } = {}) => git(args, { cwd: repo.root, timeoutMs: 120_000, ...extra });
  for (const b of plan.branches) await run(["update-ref", "-m", `guard undo ${plan.snapshot.id}`, `refs/heads/${b.name}`, b.to]);
  if (plan.head) {
    if (plan.head.to.startsWith("refs/")) await run(["symbolic-ref", "-m", `guard undo ${plan.snapshot.id}`, "HEAD", plan.head.to]);
    else await run(["update-ref", "--no-deref", "-m", `guard undo ${plan.snapshot.id}`, "HEAD", plan.head.to]);
  }
  if (meta.scope.worktree && meta.tree) await restoreFiles(repo, plan.files, meta.tree, run);
  if (plan.index && meta.index) {
    const tree = meta.index === "head" ? `${meta.head.commit}^{tree}` : meta.index;
    if (meta.index !== "head" || meta.head.commit) {
      await run(["read-tree", tree]);
      await run(["update-index", "-q", "--refresh"], { okCodes: [1] });
    }
  }
  if (plan.stash) await restoreStash(repo, plan.stash.result, run);
}

type Run = (args: string[], extra?: { input?: string; env?: Record<string, string>; okCodes?: number[] }) => Promise<string>;

async function restoreFiles(repo: RepoInfo, files: FileChange[], tree: string, run: Run): Promise<void> {
  for (const f of files.filter((f) => f.action === "remove")) {
    rmSync(join(repo.root, f.path), { force: true });
    removeEmptyParents(repo.root, dirname(f.path));
  }
  const back = files.filter((f) => f.action === "restore").map((f) => f.path);
  if (back.length === 0) return;
  // checkout-index writes files from an index: a temporary one holding the snapshot's tree.
  const temp = join(tmpdir(), `guard-undo-index-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await run(["read-tree", tree], { env: { GIT_INDEX_FILE: temp } });
    await run(["checkout-index", "-f", "-z", "--stdin"], { env: { GIT_INDEX_FILE: temp }, input: `${back.join("\0")}\0` });
  } finally {
    rmSync(temp, { force: true });
  }
}

function removeEmptyParents(root: string, rel: string): void {
  for (let dir = rel; dir && dir !== "." && dir !== "/"; dir = dirname(dir)) {
    try {
      if (readdirSync(join(root, dir)).length) return;
      rmdirSync(join(root, dir));
    } catch {
      return;
    }
  }
}

/** Rebuilds the stash list in order (oldest entry stored first), each with its original message. */
async function restoreStash(repo: RepoInfo, entries: Array<{ commit: string; message: string }>, run: Run): Promise<void> {
  const exists = await run(["rev-parse", "-q", "--verify", "refs/stash"], { okCodes: [1] });
  if (exists.trim()) await run(["update-ref", "-d", "refs/stash"]);
  for (const entry of [...entries].reverse()) await run(["stash", "store", "-m", entry.message, entry.commit]);
}
