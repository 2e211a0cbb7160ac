// `guard undo`: list snapshots and trash copies, show exactly what restoring one changes, and restore it.
// Commander wiring only: undo-command.ts, the logic, loads when the command runs.
import type { Command } from "commander";
import type { UndoFlags } from "./undo-command";

/** How many snapshots the list shows without --all. */
const LISTED = 20;

export function registerUndo(program: Command): void {
  program
    .command("undo")
    .description("list what guard kept before destructive commands; with --last or an ID, show what restoring it changes, then restore it")
    .argument("[id]", "the snapshot or trash entry to restore (from the list)")
    .option("--last", "the most recent one")
    .option("--yes", "restore without asking (for scripts)")
    .option("--json", "print the list, or what would be restored, as JSON")
    .option("--all", `list every snapshot (default: the newest ${LISTED})`)
    .action(async (id: string | undefined, flags: UndoFlags) => (await import("./undo-command")).undo(id, { ...flags, listed: LISTED }));
}
