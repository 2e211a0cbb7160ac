// Pieces the config key rows share, so each row states only what is its own: a choice of words, a mapping, a list only the user may set, a setting only the user file changes.
import type { Settings } from "./settings";
import { isMapping, strings, type ConfigKey, type LayerSettings, type ParseAt } from "./key-table";

/** `a | b | c`: the type column of a key whose value is one of `values`. */
export function choiceType(values: readonly string[]): string {
  return values.join(" | ");
}

/** The value when it is one of `values`; else undefined, with `KEY must be a, b or c` reported. */
export function choice<T extends string>(value: unknown, key: string, values: readonly T[], errors: string[]): T | undefined {
  if (values.includes(value as T)) return value as T;
  errors.push(`${key} must be ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`);
  return undefined;
}

/** The value when it is a mapping; else undefined, with `message` reported. */
export function mapping(value: unknown, message: string, errors: string[]): Record<string, unknown> | undefined {
  if (isMapping(value)) return value;
  errors.push(message);
  return undefined;
}

/** A list of strings that loosens guard (`loosens` says what), so the project file may not set it: refused there when not empty. */
export function userOnlyList(value: unknown, key: string, loosens: string, { layer, errors }: ParseAt): string[] | undefined {
  const list = strings(value, key, errors);
  if (!list?.length || layer !== "project") return list;
  errors.push(`${key} is not allowed in the project file (it loosens ${loosens}); put it in your user config`);
  return undefined;
}

/** Folds for userThenPolicy: the layer's value takes the current one's place, or its entries go over the current ones. */
export const replaceWith = <T>(_current: T, value: T): T => value;
export const overlay = <T extends object>(current: T, value: Partial<T>): T => ({ ...current, ...value });

type Field = keyof Settings & keyof LayerSettings;
type Fold<F extends Field> = (current: Settings[F], value: NonNullable<LayerSettings[F]>) => Settings[F];

/**
 * `combine` and `floor` for a setting only the user file changes (a project's value has no effect) and the system
 * policy sets over everything: `user` and `policy` fold a layer's value into the current one; `sub` is the entry
 * provenance names, if not the whole key.
 */
export function userThenPolicy<F extends Field>(field: F, user: Fold<F>, policy: Fold<F>, sub?: string): Pick<ConfigKey, "combine" | "floor"> {
  return {
    combine(out, s, layer, mark) {
      const value = s[field];
      if (layer !== "user" || value === undefined) return;
      out[field] = user(out[field], value as NonNullable<LayerSettings[F]>);
      mark(sub);
    },
    floor(out, policySettings, mark) {
      const value = policySettings[field];
      if (value === undefined) return;
      out[field] = policy(out[field], value as NonNullable<LayerSettings[F]>);
      mark(sub);
    },
  };
}
