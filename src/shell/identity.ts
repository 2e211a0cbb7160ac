// Program identity: which program a package spec installs (`npx @railway/cli` is railway), and names that mean a known program (`git.exe`, `git-push`).
import type { Word } from "./model";
import { globMatch } from "../core/glob";

/**
 * npm packages whose binary has another name than the package (`@railway/cli` installs `railway`).
 * A package not listed runs the binary named after it, which is what npx does for a single-binary package.
 */
const PACKAGE_BINARIES: Readonly<Record<string, string>> = {
  "@railway/cli": "railway",
  "railway": "railway",
  "netlify-cli": "netlify",
  "@netlify/cli": "netlify",
  "firebase-tools": "firebase",
  "@google-cloud/functions-framework": "functions-framework",
  "heroku": "heroku",
  "@heroku-cli/command": "heroku",
  "@heroku/cli": "heroku",
  "vercel": "vercel",
  "now": "vercel",
  "wrangler": "wrangler",
  "@cloudflare/wrangler": "wrangler",
  "supabase": "supabase",
  "@supabase/cli": "supabase",
  "prisma": "prisma",
  "@prisma/cli": "prisma",
  "neonctl": "neonctl",
  "@neondatabase/cli": "neonctl",
  "@planetscale/cli": "pscale",
  "@render/cli": "render",
  "@fly/flyctl": "flyctl",
  "aws-cdk": "cdk",
  "cdktf-cli": "cdktf",
  "@pulumi/pulumi": "pulumi",
  "drizzle-kit": "drizzle-kit",
  "sequelize-cli": "sequelize",
  "typeorm": "typeorm",
  "knex": "knex",
  "@mikro-orm/cli": "mikro-orm",
  "@aws-amplify/cli": "amplify",
  "@azure/static-web-apps-cli": "swa",
  "@vercel/blob": "vercel",
  "@railway/mcp": "railway",
  "rimraf": "rimraf",
  "del-cli": "del",
  "trash-cli": "trash",
  "kill-port": "kill-port",
  "@angular/cli": "ng",
  "@nestjs/cli": "nest",
  "@expo/cli": "expo",
  "eas-cli": "eas",
  "turbo": "turbo",
  "nx": "nx",
  "pm2": "pm2",
  "concurrently": "concurrently",
  "npm-run-all": "npm-run-all",
  "cross-env": "cross-env",
  "dotenv-cli": "dotenv",
  "@dotenvx/dotenvx": "dotenvx",
  "env-cmd": "env-cmd",
  "nodemon": "nodemon",
  "zx": "zx",
  "tsx": "tsx",
  "ts-node": "ts-node",
  "git-filter-repo": "git-filter-repo",
  "mongosh": "mongosh",
  "@mongosh/cli-repl": "mongosh",
  "redis-cli": "redis-cli",
  "agent-guard": "guard",
};

/** `supabase@latest` → supabase, `@railway/cli@3` → railway, `@scope/tool` → tool. */
export function packageBinaryName(spec: string): string {
  const m = /^(@[^/@]+\/[^@]+|[^@]+)(?:@.*)?$/.exec(spec);
  const name = m ? m[1] : spec;
  if (Object.prototype.hasOwnProperty.call(PACKAGE_BINARIES, name)) return PACKAGE_BINARIES[name];
  // A git/URL/tarball/file spec names no binary guard can know: keep it as written.
  if (/[:]|^\.|\.tgz$/.test(name)) return spec;
  return name.replace(/^@[^/]+\//, "");
}

/** The word a package spec runs as (`npx @railway/cli volume delete` runs `railway volume delete`). */
export function packageBinary(word: Word): Word {
  if (word.dynamic) return word;
  const name = packageBinaryName(word.value);
  return name === word.value ? word : { ...word, value: name };
}

/**
 * A program name as guard indexes rules: Windows-style `git.exe`/`GIT.EXE`/`npx.cmd` are git and npx,
 * and a path written with backslashes ends at the last one (`C:\Program Files\Git\bin\git.exe`).
 */
export function canonicalProgram(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  // GitHub's hub wraps git and hands it every command it does not add itself (`hub push -f origin main`).
  if (base === "hub") return "git";
  if (!base.includes(".")) return base; // the common case, called for every word that names a program
  const m = /^(.+)\.(?:exe|cmd|bat|com|ps1)$/i.exec(base);
  return m ? m[1].toLowerCase() : base;
}

/** JavaScript runtimes that run a script file given as their first operand. */
const SCRIPT_RUNTIMES = new Set(["node", "nodejs", "bun"]);
/** Runtime options that take the next word as their value (`node -r ./hook.js bin/guard`). */
const RUNTIME_VALUED = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader", "--inspect-port", "--title"]);

/** guard's commands only a person may run: asked for by name, they are judged as `guard approve …`. */
const HUMAN_ONLY = new Set(["approve", "trust", "pin"]);
/** Runtime options whose value is code (`node -e CODE`). */
const RUNTIME_EVAL = new Set(["-e", "--eval", "-p", "--print"]);

/** Whether a script operand is guard's launcher or bundle: by name, or a glob that can name one (`dist/g*.cjs`, `bin/gu?rd`). */
function namesGuard(script: Word): boolean {
  const base = script.value.slice(script.value.lastIndexOf("/") + 1);
  if (base === "guard" || base === "guard.cjs") return true;
  return script.glob && ["guard", "guard.cjs"].some((name) => globMatch(name, base, { nonegate: true, nocomment: true }));
}

/**
 * Code given to `node -e` that loads guard: `require("…/dist/guard.cjs")`, or a module named at run time
 * (`require(process.env.GB)`) asked to run one of guard's human-only commands (`process.argv.push("approve", …)`,
 * or the command after the code). The word returned is that command.
 */
function evalRunsGuard(code: string, after: Word[], at: Word): Word | undefined {
  const loadsGuard = /\b(?:require|import)\s*\(\s*['"`][^'"`]*(?:\/dist\/guard\.cjs|\/bin\/guard|agent-guard)['"`]/.test(code);
  const loadsUnknown = /\b(?:require|import)\s*\(\s*(?!['"`])/.test(code);
  if (!loadsGuard && !loadsUnknown) return undefined;
  const named = after.find((w) => !w.dynamic && HUMAN_ONLY.has(w.value));
  if (named) return named;
  const inCode = /['"`](approve|trust|pin)['"`]/.exec(code);
  if (inCode) return { ...at, value: inCode[1], raw: inCode[1], dynamic: false, glob: false };
  return loadsGuard ? { ...at, value: "guard-module", raw: "guard-module", dynamic: false, glob: false } : undefined;
}

/**
 * `node PATH/bin/guard approve X`, `node PATH/dist/g*.cjs trust`, `node $GB approve X` and `node -e 'require(process.env.GB)' approve X`
 * run guard itself: judged as `guard ARGS`, so guard's own human-only commands cannot be reached by naming its launcher,
 * a glob for it, or a variable holding it.
 */
export function guardLauncher(argv: Word[]): Word[] | undefined {
  if (!argv[0] || argv[0].dynamic || !SCRIPT_RUNTIMES.has(canonicalProgram(argv[0].value))) return undefined;
  let i = 1;
  while (i < argv.length && argv[i].value.startsWith("-") && argv[i].value !== "-") {
    if (RUNTIME_EVAL.has(argv[i].value) && argv[i + 1]) {
      const command = evalRunsGuard(argv[i + 1].value, argv.slice(i + 2), argv[i + 1]);
      if (!command) return undefined;
      const rest = argv.slice(i + 2);
      return [{ ...argv[i + 1], value: "guard" }, ...(rest.includes(command) ? rest.slice(rest.indexOf(command)) : [command, ...rest])];
    }
    i += RUNTIME_VALUED.has(argv[i].value) ? 2 : 1;
  }
  const script = argv[i];
  if (!script) return undefined;
  // A script named at run time (`node $GB approve X`): guard's human-only command names say what it is.
  if (script.dynamic) return argv[i + 1] && !argv[i + 1].dynamic && HUMAN_ONLY.has(argv[i + 1].value) ? [{ ...script, value: "guard", dynamic: false, glob: false }, ...argv.slice(i + 1)] : undefined;
  if (!namesGuard(script)) return undefined;
  return [{ ...script, value: "guard" }, ...argv.slice(i + 1)];
}

/** git's dashed commands, run from its exec path (`/usr/lib/git-core/git-push -f origin main`). */
const DASHED_GIT = new Set(["push", "reset", "clean", "checkout", "switch", "restore", "branch", "rebase", "filter-branch", "reflog", "gc", "stash",
  "update-ref", "worktree", "submodule", "bisect", "send-pack", "config", "prune", "tag", "commit", "merge", "pull", "fetch", "rm", "clone", "daemon"]);

/** Whether a program name is one of git's dashed commands (`git-push`). */
export function isDashedGit(name: string): boolean {
  return name.startsWith("git-") && DASHED_GIT.has(name.slice(4));
}

/** `git-push ARGS` → `git push ARGS`, or undefined when the name is not one of git's dashed commands. */
export function dashedGit(argv: Word[]): Word[] | undefined {
  if (!argv[0] || argv[0].dynamic || !argv[0].value.includes("git-")) return undefined;
  const m = /^git-(.+)$/.exec(canonicalProgram(argv[0]?.dynamic ? "" : argv[0]?.value ?? ""));
  if (!m || !DASHED_GIT.has(m[1])) return undefined;
  const head = argv[0];
  return [{ ...head, value: "git" }, { ...head, value: m[1], raw: m[1] }, ...argv.slice(1)];
}
