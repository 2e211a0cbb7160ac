// Generates rules/schema.json and the key reference in docs/writing-rules.md from the grammar table, so neither can drift from what the loader reads.
import { firstSentence, mappingSchema, type KeyRow } from "./key-types";
import { KEY_TABLES, MATCH_ROWS, PACK_ROWS, PROGRAM_ROWS, RULE_ROWS } from "./keys";
import { ARG_CLASSES } from "./targets";
import { MAX_GLOB_LENGTH } from "./validator";

const GLOB = { type: "string", minLength: 1, maxLength: MAX_GLOB_LENGTH };
const FLAG = { type: "string", pattern: "^-" };

/** The JSON Schema of a rule file, for editors: every key and description comes from the table. */
export function ruleFileSchema(): Record<string, unknown> {
  const rule = mappingSchema(RULE_ROWS);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://guard.dev/schema/rules.json",
    title: "guard rule file",
    description: "A guard rule file: a list of rules, or {pack, programs, rules}. Generated from src/rules/keys.ts; validate with `guard test FILE`.",
    oneOf: [
      { $ref: "#/$defs/ruleList" },
      {
        type: "object",
        additionalProperties: false,
        properties: {
          pack: { ...mappingSchema(PACK_ROWS), description: "The pack this file is: rules switched on or off together." },
          programs: { type: "object", description: "How programs parse their options, so flags and subcommands are found in every spelling.", additionalProperties: mappingSchema(PROGRAM_ROWS) },
          sets: { type: "object", description: "Named sets: @NAME in a program, hosts or redirect list stands for the members, !@NAME excludes them.", additionalProperties: { $ref: "#/$defs/stringOrList" } },
          rules: { $ref: "#/$defs/ruleList" },
        },
      },
    ],
    $defs: {
      ruleList: { type: "array", items: { $ref: "#/$defs/rule" } },
      stringOrList: { oneOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 }] },
      globOrList: { oneOf: [GLOB, { type: "array", items: GLOB, minItems: 1 }] },
      flagGroups: {
        type: "array",
        description: "Each entry is a flag, or a list of spellings of the same flag ([-r, -R, --recursive]).",
        items: { oneOf: [FLAG, { type: "array", items: FLAG, minItems: 1 }] },
      },
      argPatterns: {
        type: "array",
        items: {
          oneOf: [
            { ...GLOB, description: "A case-insensitive glob over a positional argument." },
            { type: "object", additionalProperties: false, required: ["class"], properties: { class: { enum: Object.keys(ARG_CLASSES) } } },
            { type: "object", additionalProperties: false, required: ["last"], properties: { last: { ...GLOB, description: "A glob over the last positional argument only (a destination)." } } },
            { type: "object", additionalProperties: false, required: ["first"], properties: { first: { ...GLOB, description: "A glob over the first positional argument only (a source)." } } },
          ],
        },
      },
      match: mappingSchema(MATCH_ROWS),
      rule: {
        ...rule,
        properties: { ...(rule.properties as Record<string, unknown>), match: { $ref: "#/$defs/match", description: firstSentence(RULE_ROWS.find((r) => r.key === "match")!.doc) } },
        oneOf: [{ required: ["match"] }, { required: ["any_of"] }],
      },
    },
  };
}

function rowLine(row: KeyRow): string {
  const flags = [row.required ? "required" : "", row.deprecated ? "deprecated" : ""].filter(Boolean).join(", ");
  return `- \`${row.key}\` (${row.type.summary}${flags ? `; ${flags}` : ""}): ${row.doc}`;
}

export const KEY_REFERENCE_START = "<!-- key reference: generated from src/rules/keys.ts by `npm run docs` -->";
export const KEY_REFERENCE_END = "<!-- end of key reference -->";

/** The key reference section of docs/writing-rules.md, markers included. */
export function keyReference(): string {
  const parts = KEY_TABLES.map((t) => `**${t.heading}**\n\n${t.rows.map(rowLine).join("\n")}`);
  return `${KEY_REFERENCE_START}\n\n${parts.join("\n\n")}\n\n${KEY_REFERENCE_END}`;
}

/** `text` with its key reference section replaced by the generated one; undefined when the markers are missing. */
export function withKeyReference(text: string): string | undefined {
  const start = text.indexOf(KEY_REFERENCE_START);
  const end = text.indexOf(KEY_REFERENCE_END);
  if (start < 0 || end < start) return undefined;
  return text.slice(0, start) + keyReference() + text.slice(end + KEY_REFERENCE_END.length);
}
