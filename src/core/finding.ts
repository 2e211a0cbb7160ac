// A finding: one rule that matched one command, with the words that matched and what to do instead.
import type { Action, Severity } from "./action";

/** Half-open [start, end) offsets into the text the user gave guard (the top-level command string). */
export interface Span {
  start: number;
  end: number;
}

export interface Finding {
  rule: string;
  action: Action;
  severity: Severity;
  message: string;
  why: string;
  instead: string;
  /** The part of the command text that matched. */
  span: Span;
  /** The wrapper chain the matched command was reached through: `sudo › bash -c`. */
  via: string[];
  /** False when a dynamic word kept guard from being sure; such findings are at most `ask`. */
  certain: boolean;
  /** What a human types to approve an ask: the volume id, branch, table… (absent: a fixed word). */
  target?: string;
  detail?: string;
  /** Config changed this rule's action (e.g. set it to allow): what it would have been, and which file said so. */
  overridden?: { from: Action; by: string };
}
