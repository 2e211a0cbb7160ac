// The fixed example project rule examples and the corpus are evaluated in, so they mean the same on every machine.
import { globMatch } from "../core/glob";
import { DEFAULT_PROTECTED_BRANCHES, type EvalContext, type PathKind } from "../core/eval-context";

/**
 * The files of the example project (paths relative to its cwd), so rule examples can show what guard
 * does with scripts, package.json scripts, Makefiles, SQL and request-body files. Listed in the README.
 */
export const EXAMPLE_FILES: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({
    name: "example",
    scripts: {
      test: "vitest run", build: "tsc -p .", lint: "eslint .", clean: "rm -rf dist",
      "db:reset": "prisma migrate reset --force", wipe: "rm -rf ~/", predeploy: "npm run build", deploy: "railway up",
    },
  }),
  Makefile: "CC = gcc\nbuild:\n\t$(CC) -o app main.c\nclean:\n\t@rm -rf build\nnuke: clean\n\trm -rf $(HOME)/\n",
  "scripts/build.sh": "#!/bin/sh\nnpm run build\n",
  "scripts/wipe.sh": "#!/bin/bash\nset -e\nrm -rf \"$HOME\"\n",
  "migrations/drop.sql": "BEGIN;\nDROP TABLE users;\nCOMMIT;\n",
  "migrations/seed.sql": "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n",
  "volume-delete.json": JSON.stringify({ query: 'mutation { volumeDelete(volumeId: "vol_1") }' }),
  "volume-list.json": JSON.stringify({ query: "query { me { projects { edges { node { id } } } } }" }),
  "railway.curlrc": '# the request lives here, not on the command line\nurl = "https://backboard.railway.app/graphql/v2"\nheader = "Authorization: Bearer x"\ndata = "@volume-delete.json"\n',
  "delete.curlrc": "-X DELETE\n",
  "auth-headers.txt": "Authorization: Bearer x\nContent-Type: application/json\n",
  // Scripts an agent wrote with its file tool, then runs from the shell.
  "scripts/railway_cleanup.py": 'import requests\nq = \'mutation { volumeDelete(volumeId: "vol_1") }\'\nrequests.post("https://backboard.railway.app/graphql/v2", json={"query": q}, headers={"Authorization": "Bearer x"})\n',
  "scripts/cleanup.js": 'const fs = require("fs");\nfs.rmSync("src", { recursive: true, force: true });\n',
  "scripts/report.py": 'import json\nprint(json.dumps({"ok": True}))\n',
  // Hook managers' directories: pointing core.hooksPath at one is the project's own setup.
  ".husky/pre-commit": "npx lint-staged\n",
  ".husky/_/husky.sh": "#!/usr/bin/env sh\n",
  ".githooks/commit-msg": "#!/bin/sh\ntest -s \"$1\"\n",
  "scripts/build.mjs": 'import { rmSync, mkdirSync } from "node:fs";\nrmSync("dist", { recursive: true, force: true });\nmkdirSync("dist");\n',
};

/**
 * Env files git does not track, which a command may load into the shell: plain assignments; one that also runs a
 * command; one that moves HOME. Readable like EXAMPLE_FILES.
 */
const EXAMPLE_LOCAL_FILES: Readonly<Record<string, string>> = {
  ".env.shell": "# local development\nDATABASE_URL=postgres://dev:dev@localhost:5432/app\nexport API_KEY=dev-key-000\nRAILWAY_TOKEN=rw-dev-000\n",
  ".env.shell-cmd": "NODE_ENV=test\necho loaded\n",
  ".env.shell-home": "HOME=/tmp/sandbox-home\nNODE_ENV=test\n",
};

/**
 * The example repository's refs: `feature/x` is pushed and up to date with origin; `topic` has
 * commits on origin that the local branch lacks (someone else pushed to it); there is a stash.
 */
const EXAMPLE_REFS: Readonly<Record<string, string>> = {
  "refs/heads/feature": "1".repeat(40),
  "refs/remotes/origin/feature": "1".repeat(40),
  "refs/heads/feature/x": "2".repeat(40),
  "refs/remotes/origin/feature/x": "2".repeat(40),
  "refs/heads/topic": "3".repeat(40),
  "refs/remotes/origin/topic": "4".repeat(40),
  // The user has stashed work.
  "refs/stash": "5".repeat(40),
};

/** Files outside the project: a bare repository next to it (`../origin.git`), the kind of on-disk remote a clone pushes to. */
const EXAMPLE_OUTSIDE_FILES: Readonly<Record<string, string>> = {
  "/home/user/origin.git/config": "[core]\n\trepositoryformatversion = 0\n\tbare = true\n",
};

/**
 * The fixed context rule examples and the corpus are evaluated in, so that they mean the same on
 * every machine: see README, "Rule examples".
 */
export function exampleContext(): EvalContext {
  const ctx: EvalContext = {
    cwd: "/home/user/project",
    home: "/home/user",
    env: {},
    branch: "feature",
    protectedBranches: [...DEFAULT_PROTECTED_BRANCHES],
    readFile: (path) => {
      if (Object.prototype.hasOwnProperty.call(EXAMPLE_OUTSIDE_FILES, path)) return EXAMPLE_OUTSIDE_FILES[path];
      const relative = path.replace(/^\.\//, "").replace(/^\/home\/user\/project\//, "");
      if (Object.prototype.hasOwnProperty.call(EXAMPLE_LOCAL_FILES, relative)) return EXAMPLE_LOCAL_FILES[relative];
      return Object.prototype.hasOwnProperty.call(EXAMPLE_FILES, relative) ? EXAMPLE_FILES[relative] : undefined;
    },
    pathKind: examplePathKind,
    listDir: exampleListDir,
    realPath: exampleRealPath,
    repoRoot: "/home/user/project",
    // The example repository has one directory of untracked, unignored work: drafts/...
    worktree: {
      state: (path) => (path === "/home/user/project/drafts" || path.startsWith("/home/user/project/drafts/") ? "unrestorable" : "clean"),
      stateOfMatches: (dir, pattern) => (dir.startsWith("/home/user/project/drafts") || (dir === "/home/user/project" && globMatch("drafts", pattern)) ? "unrestorable" : "clean"),
      // ...and one untracked database file: data/app.sqlite3.
      databaseMatches: (dir, pattern) => (dir === "/home/user/project/data" && globMatch("app.sqlite3", pattern) ? [`${dir}/app.sqlite3`] : []),
      // ...and one tracked file with an uncommitted change: src/util.js.
      modified: (path, match) => {
        const file = "/home/user/project/src/util.js";
        if (path !== file && !file.startsWith(path === "/" ? "/" : `${path}/`)) return undefined;
        return !match || match(path === file ? "util.js" : file.slice(path.length + 1)) ? "src/util.js" : undefined;
      },
      // Every tracked file counts after `git stash pop` and the like (see stale-worktree.ts): the example files and src/util.js.
      trackedUnder: (path, match) => {
        const root = "/home/user/project";
        const rel = path === root ? "" : path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
        if (rel === undefined) return undefined;
        return [...Object.keys(EXAMPLE_FILES), "src/util.js"].find((f) => (f === rel || rel === "" || f.startsWith(`${rel}/`)) && (!match || match(f === rel ? f.slice(f.lastIndexOf("/") + 1) : f.slice(rel === "" ? 0 : rel.length + 1))));
      },
      ref: (name) => EXAMPLE_REFS[name] ?? null,
      // The untracked database data/app.sqlite3 is the only one: found under data/ (and the root), as a walk would.
      databaseUnder: (path, options) => {
        const db = "data/app.sqlite3";
        const rel = path === "/home/user/project" ? "" : path.replace(/^\/home\/user\/project\//, "");
        if (rel === path) return undefined;
        if (options.pattern !== undefined) {
          const entry = db.startsWith(rel === "" ? "" : `${rel}/`) ? db.slice(rel === "" ? 0 : rel.length + 1).split("/") : undefined;
          if (!entry || !globMatch(entry[0], options.pattern)) return undefined;
          return entry.length === 1 || options.recursive ? db : undefined;
        }
        return rel === "" || db.startsWith(`${rel}/`) ? db : undefined;
      },
      // Nothing is staged: the index's cache tree matches the last commit everywhere.
      staged: () => "none",
      // A search walks the example's files (nothing is ignored): hidden ones below the start only when asked.
      searchedFileUnder: (path, options) => {
        const rel = path === "/home/user/project" ? "" : path.replace(/^\/home\/user\/project\//, "");
        if (rel === path) return undefined;
        return [...Object.keys(EXAMPLE_FILES), ...EXAMPLE_UNTRACKED, ...Object.keys(EXAMPLE_LOCAL_FILES)].find((file) => {
          if (rel !== "" && file !== rel && !file.startsWith(`${rel}/`)) return false;
          const below = rel === "" ? file : file.slice(rel.length + 1);
          return (options.hidden || !below.split("/").some((part) => part.startsWith("."))) && options.wanted(file);
        });
      },
      trackedFile: (wanted) => Object.keys(EXAMPLE_FILES).find(wanted),
      // Git tracks the example files and nothing else (a local `data/app.sqlite3` is untracked).
      tracked: (path) => Object.prototype.hasOwnProperty.call(EXAMPLE_FILES, path.replace(/^\/home\/user\/project\//, "")),
    },
  };
  // The example project is the only repository there is: reached from inside it (`git -C src`), or named by its own
  // git directory and work tree. Anywhere else (`git -C ../app`) guard cannot read, so it assumes anything may be lost.
  const root = "/home/user/project";
  ctx.gitRepository = ({ dir, gitDir, workTree }) => {
    const inside = dir === root || dir.startsWith(`${root}/`);
    const own = gitDir === undefined ? workTree === undefined && inside : gitDir === `${root}/.git` && workTree === root;
    return own ? { root, worktree: ctx.worktree! } : undefined;
  };
  return ctx;
}

/** Symbolic links in the example home: a link in the project to the agent's settings directory, one in /tmp to guard's config. */
const EXAMPLE_LINKS: Readonly<Record<string, string>> = {
  "/home/user/project/agent-settings": "/home/user/.claude",
  "/tmp/guard-cfg": "/home/user/.config/guard/config.yaml",
};

/** A path with the example's links followed (a link anywhere on the way). */
function exampleRealPath(path: string): string {
  for (const [link, target] of Object.entries(EXAMPLE_LINKS)) if (path === link || path.startsWith(`${link}/`)) return target + path.slice(link.length);
  return path;
}

/** Files that exist in the example project but git does not track: a local database and a .env of secrets. */
const EXAMPLE_UNTRACKED: readonly string[] = [".env.production", "data/app.sqlite3"];

/** The entries of a directory of the example project, from its files (tracked and untracked); elsewhere, unknown. */
function exampleListDir(path: string): string[] | undefined {
  const root = "/home/user/project";
  if (path !== root && !path.startsWith(`${root}/`)) return undefined;
  const rel = path === root ? "" : `${path.slice(root.length + 1)}/`;
  const names = [...Object.keys(EXAMPLE_FILES), ...EXAMPLE_UNTRACKED, ...Object.keys(EXAMPLE_LOCAL_FILES), ".git/config", "src/util.js"]
    .filter((f) => f.startsWith(rel)).map((f) => f.slice(rel.length).split("/")[0]);
  return [...new Set(names)];
}

/** The example project's files (tracked and untracked) and their directories exist; other paths inside it do not; outside it, unknown. */
function examplePathKind(path: string): PathKind | undefined {
  const root = "/home/user/project";
  if (path !== root && !path.startsWith(`${root}/`)) return undefined;
  const relative = path.slice(root.length + 1);
  const files = [...Object.keys(EXAMPLE_FILES), ...EXAMPLE_UNTRACKED, ...Object.keys(EXAMPLE_LOCAL_FILES)];
  if (relative === "" || files.some((f) => f.startsWith(`${relative}/`))) return "dir";
  return files.includes(relative) ? "file" : "missing";
}
