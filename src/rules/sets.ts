// Named sets of a rule file (`sets: {infra-hosts: [...]}`): a list entry `@NAME` stands for the set's members, `!@NAME` for each of them excluded.
import { isObject } from "./key-types";
import type { Path, Validator } from "./validator";

/** The matcher lists a set may stand in: program names, http hosts, redirect globs. */
const SET_LISTS = new Set(["program", "hosts", "redirect_to", "redirect_from"]);
const NAME = /^[a-z0-9][a-z0-9-]*$/;

export function readSets(v: Validator, value: unknown, path: Path): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  if (value === undefined) return sets;
  if (!isObject(value)) {
    v.error(path, "sets must map a set name to a list of strings");
    return sets;
  }
  for (const [name, members] of Object.entries(value)) {
    if (!NAME.test(name)) v.error([...path, name], "a set name is lowercase words joined by -");
    const list = v.stringList(members, [...path, name], "a set");
    if (list?.some((m) => m.startsWith("@") || m.startsWith("!@"))) v.error([...path, name], "a set lists values, not other sets");
    else if (list) sets.set(name, list);
  }
  return sets;
}

function expand(v: Validator, list: unknown[], path: Path, sets: Map<string, string[]>): unknown[] {
  return list.flatMap((item, i) => {
    if (typeof item !== "string") return [item];
    const m = /^(!?)@(.+)$/.exec(item);
    if (!m) return [item];
    const members = sets.get(m[2]);
    if (!members) return v.error([...path, i], `unknown set \`${m[2]}\` (define it under sets: at the top of the file)`) ?? [];
    return members.map((member) => `${m[1]}${member}`);
  });
}

/** The rules with every `@NAME` in a list that may hold one replaced by the set's members. */
export function withSets(v: Validator, value: unknown, path: Path, sets: Map<string, string[]>): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withSets(v, item, [...path, i], sets));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => {
    const at = [...path, key];
    if (SET_LISTS.has(key) && (Array.isArray(item) || typeof item === "string")) return [key, expand(v, Array.isArray(item) ? item : [item], at, sets)];
    return [key, withSets(v, item, at, sets)];
  }));
}
