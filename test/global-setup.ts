// One temporary directory for the whole test run, removed at the end: tests and the guard processes they spawn inherit it as TMPDIR.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "guard-tests-"));
  // Like /tmp itself: tests that run a server as another user (PostgreSQL as postgres) need to reach their directories.
  chmodSync(root, 0o1777);
  // Read by os.tmpdir() in every worker and by every process the tests spawn.
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
  };
}
