// A file guard owns outright (the BASH_ENV script, the OpenCode plugin stub, the git hook): written whole, removed whole, never someone else's.
import { InstallError } from "./errors";
import type { FileEdit } from "./file-edit";

/** Every owned file says who wrote it; that line is how guard tells its file from a foreign one. */
export const OWNED_MARKER = "Written by `guard install";

export function isOwnedByGuard(text: string): boolean {
  return text.split("\n", 4).some((line) => line.includes(OWNED_MARKER));
}

export interface OwnedFileOptions {
  path: string;
  content: string;
  what: string;
  mode: number;
  privateDir?: boolean;
  /** What to tell the user when a file that is not guard's is in the way. */
  foreign: string;
}

export function ownedFileEdit(options: OwnedFileOptions): FileEdit {
  return {
    path: options.path,
    what: options.what,
    mode: options.mode,
    privateDir: options.privateDir,
    backup: false,
    install(current) {
      if (current !== undefined && !isOwnedByGuard(current)) throw new InstallError(options.foreign);
      return options.content;
    },
    // Someone else's file at that path is left alone.
    uninstall: (current) => (isOwnedByGuard(current) ? undefined : current),
    isInstalled: isOwnedByGuard,
  };
}
