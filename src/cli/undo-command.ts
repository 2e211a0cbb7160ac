// `guard undo`: list snapshots and trash copies, show exactly what restoring one changes, and restore it.
import { isAbsolute, relative } from "node:path";
import { CliError } from "./errors";
import { openPolicy } from "../engine/policy";
import { repoInfo, type RepoInfo } from "../undo/git";
import { listSnapshots, planIsEmpty, restore, restorePlan, type RestorePlan } from "../undo/restore";
import { listTrash, restoreTrash, type TrashEntry } from "../undo/trash";
import { captureWorktree } from "../undo/worktree";
import type { Snapshot } from "../undo/snapshot";
import type { UndoSettings } from "../config/settings";
import { EXIT } from "./exit-codes";

export interface UndoFlags {
  last?: boolean;
  yes?: boolean;
  json?: boolean;
  all?: boolean;
  /** How many of the newest entries the list shows without --all. */
  listed: number;
}

type Item = { kind: "snapshot"; time: number; snapshot: Snapshot } | { kind: "trash"; time: number; entry: TrashEntry };


async function collect(repo: RepoInfo | undefined): Promise<Item[]> {
  const snapshots = repo ? await listSnapshots(repo) : [];
  const items: Item[] = [
    ...snapshots.map((snapshot) => ({ kind: "snapshot" as const, time: Date.parse(snapshot.meta.time), snapshot })),
    // In a repository: its own trash copies (made from a command run inside it); elsewhere: all of them.
    ...listTrash().filter((e) => !repo || isInside(e.cwd, repo.root)).map((entry) => ({ kind: "trash" as const, time: Date.parse(entry.time), entry })),
  ];
  return items.sort((a, b) => a.time - b.time);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function ago(time: number): string {
  const s = Math.max(0, Math.round((Date.now() - time) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

function oneLine(text: string, max = 48): string {
  const line = text.replace(/\s*\n\s*/g, " ⏎ ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function changedSince(plan: RestorePlan): string {
  const parts: string[] = [];
  if (plan.files.length) parts.push(`${plan.files.length} file${plan.files.length === 1 ? "" : "s"}`);
  if (plan.head) parts.push("HEAD");
  if (plan.branches.length) parts.push(`branch ${plan.branches.map((b) => b.name).join(", ")}`);
  if (plan.stash) parts.push(`${plan.stash.add.length} stash entr${plan.stash.add.length === 1 ? "y" : "ies"}`);
  return parts.length ? parts.join(", ") : "nothing";
}

async function list(items: Item[], repo: RepoInfo | undefined, settings: UndoSettings, flags: UndoFlags): Promise<number> {
  const shown = flags.all ? items : items.slice(-flags.listed);
  const rows = [];
  // One walk of the working tree, compared with every snapshot listed.
  const present = repo && shown.some((i) => i.kind === "snapshot") ? await captureWorktree(repo, { maxFileBytes: settings.maxFileBytes, timeoutMs: 60_000 }) : undefined;
  for (const item of [...shown].reverse()) {
    if (item.kind === "snapshot") {
      const plan = await restorePlan(repo!, item.snapshot, settings, present);
      const m = item.snapshot.meta;
      rows.push({ id: item.snapshot.id, kind: "snapshot", time: m.time, command: m.command, agent: m.agent, cwd: m.cwd, changedSince: changedSince(plan), plan: planJson(plan) });
    } else {
      const e = item.entry;
      rows.push({ id: e.id, kind: "trash", time: e.time, command: e.command, agent: e.agent, cwd: e.cwd, changedSince: e.items.map((i) => i.path).join(", "), plan: { trash: e.items } });
    }
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rows.map(({ plan: _plan, ...row }) => row))}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(repo ? "guard: no snapshots of this repository and no trash copies yet.\n" : "guard: not in a git repository, and no trash copies yet.\n");
    return 0;
  }
  const lines = rows.map((r) => `${r.id}  ${ago(Date.parse(r.time)).padEnd(12)} ${oneLine(r.agent, 14).padEnd(14)} ${oneLine(r.command).padEnd(48)}  ${r.kind === "trash" ? `trash: ${r.changedSince}` : `changed since: ${r.changedSince}`}`);
  process.stdout.write(`${"ID".padEnd(8)}  ${"WHEN".padEnd(12)} ${"AGENT".padEnd(14)} ${"COMMAND".padEnd(48)}  WHAT\n${lines.join("\n")}\n`);
  if (items.length > shown.length) process.stdout.write(`(${items.length - shown.length} older; --all lists them)\n`);
  process.stdout.write("\n`guard undo --last` or `guard undo ID` shows exactly what would be restored before it asks.\n");
  return 0;
}

function planJson(plan: RestorePlan) {
  return {
    files: plan.files, index: plan.index, head: plan.head, branches: plan.branches,
    stash: plan.stash ? { add: plan.stash.add, result: plan.stash.result } : undefined, kept: plan.kept,
  };
}

function describe(plan: RestorePlan): string {
  const m = plan.snapshot.meta;
  const out = [`Snapshot ${plan.snapshot.id}, taken ${ago(Date.parse(m.time))} (${m.time}) before: ${oneLine(m.command, 200)}`, `  by ${m.agent} in ${m.cwd}`, ""];
  if (planIsEmpty(plan)) out.push("Nothing differs from the snapshot: there is nothing to restore.");
  for (const f of plan.files) out.push(`  ${f.action === "restore" ? "restore" : "remove "}  ${f.path}${f.action === "remove" ? "   (not in the snapshot: created since)" : ""}`);
  if (plan.files.length && plan.index) out.push("  and the staged files (the index) as they were");
  if (plan.head) out.push(`  HEAD: ${plan.head.from ?? "(none)"} → ${plan.head.to}`);
  for (const b of plan.branches) out.push(`  branch ${b.name}: ${b.from ? b.from.slice(0, 10) : "(deleted)"} → ${b.to.slice(0, 10)}`);
  if (plan.stash) for (const e of plan.stash.add) out.push(`  stash: re-add ${e.commit.slice(0, 10)} ${oneLine(e.message, 80)}`);
  for (const k of plan.kept) out.push(`  left as is: ${k} (the snapshot could not hold it)`);
  if (m.skipped.length) out.push(`  not in the snapshot: ${m.skipped.map((s) => s.path).join(", ")}`);
  return `${out.join("\n")}\n`;
}

async function confirm(question: string): Promise<boolean | undefined> {
  const { openTerminal } = await import("../act/tty");
  const terminal = openTerminal();
  if (!terminal) return undefined;
  const { confirmOnTerminal, promptTimeoutMs } = await import("../act/confirm");
  const result = await confirmOnTerminal(terminal, { body: question, expected: "yes", timeoutMs: promptTimeoutMs() });
  return result.approved;
}

async function approved(flags: UndoFlags, body: string): Promise<boolean> {
  if (flags.yes) return true;
  const answer = await confirm(body);
  if (answer === undefined) process.stderr.write("guard: no terminal to confirm on; run `guard undo` with --yes to restore without asking.\n");
  else if (!answer) process.stderr.write("guard: not restored.\n");
  return answer === true;
}

async function undoSnapshot(repo: RepoInfo, snapshot: Snapshot, settings: UndoSettings, flags: UndoFlags): Promise<number> {
  const plan = await restorePlan(repo, snapshot, settings);
  if (flags.json && !flags.yes) {
    process.stdout.write(`${JSON.stringify({ id: snapshot.id, kind: "snapshot", ...planJson(plan) })}\n`);
    return 0;
  }
  const text = describe(plan);
  if (!flags.json) process.stdout.write(text);
  if (planIsEmpty(plan)) return 0;
  if (!(await approved(flags, "Restore these? The present state is snapshotted first, so this can be undone too.\n"))) return EXIT.failure;
  let safety: Snapshot;
  try {
    safety = await restore(repo, plan, settings);
  } catch (err) {
    process.stderr.write(`guard: could not restore snapshot ${snapshot.id}: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ id: snapshot.id, kind: "snapshot", restored: true, undoWith: safety.id, ...planJson(plan) })}\n`);
  else process.stdout.write(`Restored. What was there before is snapshot ${safety.id}: \`guard undo ${safety.id}\` takes this back.\n`);
  return 0;
}

async function undoTrash(entry: TrashEntry, flags: UndoFlags): Promise<number> {
  const body = [`Trash copy ${entry.id}, kept ${ago(Date.parse(entry.time))} before: ${oneLine(entry.command, 200)}`, `  by ${entry.agent} in ${entry.cwd}`, ...entry.items.map((i) => `  restore  ${i.path}`), ""].join("\n");
  if (flags.json && !flags.yes) {
    process.stdout.write(`${JSON.stringify({ id: entry.id, kind: "trash", items: entry.items })}\n`);
    return 0;
  }
  if (!flags.json) process.stdout.write(body);
  if (!(await approved(flags, "Put these back? Anything now at those paths goes to the trash first.\n"))) return EXIT.failure;
  const result = restoreTrash(entry);
  if (flags.json) process.stdout.write(`${JSON.stringify({ id: entry.id, kind: "trash", restored: result.restored, displaced: result.displaced?.id })}\n`);
  else process.stdout.write(`Restored ${result.restored.length} path${result.restored.length === 1 ? "" : "s"}.${result.displaced ? ` What was in the way is trash entry ${result.displaced.id}.` : ""}\n`);
  return 0;
}

export async function undo(id: string | undefined, flags: UndoFlags) {
  if (id && flags.last) throw new CliError("give an ID or --last, not both");
  const cwd = process.cwd();
  const settings = openPolicy({ cwd }).settings.undo;
  const repo = await repoInfo(cwd);
  const items = await collect(repo);
  if (!id && !flags.last) {
    process.exitCode = await list(items, repo, settings, flags);
    return;
  }
  const chosen = flags.last ? items[items.length - 1] : items.find((i) => (i.kind === "snapshot" ? i.snapshot.id : i.entry.id).startsWith(id!));
  if (!chosen) {
    process.stderr.write(flags.last ? "guard: nothing to undo here: no snapshot of this repository and no trash copy.\n" : `guard: no snapshot or trash entry ${id}; \`guard undo\` lists them.\n`);
    process.exitCode = EXIT.failure;
    return;
  }
  process.exitCode = chosen.kind === "snapshot"
    ? await undoSnapshot(repo!, chosen.snapshot, settings, flags)
    : await undoTrash(chosen.entry, flags);
}
