// Shell functions: which variables a body declares local, so a call's own variables do not outlive it.
import { forEachChild, type SyntaxNode } from "./parse";

const MAX_NODES = 20_000;

/** Variables a function body declares with `local` (or `declare`/`typeset` without -g): they do not outlive a call. */
export function localNames(body: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const stack: SyntaxNode[] = [body];
  for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
    const node = stack.pop()!;
    if (node.type === "Function") continue; // a nested function's locals are its own
    if (node.type === "Command") {
      const c = node as unknown as { name?: { value?: string }; args?: { type: string; name?: string; value?: string }[] };
      const declarer = c.name?.value;
      if (declarer === "local" || ((declarer === "declare" || declarer === "typeset") && !c.args?.some((a) => a.type === "Word" && /^-\w*g/.test(a.value ?? "")))) {
        for (const a of c.args ?? []) {
          if (a.type === "Assignment" && a.name) names.add(a.name);
          else if (a.type === "Word" && a.value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value)) names.add(a.value);
        }
      }
    }
    forEachChild(node, (child) => stack.push(child));
  }
  return names;
}
