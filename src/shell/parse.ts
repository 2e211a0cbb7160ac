// The only importer of unbash: parses shell text into its AST and re-exports the node types guard walks.
import { forEachChild as unbashForEachChild, parse as unbashParse } from "unbash";
import type { ParsedScript, SyntaxNode } from "unbash";

export type {
  AnsiCQuotedPart,
  Assignment,
  Command as ShCommand,
  HereDoc,
  ParsedScript,
  Redirection,
  SyntaxNode,
  Word as ShWord,
  WordPart,
} from "unbash";

export type ParseResult =
  | { ok: true; script: ParsedScript }
  | { ok: false; error: string; pos: number };

/**
 * Parses shell text. unbash is tolerant and returns a partial tree plus `errors`; guard must not
 * reason about a partial tree as if it were the whole command, so any error at the top level is a
 * failure here. Errors inside nested substitutions are reported on those nodes and checked by the walker.
 */
export function parseShell(text: string): ParseResult {
  try {
    const script = unbashParse(text);
    const first = script.errors?.[0];
    if (first) return { ok: false, error: first.message, pos: first.pos };
    return { ok: true, script };
  } catch (err) {
    // A throw from the parser (stack exhaustion on hostile nesting, a bug) must never become an allow.
    return { ok: false, error: `parser failure: ${(err as Error)?.message ?? String(err)}`, pos: 0 };
  }
}

/** Calls `visit` for each direct child of `node` (substitution scripts included). */
export function forEachChild(node: SyntaxNode, visit: (child: SyntaxNode) => void): void {
  unbashForEachChild(node, visit);
}
