// Fork bombs: a function that starts itself more than once at a time (`:(){ :|:& };:`, `f(){ f | f & }`), whatever it is named.
import { forEachChild, type SyntaxNode } from "./parse";

/** Nodes visited per function body at most: keeps the check bounded on any input. */
const MAX_NODES = 10_000;

/**
 * Whether a function body starts its own name twice concurrently: two calls in one pipeline, or a call
 * sent to the background next to another call. Each run then starts two more, until the process table
 * is full and the machine stops responding. Plain recursion (`fib(){ … $(fib …) + $(fib …) }`) runs one call
 * at a time and is left alone.
 */
export function isForkBomb(fn: Extract<SyntaxNode, { type: "Function" }>): boolean {
  const name = fn.name.value;
  if (!name) return false;
  let visited = 0;
  let calls = 0;
  let concurrent = false;
  const isSelf = (node: SyntaxNode) => node.type === "Command" && node.name?.value === name;
  const walk = (node: SyntaxNode, background: boolean): void => {
    if (++visited > MAX_NODES) return;
    if (node.type === "Pipeline" && node.commands.filter(isSelf).length >= 2) concurrent = true;
    const inBackground = background || (node.type === "Statement" && node.background === true);
    if (isSelf(node)) {
      calls++;
      if (inBackground) concurrent = true;
    }
    forEachChild(node, (child) => walk(child, inBackground));
  };
  walk(fn.body as SyntaxNode, false);
  return concurrent && calls >= 2;
}
