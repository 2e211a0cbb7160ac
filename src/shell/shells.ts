// Which shell grammar a shell string is read with: bash's, dash's (POSIX sh), or one guard cannot parse.

/** Shells that are not bash and parse `((cmd))` as two nested subshells, where bash reads arithmetic. */
const DASH_LIKE = new Set(["sh", "dash", "ash", "posh", "busybox-sh"]);

/** Shells with a grammar of their own: guard does not pretend to read them. */
const FOREIGN_SHELLS = new Set(["fish", "csh", "tcsh", "nu", "nushell", "xonsh", "elvish", "pwsh", "powershell", "rc", "es", "ion", "murex"]);

export function isForeignShell(program: string): boolean {
  return FOREIGN_SHELLS.has(program);
}

/**
 * The text as dash reads it, when that differs from bash's reading: `((rm -rf ~))` is arithmetic to bash
 * and `( (rm -rf ~) )` to dash. `sh` may be either (dash on Debian, bash on macOS): both readings are checked.
 */
export function dashReading(program: string, text: string): string | undefined {
  if (!DASH_LIKE.has(program) || !text.includes("((")) return undefined;
  return text.replace(/\(\(/g, "( (");
}
