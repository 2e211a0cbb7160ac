// Re-validates a cached parse before use, rule by rule as a check reads it: the cache directory is a file the agent's user can write, so its JSON is checked like input.
import type { Rule, RuleFile } from "./types";
import { ACTIONS, SEVERITIES } from "../core/action";

const ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const strings = (v: unknown): boolean => Array.isArray(v) && v.every(isString);
const stringLists = (v: unknown): boolean => Array.isArray(v) && v.every(strings);
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
const action = (v: unknown): boolean => ACTIONS.includes(v as never);

function argPatterns(v: unknown): boolean {
  return Array.isArray(v) && v.every((p) => isObject(p) && Object.keys(p).length === 1 && ["glob", "class", "last", "first"].includes(Object.keys(p)[0]) && isString(Object.values(p)[0]));
}

function envPatterns(v: unknown): boolean {
  return Array.isArray(v) && v.every((p) => isObject(p) && isString(p.name) && optional(p.glob, isString));
}

function http(v: unknown): boolean {
  if (!isObject(v)) return false;
  return ["hosts", "methods", "paths", "mutations", "deletes"].every((k) => strings(v[k])) && ["anyMutation", "bodyUnknown", "authenticated", "writes"].every((k) => typeof v[k] === "boolean");
}

function matcher(m: unknown): boolean {
  if (!isObject(m)) return false;
  const flags = m.flags as Record<string, unknown>;
  const args = m.args as Record<string, unknown>;
  return strings(m.programs) && stringLists(m.subcommand)
    && isObject(flags) && stringLists(flags.all) && stringLists(flags.any) && stringLists(flags.none)
    && isObject(args) && argPatterns(args.any) && argPatterns(args.none)
    && envPatterns(m.env) && envPatterns(m.inlineEnv) && strings(m.sql) && strings(m.stdout) && strings(m.redirectTo) && strings(m.redirectFrom)
    && typeof m.autoConfirmed === "boolean" && typeof m.noArgs === "boolean" && typeof m.tokenFromFile === "boolean" && optional(m.redirectFromSecret, (x) => typeof x === "boolean")
    && optional(m.http, http)
    && optional(m.refspec, (r) => isObject(r) && Object.values(r).every((x) => typeof x === "boolean"));
}

function rule(r: unknown): boolean {
  if (!isObject(r)) return false;
  // A cached rule never carries config (`configured`): that is applied after loading, every time.
  if ("configured" in r) return false;
  return isString(r.id) && ID.test(r.id) && action(r.action) && SEVERITIES.includes(r.severity as never)
    && isString(r.message) && isString(r.why) && isString(r.instead) && isString(r.file) && Number.isInteger(r.line)
    && optional(r.inProduction, action) && optional(r.when, (w) => isObject(w) && strings(w.agent))
    && optional(r.target, (t) => isObject(t) && optional(t.option, strings) && optional(t.arg, Number.isInteger))
    && isObject(r.examples) && Array.isArray(r.examples.match) && Array.isArray(r.examples.not_match)
    && optional(r.onProtectedBranch, action)
    && matcher(r.match) && optional(r.variants, (list) => Array.isArray(list) && list.length > 0 && list.every(matcher));
}

/** A cached rule of `file` if it has exactly the shape a fresh parse produces; otherwise undefined (parse again). */
export function checkedRule(value: unknown, file: string): Rule | undefined {
  return rule(value) && (value as Record<string, unknown>).file === file ? (value as unknown as Rule) : undefined;
}

/** A cached file's pack, program specs and notes, if they have the shape a fresh parse of `file` produces. */
export function checkedFileMeta(value: unknown, file: string): value is Omit<RuleFile, "rules" | "digest"> {
  if (!isObject(value) || value.file !== file || !isObject(value.programs) || !isObject(value.pack) || "digest" in value || "rules" in value) return false;
  const pack = value.pack;
  if (!isString(pack.name) || !isString(pack.description) || typeof pack.enabledByDefault !== "boolean") return false;
  if (!optional(value.notes, (n) => Array.isArray(n) && n.every((x) => isObject(x) && Number.isInteger(x.line) && isString(x.message)))) return false;
  return Object.values(value.programs).every((p) => isObject(p) && strings(p.valued) && typeof p.singleDashLong === "boolean" && optional(p.precise, (x) => typeof x === "boolean"));
}
