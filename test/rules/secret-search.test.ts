// Searches for credential names in a real repository: allowed only where they read no file that holds credentials.
import { readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isSecretFile } from "../../src/rules/secret-files";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";
import { scratchRepo } from "../helpers/scratch-repo";

const ruleset = rulesetWith(loadBuiltinIndividually().files, ["credentials"]);
const { dir: repo, git, write, check } = scratchRepo(ruleset, "guard-secret-search-");

beforeAll(() => {
  git("init", "-q");
  write(".gitignore", ".env\nnode_modules/\nsecrets/\n");
  write("api/app.py", "API_KEY = os.environ['API_KEY']\n");
  write("src/config.ts", "export const key = process.env.API_KEY;\n");
  write("certs/dev.pem", "-----BEGIN PRIVATE KEY-----\n");
  git("add", "api", "src", ".gitignore");
  git("commit", "-qm", "init");
  write(".env", "API_KEY=s3cret\n");
  write("secrets/prod.key", "k\n");
  write("node_modules/pkg/index.js", "x\n");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("searching a repository for credential names", () => {
  it.each([
    // ripgrep skips the ignored .env and secrets/; the named directories hold no secret file.
    ["rg -n 'SECRET|TOKEN|API_KEY' api src", "allow"],
    ["grep -rn API_KEY --include='*.py' --include='*.ts' .", "allow"],
    ["grep -rn API_KEY src api", "allow"],
    ["git grep -n API_KEY", "allow"],
    // certs/dev.pem is neither hidden nor ignored: ripgrep reads it.
    ["rg -n API_KEY", "ask"],
    ["rg -n API_KEY certs", "ask"],
    // grep -r reads hidden and ignored files alike.
    ["grep -rn API_KEY .", "ask"],
    ["rg --no-ignore -n API_KEY src api secrets", "ask"],
    ["rg -uu -n API_KEY api", "allow"],
    ["rg -uu -n API_KEY .", "ask"],
  ])("%s: %s", (command, decision) => {
    expect(check(command).decision).toBe(decision);
  });

  it("asks for git grep once a secret file is tracked", () => {
    git("add", "-f", "certs/dev.pem");
    expect(check("git grep -n API_KEY").decision).toBe("ask");
    git("rm", "-q", "--cached", "certs/dev.pem");
  });
});

describe("the names a walk counts as secret files", () => {
  it("cover every file credentials.read-secret-file asks about", () => {
    const pack = parse(readFileSync("rules/credentials.yaml", "utf8")) as { rules: { id: string; any_of?: { args?: { any?: unknown[] } }[] }[] };
    const rule = pack.rules.find((r) => r.id === "credentials.read-secret-file")!;
    const globs = rule.any_of![0].args!.any!.filter((g): g is string => typeof g === "string");
    for (const glob of globs) {
      // A path the glob matches: `**/` as a directory, `*` as a name part.
      const sample = glob.replace(/^\*\*\//, "home/u/").replace(/\/\*\*$/, "/x").replace(/\*/g, "x");
      expect(isSecretFile(sample), `${glob} → ${sample}`).toBe(true);
    }
  });

  it("leave templates and public keys out", () => {
    for (const path of [".env.example", "config/.env.sample", "id_ed25519.pub", "src/token.ts", "docs/keys.md"]) expect(isSecretFile(path), path).toBe(false);
  });
});
