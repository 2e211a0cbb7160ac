// The rule-file grammar as one table: every key a rule file may hold, its type and its documentation. The loader reads rule files by it, and rules/schema.json and the key reference in docs/writing-rules.md are generated from it.
import { ACTIONS, SEVERITIES } from "../core/action";
import { type ArgPattern, type EnvPattern, type FlagGroup, type Rule, type TargetSpec } from "./types";
import { ARG_CLASSES } from "./targets";
import { SQL_FACT_KINDS } from "../payloads/sql";
import { booleanType, enumType, globsType, isObject, mappingType, readMapping, stringsType, stringType, type KeyRow, type KeyType } from "./key-types";
import type { Path, Validator } from "./validator";

const actionType = enumType("action", ACTIONS);

/** A flag or a list of spellings of one flag: `[-r, -R, --recursive]`. */
const flagGroupsType: KeyType<FlagGroup[]> = {
  summary: "a list of flags",
  schema: { $ref: "#/$defs/flagGroups" },
  read(v, value, path) {
    if (!Array.isArray(value)) return v.error(path, "must be a list of flags, each a string or a list of spellings");
    return value.flatMap((item, i) => {
      const group = v.stringList(item, [...path, i], "a flag");
      if (!group) return [];
      for (const flag of group) if (!flag.startsWith("-")) v.error([...path, i], `flag \`${flag}\` must start with -`);
      return [group];
    });
  },
};

const FLAG_ROWS: KeyRow[] = [
  { key: "all", type: flagGroupsType, doc: "Every one of these flags is given." },
  { key: "any", type: flagGroupsType, doc: "At least one of these flags is given." },
  { key: "none", type: flagGroupsType, doc: "None of these flags is given." },
];

export interface FlagValue { all: FlagGroup[]; any: FlagGroup[]; none: FlagGroup[] }

/** A plain list is "any of", as every plain list of conditions is; `{all, any, none}` says more. */
const flagsType: KeyType<FlagValue> = {
  summary: "a list of flags (any of), or {all, any, none}",
  schema: { oneOf: [{ $ref: "#/$defs/flagGroups" }, { type: "object", additionalProperties: false, properties: { all: { $ref: "#/$defs/flagGroups" }, any: { $ref: "#/$defs/flagGroups" }, none: { $ref: "#/$defs/flagGroups" } } }] },
  read(v, value, path) {
    if (Array.isArray(value)) {
      // Before 0.3 a plain list under `flags:` meant "all of". One entry means the same either way; several do not.
      if (value.length > 1) return v.error(path, "a plain list under flags means any of them since 0.3, and used to mean all of them: write `flags: {all: [...]}` if every flag is required, or `flags: {any: [...]}` if one is enough");
      return { all: [], any: flagGroupsType.read(v, value, path) ?? [], none: [] };
    }
    const read = readMapping(v, value, path, FLAG_ROWS, "flags");
    return read && { all: (read.all as FlagGroup[]) ?? [], any: (read.any as FlagGroup[]) ?? [], none: (read.none as FlagGroup[]) ?? [] };
  },
};

function argPattern(v: Validator, item: unknown, at: Path): ArgPattern | undefined {
  if (typeof item === "string") return v.glob(item, at) === undefined ? undefined : { glob: item };
  if (isObject(item) && Object.keys(item).length === 1) {
    if (typeof item.last === "string") return v.glob(item.last, at) === undefined ? undefined : { last: item.last };
    if (typeof item.first === "string") return v.glob(item.first, at) === undefined ? undefined : { first: item.first };
    if (typeof item.class === "string") {
      if (Object.prototype.hasOwnProperty.call(ARG_CLASSES, item.class)) return { class: item.class };
      return v.error(at, `unknown target class \`${item.class}\` (known: ${Object.keys(ARG_CLASSES).join(", ")})`);
    }
  }
  return v.error(at, "must be a glob string, {first: GLOB}, {last: GLOB} or {class: NAME}");
}

const argPatternsType: KeyType<ArgPattern[]> = {
  summary: "a list of argument patterns",
  schema: { $ref: "#/$defs/argPatterns" },
  read(v, value, path) {
    if (!Array.isArray(value)) return v.error(path, "must be a list of globs, {first: GLOB}, {last: GLOB} or {class: NAME}");
    return value.flatMap((item, i) => argPattern(v, item, [...path, i]) ?? []);
  },
};

const ARG_ROWS: KeyRow[] = [
  { key: "any", type: argPatternsType, doc: "Some argument matches one of these patterns." },
  { key: "none", type: argPatternsType, doc: "No argument matches one of these patterns." },
];

export interface ArgValue { any: ArgPattern[]; none: ArgPattern[] }

const argsType: KeyType<ArgValue> = {
  summary: "a list of patterns (any of), or {any, none}",
  schema: { oneOf: [{ $ref: "#/$defs/argPatterns" }, { type: "object", additionalProperties: false, properties: { any: { $ref: "#/$defs/argPatterns" }, none: { $ref: "#/$defs/argPatterns" } } }] },
  read(v, value, path) {
    if (Array.isArray(value)) return { any: argPatternsType.read(v, value, path) ?? [], none: [] };
    const read = readMapping(v, value, path, ARG_ROWS, "args");
    return read && { any: (read.any as ArgPattern[]) ?? [], none: (read.none as ArgPattern[]) ?? [] };
  },
};

const subcommandType: KeyType<string[][]> = {
  summary: "a path: a list of steps, each a word or a list of alternatives",
  schema: { type: "array", items: { $ref: "#/$defs/stringOrList" } },
  read(v, value, path) {
    if (!Array.isArray(value)) return v.error(path, "subcommand must be a list of steps");
    return value.flatMap((step, i) => {
      const alts = v.stringList(step, [...path, i], "a subcommand step");
      return alts ? [alts] : [];
    });
  },
};

const envType: KeyType<EnvPattern[]> = {
  summary: "NAME or NAME=glob, or a list (any of)",
  schema: { $ref: "#/$defs/stringOrList" },
  read(v, value, path) {
    const list = v.stringList(value, path, "env");
    return list?.flatMap((entry, i) => {
      const m = /^([A-Za-z_*][A-Za-z0-9_*]*)(?:=(.*))?$/.exec(entry);
      if (!m) return v.error([...path, i], "env entries are NAME (a glob: GUARD_*) or NAME=glob") ?? [];
      return [m[2] === undefined ? { name: m[1] } : { name: m[1], glob: m[2] }];
    });
  },
};

const portsType: KeyType<number[]> = {
  summary: "a port number or a list",
  schema: { oneOf: [{ type: "integer", minimum: 1, maximum: 65535 }, { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 } }] },
  read(v, value, path) {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((p) => Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536)) return v.error(path, "ports must be port numbers");
    return list as number[];
  },
};

export const HTTP_ROWS: KeyRow[] = [
  { key: "hosts", type: globsType, doc: "Host globs, case-insensitive; a `!glob` excludes (`[\"*\", \"!localhost\"]`). Hosts are normalised, and a request matches through any host it reaches: URL glob expansions, a `Host:` header, `--connect-to`. An unknown host makes the match uncertain." },
  { key: "methods", type: stringsType, doc: "HTTP methods (any of)." },
  { key: "paths", type: globsType, doc: "URL path globs (any of); a `!glob` excludes (`[\"!/repos/*/*/issues\"]`: any path but that one). An unknown path matches only when no glob without `!` is listed." },
  { key: "ports", type: portsType, doc: "URL ports (any of); the scheme's default when none is written." },
  { key: "body_contains", type: stringsType, doc: "Texts the body contains (any of, case-insensitive)." },
  { key: "graphql_mutations", type: globsType, doc: "Globs over the root fields of a GraphQL mutation in the body (`*Delete`, fragments followed)." },
  { key: "graphql_mutation", type: booleanType, doc: "Any GraphQL mutation at all." },
  { key: "body_unknown", type: booleanType, doc: "A body guard cannot read (a file it cannot open, a pipe)." },
  { key: "authenticated", type: booleanType, doc: "Credentials are sent." },
  { key: "writes", type: booleanType, doc: "The request changes something: POST, PUT, PATCH or DELETE, except a GraphQL body holding only queries." },
  { key: "deletes", type: enumType("delete scope", ["all", "some", "keyed", "unknown"] as const, true), doc: "A data service's bulk delete (Qdrant, Pinecone, Chroma, Milvus, Weaviate batch, Algolia, Meilisearch, Typesense, Consul KV) removes, any of: `all` (no selector, an empty filter, `deleteAll`, a clear, `?recurse`), `some` (a filter selects), `keyed` (ids named one by one), `unknown` (a body guard cannot read)." },
];

const REFSPEC_ROWS: KeyRow[] = [
  { key: "force", type: booleanType, doc: "The refspec forces the update: `+main`, `+HEAD:topic`." },
  { key: "delete", type: booleanType, doc: "The refspec deletes the remote branch: `:old`, `:refs/heads/old`." },
  { key: "protected", type: booleanType, doc: "The refspec's destination is a protected branch (`main`, `HEAD:main`, `+main`, `:main`); with no refspec, the current branch. A dynamic refspec might be one." },
];

export const MATCH_ROWS: KeyRow[] = [
  { key: "program", type: stringsType, doc: "Program names (any of), after stripping paths, quotes and `\\`." },
  {
    key: "subcommand", type: subcommandType,
    doc: "A path of positional words after global options: each step a word or a list of alternatives (`[[volume, volumes], [delete, rm, remove]]`). Options before and between them are skipped, using `programs.NAME.valued` to know which options take a value (`git -C dir -c k=v push`). A step may hold globs (`\"secret/*\"`). A dynamic word in a subcommand position makes the match uncertain: at most `ask`.",
  },
  {
    key: "flags", type: flagsType,
    doc: "Options: a plain list means any of them; `{all, any, none}` says which are required, enough or excluded. Each entry is a flag or a list of spellings of the same flag. Short clusters are split (`-rf` = `-r -f`), long options may carry a value (`--force=true` counts, `--force=false`, `=0`, `=no`, `=off`, `=none` do not), and options may come after positionals (until `--`). A spelling `NAME=GLOB` matches the option's value: `--environment=prod*` matches `--environment production`. For programs whose long options have one dash (`find -delete`) set `single_dash_long: true`.",
  },
  {
    key: "args", type: argsType,
    doc: `Positional arguments after the subcommand: a plain list means some argument matches one of the patterns; \`{any, none}\` adds patterns no argument may match (\`cat .env\` but not \`cat .env.example\`); with only \`none\`, no argument may match. A pattern is a case-insensitive minimatch glob over the argument (a dynamic argument is matched with its expansions as written: \`"$HOME/.aws/*"\`), \`{first: GLOB}\` / \`{last: GLOB}\` (only the first or last argument: the source or destination of \`cp\`), or a named target class \`{class: NAME}\`: ${Object.keys(ARG_CLASSES).map((c) => `\`${c}\``).join(", ")}. Arguments are normalised before matching (\`./.env\` and \`../app/.env\` match \`**/.env\`). Globs are limited (256 characters, 8 stars, no extglob or braces) so matching stays fast.`,
  },
  {
    key: "refspec", type: mappingType(REFSPEC_ROWS, "refspec", "{force, delete, protected}"),
    doc: "Some refspec of a `git push` (an argument after the remote) is all of: `force` (`+main`), `delete` (`:old`), `protected` (its destination is a protected branch; with no refspec, the current branch is). The shared matcher for pushes, instead of copying the `*-refspec` target classes.",
  },
  { key: "env", type: envType, doc: "`NAME` or `NAME=glob` (any of), set inline (`NAME=1 cmd`) or in the environment." },
  { key: "inline_env", type: envType, doc: "`NAME` (a glob) or `NAME=glob` (any of), written on the command itself, not inherited." },
  {
    key: "sql", type: enumType("SQL statement kind", SQL_FACT_KINDS, true),
    doc: `Statement kinds in the command's SQL or mongosh script (any of), as the SQL analyser names them: ${SQL_FACT_KINDS.map((k) => `\`${k}\``).join(", ")}. \`dynamic\` is SQL built at run time; \`shell-escape\` is \`\\!\`, \`.shell\` or \`COPY … PROGRAM\` (the command itself is checked as a shell command); \`include\` is \`\\i\`, \`.read\` or \`source\` (the file's statements are checked too); \`read-write\` undoes a read-only session; \`unknown\` is SQL the client reads that guard cannot see. A "without-where" kind also covers a WHERE that restricts nothing (\`1=1\`, \`id IS NOT NULL\`). A rule with \`sql\` and no \`program\` applies to every database client; see [detection](detection.md#payloads-sql-graphql-and-http-inside-commands).`,
  },
  {
    key: "http", type: mappingType(HTTP_ROWS, "http", "a mapping (below)"),
    doc: "Conditions on a request an HTTP client makes (curl, wget, httpie/xh, `gh api`, `railway api`…); all must hold, each over one request. A rule with `http` and no `program` applies to every HTTP client. A method, headers or body hidden in an unreadable config file make the match uncertain.",
  },
  { key: "auto_confirmed", type: booleanType, doc: "Stdin answers prompts: `yes |`, `echo y |`, `<<< y`." },
  { key: "redirect_to", type: globsType, doc: "Output redirected (`>`, `>>`, `&>`) into a file matching one of the globs; a `!glob` excludes. A rule with only redirects applies to every command." },
  { key: "redirect_from", type: globsType, doc: "Input redirected (`<`) from a file matching one of the globs; a `!glob` excludes." },
  { key: "redirect_from_secret", type: booleanType, doc: "Input redirected (`<`, also into a loop: `done < FILE`) from a file that holds credentials, by guard's own list of them (the one `{class: names-secret-file}` uses)." },
  {
    key: "destroying_verb", type: booleanType,
    doc: "The generic rule for tools without a pack: the program name, subcommand path or a long option carries a destroying verb (see [coverage.md](coverage.md)). It is tried only when no other rule matched the command (an `allow` rule from a project file no `guard trust` record covers does not count), and never on a program a pack marks `precise: true`.",
  },
  { key: "stdout", type: enumType("stdout", ["piped", "redirected", "sent"] as const, true), doc: "Where stdout goes (any of): `piped`, `redirected`, `sent` (piped, through any filters, into a network sender: an HTTP client whose request leaves this machine, nc/socat/telnet, ssh)." },
  { key: "no_args", type: booleanType, doc: "No positional argument after the subcommand." },
  { key: "token_from_file", type: booleanType, doc: "A credential read from a file inside the command flows into this one: an inline variable or a header/token argument whose value comes from `$(cat …)`, `$(grep …)`, `$(jq …)`…" },
];

export const matchType = mappingType(MATCH_ROWS, "matcher", "a matcher (below)");

const matchListType: KeyType<Record<string, unknown>[]> = {
  summary: "a list of matchers",
  schema: { type: "array", minItems: 1, items: { $ref: "#/$defs/match" } },
  read(v, value, path) {
    if (!Array.isArray(value) || value.length === 0) return v.error(path, "any_of must be a list of matchers");
    const out = value.map((m, i) => matchType.read(v, m, [...path, i]));
    return out.every((m) => m !== undefined) ? (out as Record<string, unknown>[]) : undefined;
  },
};

const targetType: KeyType<TargetSpec> = {
  summary: "{option: [flags]} or {arg: N}",
  schema: { oneOf: [
    { type: "object", additionalProperties: false, required: ["option"], properties: { option: { $ref: "#/$defs/stringOrList" } } },
    { type: "object", additionalProperties: false, required: ["arg"], properties: { arg: { type: "integer", minimum: 0 } } },
  ] },
  read(v, value, path) {
    if (isObject(value) && Object.keys(value).length === 1 && value.option !== undefined) {
      const option = v.stringList(value.option, [...path, "option"], "target.option");
      return option && { option };
    }
    if (isObject(value) && Object.keys(value).length === 1 && Number.isInteger(value.arg) && (value.arg as number) >= 0) return { arg: value.arg as number };
    return v.error(path, "target must be {option: [flags]} or {arg: N} with N >= 0");
  },
};

const WHEN_ROWS: KeyRow[] = [{ key: "agent", type: stringsType, required: true, doc: "Agent names (any of): the hook adapter's name, or `GUARD_AGENT`." }];

export const ESCALATE_ROWS: KeyRow[] = [
  { key: "production", type: actionType, doc: "The action in production context: production markers in the environment or inline, or inside `railway run`, `heroku run`, `fly ssh console`." },
  { key: "protected_branch", type: actionType, doc: "The action when the command writes to or deletes a protected branch: a `git push` whose destination (refspec, `+refspec`, `:refspec`, or the current branch when none is given) is protected, or a branch or `refs/heads/` argument naming one. A dynamic branch word might be one." },
];

const examplesType: KeyType<Rule["examples"]> = {
  summary: "{match: [commands], not_match: [commands]}",
  schema: { type: "object", additionalProperties: false, required: ["match", "not_match"], properties: {
    match: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
    not_match: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
  } },
  read(v, value, path) {
    if (!isObject(value)) return v.error(path, "examples are required: {match: [...], not_match: [...]}");
    const out: Rule["examples"] = { match: [], not_match: [] };
    for (const key of Object.keys(value)) if (key !== "match" && key !== "not_match") v.error([...path, key], `unknown examples key \`${key}\` (expected match, not_match)`);
    for (const kind of ["match", "not_match"] as const) {
      const list = value[kind];
      if (!Array.isArray(list) || list.length === 0) {
        v.error([...path, kind], `examples.${kind} needs at least one command`);
        continue;
      }
      list.forEach((command, i) => {
        if (typeof command !== "string" || command === "") v.error([...path, kind, i], "an example is a command string");
        // The line is filled in by the loader, which knows where each value sits in the file.
        else out[kind].push({ command, line: 0 });
      });
    }
    return out;
  },
};

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

const idType: KeyType<string> = {
  summary: "family.rule-name",
  schema: { type: "string", pattern: ID_PATTERN.source },
  read(v, value, path) {
    const id = v.string(value, path, "id");
    if (id && !ID_PATTERN.test(id)) return v.error(path, `id \`${id}\` must be namespaced lowercase words: family.rule-name`);
    return id;
  },
};

export const RULE_ROWS: KeyRow[] = [
  { key: "id", type: idType, required: true, doc: "Stable and namespaced: `family.rule-name`, the family being the pack's name. Config and corpus rows name rules by it." },
  { key: "action", type: actionType, required: true, doc: "What guard does when the rule matches: `allow`, `ask` or `deny`." },
  { key: "severity", type: enumType("severity", SEVERITIES), required: true, doc: "How bad the outcome is: `low`, `medium`, `high` or `critical`." },
  { key: "message", type: stringType, required: true, doc: "What the command does, in one sentence." },
  { key: "why", type: stringType, required: true, doc: "Why that is dangerous." },
  { key: "instead", type: stringType, required: true, doc: "A safer alternative that guard itself allows." },
  { key: "match", type: matchType, doc: "The conditions, all of which must hold (the matcher keys below). A rule has `match` or `any_of`." },
  { key: "any_of", type: matchListType, doc: "Shape variants of one command: a list of matchers, any of which matching is the rule matching (`python manage.py flush` and `django-admin flush`)." },
  { key: "escalate", type: mappingType(ESCALATE_ROWS, "escalate", "{production, protected_branch}"), doc: "A stricter action in a context: `{production: deny, protected_branch: deny}`. One rule says what both cases have in common; the context raises its action (never lowers it)." },
  { key: "in_production", type: actionType, deprecated: "in_production is the older spelling of `escalate: {production: ACTION}`", doc: "Older spelling of `escalate: {production: ACTION}`; still read." },
  { key: "target", type: targetType, doc: "What a human types to approve an `ask`: the value of an option (`{option: [-target]}`) or a positional argument after the subcommand (`{arg: N}`). Default: the matched argument or SQL object, else the word `yes`." },
  { key: "when", type: mappingType(WHEN_ROWS, "when", "{agent: [names]}"), doc: "Who runs the command: `{agent: [codex, cursor]}` applies the rule only to those agents." },
  { key: "examples", type: examplesType, required: true, doc: "Commands the rule must match and must not match, checked by `guard test` and when project rules load." },
];

export const PROGRAM_ROWS: KeyRow[] = [
  { key: "valued", type: stringsType, doc: "Options that take a value (`-C`, `--git-dir`): their value is not a positional." },
  { key: "single_dash_long", type: booleanType, doc: "Long options have one dash (`find -delete`, `terraform -auto-approve`): no `-abc` clustering." },
  { key: "precise", type: booleanType, doc: "The pack decides every verb of this program itself, dry-run forms included: the generic destroying-verb rule leaves it alone." },
];

export const PACK_ROWS: KeyRow[] = [
  { key: "name", type: { ...stringType, schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$" } }, doc: "Lowercase words joined by `-`; the file name when absent. Rule ids start with it." },
  { key: "description", type: stringType, doc: "One line on what the pack covers." },
  { key: "enabled_by_default", type: booleanType, doc: "`false` for opt-in packs (deploy/publish)." },
];

export const TOP_ROWS: KeyRow[] = [
  { key: "pack", type: mappingType(PACK_ROWS, "pack", "{name, description, enabled_by_default}"), doc: "The pack this file is: rules switched on or off together." },
  { key: "programs", type: { summary: "program name → spec", schema: {}, read: (_v, value) => value }, doc: "How the file's programs parse their options, so flags and subcommands are found in every spelling: program name → `{valued, single_dash_long, precise}`." },
  {
    key: "sets", type: { summary: "set name → list", schema: {}, read: (_v, value) => value },
    doc: "Named sets the file's rules refer to: `sets: {local-hosts: [localhost, \"127.*\"]}`, then `@local-hosts` in a `program`, `hosts`, `redirect_to` or `redirect_from` list stands for its members and `!@local-hosts` excludes each of them.",
  },
  { key: "rules", type: { summary: "a list of rules", schema: {}, read: (_v, value) => value }, doc: "The rules." },
];

/** The tables by the name the docs give them, in the order the docs show them. */
export const KEY_TABLES: { name: string; heading: string; rows: KeyRow[] }[] = [
  { name: "top", heading: "Top level", rows: TOP_ROWS },
  { name: "pack", heading: "`pack:`", rows: PACK_ROWS },
  { name: "programs", heading: "`programs: NAME:`", rows: PROGRAM_ROWS },
  { name: "rule", heading: "A rule", rows: RULE_ROWS },
  { name: "escalate", heading: "`escalate:`", rows: ESCALATE_ROWS },
  { name: "match", heading: "Matcher keys (`match:` and each entry of `any_of:`; all present conditions must hold)", rows: MATCH_ROWS },
  { name: "http", heading: "`http:`", rows: HTTP_ROWS },
];
