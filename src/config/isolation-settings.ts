// The `isolation:` settings: which credential variables a command run through guard does not see, and who may.

export interface IsolationSettings {
  enabled: boolean;
  /** Extra names or globs to remove (`*_TOKEN`). */
  patterns: string[];
  /** Variable → programs that may see it (`VERCEL_TOKEN: [vercel]`). */
  grants: Record<string, string[]>;
  /** Rewrite hooked commands to run through `guard exec` where the agent allows it, so isolation applies there too. */
  routeHooks?: boolean;
  /** Print one stderr line naming the withheld variables (default true). */
  notice?: boolean;
}
