// One file an integration changes: what install makes of its text, what uninstall makes of it, and how to tell guard is in it.

export interface UninstallOptions {
  /** No backup exists, so guard created the file: delete it when nothing but guard's part was in it. */
  createdByGuard: boolean;
}

export interface FileEdit {
  /** Absolute path. */
  path: string;
  /** What guard puts there, for messages: "guard's PreToolUse hook". */
  what: string;
  /** Mode of a file install creates (an existing file keeps its mode). */
  mode: number;
  /** Create parent directories private (0700): guard's own config directory. */
  privateDir?: boolean;
  /** Keep `<file>.guard-backup` of a file that existed before guard changed it (shared config files, not guard's own). */
  backup: boolean;
  /** The new text; the same string when guard is already there exactly. Throws InstallError for a file guard must not touch. */
  install(current: string | undefined): string;
  /** The text without guard's part, or undefined to delete the file. Throws InstallError for a file guard cannot read. */
  uninstall(current: string, options: UninstallOptions): string | undefined;
  /** Whether guard's part is in the text (any version of it). */
  isInstalled(current: string): boolean;
}
