// Checks a parsed rule file's shape and turns it into typed rules, with a path to every error.
import { type ArgPattern, type EnvPattern, type Example, type FlagGroup, type Matcher, type HttpMatcher, type PackInfo, type Rule, type TargetSpec } from "./types";
import { type ProgramSpec } from "../shell/program-args";
import { ACTIONS, SEVERITIES, type Action, type Severity } from "../core/action";
import { ARG_CLASSES } from "./targets";
import { SQL_KINDS } from "./sql-kinds";

export type Path = (string | number)[];

export interface ValidationError {
  path: Path;
  message: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const RULE_KEYS = new Set(["id", "action", "severity", "message", "why", "instead", "match", "target", "in_production", "when", "examples"]);
const MATCH_KEYS = new Set(["program", "subcommand", "flags", "args", "env", "inline_env", "sql", "auto_confirmed", "http", "stdout", "no_args", "token_from_file", "redirect_to", "redirect_from", "destroying_verb"]);

/** Globs from rule files run against command text: keep them short and simple so matching stays linear. */
const MAX_GLOB_LENGTH = 256;
const MAX_GLOB_STARS = 8;

class Validator {
  readonly errors: ValidationError[] = [];

  error(path: Path, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value !== "string" || value.trim() === "") return this.error(path, `${what} must be a non-empty string`);
    return value;
  }

  stringList(value: unknown, path: Path, what: string): string[] | undefined {
    if (typeof value === "string") return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
      return this.error(path, `${what} must be a string or a list of strings`);
    }
    return value as string[];
  }

  glob(value: string, path: Path): string | undefined {
    if (value.length > MAX_GLOB_LENGTH) return this.error(path, `glob is longer than ${MAX_GLOB_LENGTH} characters`);
    if ((value.match(/\*/g) ?? []).length > MAX_GLOB_STARS) return this.error(path, `glob has more than ${MAX_GLOB_STARS} stars`);
    // Extglob and brace sets can nest without bound; rule globs do not need them.
    if (/[@!+?*]\(|\{/.test(value)) return this.error(path, "glob may not use extglob `(…)` or brace `{…}` patterns");
    return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flagGroups(v: Validator, value: unknown, path: Path): FlagGroup[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return v.error(path, "must be a list of flags, each a string or a list of alternatives") ?? [];
  return value.flatMap((item, i) => {
    const group = v.stringList(item, [...path, i], "a flag");
    if (!group) return [];
    for (const flag of group) if (!flag.startsWith("-")) v.error([...path, i], `flag \`${flag}\` must start with -`);
    return [group];
  });
}

function argPatterns(v: Validator, value: unknown, path: Path): ArgPattern[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return v.error(path, "must be a list of globs or {class: NAME}") ?? [];
  return value.flatMap((item, i): ArgPattern[] => {
    const at = [...path, i];
    if (typeof item === "string") {
      const glob = v.glob(item, at);
      return glob ? [{ glob }] : [];
    }
    if (isObject(item) && typeof item.last === "string") {
      const glob = v.glob(item.last, at);
      return glob ? [{ last: glob }] : [];
    }
    if (isObject(item) && typeof item.first === "string") {
      const glob = v.glob(item.first, at);
      return glob ? [{ first: glob }] : [];
    }
    if (isObject(item) && typeof item.class === "string") {
      if (!Object.prototype.hasOwnProperty.call(ARG_CLASSES, item.class)) {
        v.error(at, `unknown target class \`${item.class}\` (known: ${Object.keys(ARG_CLASSES).join(", ")})`);
        return [];
      }
      return [{ class: item.class }];
    }
    v.error(at, "must be a glob string, {last: GLOB} (the last argument only) or {class: NAME}");
    return [];
  });
}

function envPatterns(v: Validator, value: unknown, path: Path): EnvPattern[] {
  const list = value === undefined ? [] : v.stringList(value, path, "env");
  return (list ?? []).flatMap((entry, i) => {
    const m = /^([A-Za-z_*][A-Za-z0-9_*]*)(?:=(.*))?$/.exec(entry);
    if (!m) return v.error([...path, i], "env entries are NAME (a glob: GUARD_*) or NAME=glob") ?? [];
    return [m[2] === undefined ? { name: m[1] } : { name: m[1], glob: m[2] }];
  });
}

const HTTP_KEYS = ["hosts", "methods", "paths", "ports", "body_contains", "graphql_mutations", "graphql_mutation", "body_unknown", "authenticated", "writes"];

function httpMatcher(v: Validator, value: unknown, path: Path): HttpMatcher | undefined {
  if (!isObject(value)) return v.error(path, `http must be a mapping of ${HTTP_KEYS.join(", ")}`);
  for (const key of Object.keys(value)) if (!HTTP_KEYS.includes(key)) v.error([...path, key], `unknown http key \`${key}\``);
  const list = (key: string) => (value[key] === undefined ? [] : v.stringList(value[key], [...path, key], key) ?? []);
  const flag = (key: string) => {
    if (value[key] !== undefined && typeof value[key] !== "boolean") v.error([...path, key], `${key} must be true or false`);
    return value[key] === true;
  };
  const hosts = list("hosts");
  const paths = list("paths");
  for (const [i, glob] of [...hosts, ...paths].entries()) v.glob(glob, [...path, i < hosts.length ? "hosts" : "paths"]);
  const ports = (value.ports === undefined ? [] : Array.isArray(value.ports) ? value.ports : [value.ports]).filter((p) => {
    const ok = Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536;
    if (!ok) v.error([...path, "ports"], "ports must be port numbers");
    return ok;
  }) as number[];
  return {
    hosts, paths, ports,
    bodyContains: list("body_contains").map((t) => t.toLowerCase()),
    methods: list("methods").map((m) => m.toUpperCase()),
    mutations: list("graphql_mutations"),
    anyMutation: flag("graphql_mutation"),
    bodyUnknown: flag("body_unknown"),
    authenticated: flag("authenticated"),
    writes: flag("writes"),
  };
}

function boolean(v: Validator, value: unknown, path: Path): boolean {
  if (value !== undefined && typeof value !== "boolean") v.error(path, "must be true or false");
  return value === true;
}

function stdoutTargets(v: Validator, value: unknown, path: Path): ("piped" | "redirected")[] {
  const list = value === undefined ? [] : v.stringList(value, path, "stdout") ?? [];
  for (const item of list) if (item !== "piped" && item !== "redirected") v.error(path, "stdout takes piped and redirected");
  return list.filter((x): x is "piped" | "redirected" => x === "piped" || x === "redirected");
}

function matcher(v: Validator, value: unknown, path: Path): Matcher | undefined {
  if (!isObject(value)) return v.error(path, "match must be a mapping");
  for (const key of Object.keys(value)) if (!MATCH_KEYS.has(key)) v.error([...path, key], `unknown matcher key \`${key}\``);
  const programs = value.program === undefined ? [] : v.stringList(value.program, [...path, "program"], "program") ?? [];
  const subcommand = value.subcommand === undefined ? [] : Array.isArray(value.subcommand)
    ? value.subcommand.flatMap((step, i) => {
      const alts = v.stringList(step, [...path, "subcommand", i], "a subcommand step");
      return alts ? [alts] : [];
    })
    : v.error([...path, "subcommand"], "subcommand must be a list of steps") ?? [];
  const flags = { all: [] as FlagGroup[], any: [] as FlagGroup[], none: [] as FlagGroup[] };
  if (Array.isArray(value.flags)) flags.all = flagGroups(v, value.flags, [...path, "flags"]);
  else if (isObject(value.flags)) {
    for (const key of Object.keys(value.flags)) {
      if (key !== "all" && key !== "any" && key !== "none") v.error([...path, "flags", key], "flags takes all, any and none");
    }
    flags.all = flagGroups(v, value.flags.all, [...path, "flags", "all"]);
    flags.any = flagGroups(v, value.flags.any, [...path, "flags", "any"]);
    flags.none = flagGroups(v, value.flags.none, [...path, "flags", "none"]);
  } else if (value.flags !== undefined) v.error([...path, "flags"], "flags must be a list or {all, any, none}");
  const args = { any: [] as ArgPattern[], none: [] as ArgPattern[] };
  if (Array.isArray(value.args)) args.any = argPatterns(v, value.args, [...path, "args"]);
  else if (isObject(value.args)) {
    args.any = argPatterns(v, value.args.any, [...path, "args", "any"]);
    args.none = argPatterns(v, value.args.none, [...path, "args", "none"]);
  } else if (value.args !== undefined) v.error([...path, "args"], "args must be a list or {any, none}");
  const sql = value.sql === undefined ? [] : v.stringList(value.sql, [...path, "sql"], "sql") ?? [];
  for (const kind of sql) if (!SQL_KINDS.includes(kind)) v.error([...path, "sql"], `unknown SQL statement kind \`${kind}\` (known: ${SQL_KINDS.join(", ")})`);
  const http = value.http === undefined ? undefined : httpMatcher(v, value.http, [...path, "http"]);
  const redirectTo = value.redirect_to === undefined ? [] : v.stringList(value.redirect_to, [...path, "redirect_to"], "redirect_to") ?? [];
  for (const glob of redirectTo) v.glob(glob, [...path, "redirect_to"]);
  const redirectFrom = value.redirect_from === undefined ? [] : v.stringList(value.redirect_from, [...path, "redirect_from"], "redirect_from") ?? [];
  for (const glob of redirectFrom) v.glob(glob, [...path, "redirect_from"]);
  const destroyingVerb = boolean(v, value.destroying_verb, [...path, "destroying_verb"]);
  if (!programs.length && !sql.length && !http && !redirectTo.length && !redirectFrom.length && !destroyingVerb) {
    v.error(path, "a matcher needs a program, an sql, an http, a redirect or a destroying_verb condition");
  }
  if (value.auto_confirmed !== undefined) boolean(v, value.auto_confirmed, [...path, "auto_confirmed"]);
  return { programs, subcommand, flags, args, env: envPatterns(v, value.env, [...path, "env"]), sql, autoConfirmed: value.auto_confirmed === true, ...(http ? { http } : {}),
    inlineEnv: envPatterns(v, value.inline_env, [...path, "inline_env"]),
    stdout: stdoutTargets(v, value.stdout, [...path, "stdout"]),
    noArgs: boolean(v, value.no_args, [...path, "no_args"]),
    tokenFromFile: boolean(v, value.token_from_file, [...path, "token_from_file"]),
    redirectTo,
    redirectFrom,
    ...(destroyingVerb ? { destroyingVerb } : {}),
  };
}

function examples(v: Validator, value: unknown, path: Path, lineOf: (path: Path) => number): { match: Example[]; not_match: Example[] } {
  const out = { match: [] as Example[], not_match: [] as Example[] };
  if (!isObject(value)) {
    v.error(path, "examples are required: {match: [...], not_match: [...]}");
    return out;
  }
  for (const kind of ["match", "not_match"] as const) {
    const list = value[kind];
    if (!Array.isArray(list) || list.length === 0) {
      v.error([...path, kind], `examples.${kind} needs at least one command`);
      continue;
    }
    list.forEach((command, i) => {
      if (typeof command !== "string" || command === "") v.error([...path, kind, i], "an example is a command string");
      else out[kind].push({ command, line: lineOf([...path, kind, i]) });
    });
  }
  return out;
}

function targetSpec(v: Validator, value: unknown, path: Path): TargetSpec | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return v.error(path, "target must be {option: [flags]} or {arg: N}");
  if (value.option !== undefined) {
    const option = v.stringList(value.option, [...path, "option"], "target.option");
    return option ? { option } : undefined;
  }
  if (typeof value.arg === "number" && Number.isInteger(value.arg) && value.arg >= 0) return { arg: value.arg };
  return v.error(path, "target must be {option: [flags]} or {arg: N} with N >= 0");
}

export function validateRule(value: unknown, path: Path, file: string, lineOf: (path: Path) => number, v: Validator): Rule | undefined {
  if (!isObject(value)) return v.error(path, "a rule must be a mapping");
  for (const key of Object.keys(value)) if (!RULE_KEYS.has(key)) v.error([...path, key], `unknown rule key \`${key}\``);
  const id = v.string(value.id, [...path, "id"], "id");
  if (id && !ID_PATTERN.test(id)) v.error([...path, "id"], `id \`${id}\` must be namespaced lowercase words: family.rule-name`);
  const action = value.action as Action;
  if (!ACTIONS.includes(action)) v.error([...path, "action"], `action must be one of ${ACTIONS.join(", ")}`);
  const severity = value.severity as Severity;
  if (!SEVERITIES.includes(severity)) v.error([...path, "severity"], `severity must be one of ${SEVERITIES.join(", ")}`);
  const message = v.string(value.message, [...path, "message"], "message");
  const why = v.string(value.why, [...path, "why"], "why");
  const instead = v.string(value.instead, [...path, "instead"], "instead");
  const match = matcher(v, value.match, [...path, "match"]);
  const ex = examples(v, value.examples, [...path, "examples"], lineOf);
  const target = targetSpec(v, value.target, [...path, "target"]);
  let when: { agent: string[] } | undefined;
  if (value.when !== undefined) {
    const w = value.when as Record<string, unknown>;
    const agents = isObject(w) && Object.keys(w).every((k) => k === "agent") ? v.stringList(w.agent, [...path, "when", "agent"], "when.agent") : undefined;
    if (!agents) v.error([...path, "when"], "when must be {agent: [names]}");
    else when = { agent: agents };
  }
  const inProduction = value.in_production as Action | undefined;
  if (inProduction !== undefined && !ACTIONS.includes(inProduction)) v.error([...path, "in_production"], `in_production must be one of ${ACTIONS.join(", ")}`);
  if (!id || !message || !why || !instead || !match) return undefined;
  return {
    id, action, severity, message, why, instead, match,
    ...(target ? { target } : {}),
    ...(inProduction ? { inProduction } : {}),
    ...(when ? { when } : {}),
    examples: ex, file, line: lineOf(path),
  };
}

export function validatePrograms(value: unknown, path: Path, v: Validator): Record<string, ProgramSpec> {
  const out: Record<string, ProgramSpec> = {};
  if (value === undefined) return out;
  if (!isObject(value)) return v.error(path, "programs must be a mapping of program name to {valued, single_dash_long}") ?? out;
  for (const [name, spec] of Object.entries(value)) {
    const at = [...path, name];
    if (!isObject(spec)) {
      v.error(at, "a program spec must be a mapping");
      continue;
    }
    for (const key of Object.keys(spec)) {
      if (!["valued", "single_dash_long", "precise"].includes(key)) v.error([...at, key], `unknown program key \`${key}\``);
    }
    const valued = spec.valued === undefined ? [] : v.stringList(spec.valued, [...at, "valued"], "valued") ?? [];
    out[name] = { valued, singleDashLong: spec.single_dash_long === true, ...(spec.precise === true ? { precise: true } : {}) };
  }
  return out;
}

export function validatePack(value: unknown, path: Path, fallbackName: string, v: Validator): PackInfo {
  const fallback: PackInfo = { name: fallbackName, description: "", enabledByDefault: true };
  if (value === undefined) return fallback;
  if (!isObject(value)) return v.error(path, "pack must be {name, description, enabled_by_default}") ?? fallback;
  for (const key of Object.keys(value)) {
    if (!["name", "description", "enabled_by_default"].includes(key)) v.error([...path, key], `unknown pack key \`${key}\``);
  }
  const name = value.name === undefined ? fallbackName : v.string(value.name, [...path, "name"], "pack name") ?? fallbackName;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) v.error([...path, "name"], "a pack name is lowercase words joined by -");
  const description = value.description === undefined ? "" : v.string(value.description, [...path, "description"], "pack description") ?? "";
  if (value.enabled_by_default !== undefined && typeof value.enabled_by_default !== "boolean") v.error([...path, "enabled_by_default"], "enabled_by_default must be true or false");
  return { name, description, enabledByDefault: value.enabled_by_default !== false };
}

export { Validator };
