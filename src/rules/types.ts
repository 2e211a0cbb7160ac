// The rule model: what a rule file declares, after validation.

import type { Action, Severity } from "../core/action";
import type { ProgramSpec } from "../shell/program-args";

/** Alternatives that mean the same flag: `[-r, -R, --recursive]`. */
export type FlagGroup = string[];

export interface FlagConditions {
  all: FlagGroup[];
  any: FlagGroup[];
  none: FlagGroup[];
}

/** A positional argument pattern: a minimatch glob, or a named target class. */
export type ArgPattern = { glob: string } | { class: string } | { last: string } | { first: string };

export interface ArgConditions {
  any: ArgPattern[];
  none: ArgPattern[];
}

export interface RefspecConditions {
  force?: boolean;
  delete?: boolean;
  protected?: boolean;
}

/** `NAME` (set to anything) or `NAME=glob`. */
export interface EnvPattern {
  name: string;
  glob?: string;
}

/** Conditions on a request made by an HTTP client (curl, wget, httpie, gh api, railway api…); all must hold. */
export interface HttpMatcher {
  hosts: string[];
  methods: string[];
  paths: string[];
  /** URL ports (the scheme's default when none is written): 9200 for Elasticsearch. */
  ports: number[];
  /** Texts the body contains, any of them, case-insensitively: `match_all`. */
  bodyContains: string[];
  /** Root fields of a GraphQL mutation in the body (globs: `*Delete`). */
  mutations: string[];
  /** Any GraphQL mutation at all. */
  anyMutation: boolean;
  /** A body guard cannot read (a file it cannot open, a pipe). */
  bodyUnknown: boolean;
  /** Credentials are sent. */
  authenticated: boolean;
  /** The request changes something: POST/PUT/PATCH/DELETE, except a GraphQL body holding only queries. */
  writes: boolean;
  /** How much a data service's bulk delete removes, any of: `all`, `some`, `keyed`, `unknown` (payloads/data-deletes.ts). */
  deletes: string[];
}

export interface Matcher {
  programs: string[];
  /** Each step lists the alternatives for that position: `[[volume, volumes], [delete, rm, remove]]`. */
  subcommand: string[][];
  flags: FlagConditions;
  args: ArgConditions;
  /** Conditions one `git push` refspec meets, all of them: `{force: true, protected: true}` is `+main`. */
  refspec?: RefspecConditions;
  env: EnvPattern[];
  /** SQL statement kinds, any of which in the command's SQL payload matches. */
  sql: string[];
  /** Matches only when stdin answers prompts automatically: `yes |`, `echo y |`, `<<< y`. */
  autoConfirmed: boolean;
  http?: HttpMatcher;
  /** Assignments written on the command itself (`RAILWAY_TOKEN=x railway …`), not inherited ones. */
  inlineEnv: EnvPattern[];
  /** Where stdout goes: into a pipe, into a file, or through a pipe off the machine. Any of them. */
  stdout: ("piped" | "redirected" | "sent")[];
  /** No positional argument after the subcommand (`env`, not `env FOO=1 cmd`). */
  noArgs: boolean;
  /** Output redirected into a file matching one of these globs. */
  redirectTo: string[];
  /** Input redirected from a file matching one of these globs (`< .env`). */
  redirectFrom: string[];
  /** Input redirected from a file that holds credentials, by guard's one list of them (core/secret-files.ts). */
  redirectFromSecret?: boolean;
  /** A credential is read from a file inside the command: `TOKEN=$(grep … .env) cli …`, `-H "Authorization: Bearer $(cat t)"`. */
  tokenFromFile: boolean;
  /**
   * The generic rule for tools without a pack of their own: the program name, subcommand path or a long option carries a
   * destroying verb (delete, destroy, purge…). Tried only when no other rule matched the command (see rules/verbs.ts).
   */
  destroyingVerb?: boolean;
}

export interface ExampleSet {
  match: Example[];
  not_match: Example[];
}

export interface Example {
  command: string;
  line: number;
}

/** What a human types to approve an `ask`: the value of an option, or a positional argument. */
export interface TargetSpec {
  option?: string[];
  /** Index among the positional arguments after the subcommand. */
  arg?: number;
}

export interface Rule {
  id: string;
  action: Action;
  severity: Severity;
  message: string;
  why: string;
  instead: string;
  match: Matcher;
  /** More shapes of the same command (`any_of:` after the first): the rule matches when any shape does. */
  variants?: Matcher[];
  target?: TargetSpec;
  /** Conditions on who runs the command: `when: {agent: [codex]}` applies the rule only to those agents. */
  when?: { agent: string[] };
  /** The action in production context (production markers, `railway run …`): usually deny for an ask rule. */
  inProduction?: Action;
  /** The action when the command writes to or deletes a protected branch (`escalate: {protected_branch: deny}`). */
  onProtectedBranch?: Action;
  examples: ExampleSet;
  /** Set when config changed the rule's action: what it was, and which file changed it (shown as "overridden"). */
  configured?: { from: Action; by: string };
  /** Where the rule was declared, for error messages: `rules/git.yaml:12`. */
  file: string;
  line: number;
}

/** Every shape a rule matches: its `match`, or each entry of its `any_of`. */
export function shapesOf(rule: Rule): Matcher[] {
  return rule.variants ? [rule.match, ...rule.variants] : [rule.match];
}

/** A pack is one rule file: a family of rules that is switched on or off together. */
export interface PackInfo {
  name: string;
  description: string;
  /** Opt-in packs (deploy/publish) are off unless config enables them. */
  enabledByDefault: boolean;
}

export interface RuleFile {
  file: string;
  /** Old spellings the file still uses, with what to write instead (shown by `guard test`). */
  notes?: { line: number; message: string }[];
  /** sha256 of the file's bytes as read (absent for built-in rules): what `guard trust` records. */
  digest?: string;
  pack: PackInfo;
  programs: Record<string, ProgramSpec>;
  rules: Rule[];
}
