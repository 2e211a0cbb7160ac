// The value types a rule-file key can have: each one's JSON Schema, its reader (with an error path for every mistake) and its name in the docs.
import type { Path, Validator } from "./validator";

export type Schema = Record<string, unknown>;

export interface KeyType<T = unknown> {
  /** How the docs name the type: "a name or a list". */
  summary: string;
  schema: Schema;
  /** Reads a present value; undefined after recording an error. */
  read(v: Validator, value: unknown, path: Path): T | undefined;
}

/** One key of a mapping in a rule file: the single source for validation, rules/schema.json and the docs. */
export interface KeyRow {
  key: string;
  type: KeyType;
  /** Markdown for docs/writing-rules.md; its first sentence is the schema description. */
  doc: string;
  required?: boolean;
  /** An older spelling still read from user files, with a note saying what to write instead. */
  deprecated?: string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first sentence of a row's doc, without markdown, for schema descriptions. */
export function firstSentence(doc: string): string {
  const plain = doc.replace(/\s+/g, " ").trim();
  const end = plain.search(/\.(\s|$)/);
  return end >= 0 ? plain.slice(0, end + 1) : plain;
}

const NON_EMPTY = { type: "string", minLength: 1 };

export const stringType: KeyType<string> = {
  summary: "text",
  schema: NON_EMPTY,
  read: (v, value, path) => v.string(value, path, "the value"),
};

export const booleanType: KeyType<boolean> = {
  summary: "true or false",
  schema: { type: "boolean" },
  read: (v, value, path) => (typeof value === "boolean" ? value : v.error(path, "must be true or false")),
};

/** A name or a list of names: a single string is a list of one. */
export const stringsType: KeyType<string[]> = {
  summary: "a word or a list",
  schema: { $ref: "#/$defs/stringOrList" },
  read: (v, value, path) => v.stringList(value, path, "the value"),
};

export function enumType<T extends string>(name: string, values: readonly T[], many = false): KeyType<T | T[]> {
  return {
    summary: many ? `any of ${values.join(", ")}` : values.join(" | "),
    schema: many ? { oneOf: [{ enum: values }, { type: "array", items: { enum: values }, minItems: 1 }] } : { enum: values },
    read(v, value, path) {
      const list = many ? v.stringList(value, path, "the value") : typeof value === "string" ? [value] : v.error(path, `${name} must be one of ${values.join(", ")}`);
      if (!list) return undefined;
      const bad = list.find((x) => !values.includes(x as T));
      if (bad !== undefined) return v.error(path, many ? `unknown ${name} \`${bad}\` (known: ${values.join(", ")})` : `${name} must be one of ${values.join(", ")}`);
      return many ? (list as T[]) : (list[0] as T);
    },
  };
}

/** Globs from rule files run against command text: short and simple, so matching stays linear. */
export const globsType: KeyType<string[]> = {
  summary: "a glob or a list of globs",
  schema: { $ref: "#/$defs/globOrList" },
  read(v, value, path) {
    const list = v.stringList(value, path, "the value");
    if (!list) return undefined;
    const bad = list.filter((g) => v.glob(g, path) === undefined);
    return bad.length ? undefined : list;
  },
};

/** A mapping whose keys come from a table; unknown keys are errors, each present key is read by its row. */
export function mappingType(rows: readonly KeyRow[], noun: string, summary: string): KeyType<Record<string, unknown>> {
  let schema: Schema | undefined;
  return {
    summary,
    // Built when first read: only the schema generator reads it, and building it for every table cost each check about a millisecond.
    get schema() {
      schema ??= mappingSchema(rows);
      return schema;
    },
    read: (v, value, path) => readMapping(v, value, path, rows, noun),
  };
}

export function mappingSchema(rows: readonly KeyRow[]): Schema {
  const required = rows.filter((r) => r.required).map((r) => r.key);
  return {
    type: "object",
    additionalProperties: false,
    ...(required.length ? { required } : {}),
    properties: Object.fromEntries(rows.map((r) => [r.key, { ...r.type.schema, description: firstSentence(r.doc), ...(r.deprecated ? { deprecated: true } : {}) }])),
  };
}

/** Reads the keys of a mapping by its rows: present keys only, in the row's type. */
export function readMapping(v: Validator, value: unknown, path: Path, rows: readonly KeyRow[], noun: string): Record<string, unknown> | undefined {
  if (!isObject(value)) return v.error(path, `${noun} must be a mapping of ${rows.map((r) => r.key).join(", ")}`);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const row = byKey.get(key);
    if (!row) {
      v.error([...path, key], `unknown ${noun} key \`${key}\` (expected ${rows.map((r) => r.key).join(", ")})`);
      continue;
    }
    if (item === undefined || item === null) {
      v.error([...path, key], `\`${key}\` has no value`);
      continue;
    }
    if (row.deprecated) v.note([...path, key], row.deprecated);
    const read = row.type.read(v, item, [...path, key]);
    if (read !== undefined) out[key] = read;
  }
  for (const row of rows) if (row.required && value[row.key] === undefined) v.error([...path, row.key], `missing \`${row.key}\`: ${row.type.summary}`);
  return out;
}
