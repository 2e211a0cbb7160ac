// Walks the shell AST and produces every command that will run, unwrapping wrappers, shells and eval.
import { TRACKED_FILES, UNTRACKED_FILES, type EnvAssignment, type Extraction, type Invocation, type Problem, type ProblemKind, type Redirect, type StdinSource, type Word, type WrapperStep } from "./model";
import { posix } from "node:path";
import { LIMITS } from "../core/limits";
import type { Span } from "../core/finding";
import { forEachChild, parseShell, type Assignment, type ShCommand, type ShWord, type SyntaxNode, type WordPart } from "./parse";
import { literalWord, programName, toWord, type SpanMapper, wordText } from "./words";
import { MovedThenDeleted } from "./moved-then-deleted";
import { makeRecipes, packageScripts } from "./indirect";
import { bindArguments } from "./code-argv";
import { isCommandVariable } from "./code-options";
import { makeShellCommands, recipeShellSettings, unusualRecipeShell } from "./make-parse-time";
import { justLines, poeLines } from "./task-files";
import { playbookCommands } from "./ansible";
import { codeActions } from "./code-cache";
import type { ForeignLanguage } from "./foreign-code";
import { argumentValues } from "./code-argv-values";
import { literalStdin, producedText } from "./stdin";
import { hasUnwrapper, isShell, unwrap, wrapperLabel, type Unwrapped, type XargsInput } from "./wrappers";
import { evaluatedCode, hasSubscriptCode, promptSubstitutions, substitutionsOf, trapTimeVariables } from "./evaluated";
import { assignedValue, expandWord, needsExpansion, type ExpandScope, type Field } from "./expand";
import { dashReading, isForeignShell } from "./shells";
import { generatedCode, soleSubstitution } from "./generated-code";
import { isForkBomb } from "./fork-bomb";
import { WrittenFiles } from "./written";
import { localNames } from "./functions";
import { gitConfigSettings, withGitSettings, type GitSetting } from "./git-config";
import { awkCommands, sedCommands } from "./embedded-code";
import { mapfileAssigns, printfAssigns, readAssigns, readRecords, type Assigned } from "./reads";
import { ValueTexts } from "./value-texts";
import { fallbackApplies, fallbackCandidates } from "./fallback";
import { isDashedGit } from "./identity";
import { interpreterLanguage, type Language } from "./interpreter-code";
import { pathEntries, plantedOnPath } from "./planted";
import { noteRebinding, reboundName, type Rebinding } from "./rebound";
import { allChannels, channelInputs, descriptorKey, descriptorPath, printsToStdout, sendsStdout, sourceStdin, targetChannels, writeSubstitutions, type Channel, type FdBinding } from "./channels";

/** Builtins that run code in the current shell, with all its variables. */
const SAME_SHELL = new Set(["eval", "source", "."]);

/** Builtins whose `NAME=value` arguments are assignments. */
const DECLARERS = new Set(["export", "declare", "typeset", "local", "readonly"]);

/** A word `NAME=value` (a declaration builtin's argument the parser did not mark), as an assignment. */
function wordAssignment(word: ShWord): Assignment[] {
  const parts = word.parts ?? [{ type: "Literal", value: word.value, text: word.text, pos: word.pos, end: word.end } as WordPart];
  const first = parts[0];
  const m = first?.type === "Literal" ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value) : null;
  if (!m || first.type !== "Literal") return [];
  const rest = first.value.slice(m[0].length);
  const valueParts = rest ? [{ ...first, value: rest, text: rest }, ...parts.slice(1)] : parts.slice(1);
  const value = { ...word, value: word.value.slice(m[0].length), text: word.text.slice(m[0].length), parts: valueParts.length ? valueParts : undefined } as ShWord;
  return [{ type: "Assignment", name: m[1], value, text: word.text, pos: word.pos, end: word.end } as unknown as Assignment];
}

/** Paths that name the command's own standard input. */
const STDIN_PATHS = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);
/** Builtins that set variables rather than run a program that reads them. */
const DECLARATIONS: ReadonlySet<string> = new Set(["export", "declare", "typeset", "readonly", "local"]);

/**
 * Command variables exported earlier in this shell with a known value (`export LESSOPEN='|…'; less f`): the program
 * reads them from its environment as if they were written before it. Ones set on the command itself come first.
 */
function exportedCommands(invocation: Invocation, ctx: TextScope): EnvAssignment[] {
  if (!ctx.exported?.size || DECLARATIONS.has(invocation.program)) return [];
  const out: EnvAssignment[] = [];
  for (const name of ctx.exported) {
    const value = ctx.vars?.get(name);
    // Not inside the command the variable itself runs (`export PAGER=less; git log` runs less, which reads PAGER again).
    if (typeof value === "string" && isCommandVariable(name) && !invocation.env.some((e) => e.name === name) && !invocation.via.some((v) => v.wrapper === name)) out.push({ name, value, dynamic: false, span: invocation.span });
  }
  return out;
}

/** The languages interpreter-code.ts reads (the others are foreign-code.ts and script-dialects.ts languages). */
const CODE_LANGUAGES: ReadonlySet<string> = new Set(["python", "javascript", "ruby", "perl", "php"]);

/** Programs whose output guard can know (see stdin.ts): worth a guess in the fallback. */
const PRINTERS = new Set(["echo", "printf", "cat", "yes"]);
/** git subcommands that run hooks (commit, merge, checkout, push, rebase…, and reference-transaction on ref updates). */
const HOOK_RUNNERS = new Set(["commit", "merge", "pull", "checkout", "switch", "clone", "push", "rebase", "am", "cherry-pick", "revert", "reset",
  "branch", "tag", "fetch", "gc", "worktree", "stash", "update-ref", "send-email", "p4", "restore"]);
/** A hook file: in .git/hooks (or a worktree's) or a hook manager's directory (.husky, .githooks), samples excepted. */
const HOOK_FILE = /(?:^|\/)(?:\.git\/(?:.*\/)?hooks|\.husky(?:\/_)?|\.githooks)\/[^/]+$(?<!\.sample)/;
/** Function names that would replace guard's program or the functions of its bash and zsh traps. */
const GUARD_FUNCTION_NAMES = /^(?:guard|guard-shell|TRAPDEBUG|__guard\w*)$/;
import { applyCd, chdirOption, cloneState, union as dirUnion, DIR_CHANGERS, resolvePath, setsErrexit, startState, type Dir, type DirState, type PathBase } from "./cwd";
import { andOrHooks, remoteStart, SCOPED_NODES, CONDITIONAL_NODES, type WalkStep } from "./cwd-walk";
import { absentAfter } from "./absent-tests";
import { isSecretFile } from "../core/secret-files";
import { dotenvExportWords } from "./dotenv-export";
import { SOURCED_SECRET } from "./model";
import { changesWorktree } from "./tree-changers";

/** Build tools that run project code, and which written files are that code (see writtenBuildCode). */
const BUILD_CODE: { programs: string[]; subcommands?: string[]; files: RegExp; language: Language | ForeignLanguage }[] = [
  { programs: ["go"], subcommands: ["run", "test", "generate"], files: /\.go$/, language: "go" },
  // build.rs runs on every build, check and test.
  { programs: ["cargo"], subcommands: ["run", "test", "build", "check", "bench", "b", "r", "t", "c"], files: /\.rs$/, language: "rust" },
  // Any Gradle task first evaluates the build and settings scripts.
  { programs: ["gradle", "gradlew"], files: /(?:^|\/)[\w.-]*\.gradle(?:\.kts)?$/, language: "jvm" },
  // pytest imports every conftest.py on its way to the tests; `pip install .` runs setup.py.
  { programs: ["pytest", "py.test"], files: /(?:^|\/)conftest\.py$/, language: "python" },
  { programs: ["pip", "pip3"], subcommands: ["install", "wheel", "download"], files: /(?:^|\/)setup\.py$/, language: "python" },
  // JavaScript tools load their config and setup files as code before doing anything else.
  {
    programs: ["vitest", "jest", "vite", "webpack", "eslint", "next", "playwright", "rollup", "tsup", "astro", "nuxt", "prettier", "babel", "postcss", "tailwindcss"],
    files: /(?:^|\/)(?:(?:vitest|jest|vite|webpack|eslint|next|playwright|rollup|tsup|astro|nuxt|prettier|babel|postcss|tailwind)\.(?:config|setup|workspace)|setupTests|\.eslintrc)\.[cm]?[jt]s$/,
    language: "javascript",
  },
];

/** The tool an invocation runs: `python3 -m pytest` runs pytest. */
function toolName(inv: Invocation): string {
  if (!/^python[0-9.]*$/.test(inv.program)) return inv.program;
  const m = inv.argv.findIndex((w) => w.value === "-m");
  return m > 0 && inv.argv[m + 1] && !inv.argv[m + 1].dynamic ? inv.argv[m + 1].value : inv.program;
}

/** Playbook names that say they destroy: unread parts of them ask (see playbook()). */
const DESTROYING_PLAYBOOK = /(?:^|[/_.-])(?:teardown|destroy|delete|remove|wipe|purge|drop|reset|nuke|decommission|uninstall|rollback|restore)(?:[/_.-]|$)/i;

/** Wrappers that run their command in a container: `docker exec`, `docker compose run`, `kubectl exec`. */
const CONTAINER_RUNNER = /^(?:docker|podman|nerdctl|kubectl|oc)\b/;

/** A shell command found inside another program's payload, with where it sits and how to label the step. */
export interface EmbeddedCommand {
  text: string;
  span: Span;
  label: string;
}

export interface ExtractOptions {
  /** Reads a script file named in the command (`bash deploy.sh`); undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
  /**
   * Shell commands a program's payload runs (psql's `\\!`, `COPY … TO PROGRAM`, sqlite3 `.shell`). The payload
   * analysers sit above extraction, so the caller supplies them (engine/evaluate passes payloads/carriers.ts).
   */
  payloadCommands?: (invocation: Invocation, reader: { readFile?: (path: string) => string | undefined }) => EmbeddedCommand[];
  /**
   * Programs guard has rules for. An unknown program whose arguments contain a command by one of these
   * names (or a wrapper) has that command checked too: the generic fallback (see fallback.ts).
   */
  knownProgram?: (name: string) => boolean;
  /** Whether a path exists: lets `npm test` walk up to the nearest package.json and `make` without a Makefile run nothing. */
  pathKind?: (path: string) => "file" | "dir" | "missing" | "other" | undefined;
  /** Where the command starts: cd within it is followed from here (see cwd.ts). */
  base?: PathBase;
}

/** What is known while walking one shell text: the wrapper chain, depth, span mapping, and the shell state so far. */
interface TextScope {
  via: WrapperStep[];
  depth: number;
  map: SpanMapper;
  /** Positional parameters of the shell whose text is being walked, when guard knows them. */
  params?: ReadonlyMap<string, string>;
  /** Literal assignments seen so far in this shell's text: shared by the statements of one script. */
  vars?: Map<string, string | null>;
  /** Variables assigned from command substitutions so far (where a token read from a file flows). */
  taint?: Map<string, { programs: string[]; exported: boolean }>;
  /** The source text of variables assigned what is not a literal (see value-texts.ts): shared like `vars`. */
  texts?: ValueTexts;
  /**
   * The standard input this shell text inherits (`echo 'rm -rf ~' | eval bash`, `bash -c bash <<< …`,
   * `find -exec bash \;`): a command in it that reads stdin and has none of its own reads this.
   */
  stdin?: StdinSource;
  /** Arrays and the positional list after `set --` (key `@`), as expanded fields; null when unknown. */
  lists?: Map<string, Field[] | null>;
  /** Loop variables over a glob (`for f in ~/.ssh/*`): their value is that pattern, and "$f" names what it matches. */
  globVars?: ReadonlySet<string>;
  /** The working directories the next command may run in; shared by the statements of one shell. */
  dir?: DirState;
  /** Inside an if/loop/case/function body: a cd there may not run. */
  conditional?: boolean;
  /** Functions defined so far in this shell, checked at each call with its arguments (see callFunction). */
  functions?: Functions;
  /** Inside an if/loop/case body of the current shell or function: a `shift` there may not run. */
  maybe?: boolean;
  /** Variables this shell starts with (`X=~ bash -c …`, exported ones, all of them for `eval` and `source`). */
  inherit?: ReadonlyMap<string, string | null>;
  /** Where the inherited variables' values came from, for code that runs in the same shell (`trap`, `eval`, `source`). */
  inheritTaint?: ReadonlyMap<string, { programs: string[]; exported: boolean }>;
  /** Function bodies a nested shell starts with (see parseInto). */
  inheritFunctions?: ReadonlyMap<string, SyntaxNode>;
  /** Names exported so far in this shell (`export X`, `declare -x X=…`): a child shell inherits them. */
  exported?: Set<string>;
  /** Functions whose bodies are being walked (a recursive call is not walked again). */
  calls?: readonly SyntaxNode[];
  /** Absolute paths a test just before this list element proved absent (`[ -f .env ] || …`); see absent-tests.ts. */
  absent?: string[];
  /** `set -a` / `set -o allexport` is on: every variable assigned from here on is exported. */
  allexport?: boolean;
  /** `shopt -s dotglob`/`nocaseglob` ran, or GLOBIGNORE was set: later globs may match dot files and any case. */
  globWide?: boolean;
  /** The command whose arguments this substitution's output becomes part of (`export $(…)`, `curl -H "…$(…)"`). */
  feeds?: Invocation;
  /** Trap handlers to walk again once this shell's text is done, with the variables as they are when it exits. */
  atExit?: (() => void)[];
  /** Descriptors `exec` opened on a process substitution, and coprocesses (`coproc:NAME`): see channels.ts. */
  fds?: Map<string, FdBinding>;
  /** Names rebound so far in this shell (`hash -p`, `alias`, `enable -f`): see rebound.ts. */
  names?: Map<string, Rebinding>;
}

interface Functions {
  /** The body each name has now (a later definition replaces an earlier one, as in bash). */
  bodies: Map<string, SyntaxNode>;
  /** Every definition seen, including ones replaced or nested in another function's body. */
  defined: [string, SyntaxNode][];
  /** How many calls of each body were walked; a body never walked is walked once at the end, with unknown arguments. */
  walked: Map<SyntaxNode, number>;
}

/** Passes over a loop body, one per value its variable takes; past this the variable is unknown and the body is walked once. */
const MAX_LOOP_PASSES = 16;

/** Calls of one function walked with their own arguments; past this the body is walked once more with unknown ones. */
const MAX_CALLS_PER_FUNCTION = 16;

interface PipeInfo {
  producers: (Invocation | undefined)[];
  index: number;
  size: number;
}

interface Job {
  node: SyntaxNode;
  ctx: TextScope;
  pipe?: PipeInfo;
  /** Runs between sibling jobs (the cd bookkeeping of `a && b || c`) instead of visiting `node`. */
  hook?: () => void;
}

/** The origin a variable assigned more than once gets besides its substitutions: no single program produced its value. */
const REASSIGNED = "(reassigned)";

/** Commands followed for `xargs -I` over literal input; more items than this are only counted as one. */
const MAX_XARGS_COMMANDS = 64;

/** The items xargs reads from its input text. */
function xargsItems(text: string, input: XargsInput): string[] {
  if (input.nul) return text.split("\0").filter((s) => s !== "");
  if (input.replace !== undefined) return text.split("\n").filter((s) => s.trim() !== "");
  return text.split(/[ \t\n]+/).filter((s) => s !== "");
}

/** Programs that pass on some of their input lines unchanged. */
const LINE_FILTERS = new Set(["head", "tail", "sort", "uniq", "grep", "egrep", "fgrep", "rg", "tac", "shuf"]);

/** `git ls-files | xargs …` (without options that list other files): xargs receives every tracked file. */
function listsTrackedFiles(outer: Invocation): boolean {
  const args = gitProducerArgs(outer);
  return args !== undefined && args.includes("ls-files") && !args.some((a) => /^-[a-zA-Z]*[odkus]|^--(others|deleted|killed|unmerged|stage)/.test(a));
}

/** `git ls-files -o` (untracked, or with -i ignored) and `git status --porcelain|-s` (changed and untracked): what `git clean` would take. */
function listsUntrackedFiles(outer: Invocation): boolean {
  const args = gitProducerArgs(outer);
  if (args === undefined) return false;
  if (args.includes("ls-files")) return args.some((a) => /^-[a-zA-Z]*o|^--others$/.test(a));
  return args.includes("status") && args.some((a) => /^--porcelain|^--short$|^-[a-zA-Z]*s/.test(a));
}

/** Programs that keep or reshape the listed names (`git status -s | awk '{print $2}' | xargs rm`): the names still come from git. */
const NAME_FILTERS = new Set([...LINE_FILTERS, "awk", "gawk", "mawk", "cut", "sed", "tr", "xargs"]);

/** The command whose output reaches `outer` through a pipe, looking past up to eight `filters` in between. */
function sourceThrough(outer: Invocation, filters: ReadonlySet<string>): Invocation | undefined {
  let producer = outer.stdin?.kind === "pipe" ? outer.stdin.producer : undefined;
  for (let hops = 0; producer && filters.has(producer.program) && hops < 8; hops++) producer = producer.stdin?.kind === "pipe" ? producer.stdin.producer : undefined;
  return producer;
}

/** The literal arguments of a git command piped into this one (through name filters), or undefined. */
function gitProducerArgs(outer: Invocation): string[] | undefined {
  const producer = sourceThrough(outer, NAME_FILTERS);
  if (!producer || producer.program !== "git") return undefined;
  return producer.argv.slice(1).filter((w) => !w.dynamic).map((w) => w.value);
}

/**
 * `ls -t /backups/*.dump | xargs rm -f`: ls prints the paths its glob arguments match, so those globs
 * are among what xargs passes on (and are judged by their zone); the rest stays unseen input.
 */
function listedGlobs(outer: Invocation): Word[] {
  // Line filters pass on some of the listed paths unchanged: `ls -t … | tail -n +8 | xargs rm`.
  const producer = sourceThrough(outer, LINE_FILTERS);
  // `mytool run ls … | xargs rm`: an unknown program guessed to run ls (see fallback.ts) lists the same globs.
  const at = producer ? producer.argv.findIndex((w) => !w.dynamic && programName(w) === "ls") : -1;
  if (!producer || at < 0) return [];
  return producer.argv.slice(at + 1).filter((w) => w.glob && !w.value.startsWith("-") && /[*?[]/.test(w.value) && !w.value.endsWith("/"));
}

/** An argument xargs fills in from input guard cannot see: any path at all. */
function unseenWord(w: Word, shellText: string): Word {
  return { ...w, value: shellText, raw: w.raw || shellText, dynamic: true, shellText, unseen: "xargs input" };
}

const identity: SpanMapper = (start, end) => ({ start, end });
const clampTo = (span: Span): SpanMapper => () => ({ ...span });

/** A mapper for text nested inside `word` (a `bash -c` string): exact when the word is plainly quoted. */
function mapperInside(word: Word): SpanMapper {
  const exact = word.span.end - word.span.start === word.raw.length;
  if (exact && !word.dynamic) {
    const quoted = word.raw === `'${word.value}'` || word.raw === `"${word.value}"`;
    const offset = quoted ? word.span.start + 1 : word.raw === word.value ? word.span.start : -1;
    if (offset >= 0) return (start, end) => ({ start: start + offset, end: end + offset });
  }
  return clampTo(word.span);
}

/** `> "$f"` where f loops over a glob (`for f in src/*.ts`): the target is that glob, as in the argv (see expand.ts). */
function globVarWord(word: Word, ctx: TextScope): Word {
  const name = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(word.raw)?.[1];
  return name !== undefined && ctx.globVars?.has(name) && !word.dynamic ? { ...word, glob: true } : word;
}

function union(words: Word[]): Span {
  return { start: Math.min(...words.map((w) => w.span.start)), end: Math.max(...words.map((w) => w.span.end)) };
}

/** `git fetch`, `git pull`, `git remote update`, `git remote prune`: they move the remote-tracking refs. */
function updatesRemoteRefs(argv: readonly Word[]): boolean {
  const words = argv.slice(1).filter((w) => !w.dynamic).map((w) => w.value);
  const sub = words.find((w) => !w.startsWith("-"));
  if (sub === "fetch" || sub === "pull") return true;
  return sub === "remote" && words.some((w) => w === "update" || w === "prune");
}

class Extractor {
  readonly invocations: Invocation[] = [];
  readonly problems: Problem[] = [];
  /** A git command that moves the remote-tracking refs was recorded (see Invocation.afterFetch). */
  private fetched = false;
  /** A command that may change which files hold uncommitted work was recorded (see Invocation.afterTreeChange). */
  private treeChanged = false;
  private readonly stack: Job[] = [];
  /** Substitutions in a command's arguments: the command their output becomes part of (see noteFeeding). */
  private readonly feeding = new Map<SyntaxNode, Invocation>();
  private stopped = false;
  /** Extra walks of loop bodies and function bodies left (nested loops multiply): past it, values are unknown. */
  private passBudget = 512;
  /** git settings that run something (`alias.x=!…`, `core.pager`), written by `git config` earlier in the text. */
  private readonly gitSettings: GitSetting[] = [];
  /** Files written so far in this command text: later commands that run them see what was written. */
  private readonly written: WrittenFiles;
  /** What the script of a `>(…)` reads: a known writer's output, or a channel filled by later commands (see channels.ts). */
  private readonly readers = new Map<SyntaxNode, StdinSource | Channel>();
  /** Directories PATH assignments in this command text put on PATH (see planted.ts). */
  private readonly pathValues: string[] = [];
  /** Where mv put things so far in this command text (see moved-then-deleted.ts). */
  private readonly moved = new MovedThenDeleted();
  private readonly readFile: (path: string) => string | undefined;

  constructor(private readonly options: ExtractOptions) {
    this.written = new WrittenFiles(options.readFile);
    this.readFile = (path) => (this.written.size ? this.written.read(path) : this.options.readFile?.(path));
  }

  run(text: string): Extraction {
    if (text.length > LIMITS.maxInputChars) {
      this.problem("too-large", `input is ${text.length} characters; guard parses at most ${LIMITS.maxInputChars}`, { start: 0, end: text.length });
      return this.result();
    }
    const dir = this.options.base ? startState(this.options.base) : undefined;
    this.parseInto(text, { via: [], depth: 0, map: identity, dir });
    while (this.stack.length && !this.stopped) {
      const job = this.stack.pop()!;
      if (job.hook) job.hook();
      else this.visit(job);
    }
    return this.result();
  }

  private result(): Extraction {
    return { invocations: this.invocations, problems: this.problems };
  }

  /**
   * Records what keeps guard from knowing what runs. On a guessed path (an unknown program's argument
   * read as a command line) a parse error only means the text was not a command after all.
   */
  private problem(kind: ProblemKind, detail: string, span: Span, via?: readonly WrapperStep[]): void {
    if (kind === "parse-error" && via?.some((v) => v.guess)) return;
    this.problems.push({ kind, detail, span });
  }

  /** Parses shell text found at some nesting level and queues it for walking. */
  private parseInto(source: string, ctx: TextScope): void {
    let text = source;
    if (ctx.depth > LIMITS.maxDepth) {
      this.problem("too-deep", `commands nested more than ${LIMITS.maxDepth} levels deep`, ctx.map(0, text.length));
      return;
    }
    if (text.includes("\0")) {
      // bash drops NUL bytes from script text it reads (`printf 'r\0m -rf ~' | bash` runs rm), while a
      // NUL in an argv or `$'…'` ends the string there: check both readings.
      this.parseInto(text.slice(0, text.indexOf("\0")), ctx);
      text = text.replace(/\0/g, "");
    }
    const parsed = parseShell(text);
    if (!parsed.ok) {
      this.problem("parse-error", parsed.error, ctx.map(parsed.pos, text.length), ctx.via);
      return;
    }
    // Each shell starts with its own variables, and in the directory it was started in: its cd does not leak out.
    // A child shell knows the functions `export -f` gave it (taking all of them is the stricter reading); the parent checked them.
    // (Empty collections are built without an iterable: this runs for every shell text of every command.)
    const inherited = ctx.inheritFunctions;
    const functions: Functions = { bodies: inherited ? new Map(inherited) : new Map(), defined: [], walked: inherited ? new Map([...inherited.values()].map((b) => [b, 1])) : new Map() };
    const scriptCtx: TextScope = { ...ctx, inheritFunctions: undefined, maybe: false, vars: ctx.inherit ? new Map(ctx.inherit) : new Map(), inherit: undefined, inheritTaint: undefined, exported: ctx.inherit ? new Set(ctx.inherit.keys()) : new Set(), taint: ctx.inheritTaint ? new Map(ctx.inheritTaint) : new Map(), texts: new ValueTexts(ctx.inherit ? ctx.texts : undefined), lists: new Map(), dir: ctx.dir && cloneState(ctx.dir), conditional: false, functions, calls: [], atExit: [], fds: ctx.fds?.size ? new Map(ctx.fds) : new Map(), names: new Map() };
    // Runs after the whole script: a function no call reached (`trap f EXIT`, never called, or
    // replaced before its call) is still checked; walking one may define more, so it sweeps again.
    const sweep = (): void => {
      const handlers = scriptCtx.atExit!.splice(0);
      if (handlers.length) {
        this.stack.push({ node: parsed.script, ctx: scriptCtx, hook: sweep });
        for (const handler of handlers) handler();
        return;
      }
      const pending = functions.defined.filter(([, body]) => !functions.walked.has(body));
      if (pending.length === 0) return;
      this.stack.push({ node: parsed.script, ctx: scriptCtx, hook: sweep });
      for (const [name, body] of pending) this.walkFunction(name, body, undefined, scriptCtx, { start: 0, end: 0 });
    };
    this.stack.push({ node: parsed.script, ctx: scriptCtx, hook: sweep });
    this.stack.push({ node: parsed.script, ctx: scriptCtx });
  }

  private pushChildren(node: SyntaxNode, ctx: TextScope): void {
    const children: SyntaxNode[] = [];
    forEachChild(node, (child) => children.push(child));
    // Reverse so that siblings are visited in source order (pipeline producers before consumers).
    for (let i = children.length - 1; i >= 0; i--) this.stack.push({ node: children[i], ctx });
  }

  private visit(job: Job): void {
    const { node, ctx } = job;
    switch (node.type) {
      case "Script": {
        const error = "errors" in node ? node.errors?.[0] : undefined;
        if (error) this.problem("parse-error", error.message, ctx.map(error.pos, error.pos + 1), ctx.via);
        this.pushChildren(node, ctx);
        return;
      }
      case "Pipeline": {
        const producers: (Invocation | undefined)[] = new Array(node.commands.length).fill(undefined);
        for (let i = node.commands.length - 1; i >= 0; i--) {
          // Each element of a pipeline runs in its own subshell.
          const element = node.commands[i];
          const compound = i > 0 && element.type !== "Command";
          const own = (node.commands.length > 1 && ctx.dir) || compound ? { ...ctx, ...(ctx.dir ? { dir: cloneState(ctx.dir) } : {}) } : ctx;
          this.stack.push({ node: element, ctx: own, pipe: { producers, index: i, size: node.commands.length } });
          // `echo / | while read d; …`: a compound element reads what the element before it wrote, known once that is walked.
          if (compound) this.stack.push({ node: element, ctx: own, hook: () => { own.stdin = { kind: "pipe", producer: producers[i - 1], span: ctx.map(element.pos, element.end) }; } });
        }
        return;
      }
      case "AndOr":
        // `cd X && rm …` runs rm only where cd succeeded; `cd X || exit` stops where it failed.
        if (ctx.dir) for (const job of this.absentSteps(node, andOrHooks(node, ctx.dir), ctx).reverse()) this.stack.push(job.node ? { node: job.node, ctx } : { node, ctx, hook: job.hook });
        else this.pushChildren(node, ctx);
        return;
      case "Function":
        if (isForkBomb(node)) this.problem("fork-bomb", `function \`${node.name.value}\` starts itself twice at once`, ctx.map(node.pos, node.end), ctx.via);
        this.guardFunction(node.name.value, ctx.map(node.pos, node.end), ctx.via);
        // Checked where it is called, with that call's arguments (or at the end of the script, see parseInto).
        if (ctx.functions && ctx.functions.defined.length < 256) {
          ctx.functions.bodies.set(node.name.value, node.body);
          ctx.functions.defined.push([node.name.value, node.body]);
        } else this.pushChildren(node, { ...ctx, params: undefined, conditional: true });
        return;
      case "Command":
        this.command(node, ctx, job.pipe);
        this.pushChildren(node, ctx);
        return;
      case "CommandExpansion":
      case "ProcessSubstitution":
      case "ArithmeticCommandExpansion":
        this.substitution(node, ctx);
        return;
      case "Coproc":
        this.coproc(node, ctx);
        return;
      case "Redirected": {
        // `while read d; …; done <<< /`: the commands inside read the compound command's input.
        const stdin = this.compoundStdin(node, ctx);
        const fds = this.compoundOutput(node, ctx);
        this.pushChildren(node, stdin || fds ? { ...ctx, ...(stdin ? { stdin } : {}), ...(fds ? { fds } : {}) } : ctx);
        return;
      }
      case "For":
      case "Select":
        if (!this.loop(node, ctx)) this.walkCompound(node, ctx);
        return;
      case "While":
        if (!this.readLoop(node, ctx)) this.walkCompound(node, ctx);
        return;
      case "TestCommand":
        this.testCommand(node, ctx);
        this.pushChildren(node, ctx);
        return;
      default:
        this.walkCompound(node, ctx);
    }
  }

  /**
   * `[ -f .env ] || cp .env.example .env`: the element after an existence test that failed runs where the path
   * is absent, so writing it creates a file rather than replacing one. The path is resolved in the one directory
   * the list runs in when that element starts (a hook just before it); with several possible directories, or an
   * unknown one, nothing is known.
   */
  private absentSteps(node: SyntaxNode, steps: WalkStep[], ctx: TextScope): WalkStep[] {
    const chain = node as unknown as { commands: SyntaxNode[]; operators: string[] };
    const out: WalkStep[] = [];
    for (const step of steps) {
      const i = step.node ? chain.commands.indexOf(step.node) : -1;
      // The test must have run: `a && [ -f X ] || cp` also copies when `a` failed and the test never ran.
      const ran = i === 1 || (i > 1 && chain.operators[i - 2] === chain.operators[i - 1]);
      const path = ran ? absentAfter(chain.commands[i - 1], chain.operators[i - 1]) : undefined;
      const dir = ctx.dir;
      if (path === undefined || !dir) {
        out.push(step);
        continue;
      }
      // Set for the element's walk only (its jobs all run before the hook after it), then put back.
      const before = ctx.absent;
      out.push({ hook: () => { if (dir.dirs.length === 1 && dir.dirs[0] !== null) ctx.absent = [...(before ?? []), posix.resolve(dir.dirs[0], path)]; } });
      out.push(step);
      out.push({ hook: () => { ctx.absent = before; } });
    }
    return out;
  }

  /** Subshells, groups, if/loop/case bodies: their children, with a subshell's own directory and a body's uncertainty. */
  private walkCompound(node: SyntaxNode, ctx: TextScope): void {
    if (ctx.dir && SCOPED_NODES.has(node.type)) {
      // `( cd / && rm -rf * )`, `cmd &`: a subshell's cd does not leak out.
      const background = node.type === "Statement" && "background" in node && node.background;
      if (node.type !== "Statement" || background) {
        this.pushChildren(node, { ...ctx, dir: cloneState(ctx.dir) });
        return;
      }
    }
    if (CONDITIONAL_NODES.has(node.type) && (!ctx.conditional || !ctx.maybe)) {
      this.pushChildren(node, { ...ctx, conditional: true, maybe: true });
      return;
    }
    this.pushChildren(node, ctx);
  }

  /** The input redirected into a compound command (`done <<< /`, `done < file`, a heredoc), as a stdin source. */
  private compoundStdin(node: SyntaxNode, ctx: TextScope): StdinSource | undefined {
    let stdin: StdinSource | undefined;
    for (const r of (node as { redirects?: readonly SyntaxNode[] }).redirects ?? []) {
      const red = r as unknown as { type: string; operator: string; descriptor?: { type: string; value: number }; target?: ShWord; body?: { text: string; pos: number; end: number }; delimiter?: { quoted?: boolean }; pos: number; end: number };
      const fd = red.descriptor?.type === "FileDescriptor" ? red.descriptor.value : undefined;
      if (fd !== undefined && fd !== 0) continue;
      const span = ctx.map(red.pos, red.end);
      if (red.type === "HereDoc" && red.body) {
        const quoted = red.delimiter?.quoted ?? true;
        stdin = { kind: "heredoc", text: quoted ? red.body.text : unescapeHeredoc(red.body.text), quoted, span };
      } else if (red.type === "HereString" && red.target) stdin = { kind: "herestring", word: toWord(red.target, ctx), span };
      else if (red.type === "Redirect" && red.operator === "<" && red.target) stdin = { kind: "file", path: toWord(red.target, ctx), span };
    }
    // `while read l; do echo "$l"; done < .env`: the file read is the compound's, judged like `cat < .env`.
    if (stdin?.kind === "file") this.record(this.compoundInput(stdin.path, stdin.span, ctx));
    return stdin;
  }

  /**
   * `for d in ~ /; do …`, `select d in …`: the body is walked once per value, each pass with its own
   * copy of the variables. Returns false when the loop is left to the ordinary walk.
   */
  private loop(node: SyntaxNode, ctx: TextScope): boolean {
    const n = node as unknown as { name: ShWord; wordlist?: ShWord[]; body: SyntaxNode };
    if (!ctx.vars || !n.body) return false;
    const name = n.name.value;
    let values: (string | null)[];
    let globbed = false;
    if (n.wordlist) {
      const words = this.expandArgv(n.wordlist, ctx);
      // A glob item (`for f in ~/.ssh/*`) takes each file it matches: the pass sees the pattern, and "$f" is that glob.
      globbed = words.some((w) => w.glob && !w.dynamic);
      values = words.map((w) => (w.dynamic ? null : w.value));
    } else {
      const list = ctx.lists?.has("@") ? ctx.lists.get("@") : ctx.params ? [...ctx.params.entries()].filter(([k]) => k !== "0").map(([, v]) => ({ value: v, glob: false })) : null;
      values = list ? list.map((f) => (f.glob ? null : f.value)) : [null];
    }
    // The words themselves (and their substitutions) are checked like any other.
    for (const word of n.wordlist ?? []) this.pushChildren(word, ctx);
    const distinct = [...new Set(values)];
    const passes = distinct.length > MAX_LOOP_PASSES || !this.spend(distinct.length) ? [null] : distinct;
    const extra: [string, string | null][] = node.type === "Select" ? [["REPLY", null]] : [];
    const globVars = globbed ? new Set([...(ctx.globVars ?? []), name]) : ctx.globVars && new Set([...ctx.globVars].filter((v) => v !== name));
    this.passes(n.body, passes.map((v) => [[name, v] as [string, string | null], ...extra]), { ...ctx, globVars });
    return true;
  }

  /** `while read d; do …; done <<< TEXT`: one pass per record read, when the input is literal. */
  private readLoop(node: SyntaxNode, ctx: TextScope): boolean {
    const n = node as unknown as { kind: string; clause: { commands: { command: SyntaxNode }[] }; body: SyntaxNode };
    const clause = n.clause?.commands;
    const read = clause?.length === 1 ? clause[0].command : undefined;
    if (n.kind !== "while" || read?.type !== "Command" || !ctx.vars || (read as ShCommand).name?.value !== "read") return false;
    const argv = this.expandArgv([(read as ShCommand).name!, ...(read as ShCommand).args], ctx);
    const input = ctx.stdin && !(read as ShCommand).redirects.length ? literalStdin(ctx.stdin, this.readFile) : undefined;
    let records = input === undefined ? undefined : readRecords(argv, input, MAX_LOOP_PASSES);
    if (records && !this.spend(records.length)) records = undefined;
    const ifs = this.ifs(ctx, this.envOf((read as ShCommand).prefix.flatMap((p) => (p.type === "Assignment" ? [p] : [])), ctx));
    const passes = (ifs === null ? [undefined] : records ?? [undefined]).map((r) => readAssigns(argv, r, ifs ?? undefined)?.scalars ?? []);
    this.stack.push({ node: n.clause as unknown as SyntaxNode, ctx: { ...ctx, conditional: true, stdin: undefined } });
    this.passes(n.body, passes, ctx);
    return true;
  }

  /** Takes `n` extra walks from the budget; false (and nothing taken) when it cannot. */
  private spend(n: number): boolean {
    if (n <= 1) return this.passBudget-- > 0 || n < 1;
    if (this.passBudget < n) return false;
    this.passBudget -= n;
    return true;
  }

  /** IFS for a command (its own `IFS=…` first, then the shell's; default when unset); null when guard cannot read it. */
  private ifs(ctx: TextScope, env: readonly EnvAssignment[] = []): string | null {
    // `IFS=: read a b`: an assignment before the command sets IFS for it alone.
    const own = env.filter((e) => e.name === "IFS").pop();
    if (own) return own.dynamic ? null : own.value;
    return ctx.vars?.has("IFS") ? ctx.vars.get("IFS") ?? null : " \t\n";
  }

  /** Walks `body` once per pass (the variables each pass sets); afterwards what the passes set is unknown unless they agree. */
  private passes(body: SyntaxNode, passes: [string, string | null][][], ctx: TextScope): void {
    const copies = passes.map((assign) => {
      const vars = new Map(ctx.vars ?? []);
      for (const [k, v] of assign) vars.set(k, v);
      return vars;
    });
    this.stack.push({ node: body, ctx, hook: () => {
      const keys = new Set(copies.flatMap((c) => [...c.keys()]));
      for (const k of keys) {
        const values = copies.map((c) => c.get(k));
        if (values.every((v) => v === ctx.vars?.get(k))) continue;
        ctx.vars?.set(k, !ctx.vars.has(k) && values.every((v) => v === values[0]) ? values[0] ?? null : null);
      }
    } });
    for (let i = copies.length - 1; i >= 0; i--) this.stack.push({ node: body, ctx: { ...ctx, vars: copies[i], conditional: true, maybe: true } });
  }

  /** `read`, `mapfile`/`readarray`, `printf -v`: the variables they set, computed from literal input. */
  private builtinAssigns(invocation: Invocation, ctx: TextScope, pipe: PipeInfo | undefined): void {
    if (!ctx.vars) return;
    // In a pipeline bash runs each command in a subshell: `echo / | read d` leaves d as it was.
    if (pipe && pipe.size > 1) return;
    const input = invocation.stdin ? literalStdin(invocation.stdin, this.readFile) : undefined;
    let assigned: Assigned | undefined;
    const ifs = this.ifs(ctx, invocation.env);
    if (invocation.program === "read") assigned = readAssigns(invocation.argv, ifs === null ? undefined : input, ifs ?? undefined);
    else if (invocation.program === "mapfile" || invocation.program === "readarray") assigned = mapfileAssigns(invocation.argv, input);
    else if (invocation.program === "printf") assigned = printfAssigns(invocation.argv);
    if (!assigned) return;
    // `read -r PW < <(terraform output -raw pw)`, `read T <<< "$(…)"`: the names hold what the input's commands print.
    const source = invocation.program === "printf" ? undefined : inputText(invocation.stdin);
    if (source !== undefined) for (const [k] of [...assigned.scalars, ...assigned.arrays]) ctx.texts?.assign(k, source, ctx.maybe === true);
    for (const [k, v] of assigned.scalars) ctx.vars.set(k, ctx.vars.has(k) ? null : v);
    for (const [k, v] of assigned.arrays) ctx.lists?.set(k, ctx.lists.has(k) || v === null ? null : v.map((value) => ({ value, glob: false })));
  }

  /** What guard knows about variables at this point, environment variables included (see expand.ts). */
  private scope(ctx: TextScope): ExpandScope {
    const base = this.options.base;
    const env = (name: string): string | undefined => {
      if (!base) return undefined;
      if (name === "HOME") return base.home;
      if (name === "PWD") {
        const dirs = ctx.dir?.dirs ?? [base.cwd];
        return dirs.length === 1 && dirs[0] !== null ? dirs[0] : undefined;
      }
      if (name === "TMPDIR" || name === "USER" || name === "LOGNAME") return base.env?.[name];
      return undefined;
    };
    return { vars: ctx.vars, params: ctx.params, lists: ctx.lists, env, globVars: ctx.globVars };
  }

  /**
   * The argv bash builds from the words: brace expansion, known variables, word splitting and the
   * globs they carry (`d=*; rm -rf $d` deletes everything), `"$@"` and arrays. A word guard cannot
   * expand stays one dynamic word, with the values it may take (`${X:-/}` → `/`) as candidates.
   */
  private expandArgv(args: readonly (ShWord | Assignment)[], ctx: TextScope): Word[] {
    const out: Word[] = [];
    const ifs = ctx.vars?.has("IFS") ? ctx.vars.get("IFS") ?? null : undefined;
    let capped = false;
    for (const arg of args) {
      if (out.length > LIMITS.maxWords) {
        // `rm {a,b}{c,d}…` many times over: guard stops expanding rather than grow without bound.
        if (!capped) this.problem("too-large", `the words expand to more than ${LIMITS.maxWords} arguments`, ctx.map(arg.pos, arg.end));
        capped = true;
        out.push(...this.toWords([arg], ctx));
        continue;
      }
      if (arg.type !== "Word" || !needsExpansion(arg)) {
        out.push(...this.toWords([arg], ctx));
        continue;
      }
      const span = ctx.map(arg.pos, arg.end);
      const expansion = expandWord(arg, this.scope(ctx), ifs);
      const literal = (f: Field): Word => (f.dynamic
        ? { value: f.value, raw: f.value, shellText: f.value, dynamic: true, glob: false, span }
        : { value: f.value, raw: arg.text, dynamic: false, glob: f.glob, span });
      if (expansion.fields) {
        out.push(...expansion.fields.map(literal));
        continue;
      }
      const word = toWord(arg, ctx);
      if (expansion.candidates.length) word.candidates = expansion.candidates.map(literal);
      out.push(word);
    }
    return out;
  }

  /** `set -- a b`: the positional parameters `"$@"` and `$1` name from here on. */
  private rememberPositionals(argv: Word[], ctx: TextScope): void {
    if (!ctx.lists || argv[0].dynamic || argv[0].value !== "set" || argv.length < 2) return;
    const first = argv[1];
    if (!first.dynamic && first.value !== "--" && /^[-+]/.test(first.value)) return;
    const values = first.value === "--" ? argv.slice(2) : argv.slice(1);
    ctx.lists.set("@", values.some((w) => w.dynamic) ? null : values.map((w) => ({ value: w.value, glob: w.glob })));
  }

  private toWords(args: readonly (ShWord | Assignment)[], ctx: TextScope): Word[] {
    return args.map((arg) => {
      if (arg.type === "Word") return toWord(arg, ctx);
      // `declare X=1`, `env X=$(…) cmd`: one word NAME=value, keeping where the value comes from.
      const value = arg.value.type === "Word" ? toWord(arg.value, ctx) : undefined;
      const word: Word = { value: value && !value.dynamic ? `${arg.name}=${value.value}` : arg.text, raw: arg.text, dynamic: value ? value.dynamic : true, glob: false, span: ctx.map(arg.pos, arg.end) };
      if (value?.dynamic) word.shellText = `${arg.name}=${value.shellText ?? value.raw}`;
      if (value?.substitutions) word.substitutions = value.substitutions;
      return word;
    });
  }

  private envOf(assignments: readonly Assignment[], ctx: TextScope): EnvAssignment[] {
    this.notePath(assignments);
    return assignments.map((a) => {
      let word = a.value.type === "Word" ? toWord(a.value, ctx) : undefined;
      // `X=$HOME cmd`, `X=${Y%/} cmd`: a value guard can compute is known.
      const known = word?.dynamic && a.value.type === "Word" && !word.substitutions ? assignedValue(a.value, this.scope(ctx), this.options.base?.home) : undefined;
      if (word && known !== undefined) word = { ...word, value: known, dynamic: false };
      return {
        name: a.name,
        value: word ? wordText(word) : a.value.type === "ArrayValue" ? a.value.elements.map((e) => e.value).join(" ") : "",
        dynamic: word ? word.dynamic : true,
        ...(word?.substitutions ? { substitutions: word.substitutions } : {}),
        span: ctx.map(a.pos, a.end),
      };
    });
  }

  /**
   * Code bash evaluates outside the command line (trap handlers, callbacks, prompts, BASH_ENV, array
   * subscripts, `${x@P}`): parsed and walked like any other command text, or unknown (ask).
   */
  private evaluated(invocation: Invocation, ctx: TextScope): void {
    const sites = evaluatedCode(invocation, isShell(invocation.program));
    for (const word of invocation.argv) {
      const text = word.shellText ?? word.raw;
      // `${x@P}`: x's value is expanded like a prompt, which runs its substitutions (rare: look for `@P}` first).
      if (!text.includes("@P}")) continue;
      for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)@P\}/g)) {
        const value = ctx.vars?.get(m[1]);
        if (typeof value === "string") {
          if (/\$\(|`/.test(value)) sites.push({ kind: "shell", text: promptSubstitutions(value), label: "${…@P}", span: word.span });
        } else sites.push({ kind: "unknown", detail: `\`${m[0]}\` expands ${m[1]} as a prompt, running any substitutions in it`, span: word.span });
      }
    }
    for (const site of sites) {
      const span = site.kind === "file" ? site.path.span : site.span;
      // Code a trap or callback runs starts where the command runs: its own cd is followed from there.
      // It runs in this shell, so it sees this shell's variables (`tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT`).
      const inner: TextScope = { via: [...ctx.via, { wrapper: site.kind === "unknown" ? "code" : site.label, span }], depth: ctx.depth + 1, map: clampTo(span), dir: ctx.dir && cloneState(ctx.dir, invocation.cwd ?? ctx.dir.dirs), inherit: ctx.vars, inheritTaint: ctx.taint };
      if (site.kind === "shell" && site.label === "trap" && ctx.atExit) this.trapHandler(site.text, inner, ctx);
      else if (site.kind === "shell") this.parseInto(site.text, inner);
      else if (site.kind === "file") this.scriptFile(invocation, site.path, inner);
      else this.problem("dynamic-shell-string", site.detail, site.span);
    }
  }

  /**
   * A trap handler runs later, at any point from here until the shell exits (at its end, for EXIT): walked now,
   * with the names not assigned yet empty (trapTimeVariables), and again when this shell's text is done, with
   * the variables and directories as they are then (`trap 'rm -rf "$T"' EXIT; T=$(mktemp -d)` deletes the temp
   * directory; `trap 'rm -rf "$D"' EXIT; D=~` deletes home).
   */
  private trapHandler(text: string, inner: TextScope, ctx: TextScope): void {
    const trapDirs = inner.dir?.dirs;
    this.parseInto(text, { ...inner, inherit: trapTimeVariables(text, ctx.vars, this.options.base?.env) });
    ctx.atExit!.push(() => this.parseInto(text, { ...inner, inherit: ctx.vars, inheritTaint: ctx.taint, dir: ctx.dir && cloneState(ctx.dir, dirUnion(trapDirs ?? [], ctx.dir.dirs)) }));
  }

  /** `[[ 'a[$(cmd)]' -eq 0 ]]`: operands of `[[` are arithmetic, whose array subscripts run substitutions. */
  private testCommand(node: SyntaxNode, ctx: TextScope): void {
    const stack: SyntaxNode[] = [node];
    while (stack.length) {
      const current = stack.pop()!;
      if (current.type === "Word") {
        const word = toWord(current, ctx);
        const text = wordText(word);
        if (hasSubscriptCode(text)) this.parseInto(substitutionsOf(text), { via: [...ctx.via, { wrapper: "[[ ]]", span: word.span }], depth: ctx.depth + 1, map: clampTo(word.span) });
        continue;
      }
      forEachChild(current, (child) => stack.push(child));
    }
  }

  /**
   * `X=value` (alone, or after export/declare/local/readonly): remembered when literal, for later `$X`;
   * a value from a substitution is remembered as tainted by the programs that produced it.
   */
  private remember(assignments: readonly Assignment[], ctx: TextScope, exported: boolean): void {
    // GLOBIGNORE set to anything turns dotglob on for the globs after it.
    if (assignments.some((a) => a.name === "GLOBIGNORE")) ctx.globWide = true;
    this.notePath(assignments);
    for (const a of assignments) if (a.value.type === "Word" && !a.index) ctx.texts?.assign(a.name, a.value.text, a.append || ctx.maybe === true);
    if (!ctx.vars) return;
    for (const a of assignments) {
      if (a.value.type === "ArrayValue" && ctx.lists && !a.index) {
        // `a=(*)`: the elements are expanded (globs included) when assigned.
        const fields: Field[] = [];
        let known = !a.append;
        for (const element of a.value.elements) {
          const e = expandWord(element, this.scope(ctx));
          if (e.fields) fields.push(...e.fields);
          else known = false;
        }
        ctx.lists.set(a.name, ctx.lists.has(a.name) || !known ? null : fields);
      }
      const value = a.value.type === "Word" ? toWord(a.value, ctx) : undefined;
      // `x[i]=v` sets an element: the scalar x guard tracks is not what it was told.
      if (a.index && a.value.type === "Word") continue;
      // `X=$HOME`, `X=${Y%/}`, `X=~`: computed as bash assigns it, when every part is known.
      const literal = a.value.type === "Word" && !a.append ? assignedValue(a.value, this.scope(ctx), this.options.base?.home) ?? null : null;
      // Assigned twice (in branches, loops): guard cannot know which value a later use sees.
      const again = ctx.vars.has(a.name);
      ctx.vars.set(a.name, again ? null : literal);
      const before = ctx.taint?.get(a.name);
      // Assigned again, a substitution's programs are joined by the other value's origin, which only `(reassigned)`
      // names: `T=$(mktemp -d); T=$HOME` no longer holds only mktemp's fresh path.
      if (again && (before || value?.substitutions?.length)) ctx.taint?.set(a.name, { programs: [...new Set([...(before?.programs ?? []), ...(value?.substitutions ?? []), REASSIGNED])], exported: exported || (before?.exported ?? false) });
      else if (value?.substitutions?.length) ctx.taint?.set(a.name, { programs: value.substitutions, exported });
    }
  }

  private command(node: ShCommand, ctx: TextScope, pipe: PipeInfo | undefined): void {
    if (!node.name) {
      // Assignments or redirects only; substitutions inside are still walked.
      const assignments = node.prefix.flatMap((p) => (p.type === "Assignment" ? [p] : []));
      this.remember(assignments, ctx, ctx.allexport === true);
      if (ctx.allexport) for (const a of assignments) ctx.exported?.add(a.name);
      const env = this.envOf(assignments, ctx);
      const span = ctx.map(node.pos, node.end);
      this.evaluated({ program: "", argv: [], env, redirects: [], pipeline: { index: 0, size: 1 }, via: ctx.via, span }, ctx);
      // `> FILE` alone truncates FILE, exactly like `: > FILE`: checked as that command.
      if (node.redirects.length) this.record(this.redirectOnly(node, ctx));
      return;
    }
    const argv = this.expandArgv([node.name, ...node.args], ctx);
    if (argv.length === 0) return; // `$EMPTY`: no command runs
    if (ctx.names?.size) this.rebound(node, argv, ctx);
    if (!argv[0].dynamic && DECLARERS.has(argv[0].value)) this.declare(node, argv[0].value, ctx);
    this.rememberPositionals(argv, ctx);
    const env = this.envOf(node.prefix.flatMap((p) => (p.type === "Assignment" ? [p] : [])), ctx);
    const own = this.commandRedirects(node, ctx);
    const redirects = own.redirects;
    let stdin = own.stdin;
    if (!stdin && pipe && pipe.index > 0) {
      stdin = { kind: "pipe", producer: pipe.producers[pipe.index - 1], span: ctx.map(node.pos, node.end) };
    }
    if (!stdin && ctx.stdin) stdin = ctx.stdin;
    const producer = stdin?.kind === "pipe" && pipe && pipe.index > 0 ? pipe.producers[pipe.index - 1] : undefined;
    const invocation: Invocation = {
      program: programName(argv[0]),
      argv,
      env,
      redirects,
      stdin,
      pipeline: pipe ? { index: pipe.index, size: pipe.size } : { index: 0, size: 1 },
      via: ctx.via,
      span: ctx.map(node.pos, node.end),
    };
    const tainted = ctx.taint?.size ? [...ctx.taint].filter(([, t]) => t.exported).map(([name]) => name) : [];
    if (tainted.length) invocation.taintedEnv = tainted;
    const sourced = ctx.taint?.size ? [...ctx.taint].filter(([, t]) => t.programs.includes(SOURCED_SECRET)).map(([name, t]) => ({ name, exported: t.exported })) : [];
    if (sourced.length) invocation.sourcedSecrets = sourced;
    noteShellState(invocation, ctx);
    if (ctx.dir) invocation.cwd = [...ctx.dir.dirs];
    if (ctx.absent?.length) invocation.absent = [...ctx.absent];
    if (pipe) pipe.producers[pipe.index] = invocation;
    // Not enumerable: the producer is already reachable from the consumer's stdin, and reports serialise invocations.
    if (producer) Object.defineProperty(producer, "consumer", { value: invocation, enumerable: false, configurable: true, writable: true });
    if (ctx.feeds) Object.defineProperty(invocation, "feeds", { value: ctx.feeds, enumerable: false, configurable: true, writable: true });
    if (invocation.program === "export" && !argv[0].dynamic) this.dotenvExport(node, invocation, ctx);
    this.noteFeeding(node, invocation);
    const innermost = this.followWrappers(invocation, ctx, pipe);
    this.channels(node, invocation, innermost, ctx, pipe);
    if (ctx.names && /^(?:hash|alias|unalias|enable)$/.test(innermost.program)) this.rebinding(innermost, ctx);
    this.trackDirectory(node, invocation, ctx);
    this.shift(invocation, ctx);
    // `sudo read d` runs a program, not the builtin, but taking it as the builtin is the stricter reading.
    this.builtinAssigns(innermost, ctx, pipe);
    if (widensGlobs(invocation)) ctx.globWide = true;
    if (invocation.program === "set" && !(pipe && pipe.size > 1)) {
      const allexport = allexportSetting(argv.slice(1));
      if (allexport !== undefined) ctx.allexport = allexport;
    }
    const body = invocation.program && !argv[0].value.includes("/") ? ctx.functions?.bodies.get(argv[0].value) : undefined;
    if (body) this.callFunction(argv[0].value, body, argv.slice(1), ctx, invocation.span);
  }

  /** `$(…)`, `<(…)`, `>(…)`: a subshell walked with this shell's state; a `>(…)` reads what is written to it. */
  private substitution(node: Extract<SyntaxNode, { type: "CommandExpansion" | "ProcessSubstitution" | "ArithmeticCommandExpansion" }>, ctx: TextScope): void {
    const script = node.script;
    if (!script) return;
    const span = ctx.map(node.pos, node.end);
    const label = node.type === "ProcessSubstitution" ? `${node.text.slice(0, 2)}…)` : "$(…)";
    // Escaped-backtick scripts carry their own decoded source: positions no longer index ours.
    const map = script.source !== undefined ? clampTo(span) : ctx.map;
    // A substitution is a subshell: it sees the shell's variables, functions and exports.
    const feeds = this.feeding.get(script);
    const inner: TextScope = { via: [...ctx.via, { wrapper: label, span }], depth: ctx.depth + 1, map, params: ctx.params, vars: ctx.vars, taint: ctx.taint, texts: ctx.texts, lists: ctx.lists, dir: ctx.dir && cloneState(ctx.dir), functions: ctx.functions, exported: ctx.exported, calls: ctx.calls, maybe: ctx.maybe, atExit: ctx.atExit, fds: capturedOutput(node, ctx.fds), names: ctx.names, ...(feeds ? { feeds } : {}) };
    if (inner.depth > LIMITS.maxDepth) {
      this.problem("too-deep", `substitutions nested more than ${LIMITS.maxDepth} levels deep`, span);
      return;
    }
    if (node.type === "ProcessSubstitution" && node.operator === ">") this.reader(script, inner, span);
    else this.stack.push({ node: script, ctx: inner });
  }

  /**
   * The script of a `>(…)` reads what is written to it: the writer's output when the command that names it is known
   * (`echo X > >(sh)`, `X | tee >(sh)`), else unknown (a program writing a file it was given); one opened by `exec`
   * is walked once this shell's text is done, with what every later command wrote to it (see channels.ts).
   */
  private reader(script: SyntaxNode, inner: TextScope, span: Span): void {
    const input = this.readers.get(script) ?? { kind: "pipe", producer: undefined, span };
    if ("writers" in input) {
      const later = () => { for (const stdin of channelInputs(input, this.readFile, span)) this.stack.push({ node: script, ctx: { ...inner, stdin } }); };
      if (inner.atExit) inner.atExit.push(later);
      else later();
      return;
    }
    this.stack.push({ node: script, ctx: { ...inner, stdin: input } });
  }

  /**
   * `{ …; } > >(bash)`, `{ …; } >&3`: what the commands inside print goes to that reader (a channel, as after
   * `exec > >(bash)`); a file redirection takes it away from one. Undefined when the descriptors stay as they were.
   */
  private compoundOutput(node: SyntaxNode, ctx: TextScope): Map<string, FdBinding> | undefined {
    let fds: Map<string, FdBinding> | undefined;
    for (const r of (node as { redirects?: readonly SyntaxNode[] }).redirects ?? []) {
      const red = r as unknown as { type: string; operator: string; descriptor?: { type: string; value: number }; target?: ShWord };
      if (red.type !== "Redirect" || !sendsStdout(red.operator, red.descriptor?.type === "FileDescriptor" ? red.descriptor.value : undefined) && red.operator !== ">&") continue;
      const scripts = writeSubstitutions(red.target);
      if (!scripts.length && !ctx.fds?.size) continue;
      fds ??= new Map(ctx.fds ?? []);
      this.openDescriptor(fds, descriptorKey(red.descriptor, red.operator), red.operator, red.target, ctx);
    }
    return fds;
  }

  /** `coproc [NAME] CMD`: CMD reads what later commands write to `${NAME[1]}` (NAME defaults to COPROC), known once this shell's text is done. */
  private coproc(node: SyntaxNode, ctx: TextScope): void {
    const n = node as unknown as { name?: ShWord; body: SyntaxNode; pos: number; end: number };
    const channel: Channel = { writers: [] };
    ctx.fds?.set(`coproc:${n.name?.value ?? "COPROC"}`, { kind: "sink", channel });
    const span = ctx.map(n.pos, n.end);
    const later = () => { for (const stdin of channelInputs(channel, this.readFile, span)) this.stack.push({ node: n.body, ctx: { ...ctx, dir: ctx.dir && cloneState(ctx.dir), stdin } }); };
    if (ctx.atExit) ctx.atExit.push(later);
    else later();
  }

  /** `bash <&3`: input from a descriptor; one `exec` opened on `<(X)` gives X's output, any other is unknown. */
  private descriptorInput(target: Word, ctx: TextScope, span: Span): StdinSource {
    const binding = target.dynamic ? undefined : ctx.fds?.get(target.value);
    return binding?.kind === "source" ? sourceStdin(binding.raw, span) : { kind: "pipe", producer: undefined, span };
  }

  /**
   * Where a command's output goes other than a pipe: the `>(…)` it names (redirected to, or given to tee), descriptors
   * `exec` opens on one (`exec 3> >(sh)`, `exec > >(sh)`, `exec 3< <(…)`), and writes to those or to a coprocess.
   */
  private channels(node: ShCommand, invocation: Invocation, innermost: Invocation, ctx: TextScope, pipe: PipeInfo | undefined): void {
    const fds = ctx.fds;
    // `exec 3> >(sh)`, also behind a wrapper (`command exec …`); a command that only ends in the word exec
    // (`mytool run exec 3> >(sh)`) is taken as one too, with what it prints itself as the first write.
    const bare = innermost.program === "exec" && innermost.argv.length === 1;
    const opener = bare || invocation.argv[invocation.argv.length - 1].value === "exec";
    for (const r of node.redirects) {
      if (r.type !== "Redirect") continue;
      const fd = r.descriptor?.type === "FileDescriptor" ? r.descriptor.value : undefined;
      const key = descriptorKey(r.descriptor, r.operator);
      if (opener && fds) this.openDescriptor(fds, key, r.operator, r.target, ctx);
      const opened = opener && !bare && sendsStdout(r.operator, fd) ? fds?.get(key) : undefined;
      if (opened?.kind === "sink") opened.channel.writers.push(innermost);
      for (const script of writeSubstitutions(r.target)) {
        if (!opener) this.readers.set(script, { kind: "pipe", producer: sendsStdout(r.operator, fd) ? innermost : undefined, span: invocation.span });
      }
      const path = fds?.size && r.target && sendsStdout(r.operator, undefined) ? descriptorPath(r.target.value) : undefined;
      if (!opener && fds?.size && (r.operator === ">&" || path) && r.target) {
        const target = toWord(r.target, ctx);
        const channels = path ? targetChannels(path, false, fds) : targetChannels(target.value, target.dynamic, fds);
        const writer = fd === undefined || fd === 1 ? innermost : undefined;
        for (const c of channels === "any" ? allChannels(fds) : channels) c.writers.push(channels === "any" ? undefined : writer);
      }
    }
    // `X | tee >(sh)`: tee copies its input into each file it is given.
    for (const arg of node.args) {
      for (const script of arg.type === "Word" ? writeSubstitutions(arg) : []) this.readers.set(script, innermost.program === "tee" && innermost.stdin ? innermost.stdin : { kind: "pipe", producer: undefined, span: invocation.span });
    }
    // `exec > >(sh)`: whatever a later command prints reaches the reader, unless it goes elsewhere.
    const stdout = fds?.get("1");
    if (stdout?.kind === "sink" && !opener && !(pipe && pipe.index < pipe.size - 1) && !node.redirects.some((r) => r.type === "Redirect" && sendsStdout(r.operator, r.descriptor?.type === "FileDescriptor" ? r.descriptor.value : undefined)) && printsToStdout(innermost)) stdout.channel.writers.push(innermost);
  }

  /** `exec N> >(X)` opens N on a channel to X; `exec N< <(X)` on X's output; any other `exec N…` replaces what N was. */
  private openDescriptor(fds: Map<string, FdBinding>, key: string, operator: string, target: ShWord | undefined, ctx: TextScope): void {
    const writes = writeSubstitutions(target);
    if (writes.length && (operator === ">" || operator === ">>" || operator === ">|" || operator === "&>")) {
      const channel: Channel = { writers: [] };
      for (const script of writes) this.readers.set(script, channel);
      fds.set(key, { kind: "sink", channel });
      if (operator === "&>") fds.set("2", { kind: "sink", channel });
      return;
    }
    const word = target ? toWord(target, ctx) : undefined;
    if (operator === "<" && word?.raw.startsWith("<(")) fds.set(key, { kind: "source", raw: word.raw });
    else if ((operator === ">&" || operator === "<&") && word && !word.dynamic && fds.has(word.value) && word.value !== key) fds.set(key, fds.get(word.value)!);
    else fds.delete(key);
  }

  /** A command's redirections, and the input they give it (a heredoc, a here-string, a file, a descriptor). */
  private commandRedirects(node: ShCommand, ctx: TextScope): { redirects: Redirect[]; stdin: StdinSource | undefined } {
    const redirects: Redirect[] = [];
    let stdin: StdinSource | undefined;
    for (const r of node.redirects) {
      const span = ctx.map(r.pos, r.end);
      const fd = r.descriptor?.type === "FileDescriptor" ? r.descriptor.value : undefined;
      if (r.type === "HereDoc") {
        redirects.push({ operator: r.operator, fd, span });
        const body = ctx.map(r.body.pos, r.body.end);
        const quoted = r.delimiter?.quoted ?? true;
        // An unquoted heredoc reaches the command with `\$`, `\``, `\\` and backslash-newline already applied.
        if (fd === undefined || fd === 0) stdin = { kind: "heredoc", text: quoted ? r.body.text : unescapeHeredoc(r.body.text), quoted, span: body };
        continue;
      }
      const target = r.target ? globVarWord(toWord(r.target, ctx), ctx) : undefined;
      redirects.push({ operator: r.operator, fd, target, span });
      if (fd !== undefined && fd !== 0) continue;
      if (r.type === "HereString" && target) stdin = { kind: "herestring", word: target, span };
      else if (r.type === "Redirect" && r.operator === "<" && target) stdin = { kind: "file", path: target, span };
      else if (r.type === "Redirect" && r.operator === "<&" && target && target.value !== "0") stdin = this.descriptorInput(target, ctx, span);
    }
    return { redirects, stdin };
  }

  /** `PATH=…` (alone, before a command, or exported): the directories it names may hold programs this command text wrote. */
  private notePath(assignments: readonly Assignment[]): void {
    for (const a of assignments) if (a.name === "PATH" && a.value.type === "Word" && this.pathValues.length < 64) this.pathValues.push(...pathEntries(a.value.text));
  }

  /**
   * `printf '#!/bin/sh…' > .bin/ls; PATH=.bin:$PATH ls`: a call of a name that a file written earlier answers to on PATH
   * runs that file. A project or home directory this text puts on PATH may also hold one already (planted by an earlier
   * command): read from disk, a shell script there is checked like `./.bin/ls`.
   */
  private plantedProgram(inv: Invocation, ctx: TextScope): void {
    const name = inv.argv[0].value;
    // The PATH entries are built only for a name some earlier step wrote (a log file named like no program, usually none).
    const named = this.written.size ? this.written.named(name) : [];
    const entries = named.length ? [...this.pathValues, ...pathEntries(this.options.base?.env?.PATH ?? "")] : [];
    const written = named.filter((key) => plantedOnPath(key, entries, (p) => this.pathIn(p, inv.cwd)));
    const onDisk = this.pathValues.filter((dir) => !dir.startsWith("/")).map((dir) => posix.join(dir, name));
    for (const key of new Set([...written, ...onDisk])) {
      // A planted script that calls its own name again (PATH still has it first) would recurse: checked once.
      if (inv.via.some((v) => v.wrapper === key)) continue;
      this.pathScript({ ...inv, argv: [{ ...inv.argv[0], value: key, raw: key }, ...inv.argv.slice(1)] }, ctx);
    }
  }

  /**
   * A call of a name an earlier step rebound: `hash -p /bin/rm ls; ls -rf src` runs rm (argv[0] is replaced by the
   * file); an alias runs its body with the call's words; a name bound to code guard cannot name is unknown.
   */
  private rebound(node: ShCommand, argv: Word[], ctx: TextScope): void {
    const name = argv[0];
    const found = reboundName(name, ctx.names, ctx.functions?.bodies.has(name.value) === true);
    if (!found) return;
    const text = found.kind === "file" ? found.path : found.body;
    if (text === null) {
      this.problem("dynamic-command", `\`${name.value}\` was rebound earlier in the command to code guard cannot read`, name.span, ctx.via);
      return;
    }
    if (found.kind === "file") {
      argv[0] = { ...name, value: text, raw: text };
      return;
    }
    const span = ctx.map(node.pos, node.end);
    this.parseInto(`${text} ${node.args.map((a) => a.text).join(" ")}`, { via: [...ctx.via, { wrapper: `alias ${name.value}`, span }], depth: ctx.depth + 1, map: clampTo(span), dir: ctx.dir && cloneState(ctx.dir), inherit: ctx.vars, fds: ctx.fds });
  }

  /** `hash`, `alias`, `unalias`, `enable`: what later calls of a name run (see rebound.ts). */
  private rebinding(inv: Invocation, ctx: TextScope): void {
    const unknown = noteRebinding(inv.program, inv.argv, ctx.names!);
    if (unknown) this.problem("unknown-code", unknown, inv.span, inv.via);
  }

  /** `f a b`: the body runs with `$1`, `$2`, `"$@"` set to the call's arguments, when guard knows them. */
  private callFunction(name: string, body: SyntaxNode, args: Word[], ctx: TextScope, span: Span): void {
    const functions = ctx.functions!;
    if (ctx.calls?.includes(body)) return; // recursion: the body is already being checked
    const count = functions.walked.get(body) ?? 0;
    if (count > MAX_CALLS_PER_FUNCTION) return;
    const known = args.every((w) => !w.dynamic) && count < MAX_CALLS_PER_FUNCTION && this.spend(1);
    // Out of budget: the body is checked once more with unknown arguments, then no longer.
    if (!known && count > 0 && this.passBudget <= 0) return;
    this.walkFunction(name, body, known ? args : undefined, ctx, span);
  }

  /** Walks a function body for one call (arguments undefined: unknown). Variables it sets, other than locals, outlive the call. */
  private walkFunction(name: string, body: SyntaxNode, args: Word[] | undefined, ctx: TextScope, span: Span): void {
    const functions = ctx.functions!;
    functions.walked.set(body, (functions.walked.get(body) ?? 0) + 1);
    const lists = new Map(ctx.lists ?? []);
    lists.set("@", args ? args.map((w) => ({ value: w.value, glob: false })) : null);
    const params = args ? new Map([["0", ctx.params?.get("0") ?? "bash"], ...args.map((w, i): [string, string] => [String(i + 1), w.value])]) : undefined;
    const vars = new Map(ctx.vars ?? []);
    const locals = localNames(body);
    const inner: TextScope = { ...ctx, vars, lists, params, conditional: args ? ctx.conditional : true, maybe: false, calls: [...(ctx.calls ?? []), body], via: [...ctx.via, { wrapper: `${name}()`, span }], depth: ctx.depth + 1 };
    if (inner.depth > LIMITS.maxDepth) {
      this.problem("too-deep", `functions call each other more than ${LIMITS.maxDepth} levels deep`, span);
      return;
    }
    this.stack.push({ node: body, ctx: inner, hook: () => {
      for (const [k, v] of vars) {
        if (locals.has(k) || ctx.vars?.get(k) === v) continue;
        ctx.vars?.set(k, ctx.vars.has(k) ? null : v);
      }
    } });
    this.stack.push({ node: body, ctx: inner });
  }

  /** `shift [n]`: the positional parameters move down. */
  private shift(invocation: Invocation, ctx: TextScope): void {
    if (invocation.program !== "shift" || invocation.via.length !== ctx.via.length) return;
    const nWord = invocation.argv[1];
    const n = nWord === undefined ? 1 : !nWord.dynamic && /^\d+$/.test(nWord.value) ? Number(nWord.value) : undefined;
    const list = ctx.lists?.has("@") ? ctx.lists.get("@") : ctx.params ? [...ctx.params.entries()].filter(([k]) => k !== "0").sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => ({ value: v, glob: false })) : undefined;
    if (!ctx.lists) return;
    const shifted = list && n !== undefined && !ctx.maybe ? list.slice(n) : null;
    ctx.lists.set("@", shifted);
    ctx.params = shifted ? new Map([["0", ctx.params?.get("0") ?? "bash"], ...shifted.map((f, i): [string, string] => [String(i + 1), f.value])]) : undefined;
  }

  /**
   * `export`/`declare`/`typeset`/`local`/`readonly` (however the name is spelled: `\\local`, `l''ocal`):
   * their `NAME=value` arguments assign, and export marks names a child shell inherits.
   */
  private declare(node: ShCommand, name: string, ctx: TextScope): void {
    // With a quoted command name the parser keeps `X=~` as a plain word: read it as the assignment it is.
    const assignments = node.args.flatMap((a) => (a.type === "Assignment" ? [a] : a.type === "Word" ? wordAssignment(a) : []));
    const exported = name === "export" || node.args.some((a) => a.type === "Word" && /^-\w*x/.test(a.value));
    this.remember(assignments, ctx, exported);
    if (exported) {
      for (const a of assignments) ctx.exported?.add(a.name);
      for (const a of node.args) if (a.type === "Word" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value)) ctx.exported?.add(a.value);
    }
    // `declare -n r=HOME`: r names another variable, whose value (now or later) is what `$r` gives.
    if (node.args.some((a) => a.type === "Word" && /^-\w*n/.test(a.value))) for (const a of assignments) ctx.vars?.set(a.name, null);
    // `T=$(cat t); export T`
    for (const a of node.args) {
      const tainted = a.type === "Word" ? ctx.taint?.get(a.value) : undefined;
      if (tainted && exported) tainted.exported = true;
    }
  }

  /** `cd`, `pushd`, `popd` (also as `builtin cd`, `command cd`) and `set -e` change how later paths resolve. */
  private trackDirectory(node: ShCommand, invocation: Invocation, ctx: TextScope): void {
    if (!ctx.dir || !this.options.base) return;
    let argv = invocation.argv;
    if ((invocation.program === "builtin" || invocation.program === "command") && argv.length > 1) argv = argv.slice(1);
    const program = programName(argv[0]);
    if (DIR_CHANGERS.has(program)) applyCd(ctx.dir, node, program, argv.slice(1), this.options.base, ctx.conditional ?? false);
    else if (program === "set" && !ctx.conditional && setsErrexit(argv.slice(1))) ctx.dir.errexit = true;
  }

  /** Where a wrapped command runs: `env -C DIR`, `sudo -D DIR`, or on another machine or in a container (see remoteStart). */
  private wrappedCwd(outer: Invocation, first: Word, label?: string): Dir[] | undefined {
    const base = this.options.base;
    if (!base) return outer.cwd;
    const remote = remoteStart(outer.program, base.home, label);
    if (remote) return remote;
    const dirWord = chdirOption(outer.program, outer.argv, first);
    if (!dirWord) return outer.cwd;
    return (outer.cwd ?? [base.cwd]).map((d) => resolvePath(dirWord, d, base));
  }

  /** A compound command's input file (`done < FILE`), modelled as `:` reading it, so the rules about what is read see it. */
  private compoundInput(path: Word, span: Span, ctx: TextScope): Invocation {
    const invocation: Invocation = { program: ":", argv: [literalWord(":", { start: span.start, end: span.start })], env: [], redirects: [{ operator: "<", target: path, span }], pipeline: { index: 0, size: 1 }, via: ctx.via, span };
    if (ctx.dir) invocation.cwd = [...ctx.dir.dirs];
    return invocation;
  }

  /** A command made only of redirections (and assignments): modelled as `:` with those redirections. */
  private redirectOnly(node: ShCommand, ctx: TextScope): Invocation {
    const span = ctx.map(node.pos, node.end);
    const redirects: Redirect[] = node.redirects.flatMap((r) => (r.type === "HereDoc" ? [] : [{ operator: r.operator, fd: r.descriptor?.type === "FileDescriptor" ? r.descriptor.value : undefined, target: r.target ? toWord(r.target, ctx) : undefined, span: ctx.map(r.pos, r.end) }]));
    const invocation: Invocation = { program: ":", argv: [literalWord(":", { start: span.start, end: span.start })], env: [], redirects, pipeline: { index: 0, size: 1 }, via: ctx.via, span };
    if (ctx.dir) invocation.cwd = [...ctx.dir.dirs];
    return invocation;
  }

  /** A path named in the command, made absolute against the directory the command runs in; undefined when that is not one known directory. */
  private pathIn(path: string, dirs: readonly Dir[] | undefined): string | undefined {
    const base = this.options.base;
    if (!base || path.startsWith("/")) return path;
    if (path === "~" || path.startsWith("~/")) return base.home + path.slice(1);
    const dir = dirs ?? [base.cwd];
    if (dir.length !== 1 || dir[0] === null) return undefined;
    return resolvePath({ value: path, raw: path, dynamic: false, glob: false, span: { start: 0, end: 0 } }, dir[0], base) ?? undefined;
  }

  /** Reads a file named relative to where the command runs. */
  private readIn(path: string, dirs: readonly Dir[] | undefined): string | undefined {
    // A file written earlier in this command is read as written (see written.ts).
    if (this.written.size && this.written.has(path)) return this.readFile(path);
    const full = this.pathIn(path, dirs);
    return full === undefined ? undefined : this.readFile(full);
  }

  private record(invocation: Invocation): boolean {
    if (this.invocations.length >= LIMITS.maxInvocations) {
      this.problem("too-many-commands", `more than ${LIMITS.maxInvocations} commands`, invocation.span);
      this.stopped = true;
      return false;
    }
    if (this.written.size) invocation.written = this.written.snapshot();
    if (this.treeChanged) invocation.afterTreeChange = true;
    else if (changesWorktree(invocation)) this.treeChanged = true;
    if (invocation.program === "git") {
      if (this.fetched) invocation.afterFetch = true;
      if (updatesRemoteRefs(invocation.argv)) this.fetched = true;
    }
    this.invocations.push(invocation);
    if (!invocation.program) {
      this.problem("dynamic-command", `the command name \`${invocation.argv[0].raw}\` is only known at run time`, invocation.argv[0].span, invocation.via);
    }
    return true;
  }

  /** Records an invocation and each command it runs through wrappers (`sudo env X=1 rm` → sudo, env, rm). */
  private followWrappers(first: Invocation, ctx: TextScope, pipe?: PipeInfo): Invocation {
    let current: Invocation | undefined = first;
    let innermost = first;
    let noted = false;
    for (let hops = 0; current; hops++) {
      if (!this.record(current)) return innermost;
      // `mv src /tmp/trash && rm -rf /tmp/trash` deletes src: checked as `rm -rf src` where the mv ran.
      for (const moved of this.moved.follow(current)) if (!this.record(moved)) return innermost;
      this.evaluated(current, ctx);
      if (current.program === "git" && this.written.size) this.gitHooks(current, ctx);
      if (this.written.size && BUILD_CODE.some((b) => b.programs.includes(toolName(current!)))) this.writtenBuildCode(current, ctx);
      innermost = current;
      if ((this.written.size || this.pathValues.length) && current.program && !current.argv[0].dynamic && !current.argv[0].value.includes("/")) this.plantedProgram(current, ctx);
      // `sudo echo 'cmd' | sh`: what reaches the pipe is what the innermost command prints.
      if (pipe) pipe.producers[pipe.index] = current;
      if (!current.program) break;
      if (hops > LIMITS.maxDepth) {
        this.problem("too-deep", `more than ${LIMITS.maxDepth} wrappers around one command`, current.span);
        break;
      }
      if (isForeignShell(current.program) && (current.argv.length > 1 || current.stdin)) {
        this.problem("unknown-shell-input", `${current.program} has a grammar of its own, which guard does not parse`, current.span);
        return innermost;
      }
      // `git config alias.x '!…'; git x`: settings written earlier in the text apply to later git commands.
      const settings = current.program === "git" ? gitConfigSettings(current.argv) : [];
      const result = unwrap(current.program === "git" && this.gitSettings.length && !settings.length ? withGitSettings(current.argv, this.gitSettings) : current.argv, [...current.env, ...exportedCommands(current, ctx)]);
      if (settings.length && this.gitSettings.length < 32) this.gitSettings.push(...settings);
      if (result.kind === "none") this.sqlShell(current, ctx);
      if (result.kind === "none" && current.argv[0].value.includes("/")) this.pathScript(current, ctx);
      if (result.kind === "none" && !noted) {
        // Noted first: what the fallback guesses the program writes replaces it, marked as a guess.
        this.written.note(first, current);
        noted = true;
        this.fallback(current, ctx, pipe);
      }
      current = this.applyUnwrapped(current, result, ctx);
    }
    // What the command writes is known once the command that produces its output is.
    if (!noted) this.written.note(first, innermost);
    return innermost;
  }

  /**
   * The generic fallback: a program guard does not know may run its arguments as a command
   * (`mytool exec rm -rf ~`, `mytool --run 'git push -f'`). Each place where a command guard knows
   * starts is checked as if it ran, on a path marked as a guess.
   */
  private fallback(inv: Invocation, ctx: TextScope, pipe: PipeInfo | undefined): void {
    // Printers count too: `mytool run echo / | xargs rm -rf` is checked with what echo would print.
    const known = (name: string) => this.options.knownProgram?.(name) === true || hasUnwrapper(name) || interpreterLanguage(name) !== undefined || isDashedGit(name) || PRINTERS.has(name);
    // Without the rule set guard cannot tell an unknown program from one its rules know: no guessing.
    if (!this.options.knownProgram) return;
    // One level of guessing: a guess inside a guess would multiply the work for nothing a user writes.
    if (!fallbackApplies(inv.program, known) || inv.argv.length < 2 || inv.via.some((v) => v.guess)) return;
    const step: WrapperStep = { wrapper: `${inv.program} (unknown program: its arguments may run)`, span: inv.span, guess: true };
    const via = [...inv.via, step];
    for (const candidate of fallbackCandidates(inv.argv, known)) {
      if (candidate.kind === "string") {
        this.parseInto(candidate.word.value, { via, depth: ctx.depth + 1, map: mapperInside(candidate.word) });
        continue;
      }
      if (candidate.kind === "embedded") {
        this.parseInto(candidate.text, { via, depth: ctx.depth + 1, map: clampTo(candidate.word.span) });
        continue;
      }
      const words = candidate.words;
      // A wrapper hands on its stdin and output: `mytool run psql < dump.sql`, `mytool run echo x | sh`.
      this.followWrappers({ ...inv, program: programName(words[0]), argv: words, via, span: { start: words[0].span.start, end: inv.span.end } }, { ...ctx, depth: ctx.depth + 1 }, pipe);
    }
  }

  /** Acts on what a wrapper runs; returns the next argv-level invocation to follow, if any. */
  private applyUnwrapped(outer: Invocation, result: Unwrapped, ctx: TextScope): Invocation | undefined {
    const step: WrapperStep = { wrapper: wrapperLabel(outer.program, result), span: outer.span };
    const via = [...outer.via, step];
    // A remote or container shell starts somewhere guard cannot see: its relative paths are unknown.
    const remote = (result.kind === "shell-words" || result.kind === "shell-string" || result.kind === "argv") && this.options.base ? remoteStart(outer.program, this.options.base.home, result.label) : undefined;
    const dir = ctx.dir && cloneState(ctx.dir, remote ?? outer.cwd ?? ctx.dir.dirs);
    // Shell text run by a wrapper inherits the wrapper's stdin (`echo 'rm -rf ~' | eval bash`) and its environment.
    const inherit = this.childVars(outer, ctx);
    const sameShell = SAME_SHELL.has(outer.program);
    const nested = (map: SpanMapper): TextScope => ({ via, depth: ctx.depth + 1, map, dir, inherit, inheritFunctions: ctx.functions?.bodies, fds: ctx.fds, ...(sameShell ? { inheritTaint: ctx.taint } : {}), ...(outer.stdin ? { stdin: outer.stdin } : {}) });
    switch (result.kind) {
      case "none":
        return undefined;
      case "argv":
        return result.xargs ? this.xargs(outer, result.words, result.xargs, via, ctx) : this.wrapped(outer, result, via);
      case "several":
        // `git -c core.pager=CMD log`: each thing runs; none continues the wrapper chain.
        for (const item of result.list) {
          const next = this.applyUnwrapped(outer, item, ctx);
          if (next) this.followWrappers(next, ctx);
        }
        return undefined;
      case "unknown":
        this.problem("unknown-code", result.detail, result.span, via);
        return undefined;
      case "lifecycle":
        this.lifecycle(outer, result, nested(clampTo(outer.span)));
        return undefined;
      case "argvs":
        for (const words of result.list) {
          const span = { start: words[0].span.start, end: words[words.length - 1].span.end };
          // find's -exec commands inherit find's stdin (`… | find . -exec bash \;` runs the piped text).
          this.followWrappers({ ...outer, program: programName(words[0]), argv: words, via, span, appendedArgs: "find" }, ctx);
        }
        return undefined;
      case "shell-string":
        this.shellString(outer, result.word, nested);
        return undefined;
      case "shell-words":
        this.shellWords(outer, result.words, nested);
        return undefined;
      case "shell-stdin":
        // The script is the stdin: commands in it do not read it again.
        this.shellStdin(outer, (map) => ({ ...nested(map), stdin: undefined }));
        return undefined;
      case "script-file":
        this.scriptFile(outer, result.path, nested(clampTo(outer.span)));
        if (sameShell) this.sourcedSecrets(outer, result.path, ctx);
        return undefined;
      case "script-code":
        this.scriptCode(outer, result, ctx);
        return undefined;
      case "package-script":
        return this.packageScript(outer, result, via, nested(clampTo(outer.span)));
      case "make":
        this.make(outer, result, nested(clampTo(outer.span)));
        return undefined;
      case "task-file":
        this.taskFile(outer, result, nested(clampTo(outer.span)));
        return undefined;
      case "playbook":
        this.playbook(outer, result, nested(clampTo(outer.span)));
        return undefined;
      case "code":
        this.code(outer, result, via, ctx);
        return undefined;
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }

  /** The command a wrapper runs as argv (`sudo rm -rf /`): the next invocation, carrying the wrapper's env, stdin and cwd. */
  private wrapped(outer: Invocation, result: Extract<Unwrapped, { kind: "argv" }>, via: WrapperStep[]): Invocation {
    return {
      ...outer,
      program: programName(result.words[0]),
      argv: result.words,
      env: [...outer.env, ...(result.env ?? [])],
      // xargs consumes the pipe itself; what it runs reads nothing from it.
      stdin: result.appendedArgs === "stdin" ? undefined : outer.stdin,
      via,
      span: { start: result.words[0].span.start, end: outer.span.end },
      appendedArgs: result.appendedArgs ?? outer.appendedArgs,
      ...(outer.cwd ? { cwd: this.wrappedCwd(outer, result.words[0], result.label) } : {}),
    };
  }

  /** `bash -c 'TEXT' _ ARGS`: the text is parsed as shell, with its positional parameters when literal. */
  private shellString(outer: Invocation, word: Word, nested: (map: SpanMapper) => TextScope): void {
    if (word.dynamic) this.problem("dynamic-shell-string", `\`${word.raw}\` is expanded before ${outer.program} parses it`, word.span);
    // `sh -c 'rm -rf "$1"' _ /`: the words after the string are $0, $1…; known when literal.
    const extra = outer.argv.slice(outer.argv.indexOf(word) + 1);
    const params = extra.every((w) => !w.dynamic) ? new Map(extra.map((w, i) => [String(i), w.value])) : undefined;
    this.parseInto(wordText(word), { ...nested(mapperInside(word)), params });
    const dash = dashReading(outer.program, wordText(word));
    if (dash !== undefined) this.parseInto(dash, { ...nested(clampTo(word.span)), params });
  }

  /** `eval A B`, `ssh host rm -rf x`: the words are joined with spaces and parsed as shell. */
  private shellWords(outer: Invocation, words: Word[], nested: (map: SpanMapper) => TextScope): void {
    if (this.generated(words, nested(clampTo(union(words))))) return;
    const dynamic = words.filter((w) => w.dynamic);
    if (dynamic.length) this.problem("dynamic-shell-string", `\`${dynamic[0].raw}\` is expanded before ${outer.program} parses it`, dynamic[0].span);
    const map = words.length === 1 ? mapperInside(words[0]) : clampTo(union(words));
    this.parseInto(words.map(wordText).join(" "), nested(map));
  }

  /**
   * The variables shell text run by `outer` starts with: `eval` and `source` run in this shell and see
   * them all; a child shell sees the exported ones and those set for it (`X=~ bash -c`, `env X=/ sh -c`).
   */
  private childVars(outer: Invocation, ctx: TextScope): Map<string, string | null> {
    if (SAME_SHELL.has(outer.program)) return new Map(ctx.vars ?? []);
    const vars = new Map<string, string | null>();
    for (const name of ctx.exported ?? []) if (ctx.vars?.has(name)) vars.set(name, ctx.vars.get(name) ?? null);
    for (const e of outer.env) vars.set(e.name, e.dynamic ? null : e.value);
    return vars;
  }

  /**
   * `echo / | xargs rm -rf`: the input is literal, so the arguments xargs adds are known. Each item
   * becomes a literal argument (or replaces the -I string), and the resulting commands are followed.
   */
  private xargs(outer: Invocation, words: Word[], input: XargsInput, via: WrapperStep[], ctx: TextScope): Invocation | undefined {
    const text = input.file
      ? (input.file.dynamic ? undefined : this.readFile(input.file.value))
      : outer.stdin ? literalStdin(outer.stdin, this.readFile) : undefined;
    const base = { ...outer, env: outer.env, stdin: input.file ? outer.stdin : undefined, via, span: { start: words[0].span.start, end: outer.span.end }, appendedArgs: "stdin" as const };
    const guessed = outer.stdin?.kind === "pipe" && outer.stdin.producer?.via.some((v) => v.guess) === true;
    if (text !== undefined) {
      this.xargsCommands(base, words, xargsItems(text, input), input, input.file?.span ?? outer.stdin!.span, ctx);
      // Input from a program guard only guessed at (`mytool run echo / | xargs …`) may be anything else too.
      if (!guessed) return undefined;
    }
    // `find … | xargs CMD`: CMD gets exactly the paths find reaches, so it is also judged as `find … -exec CMD {} +`
    // (also when guard only guessed that an unknown program runs that find: the guess is judged as written).
    const producer = !input.file && outer.stdin?.kind === "pipe" ? outer.stdin.producer : undefined;
    if (producer?.program === "find") {
      this.followWrappers(findExecEquivalent(producer, words, input, outer), ctx);
      // `find … -print0 | xargs -0 CMD` hands CMD exactly find's paths, so that judgement is the whole one. Without
      // -0, xargs splits a path at blanks and quotes (`./my dir/node_modules` is `./my` and `dir/node_modules`).
      if (input.nul && !guessed && printsOnlyPathsNul(producer)) return undefined;
    }
    // Input guard cannot see (`ls | xargs rm -rf`): the items are run-time values, so a recursive delete of them is unknown.
    const argv = input.replace !== undefined
      ? words.map((w) => (!w.dynamic && w.value.includes(input.replace!) ? unseenWord(w, w.value.split(input.replace!).join("$XARGS_ITEM")) : w))
      : [...words, ...listedGlobs(outer), { ...unseenWord({ value: "", raw: "", dynamic: true, glob: false, span: outer.stdin?.span ?? outer.span }, "$XARGS_ITEMS"), ...(listsTrackedFiles(outer) ? { unseen: TRACKED_FILES } : listsUntrackedFiles(outer) ? { unseen: UNTRACKED_FILES } : {}) }];
    return { ...base, program: programName(argv[0]), argv };
  }

  private xargsCommands(base: Invocation, words: Word[], items: string[], input: XargsInput, span: Span, ctx: TextScope): undefined {
    const argvs = input.replace === undefined
      ? [[...words, ...items.map((item) => literalWord(item, span))]]
      : items.slice(0, MAX_XARGS_COMMANDS).map((item) => words.map((w) => (!w.dynamic && w.value.includes(input.replace!) ? literalWord(w.value.split(input.replace!).join(item), w.span) : w)));
    for (const argv of argvs) this.followWrappers({ ...base, program: programName(argv[0]), argv }, ctx);
    return undefined;
  }

  /** A shell reading its script from stdin: check the text when it is literal, otherwise fail closed. */
  private shellStdin(shell: Invocation, nested: (map: SpanMapper) => TextScope): void {
    const stdin = shell.stdin;
    if (!stdin) return; // an interactive shell: nothing known runs
    switch (stdin.kind) {
      case "heredoc": {
        const exact = stdin.span.end - stdin.span.start === stdin.text.length;
        const offset = stdin.span.start;
        this.parseInto(stdin.text, nested(exact ? (s, e) => ({ start: s + offset, end: e + offset }) : clampTo(stdin.span)));
        return;
      }
      case "herestring":
        if (stdin.word.dynamic) this.problem("dynamic-shell-string", `\`${stdin.word.raw}\` is expanded before ${shell.program} parses it`, stdin.word.span);
        this.parseInto(wordText(stdin.word), nested(mapperInside(stdin.word)));
        return;
      case "file":
        this.scriptFile(shell, stdin.path, nested(clampTo(stdin.span)));
        return;
      case "pipe": {
        const text = producedText(stdin.producer, this.readFile);
        if (text === undefined) {
          const from = stdin.producer ? `\`${stdin.producer.program || stdin.producer.argv[0].raw}\`` : "a compound command";
          this.problem("unknown-shell-input", `${shell.program} runs whatever ${from} writes to it`, shell.span);
          return;
        }
        this.parseInto(text, nested(clampTo(stdin.producer!.span)));
        // Guessed output (an unknown program's arguments read as a command): the real output may be anything.
        if (stdin.producer?.via.some((v) => v.guess)) this.problem("unknown-shell-input", `${shell.program} runs whatever \`${stdin.producer.via.find((v) => v.guess)!.wrapper.replace(/ \(.*$/, "")}\` writes to it`, shell.span);
        return;
      }
      default: {
        const unreachable: never = stdin;
        void unreachable;
      }
    }
  }

  /** `npm run X`: each of preX, X, postX is run by `sh -c`; extra arguments are appended to X. */
  private packageScript(outer: Invocation, run: Extract<Unwrapped, { kind: "package-script" }>, via: WrapperStep[], ctx: TextScope): Invocation | undefined {
    const local = this.containerProject(outer);
    if (local) outer = { ...outer, cwd: local };
    // With several possible directories (`a || cd sub && npm test`), each one's package.json is checked.
    const places = (outer.cwd ?? [null]).length > 1 ? outer.cwd!.map((d) => [d]) : [outer.cwd];
    if (places.length > 1) {
      for (const place of places) {
        const binary = this.packageScript({ ...outer, cwd: place }, run, via, ctx);
        if (binary) this.followWrappers(binary, ctx);
      }
      return undefined;
    }
    const found = this.nearestPackageJson(outer.cwd);
    const json = found?.text;
    const scripts = json === undefined || run.name.dynamic ? undefined : packageScripts(json, run.name.value);
    if (!scripts) {
      this.problem("unknown-shell-input", `${outer.program} runs a package.json script guard cannot read`, outer.span, outer.via);
      return undefined;
    }
    if (!scripts.found && local) {
      // The container's package.json may have the script the project's lacks.
      this.problem("unknown-shell-input", `${outer.program} runs a script the container may have and this project does not`, outer.span, outer.via);
      return undefined;
    }
    if (!scripts.found) {
      // yarn/pnpm/bun fall back to a binary of that name; npm fails and runs nothing.
      if (!run.fallbackBinary) return undefined;
      const words = run.fallbackBinary;
      return { ...outer, program: programName(words[0]), argv: words, via, span: { start: words[0].span.start, end: outer.span.end } };
    }
    this.guessedFile("package.json", outer);
    const extra = run.extra.map((w) => w.raw).join(" ");
    // Scripts run in the package's directory, wherever npm was started.
    // In a container (see containerProject) they run in the container's directory, which guard cannot see.
    const scriptCtx = ctx.dir && found && !local ? { ...ctx, dir: cloneState(ctx.dir, [found.dir]) } : ctx;
    for (const text of [scripts.pre, extra ? `${scripts.main} ${extra}` : scripts.main, scripts.post]) {
      if (text !== undefined) this.parseInto(text, scriptCtx);
    }
    return undefined;
  }

  /**
   * npm, yarn, pnpm and bun use the nearest package.json at or above the working directory. Walking
   * up needs to know that a directory has none (`pathKind` says "missing"); anything else stops the walk.
   */
  private nearestPackageJson(dirs: readonly Dir[] | undefined): { text: string; dir: string } | undefined {
    // Written earlier in this command (`npm pkg set scripts.test=…`): read as written.
    if (this.written.size && this.written.has("package.json") && (dirs === undefined || dirs.length === 1)) {
      const text = this.readFile("package.json");
      if (text !== undefined) return { text, dir: this.pathIn(".", dirs) ?? "." };
      // Rewritten in a way guard cannot follow (`sed -i …`, `jq … > p && mv p package.json`): not the file on disk.
      if (this.written.unknown("package.json")) return undefined;
    }
    const start = this.pathIn(".", dirs);
    if (start === undefined) return undefined;
    let dir = start;
    for (let i = 0; i < 64; i++) {
      const file = dir === "/" ? "/package.json" : `${dir}/package.json`;
      const text = this.options.readFile?.(this.options.base ? file : "package.json");
      if (text !== undefined) return { text, dir };
      if (!this.options.base || this.options.pathKind?.(file) !== "missing" || dir === "/") return undefined;
      dir = dir.slice(0, dir.lastIndexOf("/")) || "/";
    }
    return undefined;
  }

  /**
   * `npm install`, `npm ci`, `yarn`, `pnpm install`: the project's own lifecycle scripts run like `npm run`.
   * A package.json that is missing has none; one written in this command with unknown content is unknown.
   */
  private lifecycle(outer: Invocation, run: Extract<Unwrapped, { kind: "lifecycle" }>, ctx: TextScope): void {
    const json = this.readFile("package.json");
    if (json === undefined) {
      if (this.written.unknown("package.json")) this.problem("unknown-shell-input", `${run.label} runs package.json scripts written earlier in this command`, outer.span, outer.via);
      return;
    }
    this.guessedFile("package.json", outer);
    for (const name of run.scripts) {
      const scripts = packageScripts(json, name);
      if (scripts?.found && scripts.main !== undefined) this.parseInto(scripts.main, ctx);
    }
  }

  /** Interpreter one-liners: shell strings they run are parsed; argvs and deletions are followed as commands. */

  /**
   * `onDisk`: the code is a file that was already in the project (see writtenScript): what it plainly does counts,
   * and values it computes at run time are the project's own business rather than something to fail closed on.
   */
  private code(outer: Invocation, run: Extract<Unwrapped, { kind: "code" }>, via: WrapperStep[], ctx: TextScope, onDisk = false): void {
    if (run.file) {
      this.writtenScript(outer, run, via, ctx);
      return;
    }
    const source = run.code ? (run.code.dynamic ? run.code.shellText ?? run.code.raw : run.code.value) : outer.stdin ? literalStdin(outer.stdin, this.readFile) : undefined;
    // `perl -e 'exec @ARGV' rm -rf src`: the code's own arguments, when literal, stand in its references to them.
    const literalArgs = run.args?.every((w) => !w.dynamic) ? run.args.map((w) => w.value) : undefined;
    const text = source !== undefined && CODE_LANGUAGES.has(run.language) ? bindArguments(run.language as Language, source, literalArgs) : source;
    const span = run.code?.span ?? outer.stdin?.span ?? outer.span;
    if (text === undefined) {
      // Code piped in from a program guard cannot read (`curl … | python3`) could do anything the language can.
      // An interactive interpreter, or a script redirected from a file (`python3 < tool.py`, the project's own), is not.
      if (outer.stdin && outer.stdin.kind !== "file") this.problem("unknown-shell-input", `${run.label} runs code from input guard cannot read`, span, via);
      return;
    }
    // `node -e "$(curl …)"`, `python3 -c "$CODE"`: the code itself is produced at run time.
    if (run.code?.dynamic && computedCode(run.code.raw)) this.problem("dynamic-shell-string", `${run.label} runs code built at run time`, span, via);
    // `node -e 'fetch(u, {method: process.argv[1]})' DELETE`: the code's literal arguments are values it reads.
    const args = CODE_LANGUAGES.has(run.language) ? argumentValues(run.language as Language, text, run.args, run.script === true) : undefined;
    for (const action of codeActions(run.language, text, args)) {
      const step = [...via, { wrapper: action.call, span }];
      switch (action.kind) {
        case "shell":
          // In a project file, text that is not shell at all was misread as a command (a regex, a template): skipped, not refused.
          if (onDisk && !parseShell(action.text).ok) break;
          this.parseInto(action.text, { via: step, depth: ctx.depth + 1, map: clampTo(span), dir: ctx.dir && cloneState(ctx.dir, outer.cwd ?? ctx.dir.dirs) });
          break;
        case "argv": {
          // In a project file, a program named at run time is the project's own business (see `onDisk`).
          if (onDisk && action.dynamic?.includes(0)) break;
          // Values the code computes at run time (a request body built from variables) are words guard cannot read.
          const argv = action.argv.map((value, i) => (action.dynamic?.includes(i) ? { ...literalWord("", span), raw: value, dynamic: true } : { ...literalWord(value, span), glob: action.globs?.includes(i) === true }));
          this.followWrappers({ ...outer, program: programName(argv[0]), argv, env: outer.env, stdin: undefined, via: step, span }, { ...ctx, depth: ctx.depth + 1 });
          break;
        }
        case "unknown":
          if (!onDisk) this.problem("dynamic-shell-string", `${run.label} passes a value guard cannot read to ${action.call}`, span);
          break;
        default: {
          const unreachable: never = action;
          void unreachable;
        }
      }
    }
  }

  /**
   * `python3 x.py`, `node scripts/cleanup.js`: the script's code is read like a one-liner, whether it was
   * written earlier in this command or is already on disk (an agent writes a script with its file tool, then
   * runs it: the incident's API call fits in one). Content written in this command that guard cannot read is
   * unknown; a file on disk guard cannot read (missing, too large, not a regular file) is left to the program.
   */
  private writtenScript(outer: Invocation, run: Extract<Unwrapped, { kind: "code" }>, via: WrapperStep[], ctx: TextScope): void {
    const file = run.file!;
    if (file.dynamic) return;
    const written = this.written.has(file.value);
    // In a container or on a remote host (`docker exec app python3 x.py`, `ssh host node x.js`) guard cannot see the
    // directory: the project's own copy of the script is the best guess there, and reading it can only add findings.
    const base = this.options.base;
    const dirs = outer.cwd?.includes(null) && base ? this.containerProject(outer) ?? [base.cwd] : outer.cwd;
    const text = written ? this.readFile(file.value) : this.readIn(file.value, dirs);
    if (text === undefined) {
      if (written) this.problem("unknown-shell-input", `${run.label} runs a file written earlier in this command, which guard cannot read`, file.span, outer.via);
      return;
    }
    this.code(outer, { ...run, file: undefined, code: literalWord(text, file.span), script: true }, via, ctx, !written);
    this.guessedFile(file, outer);
  }

  /**
   * Defining a function named like guard's program or its shell traps replaces them: recorded as a
   * `function NAME` command so the self-protection rules see it.
   */
  private guardFunction(name: string, span: Span, via: WrapperStep[]): void {
    if (!GUARD_FUNCTION_NAMES.test(name)) return;
    const word = (value: string): Word => ({ value, raw: value, dynamic: false, glob: false, span });
    this.record({ program: "function", argv: [word("function"), word(name)], env: [], redirects: [], pipeline: { index: 0, size: 1 }, via, span });
  }

  /**
   * Source or build scripts written earlier in this command, then a build tool that runs them
   * (`cat > w.go <<EOF … EOF; go run w.go`, `echo 'task x { delete … }' >> build.gradle && gradle x`):
   * the written code is read for what it plainly does (see foreign-code.ts); unknown content is unknown.
   */
  private writtenBuildCode(outer: Invocation, ctx: TextScope): void {
    const sub = outer.argv.slice(1).find((w) => !w.value.startsWith("-"));
    const name = toolName(outer);
    const tool = BUILD_CODE.find((b) => b.programs.includes(name) && (!b.subcommands || (sub && !sub.dynamic && b.subcommands.includes(sub.value))));
    if (!tool) return;
    const label = `${name}${tool.subcommands ? ` ${sub!.value}` : ""}`;
    const via = [...outer.via, { wrapper: label, span: outer.span }];
    for (const [path, content] of this.written.snapshot()) {
      if (!tool.files.test(path)) continue;
      if (content === null) {
        this.problem("unknown-shell-input", `${label} runs \`${path}\`, written earlier in this command, which guard cannot read`, outer.span, outer.via);
        continue;
      }
      this.code(outer, { kind: "code", language: tool.language, code: literalWord(content, outer.span), label: `${label} (${path})` }, via, ctx);
      // `//go:generate CMD`: go generate runs each directive's command.
      if (sub?.value === "generate") for (const m of content.matchAll(/^\/\/go:generate[ \t]+(.+)$/gm)) this.parseInto(m[1], { via, depth: ctx.depth + 1, map: clampTo(outer.span), dir: ctx.dir });
    }
  }

  /**
   * A git hook written earlier in this command, then a git command that runs hooks (`echo … > .git/hooks/pre-commit;
   * git commit`): the hook is checked like a script run by path; one guard cannot read (or not a shell script) is unknown.
   */
  private gitHooks(outer: Invocation, ctx: TextScope): void {
    const sub = outer.argv.slice(1).find((w) => !w.value.startsWith("-"));
    if (!sub || sub.dynamic || !HOOK_RUNNERS.has(sub.value)) return;
    for (const [path, content] of this.written.snapshot()) {
      if (!HOOK_FILE.test(path)) continue;
      const shell = content !== null && (!content.startsWith("#!") || /^#!.*\b(?:ba|z|da|k)?sh\b/.test(content.slice(0, content.indexOf("\n") >>> 0)));
      if (!shell) {
        this.problem("unknown-shell-input", `git ${sub.value} runs the hook \`${path}\` written earlier in this command, which guard cannot read`, outer.span, outer.via);
        continue;
      }
      this.parseInto(content!, ctx);
    }
  }

  /**
   * `docker compose exec api npm test`, `kubectl exec pod -- make test`: a project script run in a
   * container whose working directory guard cannot see. The container runs an image built from this
   * project or has it mounted, so the script is read from the project's own package.json or makefile
   * (where the command was started); a script the project does not have stays unknown.
   */
  private containerProject(outer: Invocation): Dir[] | undefined {
    const base = this.options.base;
    if (!base || !outer.cwd?.includes(null) || !outer.via.some((v) => CONTAINER_RUNNER.test(v.wrapper))) return undefined;
    return [base.cwd];
  }

  /**
   * `just test`, `poe lint`: the recipe's or task's shell lines, from the justfile or pyproject.toml at or
   * above where the command runs (as written earlier in the command, else on disk). With no such file up
   * the tree the runner refuses and runs nothing. Code that is not shell (a shebang recipe in Python, a
   * poe script task) is the project's own when it is on disk, and unknown when the command just wrote it.
   */
  private taskFile(outer: Invocation, run: Extract<Unwrapped, { kind: "task-file" }>, ctx: TextScope): void {
    const base = this.options.base;
    const local = this.containerProject(outer);
    if (local) outer = { ...outer, cwd: local };
    if (run.tasks.some((t) => t.dynamic) || run.file?.dynamic || run.dir?.dynamic) {
      this.problem("unknown-shell-input", `${run.runner} runs tasks guard cannot name`, outer.span, outer.via);
      return;
    }
    const dirs = run.dir && base ? (outer.cwd ?? [base.cwd]).map((d) => resolvePath(run.dir!, d, base)) : outer.cwd;
    const names = run.file ? [run.file.value] : run.runner === "just" ? ["justfile", "Justfile", ".justfile"] : ["pyproject.toml"];
    const found = this.nearestOf(names, dirs, !run.file);
    // A container may have the file the project lacks.
    if (found === "missing" && !local) return;
    const lines = found === undefined || found === "missing" ? undefined : run.runner === "just" ? justLines(found.text, run.tasks.map((t) => t.value), !local) : poeLines(found.text, run.tasks[0]?.value ?? "");
    if (!found || found === "missing" || !lines) {
      this.problem("unknown-shell-input", `${run.runner} runs ${names[0]} tasks guard cannot read`, outer.span, outer.via);
      return;
    }
    if (lines.foreign.length && (found.written || local)) {
      this.problem("unknown-shell-input", `${run.runner} runs \`${lines.foreign[0]}\`, code in ${found.written ? "a file written earlier in this command" : "the container"} that guard cannot read`, outer.span, outer.via);
    }
    const dir = ctx.dir && !local ? cloneState(ctx.dir, [found.dir]) : ctx.dir;
    for (const line of lines.lines) this.parseInto(line, { ...ctx, dir });
  }

  /**
   * `ansible-playbook site.yml`: each task's command (shell/command/raw, file state=absent, package,
   * service and user removals…) is checked as if run on the hosts, which start in a home directory like
   * ssh's. What guard cannot read (an unreadable playbook, roles, includes, modules with unreadable
   * arguments) asks only when the run names production (inventory, limit, vars) or the playbook's name
   * says it destroys (`teardown.yml`): a project's own playbooks run all day, and guard reads no roles.
   */
  private playbook(outer: Invocation, run: Extract<Unwrapped, { kind: "playbook" }>, ctx: TextScope): void {
    for (const book of run.playbooks) {
      const risky = run.production || DESTROYING_PLAYBOOK.test(book.value);
      const text = book.dynamic ? undefined : this.readIn(book.value, outer.cwd);
      if (text === undefined) {
        if (risky || book.dynamic) this.problem("unknown-shell-input", `ansible-playbook runs \`${book.raw}\`${run.production ? " against production" : ""}, which guard cannot read`, book.span, outer.via);
        continue;
      }
      const found = playbookCommands(text);
      if (found.unknown.length && risky) this.problem("unknown-shell-input", `ansible-playbook runs ${found.unknown[0]}${run.production ? " against production" : ""}, which guard does not read`, book.span, outer.via);
      // Tasks run on the managed hosts, starting in the remote user's home (see remoteStart).
      const home = this.options.base?.home;
      const hostCtx = ctx.dir && home ? { ...ctx, dir: cloneState(ctx.dir, [home]) } : ctx;
      for (const command of found.commands) this.parseInto(command, hostCtx);
    }
  }

  /**
   * The first of `names` at or above the directory a command runs in: written earlier in this command, or
   * on disk. "missing" when none exists anywhere up the tree (`walkUp` false: only the directory itself).
   */
  private nearestOf(names: string[], dirs: readonly Dir[] | undefined, walkUp: boolean): { text: string; dir: string; written: boolean } | "missing" | undefined {
    const base = this.options.base;
    for (const name of names) {
      if (this.written.size && this.written.has(name) && (dirs === undefined || dirs.length === 1)) {
        const text = this.readFile(name);
        return text === undefined ? undefined : { text, dir: this.pathIn(".", dirs) ?? ".", written: true };
      }
    }
    const start = this.pathIn(".", dirs);
    if (start === undefined || !base) return undefined;
    let dir = start;
    for (let i = 0; i < 64; i++) {
      for (const name of names) {
        const file = name.startsWith("/") ? name : dir === "/" ? `/${name}` : `${dir}/${name}`;
        const text = this.options.readFile?.(file);
        if (text !== undefined) return { text, dir, written: false };
        if (this.options.pathKind?.(file) !== "missing") return undefined;
      }
      if (!walkUp || dir === "/") return "missing";
      dir = dir.slice(0, dir.lastIndexOf("/")) || "/";
    }
    return undefined;
  }

  /** `make T`: each recipe line of T (and of its prerequisites) is run by its own `sh -c`; `--eval` text and `NAME=VALUE` overrides join the makefile. */
  private make(outer: Invocation, run: Extract<Unwrapped, { kind: "make" }>, ctx: TextScope): void {
    const local = this.containerProject(outer);
    if (local) outer = { ...outer, cwd: local };
    if (run.targets.some((t) => t.dynamic) || run.makefile?.dynamic) {
      this.problem("unknown-shell-input", "make runs targets guard cannot name", outer.span, outer.via);
      return;
    }
    const names = run.makefile ? [run.makefile.value] : ["GNUmakefile", "makefile", "Makefile"];
    // `make -f -`, `make -f /dev/stdin`: the makefile is the command's input.
    const fromStdin = run.makefile !== undefined && STDIN_PATHS.has(run.makefile.value);
    const text = fromStdin ? (outer.stdin ? literalStdin(outer.stdin, this.readFile) : undefined) : names.map((n) => this.readIn(n, outer.cwd)).find((t) => t !== undefined);
    const evals = run.evals ?? [];
    const overrides = this.makeParseTime(outer, run, text, ctx);
    if (run.dryRun) return;
    // No makefile at all: make stops with "No targets specified and no makefile found" and runs nothing (unless --eval made rules).
    const missing = text === undefined && !run.makefile && this.options.base && !names.some((n) => this.written.has(n)) && names.every((n) => { const p = this.pathIn(n, outer.cwd); return p !== undefined && this.options.pathKind?.(p) === "missing"; });
    if (missing && !evals.length) return;
    // --eval text is read before the makefiles.
    const full = missing ? evals.map((w) => w.value).join("\n") : text === undefined ? undefined : [...evals.map((w) => w.value), text].join("\n");
    const recipes = full === undefined || !overrides ? undefined : makeRecipes(full, run.targets.map((t) => t.value), local === undefined, overrides);
    if (!recipes) {
      this.problem("unknown-shell-input", "make runs recipes guard cannot read", outer.span, outer.via);
      return;
    }
    for (const line of recipes) this.parseInto(line, ctx);
    for (const name of names) this.guessedFile(name, outer);
  }

  /**
   * What make runs while reading its input, even under -n: `$(shell …)` and `!=` in --eval text, in
   * command-line overrides and in the makefile; a SHELL or .SHELLFLAGS that is not a plain shell is unknown.
   * Returns the overrides by name, or undefined when one is built at run time.
   */
  private makeParseTime(outer: Invocation, run: Extract<Unwrapped, { kind: "make" }>, text: string | undefined, ctx: TextScope): Record<string, string> | undefined {
    const via = [...outer.via, { wrapper: "make", span: outer.span }];
    const overrides: Record<string, string> = {};
    let known = true;
    const scan = (value: string, span: Span) => {
      for (const command of makeShellCommands(value)) this.parseInto(command, { ...ctx, via, map: clampTo(span) });
    };
    const settings: { name: string; value: string; span: Span }[] = [];
    for (const word of [...(run.evals ?? []), ...(run.vars ?? [])]) {
      if (word.dynamic) {
        this.problem("dynamic-shell-string", `make reads makefile text built at run time (\`${word.raw}\`)`, word.span, outer.via);
        known = false;
        continue;
      }
      scan(word.value, word.span);
      const isVar = run.vars?.includes(word);
      const m = isVar ? /^([A-Za-z_.][A-Za-z0-9_.-]*)\s*(?::{1,3}|[?+!])?=([\s\S]*)$/.exec(word.value) : null;
      if (m) {
        overrides[m[1]] = m[2];
        settings.push({ name: m[1], value: m[2], span: word.span });
        // `make 'X != CMD'`: the override runs CMD.
        if (/^[A-Za-z_.][\w.-]*\s*!=/.test(word.value)) this.parseInto(m[2], { ...ctx, via, map: clampTo(word.span) });
      } else settings.push(...recipeShellSettings(word.value).map((s) => ({ ...s, span: word.span })));
    }
    if (text !== undefined) scan(text, outer.span);
    for (const s of settings) {
      if (unusualRecipeShell(s.name, s.value)) this.problem("unknown-code", `make runs recipes with ${s.name}=${s.value}, which guard does not read`, s.span, outer.via);
    }
    return known ? overrides : undefined;
  }

  /**
   * `./deploy.sh`, `scripts/reset`: a file run by path. A shell script (by shebang, or a `.sh` name)
   * is read and checked; a `.sh` that cannot be read is unknown; anything else is a program.
   */
  private pathScript(invocation: Invocation, ctx: TextScope): void {
    const path = invocation.argv[0];
    const text = path.dynamic ? undefined : this.readIn(path.value, invocation.cwd);
    const shellShebang = text !== undefined && /^#!\s*\S*(?:\/|\s)(?:ba|z|da|k)?sh\b/.test(text);
    const looksShell = /\.(?:ba|z)?sh$/.test(path.value);
    const written = !path.dynamic && this.written.has(path.value);
    if (text === undefined) {
      if (looksShell || written) this.problem("unknown-shell-input", `runs the script \`${path.raw}\`, which guard cannot read${written ? " (it was written earlier in this command)" : ""}`, path.span, invocation.via);
      return;
    }
    // A file written in this command and run without a shebang is run by the shell itself.
    if (!shellShebang && !(looksShell && !text.startsWith("#!")) && !(written && !text.startsWith("#!"))) {
      if (written && text.startsWith("#!")) this.problem("unknown-shell-input", `runs \`${path.raw}\`, written earlier in this command for another interpreter`, path.span, invocation.via);
      return;
    }
    const via = [...invocation.via, { wrapper: path.value, span: invocation.span }];
    this.parseInto(text, { via, depth: ctx.depth + 1, map: clampTo(invocation.span), dir: ctx.dir && cloneState(ctx.dir, invocation.cwd ?? ctx.dir.dirs) });
    this.guessedFile(path, invocation);
  }

  /** `psql -c '\\! rm -rf ~'`, `COPY t TO PROGRAM 'cmd'`, sqlite3 `.shell`: shell commands a database client's SQL runs. */
  private sqlShell(invocation: Invocation, ctx: TextScope): void {
    for (const escape of this.options.payloadCommands?.(invocation, this.options) ?? []) {
      const via = [...invocation.via, { wrapper: escape.label, span: escape.span }];
      this.parseInto(escape.text, { via, depth: ctx.depth + 1, map: clampTo(escape.span) });
    }
  }

  /**
   * `eval "$(X)"`, `source <(X)`: code that X prints. Checked when X prints literal text; a tool's own
   * shell setup (`ssh-agent -s`, `brew shellenv`, `kubectl completion bash`) runs nothing the agent wrote.
   * Returns false when X is anything else (the caller fails closed).
   */
  private generated(words: Word[], ctx: TextScope): boolean {
    if (words.length !== 1 || !words[0].dynamic) return false;
    const inner = soleSubstitution(words[0].raw);
    if (inner === undefined) return false;
    const code = generatedCode(inner);
    if (code.kind === "unknown") return false;
    if (code.kind === "text") this.parseInto(code.text, ctx);
    return true;
  }

  private scriptFile(shell: Invocation, path: Word, ctx: TextScope): void {
    if (path.dynamic && path.raw.startsWith("<(") && this.generated([path], ctx)) return;
    // `bash /dev/stdin`: the script is the command's input.
    const fromStdin = !path.dynamic && STDIN_PATHS.has(path.value) && path.value !== "-";
    const text = path.dynamic ? undefined : fromStdin ? (shell.stdin ? literalStdin(shell.stdin, this.readFile) : undefined) : this.readIn(path.value, shell.cwd);
    if (text === undefined) {
      this.problem("unknown-shell-input", `${shell.program} runs the script \`${path.raw}\`, which guard cannot read`, path.span, shell.via);
      return;
    }
    this.parseInto(text, ctx); // unbash reads a `#!` line as the shebang, not a command
    this.guessedFile(path, shell);
  }

  /**
   * `awk -f FILE`, `sed -f FILE`: the file (in the project, or written earlier in this command; `-` and
   * /dev/stdin are the command's input) is scanned like an inline script; one guard cannot read is unknown code.
   */
  private scriptCode(outer: Invocation, run: Extract<Unwrapped, { kind: "script-code" }>, ctx: TextScope): void {
    const file = run.file;
    const text = file.dynamic ? undefined : STDIN_PATHS.has(file.value) ? (outer.stdin ? literalStdin(outer.stdin, this.readFile) : undefined) : this.readIn(file.value, outer.cwd);
    if (text === undefined) {
      this.problem("unknown-code", `${run.label} runs the script \`${file.raw}\`, which guard cannot read`, file.span, outer.via);
      return;
    }
    const findings = run.dialect === "awk" ? awkCommands(text) : sedCommands(text);
    for (const f of findings) {
      const next: Unwrapped = f.kind === "shell" ? { kind: "shell-string", word: literalWord(f.text, file.span), label: run.label } : { kind: "unknown", detail: `${run.label} ${f.detail}`, span: file.span };
      this.applyUnwrapped(outer, next, ctx);
    }
    if (!file.dynamic) this.guessedFile(file, outer);
  }

  /**
   * `curl -H "Authorization: Bearer $(gcloud auth print-access-token)" URL`: each substitution in a command's
   * arguments is linked to that command, so what runs inside knows where its output goes (Invocation.feeds).
   */
  private noteFeeding(node: ShCommand, invocation: Invocation): void {
    const visit = (part: WordPart) => {
      const script = (part as { script?: SyntaxNode }).script;
      if (part.type === "CommandExpansion" && script && !this.feeding.has(script)) this.feeding.set(script, invocation);
      if (part.type === "DoubleQuoted") part.parts.forEach(visit);
    };
    for (const arg of node.args) if (arg.type === "Word") (arg.parts ?? []).forEach(visit);
  }

  /**
   * `export $(grep -v '^#' .env | xargs)`: when every substitution among export's arguments reads an env file guard
   * can see (dotenv-export.ts), the words they give are recorded on the export, the commands inside are marked as
   * feeding it, and each name assigned counts as read from the file and exported, like `export X=$(grep X .env)`.
   */
  private dotenvExport(node: ShCommand, invocation: Invocation, ctx: TextScope): void {
    const loaded: string[] = [];
    const scripts: SyntaxNode[] = [];
    const programs: string[] = [];
    let secret = false;
    const read = (path: string) => {
      secret ||= isSecretFile(path);
      return this.readIn(path, ctx.dir?.dirs);
    };
    for (const arg of node.args) {
      if (arg.type !== "Word" || !(arg.parts ?? []).some((p) => p.type === "CommandExpansion")) continue;
      const words = dotenvExportWords(arg, read);
      if (words === undefined) return;
      loaded.push(...words);
      const part = arg.parts![0] as WordPart & { script?: SyntaxNode };
      if (part.script) scripts.push(part.script);
      programs.push(...(toWord(arg, ctx).substitutions ?? []));
    }
    if (!scripts.length) return;
    invocation.loadedWords = loaded;
    for (const script of scripts) this.feeding.set(script, invocation);
    for (const word of loaded) {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word)?.[1];
      if (!name) continue;
      ctx.vars?.set(name, null);
      // From a file that holds credentials, the value counts as the file's secret wherever it goes next.
      ctx.taint?.set(name, { programs: secret ? [SOURCED_SECRET, ...programs] : programs.length ? programs : ["cat"], exported: true });
      ctx.exported?.add(name);
    }
  }

  /**
   * `source .env`, `set -a; . ./.env`: the values of a file that holds credentials are now the shell's variables.
   * Each name it assigns is remembered as coming from that file (the program `SOURCED_SECRET`), so a later
   * command that prints the value or hands it to an infrastructure call is judged like `$(grep X .env)` would
   * be; exported when `set -a` is on, the file exports it, or it already was (then the environment carries it).
   */
  private sourcedSecrets(shell: Invocation, path: Word, ctx: TextScope): void {
    if (path.dynamic || !isSecretFile(path.value) || !ctx.taint) return;
    const text = this.readIn(path.value, shell.cwd);
    if (text === undefined) return;
    for (const m of text.matchAll(/^[ \t]*(export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)\+?=/gm)) {
      const name = m[2];
      const exported = ctx.allexport === true || m[1] !== undefined || ctx.exported?.has(name) === true || this.options.base?.env?.[name] !== undefined;
      ctx.vars?.set(name, null);
      ctx.taint.set(name, { programs: [SOURCED_SECRET], exported });
      if (exported) ctx.exported?.add(name);
    }
  }

  /** A file whose content guard only guessed (written through an unknown program): it may hold anything else. */
  private guessedFile(path: Word | string, runner: Invocation): void {
    const name = typeof path === "string" ? path : path.dynamic ? undefined : path.value;
    if (name !== undefined && this.written.guessed(name)) {
      this.problem("unknown-shell-input", `runs \`${name}\`, which an unknown program may have written with other content`, runner.span);
    }
  }
}

/** What the shell holds when a command runs that rules read: exported names, widened globbing, variables' source texts. */
function noteShellState(invocation: Invocation, ctx: TextScope): void {
  if (ctx.exported?.size) invocation.exported = [...ctx.exported];
  if (ctx.globWide) invocation.globOptions = "widened";
  const texts = ctx.texts?.snapshot();
  if (texts) Object.defineProperty(invocation, "valueTexts", { value: texts, enumerable: false, configurable: true, writable: true });
}

/** `shopt -s dotglob` / `nocaseglob` (or a name guard cannot read): later globs may match dot files and any case. */
function widensGlobs(inv: Invocation): boolean {
  return inv.program === "shopt" && inv.argv.some((w) => w.dynamic || /^(?:dotglob|nocaseglob)$/.test(w.value))
    && !inv.argv.some((w) => w.value === "-u" || w.value === "-q" || w.value === "-p");
}

/**
 * The source text of what a builtin reading stdin receives, for ValueTexts: a here-string's or here-document's text, a
 * process substitution (`< <(cmd)`), or the command piping into it (`cmd | { read X; … }`); undefined for a plain file.
 */
function inputText(stdin: StdinSource | undefined): string | undefined {
  switch (stdin?.kind) {
    case "herestring":
      return stdin.word.shellText ?? stdin.word.raw;
    case "heredoc":
      return stdin.quoted ? undefined : stdin.text;
    case "file":
      return stdin.path.raw.startsWith("<(") ? `$${stdin.path.raw.slice(1)}` : undefined;
    case "pipe":
      // The producer as it runs (`/usr/bin/terraform`, `\terraform`, `t''erraform` are all terraform), not as written.
      return stdin.producer ? `$(${[stdin.producer.program, ...stdin.producer.argv.slice(1).map((w) => (w.dynamic ? w.shellText ?? w.raw : w.value))].join(" ")})` : "$(…)";
    default:
      return undefined;
  }
}

/** A `$(…)` or `<(…)` captures its commands' output: a channel on the shell's stdout (`exec > >(sh)`) does not get it. */
function capturedOutput(node: SyntaxNode, fds: Map<string, FdBinding> | undefined): Map<string, FdBinding> | undefined {
  if (!fds?.has("1") || (node.type === "ProcessSubstitution" && (node as { operator?: string }).operator === ">")) return fds;
  const own = new Map(fds);
  own.delete("1");
  return own;
}

/** `set -a`, `set -o allexport` (true); `set +a`, `set +o allexport` (false); anything else leaves it (undefined). */
function allexportSetting(args: readonly Word[]): boolean | undefined {
  let setting: boolean | undefined;
  args.forEach((w, i) => {
    if (w.dynamic) return;
    if (/^-[a-zA-Z]*a/.test(w.value) && w.value !== "--") setting = true;
    else if (/^\+[a-zA-Z]*a/.test(w.value)) setting = false;
    else if ((w.value === "-o" || w.value === "+o") && args[i + 1]?.value === "allexport") setting = w.value === "-o";
  });
  return setting;
}

/** The text an unquoted heredoc hands its command: bash removes these backslashes (and joins escaped newlines). */
export function unescapeHeredoc(body: string): string {
  return body.replace(/\\(\n|[$`\\])/g, (_, ch: string) => (ch === "\n" ? "" : ch));
}

/** Finds every command that `text` would run. Pure: the only I/O is through `options.readFile`. */
export function extract(text: string, options: ExtractOptions = {}): Extraction {
  return new Extractor(options).run(text);
}

/**
 * Interpreter code that is produced when the command runs: it holds a command substitution, or it is
 * nothing but expansions (`"$CODE"`). A variable inside otherwise literal code (`print('$HOME')`) is data.
 */
function computedCode(raw: string): boolean {
  if (/\$\(|`/.test(raw)) return true;
  return raw.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]|["'\s]/g, "") === "";
}

/**
 * `find ARGS | xargs CMD` as the `find ARGS -exec CMD {} +` it amounts to (`-exec CMD … {} ;` for
 * `xargs -I R CMD … R …`): find's tests decide which paths CMD gets either way.
 */
/** A find whose only output is its paths, NUL-terminated (`-print0`, no `-printf`, `-ls`, `-print` or `-exec` of its own). */
function printsOnlyPathsNul(find: Invocation): boolean {
  const words = find.argv.slice(1);
  return words.some((w) => w.value === "-print0") && !words.some((w) => w.dynamic || /^-(?:f?print(?!0$)|f?printf|f?ls|exec(?:dir)?|ok(?:dir)?|fprint0)$/.test(w.value));
}

function findExecEquivalent(find: Invocation, words: Word[], input: XargsInput, xargs: Invocation): Invocation {
  const span = xargs.span;
  const command = input.replace === undefined
    ? [...words, literalWord("{}", span), literalWord("+", span)]
    : [...words.map((w) => (!w.dynamic && w.value.includes(input.replace!) ? literalWord(w.value.split(input.replace!).join("{}"), w.span) : w)), literalWord(";", span)];
  return {
    ...find,
    argv: [...find.argv, literalWord("-exec", span), ...command],
    span: { start: Math.min(find.span.start, span.start), end: Math.max(find.span.end, span.end) },
    via: [...find.via, { wrapper: "find | xargs", span }],
    pipeline: { index: 0, size: 1 },
    consumer: undefined,
  };
}
