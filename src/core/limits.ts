// The documented caps on what one check parses and reads: past any of them the verdict is at least ask.

/** Documented caps: past any of them the verdict is at least `ask` (see README, "Limits"). */
export const LIMITS = {
  /** Characters of command text guard parses; longer input is not parsed at all. */
  maxInputChars: 1_048_576,
  /** Nesting of shells, eval and substitutions inside one another. */
  maxDepth: 24,
  /**
   * Commands found in one input. Far past any real command line; it bounds the worst case (about 100 µs a
   * command as classes were added, so 5,000 keeps a 1 MB input under a second), and past it guard asks.
   */
  maxInvocations: 5_000,
  /** Bytes read from a script file that a shell is asked to run. */
  maxScriptBytes: 262_144,
  /** Arguments one command's words may expand to (brace expansion, known lists); past it: ask. */
  maxWords: 10_000,
};
