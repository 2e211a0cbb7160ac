// What evaluation knows about the world: cwd, home, environment, git branch and a bounded file reader.

export interface EvalContext {
  cwd: string;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The current git branch; undefined when unknown (no repository, detached HEAD). */
  branch: string | undefined;
  /** Globs of branches that force pushes and deletions must not touch. */
  protectedBranches: string[];
  /** Reads a file named in a command (a script, `psql -f`); undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
}

export const DEFAULT_PROTECTED_BRANCHES = ["main", "master", "release/*", "production", "prod"];

/**
 * The fixed context rule examples and the corpus are evaluated in, so that they mean the same on
 * every machine: see README, "Rule examples".
 */
export function exampleContext(): EvalContext {
  return {
    cwd: "/home/user/project",
    home: "/home/user",
    env: {},
    branch: "feature",
    protectedBranches: [...DEFAULT_PROTECTED_BRANCHES],
  };
}
