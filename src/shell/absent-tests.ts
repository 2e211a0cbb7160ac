// Files a list's test proves absent where its next command runs: `[ -f .env ] || cp .env.example .env` only ever creates .env.
import type { SyntaxNode } from "./parse";

interface Literal { type?: string; text?: string; value?: string }

/** A word bash takes as written: no quoting, expansion, glob, tilde or brace, so its text is the path. */
function plainPath(word: unknown): string | undefined {
  const w = word as Literal | undefined;
  if (w?.type !== "Word" || w.value === undefined || w.text !== w.value || w.value === "") return undefined;
  return /^[A-Za-z0-9_./@%+,:=-]+$/.test(w.value) && !w.value.startsWith("-") ? w.value : undefined;
}

/** `-e` (anything there) and `-f` (a regular file, through links): when false, no file's content is at that path. */
const EXISTS = new Set(["-e", "-f", "-a"]);

/**
 * The path a test command checks for existence, and whether the check is negated: `[ -f X ]`, `test -e X`,
 * `[ ! -f X ]`, `[[ -f X ]]`, `[[ ! -e X ]]`. Anything else (several tests, `-s`, a computed word) is undefined.
 */
function existenceTest(node: SyntaxNode): { path: string; negated: boolean } | undefined {
  const n = node as unknown as { type: string; name?: Literal; prefix?: unknown[]; suffix?: unknown[]; redirects?: unknown[]; expression?: Record<string, unknown> };
  if (n.type === "Command") {
    if (n.prefix?.length || n.redirects?.length) return undefined;
    const name = n.name?.text;
    const args = (n.suffix ?? []).map((w) => w as Literal);
    if (args.some((w) => w.type !== "Word" || w.text !== w.value)) return undefined;
    const words = args.map((w) => w.value ?? "");
    if (name === "[") {
      if (words.pop() !== "]") return undefined;
    } else if (name !== "test") return undefined;
    const negated = words[0] === "!";
    const rest = negated ? words.slice(1) : words;
    const operand = args[(negated ? 2 : 1)];
    if (rest.length !== 2 || !EXISTS.has(rest[0])) return undefined;
    const path = plainPath(operand);
    return path === undefined ? undefined : { path, negated };
  }
  if (n.type === "TestCommand") {
    let expr = n.expression as { type?: string; negations?: unknown[]; operand?: unknown; operator?: string } | undefined;
    let negated = false;
    if (expr?.type === "TestNot") {
      negated = (expr.negations?.length ?? 0) % 2 === 1;
      expr = expr.operand as typeof expr;
    }
    if (expr?.type !== "TestUnary" || !EXISTS.has(expr.operator ?? "")) return undefined;
    const path = plainPath(expr.operand);
    return path === undefined ? undefined : { path, negated };
  }
  return undefined;
}

/**
 * The path the element before `operator` proves absent when the element after it runs: a failed existence
 * test followed by `||` (`[ -f .env ] || …`), or a negated one that succeeded followed by `&&`
 * (`[ ! -e .env ] && …`). Relative to the directory the test ran in.
 */
export function absentAfter(test: SyntaxNode, operator: string): string | undefined {
  const t = existenceTest(test);
  if (!t) return undefined;
  return (operator === "||") !== t.negated ? t.path : undefined;
}
