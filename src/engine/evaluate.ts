// evaluate(text, context) → Verdict: parse, extract, match and decide, with no I/O of its own.
import type { Extraction, Invocation } from "../shell/model";
import type { Finding, Span } from "../core/finding";
import { extract } from "../shell/extract";
import { matchInvocation } from "../rules/match";
import { payloadsOf, type Payloads } from "../payloads";
import type { Ruleset } from "../rules/ruleset";
import { stricter, type Action } from "../core/action";
import type { EvalContext } from "../core/eval-context";
import { staleWorktree } from "./stale-worktree";
import { editedContext } from "./edited-worktree";
import { decide } from "./decide";
import { PROBLEM_RULES, type ProblemRule } from "./problems";
import { isProduction } from "./production";
import { promptsBeforeActing } from "./self-prompt";
import { editedFiles, fileKey } from "../shell/written";
import { sqlCarrier, sqlShellCommands } from "../payloads/carriers";
import { httpClient } from "../payloads/http";

export interface Verdict {
  decision: Action;
  findings: Finding[];
  command: string;
  invocations: Invocation[];
  /** The payloads each invocation carries (same order as `invocations`): SQL statements, HTTP requests, GraphQL operations. */
  payloads?: Payloads[];
}

export function problemFinding(rule: ProblemRule, span: Span, detail?: string): Finding {
  return { rule: rule.id, action: rule.action, severity: rule.severity, message: rule.message, why: rule.why, instead: rule.instead, span, via: [], certain: true, detail };
}

function findingsFor(extraction: Extraction, payloads: Payloads[], ruleset: Ruleset, ctx: EvalContext): Finding[] {
  const findings: Finding[] = extraction.problems.map((p) => problemFinding(PROBLEM_RULES[p.kind], p.span, p.detail));
  for (const [i, invocation] of extraction.invocations.entries()) {
    const production = isProduction(invocation, ctx);
    const guess = invocation.via.find((v) => v.guess);
    const prompted = promptsBeforeActing(invocation, extraction);
    for (const hit of matchInvocation(invocation, ruleset, contextFor(invocation, ctx), payloads[i])) {
      const { rule } = hit;
      const configured = production && rule.inProduction ? rule.inProduction : rule.action;
      // `escalate: {protected_branch: deny}`: the context raises the action, never lowers it.
      const raised = hit.protectedBranch && rule.onProtectedBranch ? stricter(configured, rule.onProtectedBranch) : configured;
      // `rm -i`, `dropdb --interactive`: the program asks the person at the terminal itself, so its ask needs no second one.
      // A deny stays, and so do the rules about where output goes (`> .env`), which the prompt does not cover.
      const ownPrompt = prompted && raised === "ask" && !ruleset.programless.includes(rule);
      const action = ownPrompt ? "allow" : raised;
      findings.push({
        rule: rule.id,
        action,
        severity: rule.severity,
        message: rule.message,
        why: rule.why,
        instead: rule.instead,
        span: hit.span,
        via: invocation.via.map((v) => v.wrapper),
        certain: hit.certain,
        ...(hit.target !== undefined ? { target: hit.target } : {}),
        // The generic fallback: said plainly, since guard is guessing that the unknown program runs it.
        ...(guess ? { detail: `reached through ${guess.wrapper.replace(/ \(.*$/, "")}, a program guard does not know: it may run these arguments as a command` } : {}),
        ...(ownPrompt ? { detail: `${invocation.program} asks at the terminal before it acts: its own prompt is the confirmation` } : {}),
        ...(rule.configured ? { overridden: { ...rule.configured } } : {}),
      });
    }
  }
  return findings;
}

/**
 * Where a written path really lands (symbolic links followed) is asked of the file system once per path in one
 * evaluation: a long command writes the same file many times (`… | tee out.log` repeated), and each answer costs
 * several system calls. A file the command names (a script, `psql -f`) is likewise read once per evaluation: a
 * script of `npm test` lines names the same files again and again. Not across evaluations: a batch may run while
 * files change, and a context is shared by all of a batch's lines.
 */
function withPathMemo(ctx: EvalContext): EvalContext {
  const { realPath, readFile } = ctx;
  if (!realPath && !readFile) return ctx;
  return {
    ...ctx,
    ...(realPath ? { realPath: memoised(realPath, 10_000) } : {}),
    ...(readFile ? { readFile: memoised(readFile, 1000) } : {}),
  };
}

/** `answer`, asked once per path; bounded, past which it is asked again. */
function memoised(answer: (path: string) => string | undefined, bound: number): (path: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (path) => {
    if (seen.has(path)) return seen.get(path);
    const result = answer(path);
    if (seen.size < bound) seen.set(path, result);
    return result;
  };
}

/** The context with every repository's facts stale: the one at start-up and any other a git command addresses (`git -C ../app`). */
function staleContext(given: EvalContext): EvalContext {
  const other = given.gitRepository;
  return {
    ...given,
    ...(given.worktree ? { worktree: staleWorktree(given.worktree) } : {}),
    ...(other ? {
      gitRepository: (where: Parameters<typeof other>[0]) => {
        const found = other(where);
        return found && { root: found.root, worktree: staleWorktree(found.worktree) };
      },
    } : {}),
  };
}

/** Files written earlier in the same command (`cat > f <<EOF … psql -f f`) are read as written. */
function contextFor(invocation: Invocation, given: EvalContext): EvalContext {
  // After `git stash pop` (and the like) earlier in the text, the tree guard read is not the one this step meets.
  const stale = invocation.afterTreeChange ? staleContext(given) : given;
  const written = invocation.written;
  if (!written) return stale;
  // After `mv notes.txt README.md` (or `cp`, `>`, `sed -i`) earlier in the text, that file holds a change.
  const edited = editedFiles(written);
  const ctx = edited.length ? editedContext(stale, edited) : stale;
  return {
    ...ctx,
    readFile: (path) => {
      const key = fileKey(path);
      if (written.has(key)) return written.get(key) ?? undefined;
      if ([...written.keys()].some((k) => k.endsWith("/**") && (k === "./**" || key.startsWith(k.slice(0, -2))))) return undefined;
      return ctx.readFile?.(path);
    },
  };
}

/**
 * The one evaluation used by every entry point. Never throws: an internal error becomes an `ask`
 * finding, so a bug in guard can never turn into a silent allow.
 */
export function evaluate(text: string, ruleset: Ruleset, given: EvalContext): Verdict {
  const ctx = withPathMemo(given);
  try {
    const extraction = extract(text, { readFile: ctx.readFile, payloadCommands: sqlShellCommands, pathKind: ctx.pathKind, base: { cwd: ctx.cwd, home: ctx.home, env: ctx.env, repoRoot: ctx.repoRoot }, knownProgram: (name) => ruleset.byProgram.has(name) || sqlCarrier(name) !== undefined || httpClient(name) !== undefined });
    // Payloads are read once, here, so that matching is a pure function of the model.
    const payloads = extraction.invocations.map((invocation) => payloadsOf(invocation, contextFor(invocation, ctx)));
    const findings = findingsFor(extraction, payloads, ruleset, ctx);
    const decided = decide(findings);
    return { decision: decided.decision, findings: decided.findings, command: text, invocations: extraction.invocations, payloads };
  } catch (err) {
    const finding = problemFinding(PROBLEM_RULES["internal-error"], { start: 0, end: text.length }, String((err as Error)?.stack ?? err));
    return { decision: "ask", findings: [finding], command: text, invocations: [] };
  }
}
