// A real PostgreSQL server: in production context psql run through guard is read-only; outside it, it writes.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardNoTty, sandbox } from "../helpers/guard";

/** The server binaries of the newest installed PostgreSQL (Debian layout), if any. */
function pgBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, "bin")).find((dir) => existsSync(join(dir, "pg_ctl")));
}

const bin = pgBin();
const hasPostgres = bin !== undefined && spawnSync("id", ["postgres"]).status === 0;
const port = String(54000 + (process.pid % 1000));
let data = "";
let socketDir = "";

/** initdb and postgres refuse to run as root: run them as the postgres user. */
function asPostgres(command: string[]): void {
  const args = process.getuid?.() === 0 ? ["-u", "postgres", "--", ...command] : command;
  execFileSync(process.getuid?.() === 0 ? "runuser" : command[0], process.getuid?.() === 0 ? args : command.slice(1), { stdio: "pipe" });
}

describe.skipIf(!hasPostgres)("read-only database sessions (PostgreSQL server started by the test)", () => {
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), "guard-pg-"));
    chmodSync(root, 0o755);
    data = join(root, "data");
    socketDir = root;
    if (process.getuid?.() === 0) chownSync(root, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
    asPostgres([join(bin!, "initdb"), "-D", data, "-A", "trust", "-U", "postgres"]);
    asPostgres([join(bin!, "pg_ctl"), "-D", data, "-l", join(root, "log"), "-w", "-o", `-p ${port} -k ${socketDir} -c listen_addresses=''`, "start"]);
  }, 120_000);

  afterAll(() => {
    if (data) asPostgres([join(bin!, "pg_ctl"), "-D", data, "-m", "immediate", "stop"]);
  });

  function psql(sql: string, env: Record<string, string>, cwd: string) {
    return guardNoTty(["exec", "--", "psql", "-X", "-h", socketDir, "-p", port, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql], { cwd, env });
  }

  it("refuses a write in production context and accepts a read; writes normally outside it", () => {
    const { repo, env } = sandbox();
    const setup = psql("CREATE TABLE IF NOT EXISTS t (x int)", env, repo);
    expect(setup.code, setup.stderr).toBe(0);

    const production = { ...env, NODE_ENV: "production" };
    const write = psql("INSERT INTO t VALUES (1)", production, repo);
    expect(write.code).not.toBe(0);
    expect(write.stderr).toMatch(/read-only transaction/);
    const read = psql("SELECT count(*) FROM t", production, repo);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toMatch(/\b0\b/);

    const normal = psql("INSERT INTO t VALUES (2)", env, repo);
    expect(normal.code, normal.stderr).toBe(0);
    expect(psql("SELECT count(*) FROM t", env, repo).stdout).toMatch(/\b1\b/);
  });
});
