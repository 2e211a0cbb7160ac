// Matches one invocation against the rules for its program: a pure function of the model and context.
import { compileGlob, globMatch, globMatchAny, matchText, type GlobMatcher, type MatchText } from "../core/glob";
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { Span } from "../core/finding";
import type { EvalContext } from "../core/eval-context";
import { sqlCarrier, type SqlFact } from "../payloads/carriers";
import { cloudSqlProgram } from "../payloads/sql-cloud";
import { payloadsOf, type Payloads } from "../payloads";
import { findOption, parseArgs, type ArgSpec, type ParsedArgs } from "../shell/program-args";
import { conventionOf } from "../shell/conventions";
import { literalStdin } from "../shell/stdin";
import type { Ruleset } from "./ruleset";
import { matchClass, matchRefspecs, touchesProtectedBranch } from "./targets";
import { shapesOf, type ArgPattern, type FlagGroup, type HttpMatcher, type Matcher, type Rule } from "./types";
import type { GlobOptions } from "../core/glob";
import { httpClient, httpFacts, type HttpFact } from "../payloads/http";
import { destroyingVerb } from "./verbs";
import { onlyAsksForHelp } from "./help-request";
import { wordText } from "../shell/words";
import { isSecretRead, namedPaths } from "./secret-file-class";

export interface RuleHit {
  rule: Rule;
  invocation: Invocation;
  /** False when a dynamic word kept guard from being sure (`railway volume $VERB`): at most `ask`. */
  certain: boolean;
  span: Span;
  /** The object the command acts on (volume id, branch, table), for typed confirmation. */
  target?: string;
  /** The arguments the rule matched, if it matched on arguments. */
  words: Word[];
  /** The command writes to or deletes a protected branch, and the rule escalates for that (`escalate: {protected_branch: …}`). */
  protectedBranch?: boolean;
}

type Outcome = "yes" | "maybe" | "no";

const GLOB = { nocase: true, dot: true, nocomment: true, nonegate: true };

const LONG_FLAGS = new WeakMap<Ruleset, Map<string, string[]>>();

/** The long options a program's rules name (`--recursive`, `--hard`): what an abbreviation is resolved against. Cached per rule set. */
function longFlags(ruleset: Ruleset, program: string): string[] {
  let perProgram = LONG_FLAGS.get(ruleset);
  if (!perProgram) LONG_FLAGS.set(ruleset, (perProgram = new Map()));
  let flags = perProgram.get(program);
  if (!flags) {
    const names = (ruleset.byProgram.get(program) ?? []).flatMap(shapesOf).flatMap((m) => [...m.flags.all, ...m.flags.any, ...m.flags.none].flat());
    flags = [...new Set(names.map((f) => f.replace(/=.*$/, "")).filter((f) => f.startsWith("--")))];
    perProgram.set(program, flags);
  }
  return flags;
}

const ARG_SPECS = new WeakMap<Ruleset, Map<string, ArgSpec>>();

/** How a program's arguments parse under a rule set: the same for every invocation of it, so built once per rule set. */
function argSpec(ruleset: Ruleset, program: string): ArgSpec {
  let perProgram = ARG_SPECS.get(ruleset);
  if (!perProgram) ARG_SPECS.set(ruleset, (perProgram = new Map()));
  let spec = perProgram.get(program);
  if (!spec) {
    const base = ruleset.programs.get(program) ?? sqlCarrier(program)?.spec ?? { valued: [], singleDashLong: false };
    const convention = conventionOf(program);
    spec = {
      ...base,
      abbreviations: convention.style !== "exact",
      known: convention.style === "exact" ? [] : longFlags(ruleset, program),
      subcommandValued: convention.subcommandValued,
      lastOptions: convention.lastOptions,
    };
    perProgram.set(program, spec);
  }
  return spec;
}

/** Per-invocation facts computed once and shared by every rule tried on it. */
class Facts {
  private parsed?: ParsedArgs;

  constructor(readonly invocation: Invocation, private readonly ruleset: Ruleset, readonly ctx: EvalContext, private readonly payloads: Payloads) {}

  args(): ParsedArgs {
    this.parsed ??= parseArgs(this.invocation, argSpec(this.ruleset, this.invocation.program));
    return this.parsed;
  }

  httpFacts(): HttpFact[] | undefined {
    return this.payloads.http;
  }

  sqlFacts(): SqlFact[] | undefined {
    return this.payloads.sql;
  }
}

function both(a: Outcome, b: Outcome): Outcome {
  if (a === "no" || b === "no") return "no";
  return a === "maybe" || b === "maybe" ? "maybe" : "yes";
}

function subcommandOutcome(path: string[][], positionals: Word[]): Outcome {
  let outcome: Outcome = "yes";
  for (let i = 0; i < path.length; i++) {
    const word = positionals[i];
    if (!word) return "no";
    if (word.dynamic) outcome = "maybe";
    else if (!path[i].some((alt) => (alt.includes("*") ? globMatch(word.value, alt) : alt === word.value))) return "no";
  }
  return outcome;
}

/** Whether the rule has evidence besides flags: a subcommand, a target, an env or SQL condition. */
function hasOtherEvidence(m: Matcher): boolean {
  return m.subcommand.length > 0 || m.args.any.length > 0 || m.refspec !== undefined || m.env.length > 0 || m.sql.length > 0 || m.inlineEnv.length > 0 || m.tokenFromFile || m.redirectTo.length > 0 || m.redirectFrom.length > 0 || m.redirectFromSecret === true;
}

/**
 * Whether the only words that could hide a flag are matched targets, each one double-quoted
 * expansion (`"$f"`): a quoted expansion is one argument, so it is the target, not a flag too.
 */
function flagsOnlyHiddenIn(invocation: Invocation, targets: Word[]): boolean {
  const oneQuoted = (w: Word) => /^"\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9])"$/.test(w.raw);
  return invocation.argv.slice(1).every((w) => !w.dynamic || w.unseen !== undefined || (targets.includes(w) && oneQuoted(w)));
}

function flagsOutcome(m: Matcher, parsed: ParsedArgs): Outcome {
  const { all, any, none } = m.flags;
  const has = (group: FlagGroup) => findOption(parsed, group) !== undefined;
  if (none.some(has)) return "no";
  const satisfied = all.every(has) && (any.length === 0 || any.some(has));
  if (satisfied) return "yes";
  // `rm $FLAGS /`: the missing flag may hide in an expansion. Only worth asking when the rest of the
  // rule matched on its own evidence; otherwise every `rm "$f"` would ask.
  return parsed.dynamicWords && hasOtherEvidence(m) ? "maybe" : "no";
}

/**
 * The text a glob is matched against: the value (a dynamic word's with expansions as written),
 * normalised, and with leading `../` removed, so `./.env` and `../app/.env` match `**\/.env`.
 */
function globText(word: Word): MatchText {
  if (!word.matchText) {
    const text = wordText(word);
    word.matchText = matchText(text === "" || text === "/" ? text : posix.normalize(text).replace(/^(?:\.\.\/)+/, ""));
  }
  return word.matchText;
}

/**
 * Globs match case-insensitively (stricter for a guard), and a dynamic word is matched by its text
 * with expansions left in place: `cat "$HOME/.aws/credentials"` still reads that file.
 */
function argMatches(pattern: ArgPattern, positionals: Word[], facts: Facts): Word[] | boolean {
  if ("class" in pattern) return matchClass(pattern.class, positionals, facts.invocation, facts.ctx, facts.args());
  // `{last: glob}`: the destination of cp, install, ln; `{first: glob}`: their source.
  const candidates = "last" in pattern ? positionals.slice(-1) : "first" in pattern ? positionals.slice(0, 1) : positionals;
  const glob = "last" in pattern ? pattern.last : "first" in pattern ? pattern.first : pattern.glob;
  const matcher = compileGlob(glob, GLOB);
  const words = candidates.filter((w) => matcher.test(globText(w)));
  return words.length ? words : false;
}

const NO_WORDS: ReadonlySet<Word> = new Set();

/**
 * `any`: some argument matches a pattern and no `none` pattern (`cat .env` but not `cat .env.example`).
 * Only `none`: no argument matches it. A class that matches without naming words counts for the whole command.
 */
function argsOutcome(m: Matcher, positionals: Word[], facts: Facts): { outcome: Outcome; words: Word[] } {
  const { any, none } = m.args;
  if (any.length === 0 && none.length === 0) return { outcome: "yes", words: [] };
  const excluded = none.map((p) => argMatches(p, positionals, facts));
  if (any.length === 0) return { outcome: excluded.some((r) => r !== false) ? "no" : "yes", words: [] };
  if (excluded.includes(true)) return { outcome: "no", words: [] };
  const excludedWords = excluded.length ? new Set(excluded.flatMap((r) => (Array.isArray(r) ? r : []))) : NO_WORDS;
  const words: Word[] = [];
  let hit = false;
  for (const pattern of any) {
    const result = argMatches(pattern, positionals, facts);
    if (result === true) hit = true;
    if (!Array.isArray(result)) continue;
    const kept = result.filter((w) => !excludedWords.has(w));
    if (kept.length) hit = true;
    words.push(...kept);
  }
  // Only arguments guard cannot see (`ls | xargs rm -rf`) matched: the target may or may not be one.
  if (hit && words.length > 0 && words.every((w) => w.unseen !== undefined)) return { outcome: "maybe", words };
  return { outcome: hit ? "yes" : "no", words };
}

function envOutcome(m: Matcher, facts: Facts): Outcome {
  if (m.env.length === 0) return "yes";
  const inline = new Map(facts.invocation.env.map((e) => [e.name, e.value]));
  const found = m.env.some((p) => {
    const names = p.name.includes("*") ? [...inline.keys(), ...Object.keys(facts.ctx.env)].filter((n) => globMatch(n, p.name)) : [p.name];
    const value = names.map((n) => inline.get(n) ?? facts.ctx.env[n]).find((v) => v !== undefined);
    return value !== undefined && (p.glob === undefined || globMatch(value, p.glob, { dot: true }));
  });
  return found ? "yes" : "no";
}

function sqlOutcome(m: Matcher, facts: Facts): { outcome: Outcome; span?: Span; target?: string } {
  if (m.sql.length === 0) return { outcome: "yes" };
  const hit = facts.sqlFacts()?.find((f) => m.sql.includes(f.kind));
  return hit ? { outcome: "yes", span: hit.span, target: hit.statement?.target } : { outcome: "no" };
}

/** `yes |`, `echo y |`, `printf 'y\n' |`, `<<< y`: stdin that answers a confirmation prompt. */
function autoConfirmed(invocation: Invocation): boolean {
  const stdin = invocation.stdin;
  if (!stdin) return false;
  if (stdin.kind === "pipe" && stdin.producer?.program === "yes") return true;
  const text = literalStdin(stdin);
  return text !== undefined && /^\s*(?:y|yes)\b/i.test(text);
}

const PATH_GLOBS = new WeakMap<HttpMatcher, { include: string[]; exclude: string[] }>();

/**
 * The URL path against the matcher's path globs: one of the globs must match (none listed: any path), and
 * no `!glob` may. An unknown path matches only a matcher without include globs, so exclusions never
 * make a request guard cannot read pass.
 */
function pathMatches(m: HttpMatcher, path: string | undefined): boolean {
  let split = PATH_GLOBS.get(m);
  if (!split) {
    split = { include: m.paths.filter((g) => !g.startsWith("!")), exclude: m.paths.filter((g) => g.startsWith("!")).map((g) => g.slice(1)) };
    PATH_GLOBS.set(m, split);
  }
  if (path === undefined) return split.include.length === 0;
  return (split.include.length === 0 || split.include.some((g) => globMatch(path, g, GLOB))) && !split.exclude.some((g) => globMatch(path, g, GLOB));
}

const HOST_GLOBS = new WeakMap<HttpMatcher, { include: string[]; exclude: string[] }>();

/** A matcher's host globs split into those a host must match and the `!glob` exclusions, once per matcher. */
function hostGlobs(m: HttpMatcher): { include: string[]; exclude: string[] } {
  let split = HOST_GLOBS.get(m);
  if (!split) {
    split = { include: m.hosts.filter((g) => !g.startsWith("!")), exclude: m.hosts.filter((g) => g.startsWith("!")).map((g) => g.slice(1)) };
    HOST_GLOBS.set(m, split);
  }
  return split;
}

/** Whether one request satisfies every condition of the rule's http matcher. */
function requestOutcome(m: HttpMatcher, fact: HttpFact): Outcome {
  let outcome: Outcome = "yes";
  if (m.hosts.length) {
    // `curl "$API_URL" …`: the host is unknown, so a request that is otherwise a match asks.
    // `!glob` excludes a host (`"*", "!localhost"`: any host but this machine).
    const { include, exclude } = hostGlobs(m);
    if (fact.host === undefined) outcome = "maybe";
    // Any host the request reaches or names (URL, URL glob, Host header, --connect-to) may match.
    else if (!fact.hosts.some((h) => globMatchAny(h, include, GLOB) && !globMatchAny(h, exclude, GLOB))) return "no";
  }
  if (m.methods.length && !m.methods.includes(fact.method)) {
    // An unreadable curl config may set the method.
    if (!fact.methodUnknown) return "no";
    outcome = "maybe";
  }
  if (m.paths.length && !pathMatches(m, fact.path)) return "no";
  if (m.ports.length && !(fact.port !== undefined && m.ports.includes(fact.port))) return "no";
  if (m.bodyContains.length && !m.bodyContains.some((t) => fact.body?.toLowerCase().includes(t))) {
    if (!fact.bodyUnknown) return "no";
    outcome = "maybe";
  }
  if (m.bodyUnknown && !fact.bodyUnknown) return "no";
  if (m.deletes.length && !(fact.deletes !== undefined && m.deletes.includes(fact.deletes))) return "no";
  if (m.authenticated && !fact.authenticated) {
    if (!fact.headersUnknown) return "no";
    outcome = "maybe";
  }
  const ops = fact.operations ?? [];
  if (m.writes) {
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(fact.method) && !fact.methodUnknown) return "no";
    // A GraphQL POST that only queries reads; an unreadable body might write.
    if (!fact.bodyUnknown && fact.operationsExact && ops.length > 0 && ops.every((op) => op.type === "query") && fact.method === "POST") return "no";
  }
  if (m.anyMutation || m.mutations.length) {
    const mutations = ops.filter((op) => op.type === "mutation");
    const named = !m.mutations.length || mutations.some((op) => op.fields.some((f) => m.mutations.some((g) => globMatch(f, g, { nocomment: true, nonegate: true }))));
    if (!mutations.length || !named) {
      // Text the reference parser rejects, that still speaks of a mutation, might be one.
      if (fact.operations !== undefined && !fact.operationsExact && /\bmutation\b/.test(fact.body ?? "")) return "maybe";
      return "no";
    }
  }
  return outcome;
}

function httpOutcome(matcher: Matcher, facts: Facts): Outcome {
  const m = matcher.http;
  if (!m) return "yes";
  const requests = facts.httpFacts();
  if (!requests?.length) return "no";
  const outcomes = requests.map((r) => requestOutcome(m, r));
  return outcomes.includes("yes") ? "yes" : outcomes.includes("maybe") ? "maybe" : "no";
}

/** Programs that read a file's contents into a substitution: `$(cat token)`, `$(grep TOKEN .env | cut -d= -f2)`. */
const FILE_READERS = new Set(["cat", "grep", "egrep", "fgrep", "rg", "sed", "awk", "gawk", "head", "tail", "jq", "yq", "cut", "tr", "less", "more", "strings", "base64", "xxd", "dotenv", "source"]);
const TOKENISH = /authorization|bearer|token|api[-_]?key|secret|password|passwd|credential|private[-_]?token|access[-_]?key/i;

function readsFile(programs: string[] | undefined): boolean {
  return programs?.some((p) => FILE_READERS.has(p)) ?? false;
}

/** The incident pattern: a credential the agent just pulled out of a file, handed to an infra CLI or request. */
function tokenFromFile(invocation: Invocation): boolean {
  // `VERSION=$(cat VERSION) gh release create …` reads a file, but not a credential: the name must say it is one.
  if (invocation.env.some((e) => readsFile(e.substitutions) && TOKENISH.test(e.name))) return true;
  if (invocation.taintedEnv?.some((name) => TOKENISH.test(name))) return true;
  return invocation.argv.some((w, i) => {
    if (i === 0 || !readsFile(w.substitutions)) return false;
    const previous = invocation.argv[i - 1]?.value ?? "";
    return TOKENISH.test(w.shellText ?? w.raw) || TOKENISH.test(previous) || previous === "-H" || previous === "--header" || previous === "-u";
  });
}

/**
 * A redirection with one of `operators` whose file matches one of the globs and none of the `!glob`
 * exclusions: `> ~/.config/guard/config.yaml`, `< .env` but not `< .env.example`.
 */
function redirects(invocation: Invocation, globs: string[], operators: string[]): boolean {
  if (invocation.redirects.length === 0) return false;
  const { include, exclude } = redirectGlobs(globs);
  return invocation.redirects.some((r) => {
    if (!r.target || !operators.includes(r.operator)) return false;
    const text = globText(r.target);
    return include.some((g) => g.test(text)) && !exclude.some((g) => g.test(text));
  });
}

/** A shape's redirect globs, split into matches and `!` exclusions and compiled, once per shape (programless rules meet every redirect). */
const REDIRECT_GLOBS = new WeakMap<string[], { include: GlobMatcher[]; exclude: GlobMatcher[] }>();

function redirectGlobs(globs: string[]): { include: GlobMatcher[]; exclude: GlobMatcher[] } {
  let split = REDIRECT_GLOBS.get(globs);
  if (!split) {
    split = {
      include: globs.filter((g) => !g.startsWith("!")).map((g) => compileGlob(g, GLOB)),
      exclude: globs.filter((g) => g.startsWith("!")).map((g) => compileGlob(g.slice(1), GLOB)),
    };
    REDIRECT_GLOBS.set(globs, split);
  }
  return split;
}

/**
 * The globs matching `rule` compiles, with their options, as the functions above call compileGlob
 * and globMatch: the build compiles them ahead (glob.ts, builtin-store.ts). One missed here is
 * still correct, only compiled at run time.
 */
export function ruleGlobs(rule: Rule): [pattern: string, options: GlobOptions][] {
  return shapesOf(rule).flatMap(shapeGlobs);
}

function shapeGlobs(m: Matcher): [pattern: string, options: GlobOptions][] {
  const out: [string, GlobOptions][] = [];
  const bang = (g: string) => (g.startsWith("!") ? g.slice(1) : g);
  for (const p of [...m.args.any, ...m.args.none]) if (!("class" in p)) out.push(["last" in p ? p.last : "first" in p ? p.first : p.glob, GLOB]);
  for (const g of [...m.redirectTo, ...m.redirectFrom]) out.push([bang(g), GLOB]);
  for (const step of m.subcommand) for (const alt of step) if (alt.includes("*")) out.push([alt, {}]);
  // `--environment=prod*`: the value's glob (args.ts findOption).
  for (const group of [...m.flags.all, ...m.flags.any, ...m.flags.none]) for (const spelling of group) if (spelling.indexOf("=") > 0) out.push([spelling.slice(spelling.indexOf("=") + 1), { nocase: true, dot: true }]);
  for (const p of [...m.env, ...m.inlineEnv]) {
    out.push([p.name, {}]);
    if (p.glob !== undefined) out.push([p.glob, { dot: true }]);
  }
  if (m.http) {
    for (const g of m.http.hosts) out.push([bang(g), GLOB]);
    for (const g of m.http.paths) out.push([bang(g), GLOB]);
    for (const g of m.http.mutations) out.push([g, { nocomment: true, nonegate: true }]);
  }
  return out;
}

const OUTPUT_REDIRECTS = [">", ">>", ">|", "&>", "&>>", "<>"];
const INPUT_REDIRECTS = ["<", "<>"];

function stdoutGoes(invocation: Invocation, targets: ("piped" | "redirected" | "sent")[], ctx: EvalContext): boolean {
  const piped = invocation.pipeline.index < invocation.pipeline.size - 1;
  const redirected = invocation.redirects.some((r) => [">", ">>", ">|", "&>", "&>>"].includes(r.operator) && (r.fd === undefined || r.fd === 1));
  return (targets.includes("piped") && piped) || (targets.includes("redirected") && redirected) || (targets.includes("sent") && piped && sentOff(invocation, ctx));
}

/** Programs that pass what they read on stdin to another machine as it is: netcat and its kin, a remote shell. */
const STREAM_SENDERS = new Set(["nc", "ncat", "netcat", "socat", "telnet", "ssh"]);
/** Pipelines longer than this are not followed further (each hop is one `| filter`). */
const MAX_PIPE_HOPS = 16;

/**
 * The output reaches a network sender further down the pipeline, through any filters (`| base64 | curl -d @- …`):
 * an HTTP client with a request that leaves this machine (an unknown host counts), or a stream sender.
 */
function sentOff(invocation: Invocation, ctx: EvalContext): boolean {
  let next = invocation.consumer;
  for (let hop = 0; next && hop < MAX_PIPE_HOPS; hop++, next = next.consumer) {
    if (STREAM_SENDERS.has(next.program)) return true;
    if (httpClient(next.program) && (httpFacts(next, ctx) ?? []).some((request) => !request.local)) return true;
  }
  return false;
}

/** The rule's first shape that matches, a certain match preferred over an uncertain one. */
function matchRule(rule: Rule, facts: Facts): RuleHit | undefined {
  // The shapes of shapesOf(rule), in its order, without building its list: every candidate rule is tried on every invocation.
  let best = betterHit(rule, rule.match, facts, undefined);
  if (rule.variants && !best?.certain) {
    for (const shape of rule.variants) {
      best = betterHit(rule, shape, facts, best);
      if (best?.certain) break;
    }
  }
  if (best && rule.onProtectedBranch && touchesProtectedBranch(facts.invocation, facts.ctx, facts.args(), best.words)) best.protectedBranch = true;
  return best;
}

/** `best`, or the shape's hit when there was none or it is certain where `best` is not. */
function betterHit(rule: Rule, shape: Matcher, facts: Facts, best: RuleHit | undefined): RuleHit | undefined {
  // A rule is filed under every program its shapes name: a shape for another program is not this one's.
  if (shape.programs.length && !shape.programs.includes(facts.invocation.program)) return best;
  const hit = matchShape(rule, shape, facts);
  return hit && (!best || (hit.certain && !best.certain)) ? hit : best;
}

function matchShape(rule: Rule, m: Matcher, facts: Facts): RuleHit | undefined {
  const invocation = facts.invocation;
  if (m.autoConfirmed && !autoConfirmed(invocation)) return undefined;
  // No exemption for requests to this machine: a proxy (`-x`, `http_proxy=`) or `--resolve` sends them elsewhere.
  if (m.tokenFromFile && !tokenFromFile(invocation)) return undefined;
  if (m.stdout.length && !stdoutGoes(invocation, m.stdout, facts.ctx)) return undefined;
  if (m.inlineEnv.length && !m.inlineEnv.some((p) => invocation.env.some((e) => globMatch(e.name, p.name) && (p.glob === undefined || globMatch(e.value, p.glob, { dot: true }))))) return undefined;
  if (m.redirectTo.length && !redirects(invocation, m.redirectTo, OUTPUT_REDIRECTS)) return undefined;
  if (m.redirectFrom.length && !redirects(invocation, m.redirectFrom, INPUT_REDIRECTS)) return undefined;
  if (m.redirectFromSecret && !invocation.redirects.some((r) => r.target && INPUT_REDIRECTS.includes(r.operator) && namedPaths(r.target, invocation, facts.ctx).some((p) => isSecretRead(p, facts.ctx)))) return undefined;
  if (m.http && !httpClient(invocation.program)) return undefined;
  const parsed = facts.args();
  let verbWord: Word | undefined;
  if (m.destroyingVerb) {
    const hit = destroyingVerb(invocation, parsed);
    if (!hit) return undefined;
    verbWord = hit.word;
  }
  let outcome = subcommandOutcome(m.subcommand, parsed.positionals);
  if (outcome === "no") return undefined;
  outcome = both(outcome, flagsOutcome(m, parsed));
  if (outcome === "no") return undefined;
  if (m.noArgs && parsed.positionals.length > m.subcommand.length) return undefined;
  const flags = outcome;
  const positionals = parsed.positionals.slice(m.subcommand.length);
  const args = argsOutcome(m, positionals, facts);
  // `rm -f "$f"`: the one quoted expansion is the target the rule matched; it cannot also hide the missing flag.
  if (flags === "maybe" && args.words.length && flagsOnlyHiddenIn(invocation, args.words)) return undefined;
  outcome = both(outcome, args.outcome);
  if (outcome === "no") return undefined;
  if (m.refspec) {
    const refspecs = matchRefspecs(m.refspec, positionals, facts.ctx);
    if (refspecs === false) return undefined;
    if (Array.isArray(refspecs)) args.words.push(...refspecs);
  }
  outcome = both(outcome, envOutcome(m, facts));
  if (outcome === "no") return undefined;
  const sql = sqlOutcome(m, facts);
  outcome = both(outcome, sql.outcome);
  if (outcome === "no") return undefined;
  outcome = both(outcome, httpOutcome(m, facts));
  if (outcome === "no") return undefined;
  const target = targetOf(rule, facts, positionals, verbWord ? [verbWord] : args.words, sql.target);
  return { rule, invocation, certain: outcome === "yes", span: sql.span ?? invocation.span, words: args.words, ...(target ? { target } : {}) };
}

/** The rule's declared target, else the argument or SQL object that matched. Literal values only. */
function targetOf(rule: Rule, facts: Facts, positionals: Word[], matched: Word[], sqlTarget: string | undefined): string | undefined {
  const literal = (w: Word | undefined) => (w && !w.dynamic && w.value !== "" ? w.value : undefined);
  if (rule.target?.option) {
    const option = facts.args().options.find((o) => rule.target!.option!.includes(o.name) && o.value !== undefined);
    return option?.value;
  }
  if (rule.target?.arg !== undefined) return literal(positionals[rule.target.arg]);
  return literal(matched[0]) ?? sqlTarget;
}

/** Per rule set: per need of the programless rules and agent ("+=codex", "-"), per program. */
const CANDIDATES = new WeakMap<Ruleset, Map<string, Map<string, Rule[]>>>();

/**
 * The rules tried on an invocation of `program`: the same list for every invocation with the same
 * program, agent and need of the programless rules, so it is built once per rule set.
 */
function candidateRules(ruleset: Ruleset, program: string, withProgramless: boolean, agent: string | undefined): Rule[] {
  let byAgent = CANDIDATES.get(ruleset);
  if (!byAgent) CANDIDATES.set(ruleset, (byAgent = new Map()));
  const agentKey = `${withProgramless ? "+" : "-"}${agent === undefined ? "" : `=${agent}`}`;
  let lists = byAgent.get(agentKey);
  if (!lists) {
    // Bounded: agent names and programs come from what is checked.
    if (byAgent.size >= 64) byAgent.clear();
    byAgent.set(agentKey, (lists = new Map()));
  }
  let candidates = lists.get(program);
  if (!candidates) {
    const all = [...(ruleset.byProgram.get(program) ?? [])];
    if (withProgramless) all.push(...ruleset.programless);
    // `when: {agent: [codex]}`: the rule is for those agents only.
    // A rule whose shapes name this program and also no program is filed twice: try it once.
    candidates = [...new Set(all)].filter((rule) => !rule.when || (agent !== undefined && rule.when.agent.includes(agent)));
    if (lists.size >= 4096) lists.clear();
    lists.set(program, candidates);
  }
  return candidates;
}

/**
 * The rules an invocation matches. `payloads` are its SQL and HTTP facts, read by the engine before
 * matching (payloadsOf); when a caller does not pass them they are read here through ctx.readFile.
 */
export function matchInvocation(invocation: Invocation, ruleset: Ruleset, ctx: EvalContext, payloads?: Payloads): RuleHit[] {
  if (!invocation.program) return [];
  const read = payloads ?? payloadsOf(invocation, ctx);
  // The SQL rules have no program: they are tried on every command that carries SQL (`aws rds-data execute-statement --sql …`).
  const withProgramless = sqlCarrier(invocation.program) !== undefined || httpClient(invocation.program) !== undefined || invocation.redirects.length > 0 || cloudSqlProgram(invocation.program);
  let candidates = candidateRules(ruleset, invocation.program, withProgramless, ctx.agent);
  // `kubectl delete --help` prints text and changes nothing: only the rules about where its output goes still apply.
  const helpOnly = onlyAsksForHelp(invocation, ruleset.byProgram.get(invocation.program) ?? []);
  if (helpOnly) candidates = candidates.filter((rule) => ruleset.programless.includes(rule));
  const facts = new Facts(invocation, ruleset, ctx, read);
  const hits: RuleHit[] = [];
  for (const rule of candidates) {
    const hit = matchRule(rule, facts);
    if (hit) hits.push(hit);
  }
  // A pack that spoke about this command knows it better than the generic verb rule does; an untrusted project's allow does not count.
  const spoke = hits.some((hit) => hit.rule.action !== "allow" || !ruleset.untrustedIds?.has(hit.rule.id));
  if (!spoke && !helpOnly && !ruleset.programs.get(invocation.program)?.precise) {
    for (const rule of ruleset.generic) {
      if (rule.when && !(ctx.agent !== undefined && rule.when.agent.includes(ctx.agent))) continue;
      const hit = matchRule(rule, facts);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}
