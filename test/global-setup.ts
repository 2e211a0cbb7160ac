// One temporary directory for the whole test run, removed at the end: tests and the guard processes they spawn inherit it as TMPDIR.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "guard-tests-"));
  // Read by os.tmpdir() in every worker and by every process the tests spawn.
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
  };
}
