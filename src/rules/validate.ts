// Turns a parsed rule file into typed rules: the keys are read by the grammar table (keys.ts), and the rules that span keys are checked here.
import type { EnvPattern, HttpMatcher, Matcher, PackInfo, RefspecConditions, Rule, TargetSpec } from "./types";
import type { ProgramSpec } from "../shell/program-args";
import type { Action, Severity } from "../core/action";
import { isObject, readMapping } from "./key-types";
import { PACK_ROWS, PROGRAM_ROWS, RULE_ROWS, type ArgValue, type FlagValue } from "./keys";
import { Validator, type Path } from "./validator";

type Raw = Record<string, unknown>;
const list = <T>(value: unknown): T[] => (value as T[] | undefined) ?? [];

function httpMatcher(raw: Raw): HttpMatcher {
  return {
    hosts: list(raw.hosts), paths: list(raw.paths), ports: list(raw.ports),
    bodyContains: list<string>(raw.body_contains).map((t) => t.toLowerCase()),
    methods: list<string>(raw.methods).map((m) => m.toUpperCase()),
    mutations: list(raw.graphql_mutations),
    anyMutation: raw.graphql_mutation === true,
    bodyUnknown: raw.body_unknown === true,
    authenticated: raw.authenticated === true,
    writes: raw.writes === true,
    deletes: list(raw.deletes),
  };
}

function matcher(v: Validator, raw: Raw, path: Path): Matcher {
  const flags = (raw.flags as FlagValue | undefined) ?? { all: [], any: [], none: [] };
  const args = (raw.args as ArgValue | undefined) ?? { any: [], none: [] };
  const m: Matcher = {
    programs: list(raw.program), subcommand: list(raw.subcommand), flags, args,
    ...(raw.refspec ? { refspec: raw.refspec as RefspecConditions } : {}),
    env: list<EnvPattern>(raw.env), sql: list(raw.sql), autoConfirmed: raw.auto_confirmed === true,
    ...(raw.http ? { http: httpMatcher(raw.http as Raw) } : {}),
    inlineEnv: list(raw.inline_env), stdout: list(raw.stdout), noArgs: raw.no_args === true, tokenFromFile: raw.token_from_file === true,
    redirectTo: list(raw.redirect_to), redirectFrom: list(raw.redirect_from),
    ...(raw.redirect_from_secret === true ? { redirectFromSecret: true } : {}),
    ...(raw.destroying_verb === true ? { destroyingVerb: true } : {}),
  };
  if (!m.programs.length && !m.sql.length && !m.http && !m.redirectTo.length && !m.redirectFrom.length && !m.redirectFromSecret && !m.destroyingVerb) {
    v.error(path, "a matcher needs a program, an sql, an http, a redirect or a destroying_verb condition");
  }
  return m;
}

export function validateRule(value: unknown, path: Path, file: string, lineOf: (path: Path) => number, v: Validator): Rule | undefined {
  const before = v.errors.length;
  const raw = readMapping(v, value, path, RULE_ROWS, "rule");
  if (!raw) return undefined;
  if (isObject(value) && (value.match === undefined) === (value.any_of === undefined)) {
    v.error(path, "a rule needs `match` (one matcher) or `any_of` (a list of matchers), not both");
  }
  const shapes = raw.any_of ? (raw.any_of as Raw[]).map((m, i) => matcher(v, m, [...path, "any_of", i])) : raw.match ? [matcher(v, raw.match as Raw, [...path, "match"])] : [];
  if (v.errors.length > before || shapes.length === 0) return undefined;
  const examples = raw.examples as Rule["examples"];
  for (const kind of ["match", "not_match"] as const) examples[kind].forEach((e, i) => (e.line = lineOf([...path, "examples", kind, i])));
  const escalate = (raw.escalate as { production?: Action; protected_branch?: Action } | undefined) ?? {};
  const inProduction = escalate.production ?? (raw.in_production as Action | undefined);
  return {
    id: raw.id as string, action: raw.action as Action, severity: raw.severity as Severity,
    message: raw.message as string, why: raw.why as string, instead: raw.instead as string,
    match: shapes[0],
    ...(shapes.length > 1 ? { variants: shapes.slice(1) } : {}),
    ...(raw.target ? { target: raw.target as TargetSpec } : {}),
    ...(inProduction ? { inProduction } : {}),
    ...(escalate.protected_branch ? { onProtectedBranch: escalate.protected_branch } : {}),
    ...(raw.when ? { when: { agent: (raw.when as { agent: string[] }).agent } } : {}),
    examples, file, line: lineOf(path),
  };
}

export function validatePrograms(value: unknown, path: Path, v: Validator): Record<string, ProgramSpec> {
  const out: Record<string, ProgramSpec> = {};
  if (value === undefined) return out;
  if (!isObject(value)) return v.error(path, "programs must be a mapping of program name to {valued, single_dash_long, precise}") ?? out;
  for (const [name, spec] of Object.entries(value)) {
    const raw = readMapping(v, spec, [...path, name], PROGRAM_ROWS, "program");
    if (!raw) continue;
    out[name] = { valued: list(raw.valued), singleDashLong: raw.single_dash_long === true, ...(raw.precise === true ? { precise: true } : {}) };
  }
  return out;
}

export function validatePack(value: unknown, path: Path, fallbackName: string, v: Validator): PackInfo {
  const fallback: PackInfo = { name: fallbackName, description: "", enabledByDefault: true };
  if (value === undefined) return fallback;
  const raw = readMapping(v, value, path, PACK_ROWS, "pack");
  if (!raw) return fallback;
  const name = (raw.name as string | undefined) ?? fallbackName;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) v.error([...path, "name"], "a pack name is lowercase words joined by -");
  return { name, description: (raw.description as string | undefined) ?? "", enabledByDefault: raw.enabled_by_default !== false };
}

export { Validator };
